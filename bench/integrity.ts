/**
 * What checking an evidence folder costs: a year of hourly digests (8,760, signed with a bench key) listing the
 * delivered-log folder's logs, verified by the server over LSP (cloudtrail/verifyIntegrity), beside the floor: the
 * same logs only decompressed and hashed, in this process, one after another. Counts must come out all valid (but
 * the newest digest, unverified). Prints figures; asserts nothing.
 *
 *   npm run bench -- --integrity [--rounds 3] [--disk-scale 0.1] [--integrity-hours 8760]
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** The floor: every log decompressed and hashed, one after another, on this thread. */
function hashOnly(files: readonly string[]): { ms: number; cpuMs: number; bytes: number } {
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
    const floors = Array.from({ length: rounds }, () => hashOnly(logs));
    const floor = median(floors.map((h) => h.ms));
    const floorCpu = median(floors.map((h) => h.cpuMs));
    const { bytes } = floors[0]!;
    const agree =
      counts!.logs.valid === logs.length && counts!.digests.valid === hours - 1 && counts!.digests.unverified === 1 && counts!.gaps === 0
        ? 'all valid'
        : `**UNEXPECTED** ${JSON.stringify(counts)}`;
    return [
      `Verifying a folder's integrity (${hours} hourly digests, made and signed in ${f(madeMs)}, listing ${folder!.label}: ${logs.length} logs, ${(bytes / 1024 / 1024).toFixed(0)} MB uncompressed; median of ${rounds}; the floor is the logs alone decompressed and hashed in one thread):`,
      '',
      '| Digests | Logs | cloudtrail/verifyIntegrity (wall) | Server CPU | Floor: gunzip + SHA-256 (CPU) | Result |',
      '| ---: | ---: | ---: | ---: | ---: | --- |',
      `| ${hours} | ${logs.length} | ${f(median(wall))} | ${f(median(cpu))} | ${f(floor)} (${f(floorCpu)}) | ${agree} |`,
    ].join('\n');
  } finally {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}
