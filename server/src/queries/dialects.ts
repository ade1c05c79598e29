/**
 * The three SQL dialects as data: Athena and CloudTrail Lake speak Trino, DuckDB its own, and each keeps the
 * record's fields in its own table. What differs between them is here; renderSql.ts writes the rest once.
 */
import { ATHENA_COLUMN_TYPES, type ColumnType } from '../../../common/athenaTable';
import { CLOUDTRAIL_COLUMNS } from '../../../common/cloudtrailColumns';
import type { SqlDialect } from '../../../common/protocol';
import { sqlString } from './sqlText';

export type { SqlDialect };

/** How a table keeps one of the record's top-level fields. */
export type Stored =
  | { readonly kind: 'text' }
  /** A string holding the field's JSON text. */
  | { readonly kind: 'json' }
  /** CloudTrail Lake's map of strings: each key's value as text, or as JSON text when it is an object or array. */
  | { readonly kind: 'map' }
  /** A struct, or an array of structs. */
  | { readonly kind: 'nested'; readonly type: ColumnType }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'boolean' };

/** Function spellings: the engine's words for the same operations. */
export interface Functions {
  lambda(variable: string, body: string): string;
  filter(list: string, lambda: string): string;
  transform(list: string, lambda: string): string;
  flatten(list: string): string;
  size(list: string): string;
  array(items: readonly string[]): string;
  concatLists(a: string, b: string): string;
  /** The first element of a list, NULL when it is empty. */
  first(list: string): string;
  /** JSON text as a JSON value; NULL when it is not JSON. */
  parseJson(text: string): string;
  /** A member of a JSON value; NULL when absent or the value is no object. */
  jsonMember(value: string, key: string): string;
  isJsonArray(value: string): string;
  jsonElements(value: string): string;
  isJsonNull(value: string): string;
  /** A scalar's text, an object's or array's JSON text, NULL for JSON null. */
  jsonText(value: string): string;
  /** The string at a path of keys through objects in JSON text; NULL when absent or not a string. */
  jsonStringAt(json: string, keys: readonly string[]): string;
  regexMatches(value: string, pattern: string): string;
  regexExtract(value: string, pattern: string): string;
  /** eventTime's text as a timestamp, NULL when it is none. */
  parseTime(text: string): string;
  timeLiteral(ms: number): string;
  epochMs(timestamp: string): string;
  /** A nested column's JSON text, for a record query's answer. */
  nestedJson(column: string): string;
}

/** JSON paths of keys, as SQL string literals: Trino's `$["a"]["b"]`, DuckDB's `$."a"."b"`. */
const trinoPath = (keys: readonly string[]) => sqlString(`$${keys.map((k) => `[${JSON.stringify(k)}]`).join('')}`);
const duckPath = (keys: readonly string[]) => sqlString(`$${keys.map((k) => `.${JSON.stringify(k)}`).join('')}`);
/** Whether a JSON path can carry a key between double quotes: no quote, backslash or control character. */
export function jsonKeyWritable(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) < 0x20) return false;
  return key !== '' && !/["\\]/.test(key);
}

const isoUtc = (ms: number) => new Date(ms).toISOString();

const TRINO: Functions = {
  lambda: (v, body) => `${v} -> ${body}`,
  filter: (list, fn) => `filter(${list}, ${fn})`,
  transform: (list, fn) => `transform(${list}, ${fn})`,
  flatten: (list) => `flatten(${list})`,
  size: (list) => `cardinality(${list})`,
  array: (items) => `ARRAY[${items.join(', ')}]`,
  concatLists: (a, b) => `concat(${a}, ${b})`,
  first: (list) => `element_at(${list}, 1)`,
  parseJson: (text) => `TRY(json_parse(${text}))`,
  jsonMember: (value, key) => `json_extract(${value}, ${trinoPath([key])})`,
  isJsonArray: (value) => `json_array_length(${value}) IS NOT NULL`,
  jsonElements: (value) => `CAST(${value} AS ARRAY(JSON))`,
  isJsonNull: (value) => `json_format(${value}) = 'null'`,
  jsonText: (value) => `COALESCE(TRY(CAST(${value} AS VARCHAR)), NULLIF(json_format(${value}), 'null'))`,
  jsonStringAt: (json, keys) => {
    const path = trinoPath(keys);
    return `TRY(IF(json_format(json_extract(${json}, ${path})) LIKE '"%', json_extract_scalar(${json}, ${path})))`;
  },
  regexMatches: (value, pattern) => `regexp_like(${value}, ${pattern})`,
  regexExtract: (value, pattern) => `regexp_extract(${value}, ${pattern})`,
  parseTime: (text) => `TRY(from_iso8601_timestamp(${text}))`,
  timeLiteral: (ms) => `from_iso8601_timestamp('${isoUtc(ms)}')`,
  epochMs: (timestamp) => `CAST(to_unixtime(${timestamp}) * 1000 AS BIGINT)`,
  nestedJson: (column) => `json_format(CAST(${column} AS JSON))`,
};

