/**
 * Account names over LSP: `cloudtrail.accounts` as a map and `cloudtrail.accountsFile` (list-accounts JSON) name
 * accounts; `account:` matches those names in the tree, the records and the SQL, and record items carry the names.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { jqProgram } from '../../common/jqFilter';
import { EventTreeRequest, ExportRequest, RecordsRequest, SqlRequest, TimelineRequest } from '../../common/protocol';
import { cleanRecord } from '../support/cleanRecord';
import { DETECTIONS_OFF, TestClient } from '../support/lspClient';

const PROD = '111122223333';
const AUDIT = '777788889999';
const RECORDS = [
  cleanRecord({ userIdentity: { type: 'IAMUser', accountId: PROD, userName: 'a' }, recipientAccountId: PROD }),
  cleanRecord({ userIdentity: { type: 'IAMUser', accountId: AUDIT, userName: 'b' }, recipientAccountId: AUDIT }),
  cleanRecord({ userIdentity: { type: 'IAMUser', accountId: '444455556666', userName: 'c' }, recipientAccountId: '444455556666' }),
];

describe('account names over LSP', () => {
  let client: TestClient;
  let dir: string;
  const uri = 'file:///accounts/log.json';

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-accounts-'));
    const file = path.join(dir, 'accounts.json');
    writeFileSync(
      file,
      JSON.stringify({
        Accounts: [
          { Id: AUDIT, Name: 'Audit' },
          { Id: PROD, Name: 'Overridden' },
        ],
      }),
    );
    client = new TestClient();
    client.settings = { ...DETECTIONS_OFF, accounts: { [PROD]: 'prod-payments' }, accountsFile: file };
    await client.initialize();
    await client.open(uri, JSON.stringify({ Records: RECORDS }));
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('account: matches a name of the map and of the file, in the tree and the records', async () => {
    for (const [filter, expected] of [
      ['account:prod*', 1],
      ['account:audit', 1],
      ['account:overridden', 0],
      ['-account:prod* -account:Audit', 1],
    ] as const) {
      const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, filter });
      assert.equal(tree?.shown, expected, filter);
      const page = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, filter, limit: 10 });
      assert.equal(page?.total, expected, filter);
    }
  });

  test("the tree gives the filter with names resolved, and jq run on it keeps the view's records", async () => {
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, filter: 'account:audit' });
    assert.equal(tree?.namedFilter?.filter, 'account:audit');
    const program = jqProgram(tree!.namedFilter!.resolved, 'cloudtrail');
    const run = spawnSync('jq', ['-c', program], { input: JSON.stringify({ Records: RECORDS }), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.split('\n').filter(Boolean).length, tree?.shown);
    const plain = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, filter: `account:${AUDIT}` });
    assert.equal(plain?.namedFilter, undefined);
  });

  test('group labels name the accounts their IDs are of, by identity and by actor; the keys stay IDs', async () => {
    const named = 'file:///accounts/groups.json';
    const alice = `arn:aws:iam::${PROD}:user/alice`;
    await client.open(
      named,
      JSON.stringify({
        Records: [
          cleanRecord({ userIdentity: { type: 'AWSAccount', accountId: AUDIT, principalId: 'AIDAEXAMPLE' } }),
          cleanRecord({ userIdentity: { type: 'IAMUser', arn: alice, accountId: PROD, userName: 'alice' } }),
          cleanRecord({ userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::444455556666:user/c', userName: 'c' } }),
        ],
      }),
    );
    const labels = async (groupBy: 'identity' | 'actor') =>
      (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: named }, groupBy }))?.groups.map((g) => [
        g.key,
        g.label,
      ]);
    assert.deepEqual(
      (await labels('identity'))?.find(([key]) => key === `account ${AUDIT}`),
      [`account ${AUDIT}`, `account ${AUDIT} (Audit)`],
    );
    const byActor = await labels('actor');
    assert.deepEqual(
      byActor?.find(([key]) => key === alice),
      [alice, `${alice} (prod-payments)`],
    );
    // An account no one named is shown as it is.
    assert.deepEqual(
      byActor?.find(([key]) => key.includes('444455556666')),
      ['arn:aws:iam::444455556666:user/c', 'arn:aws:iam::444455556666:user/c'],
    );
  });

  test("By actor, a session names its identity's account, and the timeline's series name theirs as the groups do", async () => {
    const chained = 'file:///accounts/sessions.json';
    const alice = `arn:aws:iam::${PROD}:user/alice`;
    const session = `arn:aws:sts::${AUDIT}:assumed-role/audit/alice`;
    await client.open(
      chained,
      JSON.stringify({
        Records: [
          cleanRecord({
            eventName: 'AssumeRole',
            eventSource: 'sts.amazonaws.com',
            userIdentity: { type: 'IAMUser', arn: alice, accountId: PROD, userName: 'alice', accessKeyId: 'AKIAALICE' },
            responseElements: { credentials: { accessKeyId: 'ASIAAUDIT' }, assumedRoleUser: { arn: session } },
          }),
          cleanRecord({ userIdentity: { type: 'AssumedRole', arn: session, accountId: AUDIT, accessKeyId: 'ASIAAUDIT' } }),
        ],
      }),
    );
    const textDocument = { uri: chained };
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument, groupBy: 'actor' });
    const group = tree?.groups.find((g) => g.key === alice);
    assert.deepEqual(
      group?.sessions?.map((s) => [s.principal, s.accountName]),
      [
        [alice, 'prod-payments'],
        [session, 'Audit'],
      ],
    );
    const timeline = await client.connection.sendRequest(TimelineRequest, { textDocument, groupBy: 'actor', stack: 'group' });
    assert.deepEqual(
      timeline?.series.map((s) => [s.key, s.label]),
      [[alice, `${alice} (prod-payments)`]],
    );
  });

  test('a CSV export writes the names beside the account columns, and a redacted one writes none', async () => {
    const columns = ['eventName', 'userIdentity.accountId', 'recipientAccountId'];
    const csv = async (redact: boolean) => {
      const target = path.join(dir, `names${redact ? '-redacted' : ''}.csv`);
      await client.connection.sendRequest(ExportRequest, {
        textDocument: { uri },
        format: 'csv',
        columns,
        ...(redact ? { redact } : {}),
        target: pathToFileURL(target).toString(),
      });
      return readFileSync(target, 'utf8').split('\r\n').filter(Boolean);
    };
    const named = await csv(false);
    assert.equal(
      named[0],
      'eventName,userIdentity.accountId,userIdentity.accountId (account name),recipientAccountId,recipientAccountId (account name)',
    );
    assert.equal(named[2], `${RECORDS[1]!.eventName},${AUDIT},Audit,${AUDIT},Audit`);
    // An account no one named has an empty name.
    assert.equal(named[3], `${RECORDS[2]!.eventName},444455556666,,444455556666,`);
    const redacted = await csv(true);
    assert.equal(redacted[0], columns.join(','));
    assert.ok(!redacted.some((line) => line.includes('Audit') || line.includes('prod-payments')), redacted.join('\n'));
  });

  test('record items carry the names of their accounts', async () => {
    const page = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, limit: 10 });
    assert.deepEqual(
      page?.items.map((i) => [i.accountNames?.account, i.accountNames?.recipient]),
      [
        ['prod-payments', 'prod-payments'],
        ['Audit', 'Audit'],
        [undefined, undefined],
      ],
    );
  });

  test('an export of the view filtered by a name writes the records the view shows', async () => {
    const target = path.join(dir, 'export.jsonl');
    const result = await client.connection.sendRequest(ExportRequest, {
      textDocument: { uri },
      filter: 'account:audit',
      format: 'jsonl',
      target: pathToFileURL(target).toString(),
    });
    assert.ok(result);
    const lines = readFileSync(target, 'utf8').split('\n').filter(Boolean);
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { recipientAccountId: string }).recipientAccountId),
      [AUDIT],
    );
  });

  test('the SQL lists the IDs a name stands for, and not those of other names', async () => {
    const answer = await client.connection.sendRequest(SqlRequest, { textDocument: { uri }, dialect: 'athena', filter: 'account:audit' });
    assert.ok(answer?.sql?.includes(`'${AUDIT}'`), answer?.sql);
    assert.ok(!answer?.sql?.includes(`'${PROD}'`), answer?.sql);
  });
});
