/**
 * Where a dialect's table keeps a record's field, by the record's own path: a text column, a field of a struct, a
 * field of each struct of an array (resources), or keys inside JSON text (requestParameters). A path the table
 * cannot answer as the record would (a column it lacks, a key spelled otherwise than CloudTrail spells it) is not
 * expressible: the query would mean something else.
 */
import type { ColumnType } from '../../../common/athenaTable';
import { CLOUDTRAIL_COLUMNS, NESTED_KEYS } from '../../../common/cloudtrailColumns';
import { type Dialect, jsonKeyWritable } from './dialects';
import { notExpressible, sqlString } from './sqlText';

/** How a query reads a path. */
export type Access =
  /** One text value, NULL when absent. */
  | { readonly k: 'single'; readonly sql: string }
  /** A struct, array or map the table keeps whole: a query can ask only whether it is there. */
  | { readonly k: 'whole'; readonly sql: string }
  /** Keys walked inside JSON text (`json`): through objects, and through arrays element by element. */
  | { readonly k: 'json'; readonly json: string; readonly keys: readonly string[] }
  /** One field of each struct of an array: a list of texts. */
  | { readonly k: 'list'; readonly sql: string };

/** The record's spellings of each nested key, by its lowercase (`arn` in userIdentity, `ARN` in resources). */
const SPELLINGS = new Map<string, string[]>();
for (const key of NESTED_KEYS) SPELLINGS.set(key.toLowerCase(), [...(SPELLINGS.get(key.toLowerCase()) ?? []), key]);

const columnOf = (field: string) => CLOUDTRAIL_COLUMNS.find((c) => c.field === field);

function jsonKeys(keys: readonly string[], path: string): readonly string[] {
  const bad = keys.find((key) => !jsonKeyWritable(key));
  if (bad !== undefined) notExpressible(`the key ${JSON.stringify(bad)} of ${path} cannot be written in a JSON path`);
  return keys;
}

/** The path's access in a dialect's table. */
export function accessOf(dialect: Dialect, path: readonly string[]): Access {
  const written = path.join('.');
  const [top, ...rest] = path;
  const column = top === undefined ? undefined : columnOf(top);
  if (!column) return notExpressible(`the CloudTrail table has no column for ${JSON.stringify(top ?? '')}`);
  const stored = dialect.columns[column.column]!;
  const name = column.column;
  if (stored.kind === 'json') return { k: 'json', json: name, keys: jsonKeys(rest, written) };
  if (stored.kind === 'nested') return nestedAccess(dialect, name, stored.type, rest, written);
  if (stored.kind === 'map') {
    const [key, ...deeper] = jsonKeys(rest, written);
    if (key === undefined) return { k: 'whole', sql: name };
    const value = `element_at(${name}, ${sqlString(key)})`;
    // Lake writes an object or array under a key as its JSON text.
    return deeper.length === 0 ? { k: 'single', sql: value } : { k: 'json', json: value, keys: deeper };
  }
  if (rest.length > 0) return notExpressible(`${column.field} is text in the table: it has no ${rest.join('.')}`);
  if (stored.kind === 'timestamp') return { k: 'single', sql: `date_format(${name}, '%Y-%m-%dT%H:%i:%sZ')` };
  if (stored.kind === 'boolean') return { k: 'single', sql: `CAST(${name} AS VARCHAR)` };
  return { k: 'single', sql: name };
}

/** A key inside a struct, as the table names it; only CloudTrail's own spelling of the key reaches it. */
function structField(type: ColumnType, key: string, written: string): ColumnType {
  const lower = key.toLowerCase();
  // Own fields only: a rule's `constructor` is no field of the table's.
  const inner = typeof type === 'object' && 'struct' in type && Object.hasOwn(type.struct, lower) ? type.struct[lower] : undefined;
  if (inner === undefined) return notExpressible(`the CloudTrail table has no field for ${written}`);
  const spellings = SPELLINGS.get(lower) ?? [];
  if (!spellings.includes(key))
    return notExpressible(
      `${written}: CloudTrail spells the key ${spellings.map((s) => JSON.stringify(s)).join(' or ')}, and the table reads any spelling`,
    );
  return inner;
}

function nestedAccess(dialect: Dialect, column: string, type: ColumnType, keys: readonly string[], written: string): Access {
  const f = dialect.functions;
  let sql = column;
  let at = type;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (typeof at === 'object' && 'array' in at) {
      // resources[].ARN: one field of each element.
      const field = structField(at.array, key, written);
      if (field !== 'string' || i !== keys.length - 1) return notExpressible(`${written} reaches inside a list the table keeps as structs`);
      return { k: 'list', sql: f.transform(sql, f.lambda('r', `r.${key.toLowerCase()}`)) };
    }
    if (typeof at === 'object' && 'map' in at) {
      if (i !== keys.length - 1 || !jsonKeyWritable(key)) return notExpressible(`${written} reaches inside a map`);
      return { k: 'single', sql: `element_at(${sql}, ${sqlString(key)})` };
    }
    at = structField(at, key, written);
    sql = `${sql}.${key.toLowerCase()}`;
  }
  return at === 'string' ? { k: 'single', sql } : { k: 'whole', sql };
}
