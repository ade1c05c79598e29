/**
 * `npm run bench`: the language server at CloudTrail scale, over LSP on stdio as an editor drives it,
 * beside JSON.parse of the same text, a server that does nothing (the transport's floor), and VS Code's own
 * JSON language server with a CloudTrail schema.
 * Seeded generated logs of 1, 10 and 50 MB, minified and pretty-printed. Prints figures; asserts nothing.
 * Memory: the peak resident size after the open and one edit, and the live heap once the log is open and
 * again after 200 edits spread over it (each followed by a hover, the events tree and the outline).
 * Then the disk rows (disk.ts): logs read from disk, beside gzip, jq and DuckDB over the same files.
 *
 * And what reading a file from disk while its didOpen is in transit could gain (overlap.ts), and what
 * detections add to the 50 MB open and to the folder's read (detections.ts), and what an investigator's
 * filter, timeline and page cost on a read folder beside jq (investigate.ts).
 *
 *   npm run bench [-- --sizes 1,10,50] [-- --no-peer] [-- --rounds 3]
 *   npm run bench -- --disk [--disk-scale 0.1] [--disk-rounds 3] [--disk-dir DIR] [--disk-many]
 *   npm run bench -- --detections [--rounds 3] [--disk-scale 0.1]
 *   npm run bench -- --investigate [--rounds 3] [--disk-scale 0.1]
 *   npm run bench -- --scanner [--scanner-mb 50]   (record units found by the WebAssembly scanner, the JavaScript splitter, JSON.parse, DuckDB's fastest form)
 *   npm run bench -- --integrity [--rounds 3] [--disk-scale 0.1] [--integrity-hours 8760]   (a year of digests verified over the folder)
 *   npm run bench -- --report [--rounds 3] [--report-records 50000] [--report-realistic] [--report-profile DIR]   (cloudtrail/report, HTML and Markdown, with the pack)
 * Naming sections (--lsp, --overlap, --disk, --detections, --investigate, --scanner, --integrity, --report) runs only those; with none named, all run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { EventTreeRequest } from '../common/protocol';
import { generateLog } from '../test/support/generateLog';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { typeAndAsk } from '../test/support/typing';
import { benchDetections } from './detections';
import { benchDisk } from './disk';
import { benchIntegrity } from './integrity';
import { benchInvestigate } from './investigate';
import { benchOverlap } from './overlap';
import { benchReport } from './report';
import { benchScanner } from './scanner';
import { peakMemoryMB } from './peakMemory';
import { median } from './median';

const MB = 1024 * 1024;
const PEER_VERSION = '4.10.0';
const PEER_DIR = path.join(homedir(), '.cache', 'cloudtrail-lens', `vscode-langservers-extracted-${PEER_VERSION}`);
const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1]! : '1,10,50').split(',').map(Number);
const withPeer = !args.includes('--no-peer');
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 3;
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const named = ['--lsp', '--overlap', '--disk', '--detections', '--investigate', '--scanner', '--integrity', '--report'].filter((name) =>
  args.includes(name),
);
const runs = (section: string): boolean => named.length === 0 || named.includes(section);
/** Edits typed, each followed by what the editor asks next, before the server's memory is read again. */
const EDITS = 200;
/**
 * Node flags for our server: on SIGUSR2 it collects garbage fully and writes its live heap to stderr. Live
 * heap rather than resident memory, because resident memory says as much about when V8 last collected
 * and returns pages as about what the server keeps, and what it keeps is what grows with a leak.
 */
const HEAP_PROBE = [
  '--expose-gc',
  '--import',
  `data:text/javascript,${encodeURIComponent(
    'process.on("SIGUSR2", () => { globalThis.gc(); process.stderr.write(`live heap ${process.memoryUsage().heapUsed}\\n`); });',
  )}`,
];

interface Row {
  size: string;
  format: string;
  records: number;
  jsonParse: number;
  open: number;
  hoverMedian: number;
  hoverP95: number;
  edit: number;
  tree: number;
  /** From opening to the events view's first level. */
  firstTree: number;
  peakMB: number;
  /** Live heap after a full collection: once the log is open, and after EDITS edits. */
  heapOpenMB: number;
  heapEditedMB: number;
  /** Open → diagnostics of a server that does nothing: the transport alone. */
  floor: number;
  peerOpen?: number;
  peerHover?: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

/** The server's live heap after a full collection, in MB (see HEAP_PROBE). */
async function liveHeapMB(client: TestClient): Promise<number> {
  const [, bytes] = await client.signal('SIGUSR2', /live heap (\d+)\n/);
  return Number(bytes) / MB;
}

/** Offsets inside `count` eventName values spread evenly over the text. */
function eventNameOffsets(text: string, count: number): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = text.indexOf('"eventName"', Math.floor((text.length * i) / count));
    if (at < 0) break;
    offsets.push(text.indexOf('"', at + '"eventName"'.length + 1) + 2);
  }
  return offsets;
}

