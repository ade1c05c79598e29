/**
 * What an investigation report costs: cloudtrail/report on a 50,000-record generated log open in the server with the
 * rule pack in force, as HTML and as Markdown (and HTML redacted), once the events view has shown its tree; the first
 * report and the later ones apart (the first works out what the server keeps: session chains, what is new). Wall time
 * beside the server's CPU time. Prints figures; asserts nothing.
 *
 *   npm run bench -- --report [--rounds 3] [--report-records 50000] [--report-realistic] [--report-profile DIR]
 * (--report-profile: the server's CPU profile, from its start to its exit, written into DIR.)
 */
import { EventTreeRequest } from '../common/protocol';
import { type ReportFormat, ReportRequest } from '../common/reportProtocol';
import { generateLog } from '../test/support/generateLog';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { median } from './median';
import { cpuTimeMs } from './peakMemory';

const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const MB = 1024 * 1024;

/** The reports asked for, in this order, each `rounds` times after a first. */
const ASKED: readonly { readonly label: string; readonly format: ReportFormat; readonly redact: boolean }[] = [
  { label: 'HTML', format: 'html', redact: false },
  { label: 'Markdown', format: 'markdown', redact: false },
  { label: 'HTML, redacted', format: 'html', redact: true },
];

interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
  readonly bytes: number;
}

async function timedReport(client: TestClient, uri: string, format: ReportFormat, redact: boolean): Promise<Timing> {
  const cpuBefore = cpuTimeMs(client.pid);
  const start = performance.now();
  const answer = await client.connection.sendRequest(ReportRequest, { textDocument: { uri }, format, redact });
  return { ms: performance.now() - start, cpuMs: cpuTimeMs(client.pid) - cpuBefore, bytes: answer?.text.length ?? NaN };
}

export async function benchReport(
  rounds: number,
  records: number,
  cardinality: 'default' | 'realistic',
  profileDir?: string,
): Promise<string> {
  const text = generateLog({ seed: 42, records, ...(cardinality === 'realistic' ? { cardinality } : {}) });
  const uri = 'file:///bench/report.json';
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const client = new TestClient({ waitLimitMs: BENCH_WAIT_MS, nodeArgs });
  const rows: string[] = [];
  let openMs: number;
  try {
    await client.initialize();
    // The pack read before the log opens, as a server does long before a user opens one.
    await client.whenLogged(/^Detections/);
    const start = performance.now();
    await client.open(uri, text);
    await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });
    openMs = performance.now() - start;
    for (const { label, format, redact } of ASKED) {
      const first = await timedReport(client, uri, format, redact);
      const again: Timing[] = [];
      for (let r = 0; r < rounds; r++) again.push(await timedReport(client, uri, format, redact));
      const cell = (t: readonly Timing[]) => `${f(median(t.map((x) => x.ms)))} | ${f(median(t.map((x) => x.cpuMs)))}`;
      rows.push(`| ${label} | ${cell([first])} | ${cell(again)} | ${(first.bytes / 1024).toFixed(0)} KB |`);
    }
  } finally {
    await client.dispose();
  }
  return [
    `An investigation report (cloudtrail/report) of a generated log open in the server (${records} records, ${cardinality} cardinality, ${(text.length / MB).toFixed(0)} MB, the rule pack in force; open → diagnostics and the events tree in ${f(openMs)}); first report of each kind, then the median of ${rounds} more; wall time and the server's CPU time:`,
    '',
    '| Report | First: wall | First: CPU | Again: wall | Again: CPU | Size |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
