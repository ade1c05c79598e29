/** The events view on who is behind the records: New in this window (and a timeline range setting it), By actor's sessions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EventsServer, EventTreeModel } from '../../client/src/eventsView/model';
import type { EventNameNode, EventNode, GroupNode, NewValueNode, SessionNode } from '../../client/src/eventsView/nodes';
import { itemOf } from '../../client/src/eventsView/items';
import { withTimeRange } from '../../common/filterSyntax';
import { buildEventTree, MAX_SESSIONS, placeOf } from '../../server/src/features/eventGroups';
import { getLanguageService } from '../../server/src/languageService';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { FIRST_SEEN_RECORDS } from '../support/firstSeenLog';
import { inProcessServer } from '../support/inProcessServer';
import * as chains from '../support/sessionLog';

const URI = 'file:///logs/actors.json';
const ALICE = chains.ALICE;

async function modelOf(text: string) {
  const source = inProcessServer(text);
  const model = new EventTreeModel(source, () => undefined);
  await model.show(URI);
  return { model, source };
}

const indexes = (nodes: EventNode[]) => nodes.flatMap((n) => (n.kind === 'record' ? [n.item.index] : []));

/** The view over the first-seen log, its server answering New in this window as the language server does; `asked`, its firstSeen requests. */
function firstSeenModel() {
  const service = getLanguageService();
  const text = logOf(...FIRST_SEEN_RECORDS);
  const log = service.shownDocument({ version: 1, text: () => text }, service.analyse(1, text));
  const plain = inProcessServer(text);
  const asked: string[] = [];
  const server: EventsServer = {
    ...plain,
    eventTree: async (uri, groupBy, filter) => ({
      ...(await plain.eventTree(uri, groupBy, filter))!,
      newSince: new Date(service.newSince(log)!).toISOString(),
    }),
    firstSeen: async (_uri, since, field) => {
      asked.push(`${field} ${since}`);
      return { items: await service.firstSeen(log, field, Date.parse(since)) };
    },
  };
  return { model: new EventTreeModel(server, () => undefined), asked };
}

describe('events view: New in this window', () => {
  test('after Detections, a group lists each actor’s first API calls, IPs, user agents and regions since the last tenth', async () => {
    const { model, asked } = firstSeenModel();
    await model.show(URI);
    const fresh = (model.children() as EventNode[])[0]!;
    assert.equal(fresh.kind, 'new');
    assert.deepEqual(itemOf(fresh, 'level').description, 'since 2026-11-01 10:53:06 UTC');
    const values = (await model.children(fresh)).map((n) => itemOf(n, 'level'));
    assert.deepEqual(
      asked,
      ['eventName', 'sourceIPAddress', 'userAgent', 'awsRegion'].map((f) => `${f} 2026-11-01T10:53:06.000Z`),
    );
    const bob = 'arn:aws:iam::111122223333:user/bob';
    assert.deepEqual(
      values.map((v) => [v.label, v.description]),
      [
        ['s3.amazonaws.com:ListBuckets', `API call · ${bob} · 1 record`],
        ['iam.amazonaws.com:CreateAccessKey', `API call · ${ALICE} · 1 record`],
        ['198.51.100.7', `source IP · ${ALICE} · 2 records`],
        ['192.0.2.10', `source IP · ${bob} · 1 record`],
        ['[aws-cli/2.15.0]', `user agent · ${bob} · 1 record`],
        ['eu-west-1', `region · ${ALICE} · 1 record`],
        ['us-west-2', `region · ${bob} · 1 record`],
      ],
    );
  });
});

