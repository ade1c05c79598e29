/**
 * The bench's disk rows: our server reading logs from disk (cloudtrail/openFolder on a folder or a file,
 * then the events view's first tree), beside the tools people use today over the same files: `gzip -dc`
 * (or `cat`) alone, the jq pipeline, and DuckDB's read_json. Every tool's counts by (eventName,
 * eventSource) are checked against the generator's; a mismatch is printed loudly.
 */
import { pathToFileURL } from 'node:url';
import { EventTreeRequest, OpenFolderRequest, type OpenFolderResult } from '../common/protocol';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { type Counts, countKey, type DiskInput, diskInputs } from './diskData';
import { JS_READER_ENV } from '../server/src/scan/scannerModule';
import { countMismatch, duckdb, jqPipeline, type Outcome, readAlone, type ToolResult } from './diskTools';
import { cpuTimeMs, peakMemoryMB } from './peakMemory';
import { median } from './median';

const MB = 1024 * 1024;
/** How long our server may take over one input before it is stopped and the row says so. */
const OURS_TIMEOUT_MS = 10 * 60_000;

export interface DiskOptions {
  /** 1: a folder of 200 delivered logs of about 1 MB and a 600 MB export; 0.1 for a quick run. */
  readonly scale: number;
  /** Each tool runs this many times per input, in turn, and the median time is kept. */
  readonly rounds: number;
  /** Where the generated logs are kept (default ~/.cache/cloudtrail-lens). */
  readonly dir?: string;
  /** Only the folder of 100,000 small files. */
  readonly manyOnly?: boolean;
}

const TOOLS = ['read', 'jq', 'duckdb', 'duckdbFastest', 'oursJs', 'ours'] as const;
type Tool = (typeof TOOLS)[number];

interface DiskRow {
  readonly input: DiskInput;
  readonly outcomes: Record<Tool, Outcome>;
}

/** Why the server's answer is no reading of the input, or undefined when it is one. */
function notRead(answer: OpenFolderResult | null, client: TestClient): string | undefined {
  // The server answers null when cancelled, or when the request failed: then it logged why.
  const logged = client.loggedErrors.at(-1)?.split('\n')[0]?.slice(0, 200);
  if (answer === null) return `the server answered null${logged ? `: ${logged}` : ''}`;
  if (answer.files === 0) return `the server read no log at this URI${answer.failed[0] ? `: ${answer.failed[0].message}` : ''}`;
  if (answer.records === 0) return 'the server read no record';
  return undefined;
}

/**
 * Our server, fresh: cloudtrail/openFolder on the input's folder or file, then the events view's first tree; with
 * `jsReader`, as where WebAssembly is missing (every file split by the JavaScript splitter and parsed by JSON.parse).
 */
async function ours(input: DiskInput, jsReader = false): Promise<Outcome> {
  const env = jsReader ? { ...process.env, [JS_READER_ENV]: '1' } : undefined;
  const client = new TestClient({ waitLimitMs: BENCH_WAIT_MS, ...(env ? { env } : {}) });
  // A server that never answers is stopped, so the run goes on to the next input.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void client.signal('SIGKILL', /$^/).catch(() => undefined);
  }, OURS_TIMEOUT_MS);
  try {
    await client.initialize();
    const uri = pathToFileURL(input.path).toString();
    const cpuBefore = cpuTimeMs(client.pid);
    const start = performance.now();
    const answer = await client.connection.sendRequest(OpenFolderRequest, { folder: uri });
    const why = notRead(answer, client);
    if (why) return { skipped: why };
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });
    const ms = performance.now() - start;
    if (!tree) return { skipped: 'no events tree for the URI it read' };
    const counts: Counts = {};
    for (const group of tree.groups) {
      for (const e of group.events)
        counts[countKey(e.eventName, e.eventSource)] = (counts[countKey(e.eventName, e.eventSource)] ?? 0) + e.count;
    }
    if (answer!.failed.length > 0) {
      process.stdout.write(`!! ${input.label}: the server could not read ${answer!.failed.length} files: ${answer!.failed[0]!.message}\n`);
    }
    return { ms, cpuMs: cpuTimeMs(client.pid) - cpuBefore, counts, peakMB: peakMemoryMB(client.pid) };
  } catch (error) {
    if (timedOut) return { skipped: `no answer in ${OURS_TIMEOUT_MS / 1000} s: the server was stopped` };
    // What a dying server wrote: its error's line, rather than the Node version it prints last.
    const lines = client.stderr.join('').trim().split('\n');
    const said = lines.find((line) => /error|fatal|heap/i.test(line)) ?? lines.at(-1);
    return { skipped: `${error instanceof Error ? error.message : String(error)}${said ? ` (${said.slice(0, 160)})` : ''}` };
  } finally {
    clearTimeout(timer);
    await client.dispose().catch(() => undefined);
  }
}

function runTool(tool: Tool, input: DiskInput): Promise<Outcome> {
  switch (tool) {
    case 'read':
      return readAlone(input);
    case 'jq':
      return jqPipeline(input);
    case 'duckdb':
      return duckdb(input, 'read_json');
    case 'duckdbFastest':
      return duckdb(input, 'fastest');
    case 'oursJs':
      return ours(input, true);
    case 'ours':
      return ours(input);
  }
}

