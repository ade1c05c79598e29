/**
 * What checking an evidence folder costs: a year of hourly digests (8,760, signed with a bench key) listing the
 * delivered-log folder's logs, verified by the server over LSP (cloudtrail/verifyIntegrity), beside hashing alone
 * in the same run: the same files only decompressed and hashed, by Node in this process one after another (the
 * logs, then the logs and digests), and by `gzip -dc | sha256sum` as one stream. CPU beside wall: on a shared
 * machine the wall time says how long the work waited for a core. Counts must come out all valid (but the newest
 * digest, unverified). Prints figures; asserts nothing.
 *
 *   npm run bench -- --integrity [--rounds 3] [--disk-scale 0.1] [--integrity-hours 8760]
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { integrityCounts, VerifyIntegrityRequest } from '../common/integrityProtocol';
import { makeDigestChain, writeKeyFile } from '../test/support/digestChain';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { diskInputs } from './diskData';
import { median } from './median';
import { cpuTimeMs } from './peakMemory';

const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** The folder's logs copied below a new folder's AWSLogs (the bench's cache stays as it is), and their copies. */
function copyLogs(files: readonly string[], root: string): string[] {
  return files.map((file) => {
    const parts = file.split(path.sep);
    const target = path.join(root, ...parts.slice(parts.lastIndexOf('AWSLogs')));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
    return target;
  });
}

interface Cost {
  readonly ms: number;
  readonly cpuMs: number;
}

/** Hashing alone in Node: every file decompressed and hashed, one after another, on this thread. */
function hashOnly(files: readonly string[]): Cost & { bytes: number } {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let bytes = 0;
  for (const file of files) {
    const text = gunzipSync(readFileSync(file));
    bytes += text.length;
    createHash('sha256').update(text).digest('hex');
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, bytes };
}

/** `times`' line for the shell's children: "0m1.234s 0m0.056s" (user, system). */
const childSeconds = (line: string) =>
  [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, m, sec]) => sum + Number(m) * 60 + Number(sec), 0);

/** Hashing alone by the system's tools: the files, listed in `list` (NUL-separated), gunzipped into one sha256sum. */
function shellHash(list: string): Cost | undefined {
  const start = performance.now();
  const run = spawnSync('bash', ['-c', 'xargs -0 -a "$1" gzip -dc -- | sha256sum >/dev/null && times', 'bench', list], {
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  const children = run.stdout?.trim().split('\n')[1];
  return run.status === 0 && children ? { ms, cpuMs: childSeconds(children) * 1000 } : undefined;
}

export async function benchIntegrity(rounds: number, scale: number, hours: number): Promise<string> {
  const [folder] = await diskInputs(scale);
  const root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-bench-integrity-'));
  const client = new TestClient({ waitLimitMs: BENCH_WAIT_MS });
  try {
    const logs = copyLogs(folder!.files, root);
    let t = performance.now();
    const chain = makeDigestChain({ hours, root, logsPerHour: 0, listed: logs });
    const madeMs = performance.now() - t;
    const params = { folder: pathToFileURL(root).href, publicKeys: pathToFileURL(writeKeyFile(chain)).href };
    await client.initialize();
    const wall: number[] = [];
    const cpu: number[] = [];
    let counts;
    for (let r = 0; r < rounds; r++) {
      const cpuBefore = cpuTimeMs(client.pid);
      t = performance.now();
      counts = integrityCounts((await client.connection.sendRequest(VerifyIntegrityRequest, params))!);
      wall.push(performance.now() - t);
      cpu.push(cpuTimeMs(client.pid) - cpuBefore);
    }
    const all = [...logs, ...chain.digests];
    const list = path.join(root, 'files.list');
    writeFileSync(list, all.join('\0'));
    const nodeLogs = Array.from({ length: rounds }, () => hashOnly(logs));
    const nodeAll = Array.from({ length: rounds }, () => hashOnly(all));
    const shell = Array.from({ length: rounds }, () => shellHash(list));
    const { bytes } = nodeLogs[0]!;
    const agree =
      counts!.logs.valid === logs.length && counts!.digests.valid === hours - 1 && counts!.digests.unverified === 1 && counts!.gaps === 0
        ? 'all valid'
        : `**UNEXPECTED** ${JSON.stringify(counts)}`;
    const row = (what: string, files: string, costs: readonly (Cost | undefined)[], result = '') => {
      const done = costs.filter((c): c is Cost => c !== undefined);
      return done.length === 0
        ? `| ${what} | ${files} | not run | | ${result} |`
        : `| ${what} | ${files} | ${f(median(done.map((c) => c.ms)))} | ${f(median(done.map((c) => c.cpuMs)))} | ${result} |`;
    };
    const both = `${hours} digests + ${logs.length} logs`;
    return [
      `Verifying a folder's integrity (${hours} hourly digests, made and signed in ${f(madeMs)}, listing ${folder!.label}: ${logs.length} logs, ${(bytes / 1024 / 1024).toFixed(0)} MB uncompressed; median of ${rounds}), beside hashing alone of the same files in the same run:`,
      '',
      '| What | Files | Wall | CPU | Result |',
      '| --- | --- | ---: | ---: | --- |',
      row(
        'cloudtrail/verifyIntegrity (the server, all its threads)',
        both,
        wall.map((ms, i) => ({ ms, cpuMs: cpu[i]! })),
        agree,
      ),
      row('Node, one thread: gunzip + SHA-256', `${logs.length} logs`, nodeLogs),
      row('Node, one thread: gunzip + SHA-256', both, nodeAll),
      row('`gzip -dc \\| sha256sum`, one stream', both, shell),
    ].join('\n');
  } finally {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}
