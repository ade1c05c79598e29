/**
 * An answer's rows back into CloudTrail records. A record query selects CLOUDTRAIL_COLUMNS by name: text
 * columns as text, `json` columns as the JSON text the table holds, `nested` columns (structs and arrays) as
 * JSON text whose keys are the table's lowercase names. Each row becomes the record CloudTrail wrote, as far
 * as the table keeps it: the record's field names, nested keys in the record's spelling (NESTED_KEYS), JSON
 * text parsed, and what the table holds as null left out. No `vscode` here, so plain Node tests reach it.
 */
import { CLOUDTRAIL_COLUMNS, type CloudTrailColumn, NESTED_KEYS } from '../../../common/cloudtrailColumns';

export type CloudTrailRecord = Record<string, unknown>;

/** An answer's cell: its text, or undefined for SQL NULL (Athena's Datum without a VarCharValue). */
export type Cell = string | undefined;

const BY_COLUMN = new Map(CLOUDTRAIL_COLUMNS.map((c) => [c.column, c]));

/** CloudTrail writes these as JSON booleans; the table holds them as the text "true" or "false". */
const BOOLEAN_FIELDS = new Set(['readOnly']);

/** The record's spelling of each lowercase nested key; `arn` stays lowercase except inside `resources`. */
const SPELLING = new Map<string, string>();
for (const key of NESTED_KEYS) if (!SPELLING.has(key.toLowerCase())) SPELLING.set(key.toLowerCase(), key);
const RESOURCE_SPELLING = new Map(NESTED_KEYS.filter((key) => key === key.toUpperCase()).map((key) => [key.toLowerCase(), key]));

/**
 * Maps whose keys are data, not struct fields, as `parent.field`: the table keeps their keys as the record
 * wrote them (userIdentity.sessionContext.webIdFederationData.attributes).
 */
const MAP_FIELDS = new Set(['webIdFederationData.attributes']);

/** The CloudTrail column each of an answer's columns is, by name (any case); undefined for one that is none. */
export function recordColumns(names: readonly string[]): (CloudTrailColumn | undefined)[] {
  return names.map((name) => BY_COLUMN.get(name.toLowerCase()));
}

/** Whether an answer with these columns holds records: every column is one of the table's, and none twice. */
export function holdsRecords(names: readonly string[]): boolean {
  const columns = recordColumns(names);
  return columns.length > 0 && columns.every(Boolean) && new Set(columns).size === columns.length;
}

/** One row of a record query as the record it was; the columns are the answer's, in its order. */
export function recordFromRow(columns: readonly (CloudTrailColumn | undefined)[], cells: readonly Cell[]): CloudTrailRecord {
  const record: CloudTrailRecord = {};
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (!column || cell === undefined) return;
    const value = cellValue(column, cell);
    if (value !== null && value !== undefined) record[column.field] = value;
  });
  return record;
}

function cellValue(column: CloudTrailColumn, cell: string): unknown {
  switch (column.kind) {
    case 'text':
      return BOOLEAN_FIELDS.has(column.field) && (cell === 'true' || cell === 'false') ? cell === 'true' : cell;
    case 'json':
      // The table holds what the record wrote; text that is not JSON (a service's plain sentence) stays text.
      return parseOr(cell, cell);
    case 'nested':
      // Text that is not JSON (a query that did not select it as JSON) is kept as it came, not lost.
      return restoreKeys(parseOr(cell, cell), column.field, column.field);
  }
}

function parseOr(text: string, otherwise: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return otherwise;
  }
}

/**
 * A nested value (named `name` in its parent) with the record's key spellings, and without the nulls the
 * table gives the struct fields the record did not have.
 */
function restoreKeys(value: unknown, column: string, name: string): unknown {
  if (Array.isArray(value)) return value.map((item) => restoreKeys(item, column, name)).filter((item) => item !== null);
  if (value === null || typeof value !== 'object') return value;
  const restored: [string, unknown][] = [];
  for (const [key, inner] of Object.entries(value as CloudTrailRecord)) {
    if (inner === null) continue;
    const field = spelling(key, column);
    restored.push([field, MAP_FIELDS.has(`${name}.${field}`) ? inner : restoreKeys(inner, column, field)]);
  }
  // Own properties, whatever the keys (a map's are the log's: `__proto__` is one like any other).
  return Object.fromEntries(restored);
}

function spelling(key: string, column: string): string {
  const lower = key.toLowerCase();
  return (column === 'resources' ? RESOURCE_SPELLING.get(lower) : undefined) ?? SPELLING.get(lower) ?? key;
}
