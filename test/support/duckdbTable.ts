/**
 * The Athena CloudTrail table (common/athenaTable.ts) built in DuckDB as `cloudtrail_logs`, from records: each
 * record becomes the row Athena's JSON SerDe would read, its top-level keys to columns, nested keys matched to
 * struct fields by their lowercase, scalars in string columns as their text, and objects in string columns
 * (requestParameters…) as their JSON text. DuckDB is a devDependency: these tests never reach the extension.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ATHENA_COLUMN_TYPES, type ColumnType } from '../../common/athenaTable';
import { CLOUDTRAIL_COLUMNS } from '../../common/cloudtrailColumns';

/** A type as DuckDB writes it. */
export function duckType(type: ColumnType): string {
  if (type === 'string') return 'VARCHAR';
  if ('array' in type) return `${duckType(type.array)}[]`;
  if ('map' in type) return 'MAP(VARCHAR, VARCHAR)';
  return `STRUCT(${Object.entries(type.struct)
    .map(([name, inner]) => `"${name}" ${duckType(inner)}`)
    .join(', ')})`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A scalar's text in a string column; an object's or array's JSON text. */
function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A value as the SerDe reads it into a column of this type. */
function serde(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'string') return textOf(value);
  if ('array' in type) return Array.isArray(value) ? value.map((v) => serde(v, type.array)) : null;
  if ('map' in type) return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, textOf(v)])) : null;
  if (!isObject(value)) return null;
  const row: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(type.struct)) {
    const key = Object.keys(value).find((k) => k.toLowerCase() === name);
    row[name] = key === undefined ? null : serde(value[key], inner);
  }
  return row;
}

/** One record as the table's row. */
export function athenaRow(record: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const { column, type } of ATHENA_COLUMN_TYPES) {
    const field = CLOUDTRAIL_COLUMNS.find((c) => c.column === column)!.field;
    row[column] = serde(Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined, type);
  }
  return row;
}

/** A DuckDB database in memory holding `cloudtrail_logs` with these records. */
export async function cloudTrailTable(records: readonly Record<string, unknown>[]): Promise<{ db: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-duckdb-'));
  try {
    const file = join(dir, 'records.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(athenaRow(r))).join('\n') + '\n');
    const columns = ATHENA_COLUMN_TYPES.map((c) => `${c.column}: '${duckType(c.type).replace(/'/g, "''")}'`).join(', ');
    const typed = ATHENA_COLUMN_TYPES.map((c) => `${c.column} ${duckType(c.type)}`).join(', ');
    await db.run(`CREATE TABLE cloudtrail_logs (${typed})`);
    await db.run(
      `INSERT INTO cloudtrail_logs SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${columns}}, maximum_object_size = 67108864)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    db,
    close: () => {
      db.closeSync();
      instance.closeSync();
    },
  };
}

/** The rows of a query, as plain values. */
export async function rowsOf(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}
