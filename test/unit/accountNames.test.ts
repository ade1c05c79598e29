/**
 * Account names: `cloudtrail.accounts` as a list or a map of ID to name (the placeholder gets the IDs either way),
 * `cloudtrail.accountsFile` as `aws organizations list-accounts` writes it (a regular file, size-capped), names
 * beside IDs in hovers, and `account:` matching names in the view and the SQL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { withAccountNames } from '../../server/src/features/accountTerms';
import { compileFilter } from '../../server/src/features/eventFilter';
import { hoverAt } from '../../server/src/features/hover';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { sqlFor } from '../../server/src/queries/sqlQuery';
import { MAX_ACCOUNTS_FILE, readAccountsFile, withAccountsFile } from '../../server/src/settings/accountNames';
import { readServerSettings } from '../../server/src/settings/serverSettings';
import { cleanRecord } from '../support/cleanRecord';

const PROD = '111122223333';
const DEV = '444455556666';
const OTHER = '777788889999';
const NAMES = new Map([
  [PROD, 'prod-payments'],
  [DEV, 'dev sandbox'],
]);

const dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-accounts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const LIST_ACCOUNTS = JSON.stringify({
  Accounts: [
    { Id: PROD, Arn: `arn:aws:organizations::${PROD}:account/o-x/${PROD}`, Name: 'Production', Status: 'ACTIVE' },
    { Id: OTHER, Name: 'Audit' },
    { Id: 'not-an-id', Name: 'x' },
    { Id: DEV },
  ],
});

describe('account names', () => {
  test('cloudtrail.accounts as a map names accounts and still gives the placeholder its IDs; the list form is unchanged', () => {
    const mapped = readServerSettings({ accounts: { [PROD]: ' prod-payments ', [DEV]: 'dev sandbox', junk: 'x', [OTHER]: 7 } });
    assert.deepEqual(mapped.detections.accounts, [PROD, DEV, OTHER]);
    assert.deepEqual([...mapped.accountNames], [...NAMES]);
    const listed = readServerSettings({ accounts: [PROD, 'nope'] });
    assert.deepEqual(listed.detections.accounts, [PROD]);
    assert.equal(listed.accountNames.size, 0);
  });

  test('the accounts file is read as list-accounts writes it; the map setting wins where both name an account', async () => {
    const file = path.join(dir, 'accounts.json');
    writeFileSync(file, LIST_ACCOUNTS);
    const settings = readServerSettings({ accounts: { [PROD]: 'prod-payments' }, accountsFile: 'accounts.json' });
    const notes: string[] = [];
    const read = await withAccountsFile(
      settings,
      (written) => path.join(dir, written),
      (m) => notes.push(m),
      100,
    );
    assert.deepEqual(Object.fromEntries(read.accountNames), { [PROD]: 'prod-payments', [OTHER]: 'Audit' });
    assert.deepEqual(notes, []);
    assert.deepEqual(read.detections.accounts, [PROD], 'the file names accounts; it does not add to %cloudtrail.accounts%');
  });

  test('a folder, a file too large or not JSON gives no names and says why', async () => {
    const big = path.join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_ACCOUNTS_FILE + 1);
    const junk = path.join(dir, 'junk.json');
    writeFileSync(junk, '\u0000\u0001 not json');
    for (const file of [dir, big, junk, path.join(dir, 'missing.json')]) {
      const { names, problem } = await readAccountsFile(file, 100);
      assert.equal(names.size, 0, file);
      assert.ok(problem, file);
    }
  });

  const RECORDS = [
    cleanRecord({ userIdentity: { type: 'IAMUser', accountId: PROD, userName: 'a' }, recipientAccountId: PROD }),
    cleanRecord({ userIdentity: { type: 'IAMUser', accountId: OTHER, userName: 'b' }, recipientAccountId: DEV }),
    cleanRecord({ userIdentity: { type: 'IAMUser', accountId: OTHER, userName: 'c' }, recipientAccountId: OTHER }),
  ];
  const text = JSON.stringify({ Records: RECORDS }, null, 2);
  const parsed = parseLog(text);
  const summaries = summarize(parsed, text);

  test('account: matches names, wildcards and any case, negated too; IDs still match', () => {
    const count = (filter: string) => summaries.filter((s) => compileFilter(withAccountNames(filter, NAMES)).test(s, summaries)).length;
    assert.equal(count('account:prod-payments'), 1);
    assert.equal(count('account:PROD*'), 1);
    assert.equal(count('account:*sandbox'), 1);
    assert.equal(count('account:prod* account:dev*'), 2);
    assert.equal(count('-account:dev*'), 2);
    assert.equal(count(`account:${OTHER}`), 2);
    assert.equal(count('account:nobody'), 0);
  });

  test('the SQL lists the IDs a name stands for', () => {
    const target = { athena: { database: 'd', table: 't', partitioning: 'none' as const }, lake: { eventDataStore: '' } };
    const { sql } = sqlFor({ dialect: 'athena', filter: withAccountNames('account:prod*', NAMES)!, target });
    assert.ok(sql?.includes(`'${PROD}'`), sql);
    assert.ok(!sql?.includes(`'${DEV}'`), sql);
  });

  test('a hover on an account ID gives its name, escaped', () => {
    const hostile = new Map([[PROD, '[x](command:evil)']]);
    const at = text.indexOf(PROD) + 2;
    const markdown = hoverAt(text, parsed, at, { accountNames: hostile })?.markdown ?? '';
    assert.match(markdown, /Account ID of \*\*\\\[x\\\] ?\\\(command\\:evil\\\)\*\*/);
    assert.doesNotMatch(markdown, /\]\(command:/);
    assert.doesNotMatch(hoverAt(text, parsed, at)?.markdown ?? '', /of \*\*/);
  });
});
