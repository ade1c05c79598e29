/**
 * What reading a log from disk while the editor's didOpen is still in transit could gain, measured on
 * the 50 MB minified log without changing the server. Today the open costs the floor (the text crossing
 * stdio, bench/floorServer.ts) and then the server's own share (open − floor). A file unchanged on disk
 * could be read and checked from disk while the text crosses, leaving on the text's arrival only the check
 * that it is the same text: at best max(floor, read + share) + compare. The same read and check in a fresh
 * process is timed too, as a cross-check of that share.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { generateLog } from '../test/support/generateLog';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { median } from './median';

const MB = 1024 * 1024;

interface ReadAndCheck {
  read: number;
  checked: number;
  summarized: number;
  compare: number;
  records: number;
}

/** Open → diagnostics of a fresh server (ours, or the floor's when `command` names it). */
async function openTime(text: string, command?: string[]): Promise<number> {
  const client = new TestClient({ ...(command ? { command } : {}), waitLimitMs: BENCH_WAIT_MS });
  try {
    await client.initialize();
    let start = 0;
    await client.open('file:///bench/overlap.json', text, () => (start = performance.now()));
    return performance.now() - start;
  } finally {
    await client.dispose();
  }
}

/** The figures and the estimate, as a short Markdown table. */
export async function benchOverlap(rounds: number, dir = path.join(homedir(), '.cache', 'cloudtrail-lens')): Promise<string> {
  const text = generateLog({ seed: 42, targetBytes: 50 * MB });
  // Written afresh each run, so the file on disk is the text the editor sends.
  const file = path.join(dir, 'bench-overlap-50.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text);
  const floors: number[] = [];
  const opens: number[] = [];
  const disk: ReadAndCheck[] = [];
  const floorServer = [process.execPath, path.join(__dirname, 'floorServer.js'), '--stdio'];
  for (let round = 0; round < rounds; round++) {
    floors.push(await openTime(text, floorServer));
    opens.push(await openTime(text));
    const out = execFileSync(process.execPath, [path.join(__dirname, 'readAndCheck.js'), file], { encoding: 'utf8' });
    disk.push(JSON.parse(out) as ReadAndCheck);
  }
  const floor = median(floors);
  const open = median(opens);
  const read = median(disk.map((d) => d.read));
  const checked = median(disk.map((d) => d.checked));
  const compare = median(disk.map((d) => d.compare));
  const share = open - floor;
  const best = Math.max(floor, read + share) + compare;
  const row = [floor, open, share, read, compare, checked, best, open - best].map((ms) => ms.toFixed(0)).join(' | ');
  return [
    `Reading the 50 MB minified log from disk while didOpen is in transit (median of ${rounds}, ${disk[0]!.records} records):`,
    '',
    '| LSP floor ms | Open → diagnostics ms | Server share ms | Read from disk ms | Compare texts ms | Read + check, fresh process ms | Best case, overlapped ms | Gain at best ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${row} |`,
  ].join('\n');
}
