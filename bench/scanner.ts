/**
 * The bench's scanner rows: finding a log's record units, on one thread, in MB/s of the file's bytes: the
 * WebAssembly scanner (scan/byteScanner.ts) on the bytes, the JavaScript splitter (files/unitSplitter.ts)
 * on the decoded text, and JSON.parse of the same text, in the same run, fed in the 64 KB pieces a disk
 * read gives. Beside them, DuckDB's fastest form (duckdbCount.ts) on the same records, written to files: its
 * processor time counts every thread of its process, so its MB/s is per core as ours is. Each reader's count of
 * units or records is checked against the splitter's; a mismatch is printed loudly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UnitSplitter } from '../server/src/files/unitSplitter';
import { ByteScanner } from '../server/src/scan/byteScanner';
import { generateLog, generateRecords } from '../test/support/generateLog';
import { duckdb, type Outcome, type ToolResult } from './diskTools';
import { median } from './median';

const MB = 1024 * 1024;
const PIECE = 64 * 1024;

interface Input {
  readonly name: string;
  readonly text: string;
  readonly shape: 'records' | 'lines';
}

function inputs(mb: number): Input[] {
  const minified = generateLog({ seed: 31, targetBytes: mb * MB });
  const pretty = generateLog({ seed: 32, targetBytes: mb * MB, pretty: true });
  const lines: string[] = [];
  for (let size = 0, seed = 33; size < mb * MB; seed++) {
    for (const record of generateRecords(seed, 1000)) {
      const line = JSON.stringify(record);
      lines.push(line);
      size += line.length + 1;
    }
  }
  return [
    { name: 'delivered, minified', text: minified, shape: 'records' },
    { name: 'delivered, pretty', text: pretty, shape: 'records' },
    { name: 'JSON Lines', text: lines.join('\n') + '\n', shape: 'lines' },
  ];
}

function scan(bytes: Uint8Array): number {
  let units = 0;
  const scanner = ByteScanner.create(() => units++);
  if (!(scanner instanceof ByteScanner)) throw new Error(`no scanner: ${scanner.reason}`);
  for (let at = 0; at < bytes.length; at += PIECE) scanner.write(bytes.subarray(at, at + PIECE));
  scanner.end();
  if (scanner.needsJsReader) throw new Error(`the scanner left the file to the JavaScript reader: ${scanner.needsJsReader}`);
  return units;
}

function split(text: string): number {
  let units = 0;
  const splitter = new UnitSplitter({ unit: () => units++ });
  for (let at = 0; at < text.length; at += PIECE) splitter.write(text.slice(at, at + PIECE));
  splitter.end();
  return units;
}

function parse(text: string): number {
  const value = JSON.parse(text) as { Records?: unknown[] };
  return value.Records?.length ?? 0;
}

/** Median processor milliseconds of `rounds` runs, and the last run's answer. */
function timed(rounds: number, work: () => number): { ms: number; units: number } {
  const times: number[] = [];
  // One untimed run first: WebAssembly and JavaScript alike run optimized code only once warm.
  let units = work();
  for (let r = 0; r < rounds; r++) {
    // Processor time, not wall time: the rate per core, whatever else the machine runs.
    const start = process.cpuUsage();
    units = work();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), units };
}

/** DuckDB's fastest form over the input written to a file: the median processor time of `rounds` runs, and its record count. */
async function duckdbFastest(input: Input, dir: string, rounds: number): Promise<{ ms: number; records: number } | { skipped: string }> {
  const file = path.join(dir, input.shape === 'lines' ? 'input.jsonl' : 'input.json');
  writeFileSync(file, input.text);
  const job = { files: [file], shape: input.shape, largestFileBytes: Buffer.byteLength(input.text) };
  const runs: Outcome[] = [];
  for (let r = 0; r < rounds; r++) runs.push(await duckdb(job, 'fastest'));
  const skipped = runs.find((o) => 'skipped' in o);
  if (skipped) return skipped;
  const done = runs as ToolResult[];
  const records = Object.values(done[0]!.counts ?? {}).reduce((a, b) => a + b, 0);
  return { ms: median(done.map((o) => o.cpuMs ?? NaN)), records };
}

export async function benchScanner(rounds: number, mb: number): Promise<string> {
  const rows = [
    '| Input | MB | units | scanner (WebAssembly) | splitter (JavaScript) | JSON.parse | DuckDB, fastest form |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-lens-scanner-'));
  const notes: string[] = [];
  try {
    for (const input of inputs(mb)) rows.push(await scannerRow(input, rounds, dir, notes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const caption = `Finding record units, MB/s per core of processor time (median of ${rounds}; ours on one thread, DuckDB on all of its own, its start included as in the disk rows):`;
  return `${caption}\n\n${rows.join('\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}

/** One input's row: the scanner, the splitter and JSON.parse in this process, then DuckDB in its own. */
async function scannerRow(input: Input, rounds: number, dir: string, notes: string[]): Promise<string> {
  const bytes = Buffer.from(input.text);
  const rate = (ms: number) => `${(bytes.length / MB / (ms / 1000)).toFixed(0)} MB/s`;
  const scanned = timed(rounds, () => scan(bytes));
  const split_ = timed(rounds, () => split(input.text));
  // JSON Lines are no one JSON text: JSON.parse has no row there.
  const parsed = input.name === 'JSON Lines' ? undefined : timed(rounds, () => parse(input.text));
  if (scanned.units !== split_.units)
    console.error(`MISMATCH ${input.name}: the scanner found ${scanned.units} units, the splitter ${split_.units}`);
  const duck = await duckdbFastest(input, dir, rounds);
  if ('skipped' in duck) notes.push(`- ${input.name}, DuckDB: n/a, ${duck.skipped}`);
  else if (duck.records !== split_.units)
    console.error(`MISMATCH ${input.name}: DuckDB counted ${duck.records} records, the splitter ${split_.units} units`);
  const duckCell = 'skipped' in duck ? 'n/a' : rate(duck.ms);
  return `| ${input.name} | ${(bytes.length / MB).toFixed(1)} | ${split_.units} | ${rate(scanned.ms)} | ${rate(split_.ms)} | ${parsed ? rate(parsed.ms) : '–'} | ${duckCell} |`;
}
