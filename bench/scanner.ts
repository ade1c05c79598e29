/**
 * The bench's scanner rows: finding a log's record units, on one thread, in MB/s of the file's bytes: the
 * WebAssembly scanner (scan/byteScanner.ts) on the bytes, the JavaScript splitter (files/unitSplitter.ts)
 * on the decoded text, and JSON.parse of the same text, in the same run, fed in the 64 KB pieces a disk
 * read gives. Each reader's unit count is checked against the splitter's; a mismatch is printed loudly.
 */
import { UnitSplitter } from '../server/src/files/unitSplitter';
import { ByteScanner } from '../server/src/scan/byteScanner';
import { generateLog, generateRecords } from '../test/support/generateLog';
import { median } from './median';

const MB = 1024 * 1024;
const PIECE = 64 * 1024;

interface Input {
  readonly name: string;
  readonly text: string;
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
    { name: 'delivered, minified', text: minified },
    { name: 'delivered, pretty', text: pretty },
    { name: 'JSON Lines', text: lines.join('\n') + '\n' },
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

export async function benchScanner(rounds: number, mb: number): Promise<string> {
  const rows = [
    '| Input | MB | units | scanner (WebAssembly) | splitter (JavaScript) | JSON.parse |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const input of inputs(mb)) {
    const bytes = Buffer.from(input.text);
    const rate = (ms: number) => `${(bytes.length / MB / (ms / 1000)).toFixed(0)} MB/s`;
    const scanned = timed(rounds, () => scan(bytes));
    const split_ = timed(rounds, () => split(input.text));
    // JSON Lines are no one JSON text: JSON.parse has no row there.
    const parsed = input.name === 'JSON Lines' ? undefined : timed(rounds, () => parse(input.text));
    if (scanned.units !== split_.units)
      console.error(`MISMATCH ${input.name}: the scanner found ${scanned.units} units, the splitter ${split_.units}`);
    rows.push(
      `| ${input.name} | ${(bytes.length / MB).toFixed(1)} | ${split_.units} | ${rate(scanned.ms)} | ${rate(split_.ms)} | ${parsed ? rate(parsed.ms) : '–'} |`,
    );
  }
  return `Finding record units, one thread, MB/s per core of processor time (median of ${rounds}):\n\n${rows.join('\n')}\n`;
}
