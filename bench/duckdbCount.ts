/**
 * Run by the bench in a process of its own: DuckDB counts the records of some logs by (eventName,
 * eventSource), and the process reports the time, the counts and its own peak memory on stdout as JSON.
 * A process of its own so that DuckDB's threads and memory are measured apart from the bench's.
 *
 *   node out/bench/duckdbCount.js '{"files":[...],"shape":"records"|"lines","query":"read_json"|"fastest"}'
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

export type DuckQuery = 'read_json' | 'fastest';

interface Job {
  readonly files: readonly string[];
  readonly shape: 'records' | 'lines';
  readonly query: DuckQuery;
  /** The largest file's JSON, in bytes. */
  readonly largestFileBytes: number;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const TWO_FIELDS = '{"eventName":"VARCHAR","eventSource":"VARCHAR"}';

/**
 * The SQL that counts records by event. `read_json`: the plain call a user writes first, DuckDB inferring
 * the records' schema. `fastest`: the fastest form we found, naming the two fields it needs. For a Records
 * wrapper that is read_json_objects with from_json (read_json with typed columns takes 2 to 4 times
 * longer on one large object); for JSON Lines, read_json with typed columns.
 */
export function countSql(job: Job): string {
  const files = `[${job.files.map(quote).join(', ')}]`;
  // A log is one JSON object holding every record, and DuckDB reads objects up to maximum_object_size (16 MB by default).
  const big = `maximum_object_size = ${Math.max(16 * 2 ** 20, 2 ** Math.ceil(Math.log2(job.largestFileBytes + 1)))}`;
  if (job.shape === 'lines') {
    const columns = job.query === 'fastest' ? ", columns = {eventName: 'VARCHAR', eventSource: 'VARCHAR'}" : '';
    return `SELECT eventName, eventSource, count(*) FROM read_json(${files}, format = 'newline_delimited'${columns}) GROUP BY ALL`;
  }
  const records =
    job.query === 'fastest'
      ? `SELECT unnest(from_json(json, '{"Records":[${TWO_FIELDS}]}').Records) AS r FROM read_json_objects(${files}, ${big})`
      : `SELECT unnest(Records) AS r FROM read_json(${files}, ${big})`;
  return `SELECT r.eventName, r.eventSource, count(*) FROM (${records}) GROUP BY ALL`;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const start = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(countSql(job));
  const counts: Record<string, number> = {};
  for (const [name, source, count] of reader.getRows()) counts[`${String(name)}|${String(source)}`] = Number(count);
  const ms = performance.now() - start;
  const peakKB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
  process.stdout.write(JSON.stringify({ ms, counts, peakMB: peakKB / 1024 }));
  connection.closeSync();
  instance.closeSync();
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
