/**
 * A record as Amazon Athena answers it from AWS's CloudTrail table, simulated: a record query's row (each of
 * CLOUDTRAIL_COLUMNS as text, JSON text, or a struct selected as JSON text with lowercase keys and a null for
 * every struct field the record lacks), and the record as far as the table keeps it.
 */
import { CLOUDTRAIL_COLUMNS, NESTED_KEYS } from '../../common/cloudtrailColumns';
import type { CloudTrailRecord } from './generateLog';

const KNOWN = new Set(NESTED_KEYS);
const KNOWN_LOWER = [...new Set(NESTED_KEYS.map((key) => key.toLowerCase()))];
/** Maps, whose keys are the record's own (the table declares map<string,string>). */
const MAPS = new Set(['webIdFederationData.attributes']);

/** A struct as a JSON cast gives it: lowercase keys, fields the table does not declare gone, absent fields null. */
function asStruct(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((item) => asStruct(item, name));
  if (value === null || typeof value !== 'object') return value;
  const struct: Record<string, unknown> = {};
  for (const key of KNOWN_LOWER) struct[key] = null;
  for (const [key, inner] of Object.entries(value as CloudTrailRecord)) {
    if (!KNOWN.has(key)) continue;
    struct[key.toLowerCase()] = MAPS.has(`${name}.${key}`) ? inner : asStruct(inner, key);
  }
  return struct;
}

/** The record's row: a cell for each column in the table's order, undefined for NULL. */
export function athenaRow(record: CloudTrailRecord): (string | undefined)[] {
  return CLOUDTRAIL_COLUMNS.map(({ field, kind }) => {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    if (kind === 'nested') return JSON.stringify(asStruct(value, field));
    if (kind === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
    return String(value);
  });
}

/** The column names of a record query's answer. */
export const RECORD_COLUMNS = CLOUDTRAIL_COLUMNS.map((c) => c.column);

function kept(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((item) => kept(item, name));
  if (value === null || typeof value !== 'object') return value;
  const out: CloudTrailRecord = {};
  for (const [key, inner] of Object.entries(value as CloudTrailRecord)) {
    if (KNOWN.has(key) && inner !== null) out[key] = MAPS.has(`${name}.${key}`) ? inner : kept(inner, key);
  }
  return out;
}

/** The record as the table keeps it: its columns' fields that are not null, and the declared struct fields. */
export function tableRecord(record: CloudTrailRecord): CloudTrailRecord {
  const out: CloudTrailRecord = {};
  for (const { field, kind } of CLOUDTRAIL_COLUMNS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    out[field] = kind === 'nested' ? kept(value, field) : value;
  }
  return out;
}