/** Each tool in turn, `rounds` times; the median time, the first counts, and the highest peak. */
async function measureInput(input: DiskInput, rounds: number): Promise<DiskRow> {
  const runs = Object.fromEntries(TOOLS.map((t) => [t, [] as Outcome[]])) as Record<Tool, Outcome[]>;
  for (let round = 0; round < rounds; round++) {
    for (const tool of TOOLS) {
      // A tool that is missing or failed once is not tried again.
      if (runs[tool].some((o) => 'skipped' in o)) continue;
      if (input.oursOnly && tool !== 'ours') {
        runs[tool].push({ skipped: input.oursOnly });
        continue;
      }
      runs[tool].push(await runTool(tool, input));
    }
  }
  const outcomes = Object.fromEntries(
    TOOLS.map((tool) => {
      const skipped = runs[tool].find((o) => 'skipped' in o);
      if (skipped) return [tool, skipped];
      const results = runs[tool] as ToolResult[];
      const peaks = results.map((r) => r.peakMB ?? NaN);
      const cpuMs = median(results.map((r) => r.cpuMs ?? NaN));
      return [tool, { ms: median(results.map((r) => r.ms)), cpuMs, counts: results[0]!.counts, peakMB: Math.max(...peaks) }];
    }),
  ) as Record<Tool, Outcome>;
  return { input, outcomes };
}

function f(n: number | undefined, digits = 0): string {
  return n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

/** A ratio, with two decimals below 1 so that a small one does not read 0.0×. */
function times(ratio: number): string {
  return `${f(ratio, ratio < 1 ? 2 : 1)}×`;
}

/** `s · MB/s (CPU s)`, or n/a. */
function cell(outcome: Outcome, jsonMB: number): string {
  if ('skipped' in outcome) return 'n/a';
  return `${f(outcome.ms / 1000, 2)} s · ${f(jsonMB / (outcome.ms / 1000))} MB/s (${f((outcome.cpuMs ?? NaN) / 1000, 2)})`;
}

const HEADERS: Record<Tool, string> = {
  read: '`gzip -dc` / `cat` alone',
  jq: 'jq pipeline',
  duckdb: 'DuckDB read_json',
  duckdbFastest: 'DuckDB, fastest form',
  oursJs: 'Ours, JavaScript reader',
  ours: 'Ours: openFolder → tree',
};

/** The table, then every skipped tool's reason and every count mismatch (loudly). */
export function diskTable(rows: readonly DiskRow[]): string {
  const out: string[] = [];
  const notes: string[] = [];
  out.push(
    `| Input | JSON MB | Records | ${TOOLS.map((t) => HEADERS[t]).join(' | ')} | Our peak MB | ÷ JSON size | DuckDB peak MB | Our speed-up over jq (in CPU) | over DuckDB (in CPU) | over our JavaScript reader (in CPU) | Counts |`,
  );
  out.push(`| --- | ---: | ---: | ${TOOLS.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
  for (const { input, outcomes } of rows) {
    const jsonMB = input.jsonBytes / MB;
    const mismatches: string[] = [];
    for (const tool of TOOLS) {
      const o = outcomes[tool];
      if ('skipped' in o) notes.push(`- ${input.label}, ${HEADERS[tool]}: n/a, ${o.skipped}`);
      else if (o.counts) {
        const wrong = countMismatch(input.counts, o.counts);
        if (wrong) mismatches.push(`${HEADERS[tool]}: ${wrong}`);
      }
    }
    for (const m of mismatches) notes.push(`- **COUNT MISMATCH** ${input.label}, ${m}`);
    const o = outcomes.ours;
    const ourMs = 'skipped' in o ? NaN : o.ms;
    const ourCpu = 'skipped' in o ? NaN : (o.cpuMs ?? NaN);
    const ratio = (other: Outcome): string =>
      'skipped' in other || Number.isNaN(ourMs) ? '–' : `${times(other.ms / ourMs)} (${times((other.cpuMs ?? NaN) / ourCpu)})`;
    const peak = 'skipped' in o ? NaN : (o.peakMB ?? NaN);
    // DuckDB at its fastest is the one to beat, in time and in memory.
    const duck = outcomes.duckdbFastest;
    const duckPeak = 'skipped' in duck ? NaN : duck.peakMB;
    const checked = mismatches.length > 0 ? '**MISMATCH**' : 'all agree';
    out.push(
      `| ${input.label} | ${f(jsonMB)} | ${input.records} | ${TOOLS.map((t) => cell(outcomes[t], jsonMB)).join(' | ')} | ${f(peak)} | ${f(peak / jsonMB, 2)} | ${f(duckPeak)} | ${ratio(outcomes.jq)} | ${ratio(duck)} | ${ratio(outcomes.oursJs)} | ${checked} |`,
    );
  }
  return [...out, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** Generates (once) and reads every input with every tool; resolves with the table. */
export async function benchDisk(options: DiskOptions): Promise<string> {
  const inputs = await diskInputs(options.scale, options.dir, { main: !options.manyOnly, realistic: true, many: true });
  const rows: DiskRow[] = [];
  for (const input of inputs) {
    rows.push(await measureInput(input, options.rounds));
    process.stdout.write(`measured ${input.label}\n`);
  }
  const caption = `Reading logs from disk (median of ${options.rounds}; each cell: wall time · MB/s of JSON (CPU time s)):`;
  return `${caption}\n\n${diskTable(rows)}`;
}
