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
 * the records' schema. `fastest`: the fastest form we found, naming the two fields it needs. For JSON Lines
 * that is read_json with typed columns; for a Records wrapper, read_json_objects with from_json (read_json
 * with typed columns took 4 to 8 times longer on one large object). A log is one row holding a list of every
 * record: UNNEST of that list slows down more than linearly (13 s of CPU for one 120 MB log), so both forms count
 * within each file with list_aggregate(..., 'histogram') and add up the files' counts.
 */
export function countSql(job: Job): string {
  const files = `[${job.files.map(quote).join(', ')}]`;
  if (job.shape === 'lines') {
    const columns = job.query === 'fastest' ? ", columns = {eventName: 'VARCHAR', eventSource: 'VARCHAR'}" : '';
    return `SELECT eventName, eventSource, count(*) FROM read_json(${files}, format = 'newline_delimited'${columns}) GROUP BY ALL`;
  }
  // DuckDB reads objects up to maximum_object_size (16 MB by default), and a log is one object.
  const big = `maximum_object_size = ${Math.max(16 * 2 ** 20, 2 ** Math.ceil(Math.log2(job.largestFileBytes + 1)))}`;
  const events =
    job.query === 'fastest'
      ? `list_aggregate(from_json(json, '{"Records":[${TWO_FIELDS}]}').Records, 'histogram') AS h FROM read_json_objects(${files}, ${big})`
      : `list_aggregate(list_transform(Records, r -> {eventName: r.eventName, eventSource: r.eventSource}), 'histogram') AS h FROM read_json(${files}, ${big})`;
  return `SELECT e.key.eventName, e.key.eventSource, sum(e.value) FROM (SELECT unnest(map_entries(h)) AS e FROM (SELECT ${events})) GROUP BY ALL`;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(countSql(job));
  const counts: Record<string, number> = {};
  for (const [name, source, count] of reader.getRows()) counts[`${String(name)}|${String(source)}`] = Number(count);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const peakKB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
  process.stdout.write(JSON.stringify({ ms, cpuMs, counts, peakMB: peakKB / 1024 }));
  connection.closeSync();
  instance.closeSync();
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
