/**
 * What an investigator's question costs once a folder is read: the events view's filter (its tree), the
 * timeline's bars and the first page of records, each for a table of filters, beside the same question asked
 * of the logs with jq (`gzip -dc <files> | jq -c '<the program Copy as jq filter writes>' | wc -l`), which
 * reads every file again for every question. Counts must agree. Then who is behind it: the session chains (By actor,
 * `actor:`) and firstSeen, each beside the folder's read, which they must stay under a tenth of, in wall and the server's
 * CPU time; at a smaller --disk-scale, on the full 200-log folder too. Prints figures; asserts nothing.
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
  let read: Cost;
  let actors: ActorCost[];
  try {
    await client.initialize();
    const uri = pathToFileURL(folder!.path).toString();
    read = await measured(client, () => client.connection.sendRequest(OpenFolderRequest, { folder: uri }));
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
    `Investigating a read folder (${folder!.label}, ${folder!.records} records, read once in ${f(read.ms)}; median of ${rounds}; ours: wall time, with the server's CPU time for all three requests; jq: the whole pipeline, every file read again):`,
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
  out.push('', ...actorTable('the same folder', actors, read));
  // The tenth is of the 200-log folder's read: a smaller run measures it there too.
  if (scale !== 1) out.push('', ...(await fullFolderActors(rounds)));
  return out.join('\n');
}

interface ActorCost {
  readonly question: string;
  readonly ms: number;
  /** The server's CPU time (all its threads; 10 ms ticks). */
  readonly cpuMs: number;
}

/** A read's or a question's cost. */
interface Cost {
  readonly ms: number;
  readonly cpuMs: number;
}

/** The wall and server CPU time of one request. */
async function measured(client: TestClient, ask: () => Promise<unknown>): Promise<Cost> {
  const cpu = cpuTimeMs(client.pid);
  const t = performance.now();
  await ask();
  return { ms: performance.now() - t, cpuMs: cpuTimeMs(client.pid) - cpu };
}

function medianCost(costs: readonly Cost[]): Cost {
  return { ms: median(costs.map((c) => c.ms)), cpuMs: median(costs.map((c) => c.cpuMs)) };
}

/**
 * What who-is-behind-it costs on the read folder: session chains (By actor, first and again; actor:) and firstSeen.
 * The first of each is what a user waits for (chains are followed, and firstSeen's pass made, once per log): it is
 * measured once; the rest are medians of the rounds.
 */
async function benchActors(client: TestClient, uri: string, rounds: number): Promise<ActorCost[]> {
  const textDocument = { uri };
  const repeated = async (ask: () => Promise<unknown>) => {
    const costs: Cost[] = [];
    for (let r = 0; r < rounds; r++) costs.push(await measured(client, ask));
    return medianCost(costs);
  };
  let tree: EventTreeResult | null = null;
  const actorTree = async () => (tree = await client.connection.sendRequest(EventTreeRequest, { textDocument, groupBy: 'actor' }));
  const first = await measured(client, actorTree);
  const again = await repeated(actorTree);
  const origin = (tree as EventTreeResult | null)?.groups[0]?.key ?? 'nobody';
  const since = (tree as EventTreeResult | null)?.newSince ?? new Date(0).toISOString();
  const filtered = await repeated(() =>
    client.connection.sendRequest(EventTreeRequest, { textDocument, filter: formatTerm('actor', origin) }),
  );
  // New in this window asks the four fields one after the other: the first time, and again.
  const newInWindow = async () => {
    for (const field of FIRST_SEEN_FIELDS) await client.connection.sendRequest(FirstSeenRequest, { textDocument, since, field });
  };
  const firstSeen = await measured(client, newInWindow);
  const firstSeenAgain = await repeated(newInWindow);
  return [
    { question: 'By actor tree, first (every record’s session chain followed)', ...first },
    { question: 'By actor tree, again', ...again },
    { question: 'The chains (first tree less again)', ms: first.ms - again.ms, cpuMs: first.cpuMs - again.cpuMs },
    { question: '`actor:` on the largest origin, tree', ...filtered },
    { question: 'firstSeen, the four fields (New in this window), first', ...firstSeen },
    { question: 'firstSeen, the four fields, again', ...firstSeenAgain },
  ];
}

/** Each cost beside the folder's read: the chains and firstSeen must stay under a tenth of it. */
function actorTable(label: string, costs: readonly ActorCost[], read: Cost): string[] {
  const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
  return [
    `Who is behind it, on ${label} (server wall and CPU time; a first once, the rest the median of the rounds), against its read of ${f(read.ms)} (CPU ${f(read.cpuMs)}, every thread):`,
    '',
    '| Question | Wall time | Share of the read | Under a tenth | Server CPU | Share of the read’s CPU |',
    '| --- | ---: | ---: | --- | ---: | ---: |',
    ...costs.map(
      (c) =>
        `| ${c.question} | ${f(c.ms)} | ${share(c.ms, read.ms)} | ${c.ms < read.ms / 10 ? 'yes' : '**no**'} | ${f(c.cpuMs)} | ${share(c.cpuMs, read.cpuMs)} |`,
    ),
  ];
}

/** The same costs on the full folder (200 logs), read by a server of its own: what the tenth is of. */
async function fullFolderActors(rounds: number): Promise<string[]> {
  const [folder] = await diskInputs(1);
  const client = new TestClient({ waitLimitMs: BENCH_WAIT_MS });
  try {
    await client.initialize();
    const uri = pathToFileURL(folder!.path).toString();
    const read = await measured(client, () => client.connection.sendRequest(OpenFolderRequest, { folder: uri }));
    return actorTable(`the full folder (${folder!.label}, ${folder!.records} records)`, await benchActors(client, uri, rounds), read);
  } finally {
    await client.dispose();
  }
}
