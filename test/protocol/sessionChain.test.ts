/** cloudtrail/sessionChain over LSP: hand-written chains (test/support/sessionLog.ts) in an open document and in a folder read from disk. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SessionChainRequest, type SessionChainParams } from '../../common/actorProtocol';
import { EventTreeRequest, OpenLogRequest, RecordsRequest, SqlRequest } from '../../common/protocol';
import { logOf } from '../support/cleanRecord';
import { TestClient } from '../support/lspClient';
import * as log from '../support/sessionLog';

describe('cloudtrail/sessionChain', () => {
  let client: TestClient;
  const folder = mkdtempSync(path.join(tmpdir(), 'chain-folder-'));
  const folderUri = pathToFileURL(folder).href;
  const documentUri = 'file:///chains/log.json';
  before(async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(documentUri, logOf(...log.ALL_CHAINS));
    // The first hop's key is issued in a.json and used in b.json.
    writeFileSync(path.join(folder, 'a.json'), logOf(log.THREE_HOPS[0], ...log.WEB_IDENTITY));
    writeFileSync(path.join(folder, 'b.json'), logOf(...log.THREE_HOPS.slice(1), ...log.OUTSIDE));
    await client.connection.sendRequest(OpenLogRequest, { uri: folderUri });
  });
  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const chain = (uri: string, credential: Omit<SessionChainParams, 'textDocument'>) =>
    client.connection.sendRequest(SessionChainRequest, { textDocument: { uri }, ...credential });

  const hops = [
    {
      arn: log.roleSession('Hop3', 's3'),
      accessKeyId: log.key(3),
      issuedBy: { eventID: log.eventId(3), eventName: 'AssumeRole', eventTime: log.time(3) },
    },
    {
      arn: log.roleSession('Hop2', 's2'),
      accessKeyId: log.key(2),
      issuedBy: { eventID: log.eventId(2), eventName: 'AssumeRole', eventTime: log.time(2) },
    },
    {
      arn: log.roleSession('Hop1', 's1'),
      accessKeyId: log.key(1),
      issuedBy: { eventID: log.eventId(1), eventName: 'AssumeRole', eventTime: log.time(1) },
    },
    { arn: log.ALICE, accessKeyId: log.ALICE_KEY },
  ];

  for (const [where, uri] of [
    ['an open document', documentUri],
    ['a folder whose files share a key', folderUri],
  ] as const) {
    test(`three hops of role chaining, in ${where}`, async () => {
      assert.deepEqual(await chain(uri, { accessKeyId: log.key(3) }), { links: hops });
      assert.deepEqual(await chain(uri, { arn: log.roleSession('Hop3', 's3') }), { links: hops });
      assert.deepEqual((await chain(uri, { accessKeyId: log.key(12) }))?.links.at(-1), { arn: log.WEB_SUBJECT });
      assert.deepEqual(await chain(uri, { accessKeyId: log.key(30) }), {
        links: [{ arn: log.roleSession('Elsewhere', 'far'), accessKeyId: log.key(30) }],
      });
    });
  }

  test('the events view groups by actor, and each record of a chain names its actor', async () => {
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: folderUri }, groupBy: 'actor' });
    assert.deepEqual(tree?.groups.find((g) => g.key === log.ALICE)?.count, 4);
    const page = await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri: folderUri },
      groupBy: 'actor',
      group: log.ALICE,
    });
    assert.deepEqual(
      page?.items.map((i) => i.actor),
      [undefined, log.ALICE, log.ALICE, log.ALICE],
    );
    // origin → session → event: each session by its key, across the folder's two files.
    const alice = tree?.groups.find((g) => g.key === log.ALICE);
    assert.deepEqual(
      alice?.sessions?.map((s) => [s.key, s.count, s.events.map((e) => e.eventName)]),
      [
        [log.ALICE_KEY, 1, ['AssumeRole']],
        [log.key(1), 1, ['AssumeRole']],
        [log.key(2), 1, ['AssumeRole']],
        [log.key(3), 1, ['ListBuckets']],
      ],
    );
    const session = await client.connection.sendRequest(RecordsRequest, {
      textDocument: { uri: folderUri },
      groupBy: 'actor',
      group: log.ALICE,
      session: log.key(3),
    });
    assert.deepEqual(
      session?.items.map((i) => [i.eventName, i.actor]),
      [['ListBuckets', log.ALICE]],
    );
  });

  test('SAML, Identity Center and a cycle', async () => {
    const saml = await chain(documentUri, { accessKeyId: log.key(10) });
    assert.deepEqual(
      saml?.links.map((l) => l.arn),
      [log.roleSession('SamlRole', 'jane@example.com'), log.SAML_SUBJECT],
    );
    const sso = await chain(documentUri, { accessKeyId: log.key(21) });
    assert.deepEqual(
      sso?.links.map((l) => [l.arn, l.issuedBy?.eventName]),
      [
        [log.SSO_SESSION, 'GetRoleCredentials'],
        ['identity-center-user:bob', undefined],
      ],
    );
    const cycle = await chain(documentUri, { accessKeyId: log.key(40) });
    assert.equal(cycle?.links.length, 2);
  });

  test('actor: in SQL and jq: the chains are followed in the editor and the query lists the sessions, in a folder', async () => {
    const sql = (uri: string, filter: string) =>
      client.connection.sendRequest(SqlRequest, { textDocument: { uri }, dialect: 'athena', filter, explain: true });
    const answer = await sql(folderUri, 'actor:alice');
    // The user's own ARN, and the keys of the three role sessions her chain leads through (issued in a.json, used in b.json).
    assert.ok(answer?.sql, answer?.reason);
    for (const listed of [log.ALICE, log.key(1), log.key(2), log.key(3)]) assert.ok(answer.sql.includes(`'${listed}'`), listed);
    assert.ok(!answer.sql.includes(log.key(30)), 'a session of another actor is not listed');
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: folderUri }, filter: 'actor:alice' });
    assert.deepEqual(tree?.actorSessions, {
      filter: 'actor:alice',
      actors: [
        {
          term: 'alice',
          sessions: { arns: [log.ALICE], accessKeyIds: [log.key(1), log.key(2), log.key(3)], keylessArns: [], keylessIdentities: [] },
        },
      ],
    });
    // With no log shown, nothing says which sessions the actor opened.
    assert.match((await sql('file:///nowhere.json', 'actor:alice'))?.reason ?? '', /show the log or folder/);
  });

  test('unknown or malformed credentials answer no links; an unknown log answers null', async () => {
    assert.deepEqual(await chain(documentUri, { accessKeyId: 'ASIA0000000000009999' }), { links: [] });
    assert.deepEqual(await chain(documentUri, { arn: 42 as unknown as string }), { links: [] });
    assert.deepEqual(await chain(documentUri, { accessKeyId: '__proto__' }), { links: [] });
    assert.equal(await chain('file:///nowhere.json', { accessKeyId: log.key(3) }), null);
  });
});
