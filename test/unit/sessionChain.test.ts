/**
 * Session chains over hand-written logs (test/support/sessionLog.ts): each credential followed back to the human
 * or service behind it, from an open document's summaries and from a folder read from disk alike.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { compileFilter } from '../../server/src/features/eventFilter';
import { buildEventTree } from '../../server/src/features/eventGroups';
import { buildTimeline } from '../../server/src/features/timeline';
import { indexFolder } from '../../server/src/files/folderIndex';
import { InlineRunner } from '../../server/src/files/readJobs';
import { pivotFilter, pivotsOf, pivotTitle } from '../../common/pivots';
import { getLanguageService } from '../../server/src/languageService';
import { SessionIndex } from '../../server/src/features/sessionChain';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { logOf } from '../support/cleanRecord';
import * as log from '../support/sessionLog';

const index = SessionIndex.of(summarize(parseLog(logOf(...log.ALL_CHAINS))));
const arns = (links: readonly { arn: string }[]) => links.map((l) => l.arn);
const issuers = (links: readonly { issuedBy?: { eventID: string } }[]) => links.map((l) => l.issuedBy?.eventID);

describe('session chains', () => {
  test('three hops of role chaining lead back to the IAM user, each link with its issuing call', () => {
    const links = index.chain({ accessKeyId: log.key(3) });
    assert.deepEqual(arns(links), [log.roleSession('Hop3', 's3'), log.roleSession('Hop2', 's2'), log.roleSession('Hop1', 's1'), log.ALICE]);
    assert.deepEqual(issuers(links), [log.eventId(3), log.eventId(2), log.eventId(1), undefined]);
    assert.deepEqual(links[0]!.issuedBy, { index: 2, eventID: log.eventId(3), eventName: 'AssumeRole', eventTime: log.time(3) });
    assert.equal(links[3]!.accessKeyId, log.ALICE_KEY);
  });

  test('a session found by its ARN alone has the same chain', () => {
    assert.deepEqual(arns(index.chain({ arn: log.roleSession('Hop2', 's2') })), [
      log.roleSession('Hop2', 's2'),
      log.roleSession('Hop1', 's1'),
      log.ALICE,
    ]);
  });

  test('SAML and web identity end at their subjects', () => {
    assert.deepEqual(arns(index.chain({ accessKeyId: log.key(10) })), [log.roleSession('SamlRole', 'jane@example.com'), log.SAML_SUBJECT]);
    assert.deepEqual(arns(index.chain({ accessKeyId: log.key(12) })), [log.roleSession('WebRole', 'app-session'), log.WEB_SUBJECT]);
  });

  test('an Identity Center session leads to the user who signed in, by its GetRoleCredentials', () => {
    const links = index.chain({ accessKeyId: log.key(21) });
    assert.deepEqual(arns(links), [log.SSO_SESSION, 'identity-center-user:bob']);
    assert.equal(links[0]!.issuedBy?.eventName, 'GetRoleCredentials');
  });

  test('without its GetRoleCredentials, onBehalfOf still names the Identity Center user', () => {
    const summaries = summarize(parseLog(logOf(log.IDENTITY_CENTER[1])));
    const alone = SessionIndex.of(summaries);
    const links = alone.chain({ accessKeyId: log.key(21) });
    assert.deepEqual(arns(links), [log.SSO_SESSION, 'identity-center-user:u-bob']);
    assert.deepEqual(issuers(links), [undefined, undefined]);
    // The record's actor is whom it acts for, as its chain ends.
    assert.equal(alone.actorOf(summaries[0]!), 'identity-center-user:u-bob');
  });

  test('GetSessionToken and GetFederationToken: a session token leads to its user, a federated user to the user who asked', () => {
    const tokens = SessionIndex.of(summarize(parseLog(logOf(...log.TOKENS))));
    const own = tokens.chain({ accessKeyId: log.key(50) });
    assert.deepEqual(arns(own), [log.ALICE, log.ALICE]);
    assert.deepEqual(issuers(own), [log.eventId(50), undefined]);
    assert.equal(own[0]!.issuedBy?.eventName, 'GetSessionToken');
    const federated = tokens.chain({ accessKeyId: log.key(52) });
    assert.deepEqual(arns(federated), [log.FEDERATED, log.ALICE]);
    assert.deepEqual(issuers(federated), [log.eventId(52), undefined]);
    assert.equal(tokens.actorOf(summarize(parseLog(logOf(...log.TOKENS)))[3]!), log.ALICE);
  });

  test('a key issued outside the logs is its own last link, with no issuing call', () => {
    assert.deepEqual(index.chain({ accessKeyId: log.key(30) }), [{ arn: log.roleSession('Elsewhere', 'far'), accessKeyId: log.key(30) }]);
  });

  test('a cycle stops once it comes back to a credential', () => {
    const links = index.chain({ accessKeyId: log.key(40) });
    assert.deepEqual(arns(links), [log.roleSession('Loop', 'b'), log.roleSession('Loop', 'a')]);
    assert.deepEqual(issuers(links), [log.eventId(40), log.eventId(41)]);
  });

  test('a broken log (read by the tolerant parser) gives the same chains', () => {
    const broken = logOf(...log.ALL_CHAINS).replace(/\}\s*\]\s*\}\s*$/, '},]}');
    const tolerant = SessionIndex.of(summarize(parseLog(broken)));
    for (const credential of [log.key(3), log.key(10), log.key(12), log.key(21)].map((accessKeyId) => ({ accessKeyId }))) {
      assert.deepEqual(tolerant.chain(credential), index.chain(credential));
    }
  });

  test('unknown keys and ARNs have no chain', () => {
    assert.deepEqual(index.chain({ accessKeyId: 'ASIA9999999999999999' }), []);
    assert.deepEqual(index.chain({ arn: 'arn:aws:iam::111122223333:user/nobody' }), []);
  });

  test("a record's actor is its chain's origin, or its own identity where it has none", () => {
    const summaries = summarize(parseLog(logOf(...log.ALL_CHAINS)));
    const actors = SessionIndex.of(summaries);
    assert.equal(actors.actorOf(summaries[3]!), log.ALICE);
    assert.equal(actors.actorOf(summaries[0]!), log.ALICE);
    assert.equal(actors.actorOf(summaries[5]!), log.SAML_SUBJECT);
    assert.equal(actors.actorOf(summaries[10]!), log.roleSession('Elsewhere', 'far'));
  });
});

describe('session chains of a folder read from disk', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'chains-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  // The key Hop1/s1 is issued in one file and used in both: the second file's records lead back to alice too.
  writeFileSync(path.join(folder, 'a.json'), logOf(log.THREE_HOPS[0], ...log.SAML));
  writeFileSync(path.join(folder, 'b.json'), logOf(...log.THREE_HOPS.slice(1), ...log.IDENTITY_CENTER));

  for (const [how, wholeFileLimit] of [
    ['read whole', undefined],
    ['streamed', 0],
  ] as const) {
    test(`a key issued in one file and used in another is followed across them (${how})`, async () => {
      const runner = new InlineRunner();
      const read = (await indexFolder(folder, { runner, ...(wholeFileLimit === undefined ? {} : { wholeFileLimit }) }))!;
      runner.close();
      const chains = SessionIndex.of(read.records);
      const links = chains.chain({ accessKeyId: log.key(3) });
      assert.deepEqual(arns(links), [
        log.roleSession('Hop3', 's3'),
        log.roleSession('Hop2', 's2'),
        log.roleSession('Hop1', 's1'),
        log.ALICE,
      ]);
      assert.deepEqual(issuers(links), [log.eventId(3), log.eventId(2), log.eventId(1), undefined]);
      assert.deepEqual(arns(chains.chain({ accessKeyId: log.key(10) })), [
        log.roleSession('SamlRole', 'jane@example.com'),
        log.SAML_SUBJECT,
      ]);
      assert.deepEqual(arns(chains.chain({ accessKeyId: log.key(21) })), [log.SSO_SESSION, 'identity-center-user:bob']);
      const hop3Call = read.records.find((r) => r.accessKeyId === log.key(3))!;
      assert.equal(chains.actorOf(hop3Call), log.ALICE);
      // actor: keeps every record made by a session whose chain ends at alice, across both files.
      const { test: keep } = compileFilter('actor:alice');
      assert.deepEqual(
        read.records.filter((r) => keep(r, read.records)).map((r) => r.eventTime),
        log.THREE_HOPS.map((r) => r['eventTime']),
      );
    });
  }
});

/** What a pivot reads of a record, for a hover's pivot to be compared with the record pivot's. */
const ALICE_RECORD = {
  eventTime: log.time(4),
  identity: 'Hop3/s3',
  sourceIPAddress: '192.0.2.10',
  userName: undefined,
  roleName: 'Hop3',
  arn: log.roleSession('Hop3', 's3'),
  accessKeyId: log.key(3),
  bucketName: undefined,
};

