/**
 * The tools people use today to read CloudTrail logs from disk, run over the bench's files: `gzip -dc`
 * (or `cat`) alone, the jq pipeline that counts records by event, and DuckDB's `read_json`. Each answers
 * with its time and, where it counts, the counts to check against the truth; a tool that is missing or
 * fails answers with why instead, and never fails the run.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Counts, DiskInput } from './diskData';
import type { DuckQuery } from './duckdbCount';

export interface ToolResult {
  readonly ms: number;
  readonly counts?: Counts;
  /** CPU time (user + system, every thread and child): on a shared machine it moves less than wall time. */
  readonly cpuMs?: number;
  /** The tool's own peak memory, where it is known. */
  readonly peakMB?: number;
}

/** A tool's result, or why there is none. */
export type Outcome = ToolResult | { readonly skipped: string };

/** Runs a program to the end and resolves with its stdout, its stderr and the wall time. */
function run(
  program: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      if (code === 0) resolve({ ms, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
      else
        reject(new Error(`${path.basename(program)} ${signal ?? `exited ${code}`}: ${Buffer.concat(err).toString().trim().slice(0, 200)}`));
    });
  });
}

/** Runs a bash pipeline over `files` (its "$@"): its stdout, wall time, and its children's CPU time from bash's `times`. */
async function pipelineRun(
  script: string,
  files: readonly string[],
  env: Record<string, string> = {},
): Promise<ToolResult & { stdout: string }> {
  const { ms, stdout, stderr } = await run(
    'bash',
    ['-o', 'pipefail', '-c', `${script}; status=$?; times >&2; exit $status`, 'bench', ...files],
    env,
  );
  // `times` prints the shell's user and system time, then its children's: 0m1.234s 0m0.056s
  const children = stderr.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { ms, stdout, ...(seconds.length === 2 ? { cpuMs: (seconds[0]! + seconds[1]!) * 1000 } : {}) };
}

function installed(program: string): boolean {
  try {
    execFileSync(program, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function outcome(work: () => Promise<ToolResult>): Promise<Outcome> {
  try {
    return await work();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
}

/** Decompressing alone (`gzip -dc`), or reading alone (`cat`) for plain JSON: the floor of any reader. */
export function readAlone(input: DiskInput): Promise<Outcome> {
  return outcome(async () => {
    const { ms, cpuMs } = await pipelineRun(`${input.gzipped ? 'gzip -dc' : 'cat'} "$@" > /dev/null`, input.files);
    return { ms, ...(cpuMs !== undefined ? { cpuMs } : {}) };
  });
}

/** The jq pipeline's `uniq -c` lines (`  12 ["GetObject","s3.amazonaws.com"]`) as counts. */
function uniqCounts(stdout: string): Counts {
  const counts: Counts = {};
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\[.*\])$/.exec(line);
    if (!match) continue;
    const [name, source] = JSON.parse(match[2]!) as [unknown, unknown];
    counts[`${String(name)}|${String(source)}`] = Number(match[1]);
  }
  return counts;
}

/**
 * `gzip -dc <files> | jq -c '.Records[] | [.eventName, .eventSource]' | sort | uniq -c`, or jq on the
 * plain file. sort runs with LC_ALL=C, its fastest: the comparison gives jq every advantage.
 */
export function jqPipeline(input: DiskInput): Promise<Outcome> {
  if (!installed('jq')) return Promise.resolve({ skipped: 'jq is not installed' });
  const filter = input.shape === 'records' ? '.Records[] | [.eventName, .eventSource]' : '[.eventName, .eventSource]';
  const jq = input.gzipped ? `gzip -dc "$@" | jq -c '${filter}'` : `jq -c '${filter}' "$@"`;
  return outcome(async () => {
    const { stdout, ...result } = await pipelineRun(`${jq} | LC_ALL=C sort | uniq -c`, input.files);
    return { ...result, counts: uniqCounts(stdout) };
  });
}

/** How many records a jq program keeps of the input (`wc -l` of its compact output), with the pipeline's wall and CPU time. */
export async function jqCount(input: DiskInput, program: string): Promise<(ToolResult & { count: number }) | { skipped: string }> {
  if (!installed('jq')) return { skipped: 'jq is not installed' };
  // The program goes through the environment, so no quoting of it by the shell can go wrong.
  const jq = input.gzipped ? `gzip -dc "$@" | jq -c "$JQ_PROGRAM"` : `jq -c "$JQ_PROGRAM" "$@"`;
  try {
    const { stdout, ...result } = await pipelineRun(`${jq} | wc -l`, input.files, { JQ_PROGRAM: program });
    return { ...result, count: Number(stdout.trim()) };
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
}

/** DuckDB's read_json counting by event, in a process of its own (see duckdbCount.ts). */
export function duckdb(input: Pick<DiskInput, 'files' | 'shape' | 'largestFileBytes'>, query: DuckQuery): Promise<Outcome> {
  try {
    require.resolve('@duckdb/node-api');
  } catch {
    return Promise.resolve({ skipped: '@duckdb/node-api is not installed (npm install)' });
  }
  const job = { files: input.files, shape: input.shape, query, largestFileBytes: input.largestFileBytes };
  return outcome(async () => {
    const { stdout } = await run(process.execPath, [path.join(__dirname, 'duckdbCount.js'), JSON.stringify(job)]);
    return JSON.parse(stdout) as ToolResult;
  });
}

/** What differs between a tool's counts and the truth, in a few words; empty when they agree. */
export function countMismatch(truth: Counts, counts: Counts): string {
  const keys = new Set([...Object.keys(truth), ...Object.keys(counts)]);
  const wrong = [...keys].filter((k) => (truth[k] ?? 0) !== (counts[k] ?? 0));
  if (wrong.length === 0) return '';
  const total = (c: Counts): number => Object.values(c).reduce((a, b) => a + b, 0);
  const first = wrong
    .slice(0, 3)
    .map((k) => `${k}: ${counts[k] ?? 0} for ${truth[k] ?? 0}`)
    .join('; ');
  return `${wrong.length} of ${keys.size} events counted wrong (${total(counts)} records for ${total(truth)}); ${first}`;
}