const DUCKDB: Functions = {
  lambda: (v, body) => `lambda ${v}: ${body}`,
  filter: (list, fn) => `list_filter(${list}, ${fn})`,
  transform: (list, fn) => `list_transform(${list}, ${fn})`,
  flatten: (list) => `flatten(${list})`,
  size: (list) => `len(${list})`,
  array: (items) => `[${items.join(', ')}]`,
  concatLists: (a, b) => `list_concat(${a}, ${b})`,
  first: (list) => `${list}[1]`,
  parseJson: (text) => `TRY_CAST(${text} AS JSON)`,
  jsonMember: (value, key) => `json_extract(${value}, ${duckPath([key])})`,
  isJsonArray: (value) => `json_type(${value}) = 'ARRAY'`,
  jsonElements: (value) => `CAST(${value} AS JSON[])`,
  isJsonNull: (value) => `json_type(${value}) = 'NULL'`,
  jsonText: (value) => `json_extract_string(${value}, '$')`,
  jsonStringAt: (json, keys) => {
    const path = duckPath(keys);
    return `CASE WHEN json_type(${json}, ${path}) = 'VARCHAR' THEN json_extract_string(${json}, ${path}) END`;
  },
  regexMatches: (value, pattern) => `regexp_matches(${value}, ${pattern})`,
  regexExtract: (value, pattern) => `regexp_extract(${value}, ${pattern})`,
  parseTime: (text) => `TRY_CAST(${text} AS TIMESTAMPTZ)`,
  timeLiteral: (ms) => `TIMESTAMPTZ '${isoUtc(ms).replace('T', ' ').replace('Z', '+00')}'`,
  epochMs: (timestamp) => `epoch_ms(${timestamp})`,
  nestedJson: (column) => `CAST(to_json(${column}) AS VARCHAR)`,
};

/** Athena's table (common/athenaTable.ts), which the DuckDB tests build too. */
const ATHENA_STORED: Readonly<Record<string, Stored>> = Object.fromEntries(
  CLOUDTRAIL_COLUMNS.map((c) => {
    const type = ATHENA_COLUMN_TYPES.find((t) => t.column === c.column)!.type;
    return [c.column, c.kind === 'nested' ? { kind: 'nested', type } : { kind: c.kind }];
  }),
);

/**
 * CloudTrail Lake's event data store, as its "Supported SQL schemas" page gives it: eventTime a timestamp, readOnly
 * a boolean, the request, response and additional data maps of strings; userIdentity holds a few more fields.
 */
const LAKE_STORED: Readonly<Record<string, Stored>> = {
  ...ATHENA_STORED,
  eventtime: { kind: 'timestamp' },
  readonly: { kind: 'boolean' },
  requestparameters: { kind: 'map' },
  responseelements: { kind: 'map' },
  additionaleventdata: { kind: 'map' },
  serviceeventdetails: { kind: 'map' },
  edgedevicedetails: { kind: 'map' },
  useridentity: lakeIdentity(),
};

function lakeIdentity(): Stored {
  const athena = ATHENA_STORED['useridentity'] as { kind: 'nested'; type: { struct: Record<string, ColumnType> } };
  const context = athena.type.struct['sessioncontext'] as { struct: Record<string, ColumnType> };
  // creationDate is a timestamp in Lake: left out, so that no rule compares it as text.
  const attributes: ColumnType = { struct: { mfaauthenticated: 'string' } };
  const sessionContext: ColumnType = {
    struct: { ...context.struct, attributes, sourceidentity: 'string', ec2issuedinvpc: 'string' },
  };
  return { kind: 'nested', type: { struct: { ...athena.type.struct, sessioncontext: sessionContext, identityprovider: 'string' } } };
}

export interface Dialect {
  readonly name: SqlDialect;
  readonly functions: Functions;
  readonly columns: Readonly<Record<string, Stored>>;
}

export const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = {
  athena: { name: 'athena', functions: TRINO, columns: ATHENA_STORED },
  // Lake's eventtime is a timestamp without a zone, in UTC.
  lake: {
    name: 'lake',
    functions: { ...TRINO, timeLiteral: (ms) => `TIMESTAMP '${isoUtc(ms).replace('T', ' ').replace('Z', '')}'` },
    columns: LAKE_STORED,
  },
  duckdb: { name: 'duckdb', functions: DUCKDB, columns: ATHENA_STORED },
};
