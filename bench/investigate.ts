/**
 * What an investigator's question costs once a folder is read: the events view's filter (its tree), the
 * timeline's bars and the first page of records, each for a table of filters, beside the same question asked
 * of the logs with jq (`gzip -dc <files> | jq -c '<the program Copy as jq filter writes>' | wc -l`), which
 * reads every file again for every question. Counts must agree. Prints figures; asserts nothing.
 *
 *   npm run bench -- --investigate [--rounds 3] [--disk-scale 0.1]
 */
import { pathToFileURL } from 'node:url';
import { jqProgram } from '../common/jqFilter';
import { EventTreeRequest, OpenFolderRequest, RecordsRequest, TimelineRequest } from '../common/protocol';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { BUCKETS, ERRORS, USERS } from '../test/support/logVocabulary';
import { diskInputs } from './diskData';
import { jqCount } from './diskTools';
import { median } from './median';
import { cpuTimeMs } from './peakMemory';

/** Questions as a responder types them, over the generated logs' own names. */
const FILTERS: readonly string[] = [
  'event:Put*',
  `user:${USERS[0]} -error:*`,
  `error:${ERRORS[0]![0]} error:${ERRORS[1]![0]}`,
  `bucket:${BUCKETS[1]} event:Delete* event:Put*`,
  'ip:*.amazonaws.com after:2024-03-05T01:00:00Z before:2024-03-05T02:00:00Z',
  'Object',
];

interface Row {
  readonly filter: string;
  readonly shown: number;
  readonly tree: number;
  readonly timeline: number;
  readonly page: number;
  readonly cpu: number;
  readonly jq: { ms: number; cpuMs?: number; count: number } | { skipped: string };
}

function f(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export async function benchInvestigate(rounds: number, scale: number): Promise<string> {
  const [folder] = await diskInputs(scale);
  const client = new TestClient({ waitLimitMs: BENCH_WAIT_MS });
  const rows: Row[] = [];
  let readMs: number;
  try {
    await client.initialize();
    const uri = pathToFileURL(folder!.path).toString();
    const start = performance.now();
    await client.connection.sendRequest(OpenFolderRequest, { folder: uri });
    readMs = performance.now() - start;
    const textDocument = { uri };
    for (const filter of FILTERS) {
      const tree: number[] = [];
      const timeline: number[] = [];
      const page: number[] = [];
      const cpu: number[] = [];
      let shown = 0;
      for (let r = 0; r < rounds; r++) {
        const cpuBefore = cpuTimeMs(client.pid);
        let t = performance.now();
        shown = (await client.connection.sendRequest(EventTreeRequest, { textDocument, filter }))!.shown;
        tree.push(performance.now() - t);
        t = performance.now();
        await client.connection.sendRequest(TimelineRequest, { textDocument, filter, stack: 'outcome' });
        timeline.push(performance.now() - t);
        t = performance.now();
        await client.connection.sendRequest(RecordsRequest, { textDocument, filter });
        page.push(performance.now() - t);
        cpu.push(cpuTimeMs(client.pid) - cpuBefore);
      }
      const jq = await jqCount(folder!, jqProgram(filter, 'cloudtrail'));
      rows.push({ filter, shown, tree: median(tree), timeline: median(timeline), page: median(page), cpu: median(cpu), jq });
    }
  } finally {
    await client.dispose();
  }
  const out = [
    `Investigating a read folder (${folder!.label}, ${folder!.records} records, read once in ${f(readMs)}; median of ${rounds}; ours: wall time, with the server's CPU time for all three requests; jq: the whole pipeline, every file read again):`,
    '',
    '| Filter | Records kept | Events tree | Timeline bars | First page of records | Server CPU, all three | jq pipeline (CPU) | Faster than jq | Counts |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const ours = r.tree + r.timeline + r.page;
    const jq = 'skipped' in r.jq ? `n/a: ${r.jq.skipped}` : `${f(r.jq.ms)} (${r.jq.cpuMs === undefined ? '?' : f(r.jq.cpuMs)})`;
    const speedUp = 'skipped' in r.jq ? '' : `${Math.round(r.jq.ms / ours)}×`;
    const agree = 'skipped' in r.jq ? '' : r.jq.count === r.shown ? 'agree' : `**COUNT MISMATCH** (jq ${r.jq.count})`;
    out.push(
      `| \`${r.filter}\` | ${r.shown} | ${f(r.tree)} | ${f(r.timeline)} | ${f(r.page)} | ${f(r.cpu)} | ${jq} | ${speedUp} | ${agree} |`,
    );
  }
  return out.join('\n');
}
