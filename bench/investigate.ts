/**
 * What an investigator's question costs once a folder is read: the events view's filter (its tree), the
 * timeline's bars and the first page of records, each for a table of filters, beside the same question asked
 * of the logs with jq (`gzip -dc <files> | jq -c '<the program Copy as jq filter writes>' | wc -l`), which
 * reads every file again for every question. Counts must agree. Then who is behind it: the session chains (By actor,
 * `actor:`) and firstSeen, each beside the folder's read, which they must stay under a tenth of. Prints figures; asserts nothing.
 *
 *   npm run bench -- --investigate [--rounds 3] [--disk-scale 0.1]
 */
import { pathToFileURL } from 'node:url';
import { jqProgram } from '../common/jqFilter';
import { FIRST_SEEN_FIELDS, FirstSeenRequest } from '../common/actorProtocol';
import { formatTerm } from '../common/filterSyntax';
import { EventTreeRequest, type EventTreeResult, OpenFolderRequest, RecordsRequest, TimelineRequest } from '../common/protocol';
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
  let actors: ActorCost[];
  try {
    await client.initialize();
    const uri = pathToFileURL(folder!.path).toString();
    const start = performance.now();
    await client.connection.sendRequest(OpenFolderRequest, { folder: uri });
    readMs = performance.now() - start;
    const textDocument = { uri };
    // First, before any record page works out the records' actors: the chains' cost is paid by the first to ask.
    actors = await benchActors(client, uri, rounds);
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
  out.push('', ...actorTable(actors, readMs));
  return out.join('\n');
}

interface ActorCost {
  readonly question: string;
  readonly ms: number;
}

/** What who-is-behind-it costs on the read folder: session chains (By actor, first and again; actor:) and firstSeen. */
async function benchActors(client: TestClient, uri: string, rounds: number): Promise<ActorCost[]> {
  const textDocument = { uri };
  const timed = async (ask: () => Promise<unknown>) => {
    const t = performance.now();
    await ask();
    return performance.now() - t;
  };
  let tree: EventTreeResult | null = null;
  const first = await timed(async () => (tree = await client.connection.sendRequest(EventTreeRequest, { textDocument, groupBy: 'actor' })));
  const again: number[] = [];
  for (let r = 0; r < rounds; r++)
    again.push(await timed(() => client.connection.sendRequest(EventTreeRequest, { textDocument, groupBy: 'actor' })));
  const origin = (tree as EventTreeResult | null)?.groups[0]?.key ?? 'nobody';
  const since = (tree as EventTreeResult | null)?.newSince ?? new Date(0).toISOString();
  const filtered: number[] = [];
  for (let r = 0; r < rounds; r++)
    filtered.push(
      await timed(() => client.connection.sendRequest(EventTreeRequest, { textDocument, filter: formatTerm('actor', origin) })),
    );
  const costs: ActorCost[] = [
    { question: 'By actor tree, first (every record’s session chain followed)', ms: first },
    { question: 'By actor tree, again', ms: median(again) },
    { question: '`actor:` on the largest origin, tree', ms: median(filtered) },
  ];
  let all = 0;
  for (const field of FIRST_SEEN_FIELDS) {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++)
      times.push(await timed(() => client.connection.sendRequest(FirstSeenRequest, { textDocument, since, field })));
    costs.push({ question: `firstSeen \`${field}\` since the last tenth`, ms: median(times) });
    all += median(times);
  }
  costs.push({ question: 'firstSeen, the four fields (New in this window)', ms: all });
  return costs;
}

/** Each cost beside the folder's read: the chains and firstSeen must stay under a tenth of it. */
function actorTable(costs: readonly ActorCost[], readMs: number): string[] {
  return [
    `Who is behind it, on the same folder (median of the rounds; the first By actor tree once, as it follows every chain), against its read of ${f(readMs)}:`,
    '',
    '| Question | Wall time | Share of the read | Under a tenth |',
    '| --- | ---: | ---: | --- |',
    ...costs.map(
      (c) => `| ${c.question} | ${f(c.ms)} | ${((100 * c.ms) / readMs).toFixed(1)} % | ${c.ms < readMs / 10 ? 'yes' : '**no**'} |`,
    ),
  ];
}