describe('the chain hover', () => {
  const service = getLanguageService();
  const hostile = log.roleSession('Evil', '[x](command:workbench.action.terminal.new)');
  const records = [
    ...log.THREE_HOPS,
    ...log.OUTSIDE,
    log.issueOf(50, log.OUTSIDE[0]!.userIdentity as Record<string, unknown>, log.key(50), hostile),
  ];
  const text = logOf(...records);
  const analysis = service.analyse(1, text);
  const hover = (needle: string, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    const chain = { summaries: analysis.summaries, recordLink: (index: number) => `file:///log.json#R${index}` };
    return service.hover(text, analysis.parsed, at + 1, undefined, chain)?.markdown ?? '';
  };

  test('on a session key, every link with its issuing call’s time and a link to that record, ending at the user', () => {
    const markdown = hover(`"${log.key(3)}"`, 1);
    assert.match(markdown, /Session chain/);
    assert.match(markdown, /\[AssumeRole at 2026\\-11\\-01T10\\:03\\:00Z\]\(file:\/\/\/log\.json#R2\)/);
    assert.match(markdown, /\[AssumeRole at 2026\\-11\\-01T10\\:01\\:00Z\]\(file:\/\/\/log\.json#R0\)/);
    assert.match(markdown, /4\\\. arn\\:aws\\:iam\\:\\:111122223333\\:user\\\/alice .* — origin/);
  });

  test('the pivot "Everything this actor did": the record pivot’s filter on the origin, by our filter command', () => {
    const markdown = hover(`"${log.key(3)}"`, 1);
    const links = [...markdown.matchAll(/\[([^\]]*)\]\(command:cloudtrail\.filterEvents\?([^)\s]*)\)/g)];
    const pivot = links.find((m) => m[1] === 'Everything this actor did');
    assert.ok(pivot, markdown);
    assert.deepEqual(JSON.parse(decodeURIComponent(pivot[2]!)), [pivotFilter('actor', { ...ALICE_RECORD, actor: log.ALICE })]);
    // Behind a session issued outside the logs, the session itself is the actor.
    const outside = hover(log.roleSession('Elsewhere', 'far'));
    assert.ok(outside.includes(encodeURIComponent(JSON.stringify([`actor:${log.roleSession('Elsewhere', 'far')}`]))), outside);
  });

  test('on a role session with no issuing call loaded: issued outside these logs', () => {
    assert.match(hover(log.roleSession('Elsewhere', 'far')), /issued outside these logs/);
  });

  test('log text in the chain is escaped: no link or command comes from it', () => {
    const markdown = hover(`"${log.key(50)}"`);
    assert.match(markdown, /Session chain/);
    // The only command link is our own filter pivot on the hovered value (its argument encoded), never one from the log.
    const commands = [...markdown.matchAll(/\]\(command:([^?)\s]*)/g)].map((m) => m[1]);
    assert.ok(
      commands.every((c) => c === 'cloudtrail.filterEvents'),
      commands.join(', '),
    );
    assert.doesNotMatch(markdown, /\]\(command:workbench/);
  });

  test('a long-term user’s own key shows no chain', () => {
    assert.doesNotMatch(hover(log.ALICE_KEY), /Session chain/);
  });
});

describe('actors in the events view', () => {
  const summaries = summarize(parseLog(logOf(...log.ALL_CHAINS)));
  const kept = (filter: string) => {
    const { test: keep } = compileFilter(filter);
    return summaries.filter((s) => keep(s, summaries)).map((s) => s.index);
  };

  test('actor: takes the origin’s ARN or its last part, with wildcards, and negated', () => {
    assert.deepEqual(kept('actor:alice'), [0, 1, 2, 3]);
    assert.deepEqual(kept(`actor:${log.ALICE}`), [0, 1, 2, 3]);
    assert.deepEqual(kept('actor:saml:*'), [4, 5]);
    assert.deepEqual(kept('actor:identity-center-user:bob'), [8, 9]);
    assert.equal(kept('-actor:alice').length, summaries.length - 4);
  });

  test('the pivot "Everything this actor did" writes actor: with the origin, and keeps the whole chain’s records', () => {
    const record = { eventTime: log.time(4), identity: 'Hop3/s3', sourceIPAddress: '192.0.2.10', actor: log.ALICE };
    assert.ok(pivotsOf(record).includes('actor'));
    assert.equal(pivotTitle('actor'), 'Everything this actor did');
    assert.deepEqual(kept(pivotFilter('actor', record)!), [0, 1, 2, 3]);
    assert.ok(!pivotsOf({ ...record, actor: undefined }).includes('actor'));
  });

  test('the timeline stacks by actor as it stacks by any grouping', () => {
    const { series } = buildTimeline(summaries, { stack: 'group', groupBy: 'actor' });
    const alice = series.find((s) => s.key === log.ALICE);
    assert.equal(
      alice?.counts.reduce((a, b) => a + b, 0),
      4,
    );
  });

  test('By actor groups each origin’s records, its sessions’ calls together', () => {
    const { groups } = buildEventTree(summaries, 'actor');
    const alice = groups.find((g) => g.key === log.ALICE)!;
    assert.equal(alice.count, 4);
    assert.deepEqual(
      alice.events.map((e) => [e.eventName, e.count]),
      [
        ['AssumeRole', 3],
        ['ListBuckets', 1],
      ],
    );
    assert.ok(groups.some((g) => g.key === log.WEB_SUBJECT && g.count === 2));
  });
});