/** VS Code's JSON language server, installed on first use outside the project. */
function peerCommand(): string[] | undefined {
  const bin = path.join(PEER_DIR, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-json-language-server');
  if (!existsSync(bin)) {
    process.stdout.write(`installing vscode-langservers-extracted@${PEER_VERSION} for the comparison (once)\n`);
    mkdirSync(PEER_DIR, { recursive: true });
    writeFileSync(path.join(PEER_DIR, 'package.json'), '{"private":true}');
    try {
      execFileSync('npm', ['install', '--no-audit', '--no-fund', `vscode-langservers-extracted@${PEER_VERSION}`], {
        cwd: PEER_DIR,
        stdio: 'ignore',
      });
    } catch {
      return undefined;
    }
  }
  return existsSync(bin) ? [process.execPath, bin, '--stdio'] : undefined;
}

/** A JSON schema of a CloudTrail log, as a user of the JSON server would write one. */
const CLOUDTRAIL_SCHEMA = {
  type: 'object',
  required: ['Records'],
  properties: {
    Records: {
      type: 'array',
      items: {
        type: 'object',
        required: ['eventVersion', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'eventID', 'eventType'],
        properties: {
          eventVersion: { type: 'string', pattern: '^1\\.\\d{1,2}$' },
          eventTime: { type: 'string', format: 'date-time' },
          eventSource: { type: 'string' },
          eventName: { type: 'string', description: 'The API action that was requested.' },
          awsRegion: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$' },
          eventID: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
          eventType: {
            enum: ['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleAction', 'AwsConsoleSignIn', 'AwsVpceEvents', 'AwsCloudTrailInsight'],
          },
          userIdentity: { type: 'object' },
          recipientAccountId: { type: 'string', pattern: '^\\d{12}$' },
        },
      },
    },
  },
};

/** Opens `text` in a fresh server and waits for its diagnostics (and, when asked, the events view's first tree). */
async function timeOpen(client: TestClient, uri: string, text: string, askTree: boolean): Promise<{ open: number; tree: number }> {
  await client.initialize();
  let start = 0;
  let open = NaN;
  let tree = NaN;
  // As the editor does: open the file, and ask for the events view's tree straight away.
  const opened = client.open(uri, text, () => (start = performance.now())).then(() => (open = performance.now() - start));
  const asked = askTree
    ? client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }).then(() => (tree = performance.now() - start))
    : undefined;
  await Promise.all([opened, asked]);
  return { open, tree };
}

/** Our server: its first open (the median of fresh servers), then, in the last one, hovers, an edit and memory. */
async function measureOurs(text: string, row: Row, last: boolean, opens: number[], trees: number[]): Promise<void> {
  const client = new TestClient({ nodeArgs: HEAP_PROBE, waitLimitMs: BENCH_WAIT_MS });
  try {
    const uri = 'file:///bench/log.json';
    const { open, tree } = await timeOpen(client, uri, text, true);
    opens.push(open);
    trees.push(tree);
    if (!last) return;
    row.heapOpenMB = await liveHeapMB(client);
    const document = client.document(uri);
    const hovers: number[] = [];
    for (const offset of eventNameOffsets(text, 100)) {
      const [ms, hover] = await timed(() =>
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(offset) }),
      );
      if (!hover) throw new Error('no hover at an eventName');
      hovers.push(ms);
    }
    row.hoverMedian = median(hovers);
    row.hoverP95 = percentile(hovers, 0.95);
    [row.tree] = await timed(() => client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }));
    // One keystroke inside a userAgent value in the middle of the file: the file stays valid.
    const at = text.indexOf('"userAgent":"', Math.floor(text.length / 2)) + '"userAgent":"'.length + 1;
    const where = document.positionAt(at > 20 ? at : text.indexOf('"userAgent": "', Math.floor(text.length / 2)) + 15);
    [row.edit] = await timed(() => client.edit(uri, [{ range: { start: where, end: where }, newText: 'x' }]));
    row.peakMB = peakMemoryMB(client.pid);
    // That edit was the first of EDITS.
    for (let i = 1; i < EDITS; i++) await typeAndAsk(client, uri, i, EDITS);
    row.heapEditedMB = await liveHeapMB(client);
    await client.close(uri);
  } finally {
    await client.dispose();
  }
}

/** The floor: a server that does nothing, opening the same text. */
async function measureFloor(text: string): Promise<number> {
  const client = new TestClient({
    command: [process.execPath, path.join(__dirname, 'floorServer.js'), '--stdio'],
    waitLimitMs: BENCH_WAIT_MS,
  });
  try {
    return (await timeOpen(client, 'file:///bench/floor.json', text, false)).open;
  } finally {
    await client.dispose();
  }
}