describe('events view: a timeline range sets New in this window', () => {
  test('the filter’s after:/before: (as a timeline range writes them): what is new in that range', async () => {
    const { model, asked } = firstSeenModel();
    // The timeline's range from 10:50 to 10:56 (timelineView.ts's applyRange writes it into the filter).
    model.filter = withTimeRange('', Date.parse('2026-11-01T10:50:00Z'), Date.parse('2026-11-01T10:56:00Z'));
    await model.show(URI);
    const fresh = (model.children() as EventNode[])[0]!;
    assert.equal(fresh.kind, 'new');
    assert.equal(itemOf(fresh, 'level').description, '2026-11-01 10:50:00 UTC to 2026-11-01 10:56:00 UTC');
    assert.ok(
      asked.every((a) => a.endsWith(' 2026-11-01T10:50:00.000Z')),
      asked.join(', '),
    );
    const values = (await model.children(fresh)) as NewValueNode[];
    const firsts = values.map((v) => [v.field, v.item.value, v.item.firstTime]);
    // Alice's AssumeRole (10:50) and her role session's new IP and region (10:55); not bob's (10:56) nor CreateAccessKey (10:58).
    assert.ok(
      firsts.some(([field, value]) => field === 'eventName' && value === 'sts.amazonaws.com:AssumeRole'),
      JSON.stringify(firsts),
    );
    assert.ok(firsts.some(([field, value]) => field === 'awsRegion' && value === 'eu-west-1'));
    assert.ok(
      firsts.every(([, , time]) => time! >= '2026-11-01T10:50:00Z' && time! < '2026-11-01T10:56:00Z'),
      JSON.stringify(firsts),
    );
  });
});

describe('events view: By actor, origin → session → event', () => {
  test('an actor’s sessions come between it and its events, each session’s pages and places of its own', async () => {
    const text = logOf(...chains.ALL_CHAINS);
    const { model, source } = await modelOf(text);
    model.groupBy = 'actor';
    await model.refresh();
    const alice = (model.children() as GroupNode[]).find((g) => g.group.key === ALICE)!;
    const sessions = model.children(alice) as SessionNode[];
    // Alice's own key, then the three role sessions her chain opened, in the order they first acted.
    assert.deepEqual(
      sessions.map((s) => [s.session.principal, s.session.accessKeyId, s.session.count]),
      [
        [ALICE, chains.ALICE_KEY, 1],
        [chains.roleSession('Hop1', 's1'), chains.key(1), 1],
        [chains.roleSession('Hop2', 's2'), chains.key(2), 1],
        [chains.roleSession('Hop3', 's3'), chains.key(3), 1],
      ],
    );
    assert.equal(itemOf(sessions[3]!, 'actor').description, `${chains.key(3)} · 1`);
    const [event] = model.children(sessions[3]!) as EventNameNode[];
    assert.equal(event!.event.eventName, 'ListBuckets');
    assert.deepEqual(indexes((await model.children(event!)) as EventNode[]), [3]);
    assert.equal(source.queries.at(-1)?.session, chains.key(3));
    // A record the server places (cloudtrail/recordAt) is found under its session.
    const summaries = summarize(parseLog(text));
    const place = placeOf(summaries, 2, 'actor')!;
    const node = await model.nodeFor({ ...place, eventName: 'AssumeRole', eventSource: 'sts.amazonaws.com' });
    assert.equal(node?.item.index, 2);
    assert.equal(model.parent(model.parent(node!)!), sessions[2]);
  });
});

describe('events view: By actor past MAX_SESSIONS', () => {
  test('an actor with more sessions than MAX_SESSIONS lists its events directly, with every record counted', () => {
    const records = Array.from({ length: MAX_SESSIONS + 1 }, (_, i) =>
      cleanRecord({ userIdentity: { ...(cleanRecord().userIdentity as object), accessKeyId: chains.key(100 + i) } }),
    );
    const { groups } = buildEventTree(summarize(parseLog(logOf(...records))), 'actor');
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.sessions, undefined);
    assert.equal(groups[0]!.count, MAX_SESSIONS + 1);
    // A record placed under such an actor is placed under its event, with no session.
    assert.equal(placeOf(summarize(parseLog(logOf(...records))), 3, 'actor')?.session, undefined);
    const fewer = buildEventTree(summarize(parseLog(logOf(...records.slice(1)))), 'actor');
    assert.equal(fewer.groups[0]!.sessions?.length, MAX_SESSIONS);
  });
});
