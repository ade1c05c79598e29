/**
 * Sigma's `expand`: `%cloudtrail.accounts%` stands for the account IDs of the setting, on logs and in SQL alike;
 * an empty setting matches nothing; a value with no placeholder, an unknown one or one beside `re` is refused.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { placeholdersOf } from '../../server/src/detections/placeholders';
import { readRules } from '../../server/src/detections/ruleReader';
import { readDetectionSettings } from '../../server/src/settings/serverSettings';
import { sqlFor } from '../../server/src/queries/sqlQuery';
import { packFiles, packRecords } from '../support/rulePack';
import { cloudTrailRule } from './sigmaSupport';

const share = (userId: string) => ({
  eventName: 'ModifySnapshotAttribute',
  recipientAccountId: '111122223333',
  requestParameters: { createVolumePermission: { add: { items: [{ userId }] } }, policy: `arn:aws:iam::${userId}:root` },
});

/** Whether the rule reports on the record, with these accounts in the setting. */
function firesWith(detection: string, accounts: readonly string[], record: unknown): boolean {
  const { set, problems } = compileRules([{ file: 'rule.yml', text: cloudTrailRule(detection) }], {
    placeholders: placeholdersOf(accounts),
  });
  assert.deepEqual(
    problems.map((p) => p.message),
    [],
  );
  return set.match(record).length === 1;
}

const mine = "mine:\n  requestParameters.createVolumePermission.add.items.userId|expand: '%cloudtrail.accounts%'\n";
const foreign = `sel:\n  eventName: ModifySnapshotAttribute\n${mine}condition: sel and not mine`;

describe('expand fills %cloudtrail.accounts% from the setting', () => {
  const rows: [string, string, readonly string[], string, boolean][] = [
    ['a listed account matches', `${mine}condition: mine`, ['444455556666', '777788889999'], '777788889999', true],
    ['an account not listed does not', `${mine}condition: mine`, ['444455556666'], '777788889999', false],
    ['an empty setting matches nothing', `${mine}condition: mine`, [], '444455556666', false],
    ['a share with an account not mine is foreign', foreign, ['444455556666'], '777788889999', true],
    ['a share with one of mine is not', foreign, ['444455556666'], '444455556666', false],
    ['with no accounts set, every share is foreign', foreign, [], '444455556666', true],
    [
      'text around the placeholder keeps its wildcards',
      "sel:\n  requestParameters.policy|expand: 'arn:aws:*::%cloudtrail.accounts%:root'\ncondition: sel",
      ['444455556666'],
      '444455556666',
      true,
    ],
    [
      'with a shape modifier',
      "sel:\n  requestParameters.policy|expand|endswith: '::%cloudtrail.accounts%:root'\ncondition: sel",
      ['444455556666'],
      '444455556666',
      true,
    ],
  ];
  for (const [name, detection, accounts, userId, expected] of rows)
    test(name, () => assert.equal(firesWith(detection, accounts, share(userId)), expected));

  test("a setting's value is literal: a * in it is no wildcard", () => {
    assert.equal(firesWith(`${mine}condition: mine`, ['4444*'], share('444455556666')), false);
  });
});

describe('a rule whose placeholder cannot be filled is refused, with why', () => {
  const rows: [string, string, RegExp][] = [
    ['no placeholder', "sel:\n  recipientAccountId|expand: '111122223333'\ncondition: sel", /holds no %placeholder%/],
    [
      'an unknown placeholder',
      "sel:\n  recipientAccountId|expand: '%DomainControllers%'\ncondition: sel",
      /unknown placeholder %DomainControllers%/,
    ],
    [
      'two placeholders',
      "sel:\n  recipientAccountId|expand: '%cloudtrail.accounts%%cloudtrail.accounts%'\ncondition: sel",
      /more than one/,
    ],
    ['beside re', "sel:\n  recipientAccountId|expand|re: '%cloudtrail.accounts%'\ncondition: sel", /expand cannot be combined with re/],
  ];
  for (const [name, detection, message] of rows)
    test(name, () => {
      const { problems, set } = compileRules([{ file: 'rule.yml', text: cloudTrailRule(detection) }]);
      assert.match(problems.map((p) => p.message).join('\n'), message);
      assert.equal(set.rules.length, 0);
    });
});

describe('in SQL, the placeholder is the setting as an IN list', () => {
  const rule = readRules(cloudTrailRule(foreign), 'rule.yml').rules[0]!;
  const target = {
    athena: { database: 'default', table: 'cloudtrail_logs', partitioning: 'projection' as const },
    lake: { eventDataStore: 'eds' },
  };

  test('the accounts the setting lists', () => {
    const answer = sqlFor({ dialect: 'athena', rule, target, placeholders: placeholdersOf(['444455556666', '777788889999']) });
    assert.ok(answer.sql, answer.reason);
    assert.match(answer.sql, /IN \('444455556666', '777788889999'\)/);
  });

  test('no accounts: nothing is one of mine, so every share is kept', () => {
    const answer = sqlFor({ dialect: 'lake', rule, target, placeholders: placeholdersOf([]) });
    assert.ok(answer.sql, answer.reason);
    assert.doesNotMatch(answer.sql, /createVolumePermission/i);
    assert.match(answer.sql, /ModifySnapshotAttribute/i);
  });
});

test('cloudtrail.accounts keeps 12-digit account IDs, each once, and nothing else', () => {
  const raw = { accounts: ['444455556666', ' 1', 'x', 444455556666, '444455556666', '777788889999', '__proto__', '1234567890123'] };
  assert.deepEqual(readDetectionSettings(raw).accounts, ['444455556666', '777788889999']);
  assert.deepEqual(readDetectionSettings({ accounts: 'all' }).accounts, []);
  assert.deepEqual(readDetectionSettings(undefined).accounts, []);
});

test("the pack's foreign-account rules fire on their records until the accounts they name are listed as yours", () => {
  const files = packFiles().filter((f) => f.text.includes('%cloudtrail.accounts%'));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const records = packRecords(f.stem).match;
    const named = [...new Set(JSON.stringify(records).match(/\d{12}/g) ?? [])];
    const fired = (accounts: readonly string[]) => {
      const { set } = compileRules([{ file: f.file, text: f.text }], { placeholders: placeholdersOf(accounts) });
      return records.filter((r) => set.match(r).length > 0).length;
    };
    assert.equal(fired([]), records.length, f.stem);
    assert.equal(fired(named), 0, f.stem);
  }
});