async function measurePeer(command: string[], text: string, row: Row, last: boolean, opens: number[]): Promise<void> {
  const client = new TestClient({ command, languageId: 'json', waitLimitMs: BENCH_WAIT_MS });
  try {
    // The JSON server asks the client for schemas it cannot fetch itself, and takes associations by notification.
    client.connection.onRequest('vscode/content', () => JSON.stringify(CLOUDTRAIL_SCHEMA));
    await client.initialize();
    await client.connection.sendNotification('json/schemaAssociations', [{ fileMatch: ['*.json'], uri: 'cloudtrail://schema.json' }]);
    const uri = 'file:///bench/peer.json';
    let start = 0;
    await client.open(uri, text, () => (start = performance.now()));
    opens.push(performance.now() - start);
    if (!last) return;
    const document = client.document(uri);
    const hovers: number[] = [];
    for (const offset of eventNameOffsets(text, 5)) {
      const [ms] = await timed(() =>
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(offset) }),
      );
      hovers.push(ms);
    }
    row.peerHover = median(hovers);
  } finally {
    await client.dispose();
  }
}

function f(ms: number | undefined, digits = 0): string {
  return ms === undefined || Number.isNaN(ms) ? '–' : ms.toFixed(digits);
}

/** The LSP rows: each size, minified and pretty, opened in our server, the floor and the JSON server. */
async function lspTable(): Promise<string> {
  const peer = withPeer ? peerCommand() : undefined;
  const rows: Row[] = [];
  for (const size of sizes) {
    for (const pretty of [false, true]) {
      const text = generateLog({ seed: 42, targetBytes: size * MB, pretty });
      const row: Row = {
        size: `${size} MB`,
        format: pretty ? 'pretty' : 'minified',
        records: (text.match(/"eventVersion"/g) ?? []).length,
        jsonParse: median(
          [0, 1, 2].map(() => {
            const start = performance.now();
            JSON.parse(text);
            return performance.now() - start;
          }),
        ),
        open: NaN,
        hoverMedian: NaN,
        hoverP95: NaN,
        edit: NaN,
        tree: NaN,
        firstTree: NaN,
        peakMB: NaN,
        heapOpenMB: NaN,
        heapEditedMB: NaN,
        floor: NaN,
      };
      // Each open is timed in fresh servers, in turn, and the median kept: one run on a shared machine is noisy.
      const floors: number[] = [];
      const opens: number[] = [];
      const trees: number[] = [];
      const peerOpens: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const last = round === rounds - 1;
        floors.push(await measureFloor(text));
        await measureOurs(text, row, last, opens, trees);
        if (peer) await measurePeer(peer, text, row, last, peerOpens);
      }
      row.floor = median(floors);
      row.open = median(opens);
      row.firstTree = median(trees);
      if (peer) row.peerOpen = median(peerOpens);
      rows.push(row);
      process.stdout.write(`measured ${row.size} ${row.format}\n`);
    }
  }

  const out: string[] = [];
  out.push(
    `| Log | Records | JSON.parse ms | LSP floor ms | Open → diagnostics ms | ÷ JSON.parse | Open → tree ms | Hover median / p95 ms | Edit → diagnostics ms | eventTree ms | Peak MB | ÷ size | Live heap after open MB | after ${EDITS} edits MB | JSON server open ms | JSON server hover ms | JSON server ÷ ours |`,
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const sizeMB = Number.parseFloat(r.size);
    out.push(
      `| ${r.size} ${r.format} | ${r.records} | ${f(r.jsonParse)} | ${f(r.floor)} | ${f(r.open)} | ${f(r.open / r.jsonParse, 1)} | ${f(r.firstTree)} | ${f(r.hoverMedian, 2)} / ${f(r.hoverP95, 2)} | ${f(r.edit)} | ${f(r.tree)} | ${f(r.peakMB)} | ${f(r.peakMB / sizeMB, 1)} | ${f(r.heapOpenMB)} | ${f(r.heapEditedMB)} | ${f(r.peerOpen)} | ${f(r.peerHover)} | ${f(r.peerOpen === undefined ? undefined : r.peerOpen / r.open, 1)} |`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const tables: string[] = [];
  if (runs('--lsp')) tables.push(await lspTable());
  if (runs('--overlap')) tables.push(await benchOverlap(rounds));
  if (runs('--disk')) {
    const dir = option('--disk-dir');
    const scale = Number(option('--disk-scale') ?? 1);
    const manyOnly = args.includes('--disk-many');
    tables.push(await benchDisk({ scale, rounds: Number(option('--disk-rounds') ?? 3), manyOnly, ...(dir ? { dir } : {}) }));
  }
  if (runs('--detections')) tables.push(await benchDetections(rounds, Number(option('--disk-scale') ?? 1)));
  if (runs('--investigate')) tables.push(await benchInvestigate(rounds, Number(option('--disk-scale') ?? 1)));
  if (runs('--scanner')) tables.push(await benchScanner(rounds, Number(option('--scanner-mb') ?? 50)));
  if (runs('--integrity'))
    tables.push(await benchIntegrity(rounds, Number(option('--disk-scale') ?? 1), Number(option('--integrity-hours') ?? 8760)));
  if (runs('--report'))
    tables.push(
      await benchReport(
        rounds,
        Number(option('--report-records') ?? 50_000),
        args.includes('--report-realistic') ? 'realistic' : 'default',
        option('--report-profile'),
      ),
    );
  const machine = `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`\n${[machine, ...tables].join('\n\n')}\n`);
}

void main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
