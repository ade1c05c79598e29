/**
 * A record as Amazon Athena answers it from AWS's CloudTrail table, simulated: a record query's row (each of
 * CLOUDTRAIL_COLUMNS as text, JSON text, or a struct selected as JSON text with lowercase keys and a null for
 * every struct field the record lacks), and the record as far as the table keeps it.
 */
import { ATHENA_COLUMN_TYPES, type ColumnType } from '../../common/athenaTable';
import { CLOUDTRAIL_COLUMNS } from '../../common/cloudtrailColumns';
import type { CloudTrailRecord } from './generateLog';

const TYPES = new Map(ATHENA_COLUMN_TYPES.map((c) => [c.column, c.type]));

/** The record's key that a struct's declared (lowercase) field reads: the JSON SerDe matches keys in any case. */
function ownKey(value: CloudTrailRecord, declared: string): string | undefined {
  return Object.keys(value).find((key) => key.toLowerCase() === declared);
}

/** A value as a JSON cast of its column gives it: a struct's declared fields in lowercase, null when absent, others gone. */
function asStruct(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'string') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if ('map' in type) return value;
  if ('array' in type) return Array.isArray(value) ? value.map((item) => asStruct(item, type.array)) : null;
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const struct: Record<string, unknown> = {};
  for (const [declared, inner] of Object.entries(type.struct)) {
    const key = ownKey(value as CloudTrailRecord, declared);
    struct[declared] = key === undefined ? null : asStruct((value as CloudTrailRecord)[key], inner);
  }
  return struct;
}

/** The record's row: a cell for each column in the table's order, undefined for NULL. */
export function athenaRow(record: CloudTrailRecord): (string | undefined)[] {
  return CLOUDTRAIL_COLUMNS.map(({ field, kind }) => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (kind === 'nested') return JSON.stringify(asStruct(value, TYPES.get(field.toLowerCase())!));
    if (kind === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
    return String(value);
  });
}

/** The column names of a record query's answer. */
export const RECORD_COLUMNS = CLOUDTRAIL_COLUMNS.map((c) => c.column);

/** What the table keeps of a value of its column's type: a struct's declared fields that are not null, in the record's spelling. */
function kept(value: unknown, type: ColumnType): unknown {
  if (type === 'string' || 'map' in type) return value;
  if ('array' in type) return Array.isArray(value) ? value.map((item) => kept(item, type.array)) : value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: CloudTrailRecord = {};
  for (const [declared, inner] of Object.entries(type.struct)) {
    const key = ownKey(value as CloudTrailRecord, declared);
    const field = key === undefined ? undefined : (value as CloudTrailRecord)[key];
    if (key !== undefined && field !== null && field !== undefined) out[key] = kept(field, inner);
  }
  return out;
}

/** The record as the table keeps it: its columns' fields that are not null, and the declared struct fields. */
export function tableRecord(record: CloudTrailRecord): CloudTrailRecord {
  const out: CloudTrailRecord = {};
  for (const { field, kind } of CLOUDTRAIL_COLUMNS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    out[field] = kind === 'nested' ? kept(value, TYPES.get(field.toLowerCase())!) : value;
  }
  return out;
}
