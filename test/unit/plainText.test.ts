/**
 * Notifications show text from settings, rules, logs, AWS and the server: none of it may become a link that
 * runs a command. VS Code links `[label](command:…)` (and http, https and file targets) in a notification's
 * message; plainText breaks that syntax, and every notification of the client goes through it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { plainText } from '../../common/plainText';
import { sqlFor } from '../../server/src/queries/sqlQuery';
import { repoPath } from '../support/paths';

/** What a notification turns into a link: a label in brackets, then a target of these schemes in parentheses. */
const NOTIFICATION_LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+(?: (["']).+?\1)?\)/i;

const HOSTILE = [
  '[Open settings](command:workbench.action.openSettings)',
  '[x](command:workbench.action.terminal.new "Run")',
  'see [the docs](https://attacker.example/p.png) and [file](file:///etc/passwd)',
  'two lines\n[Open settings](command:workbench.action.openSettings)',
  '[spaced]\t(command:workbench.action.openSettings)',
];

test('a workspace’s eventDataStore of the issue cannot become a link in the warning that quotes it', () => {
  const eventDataStore = '[Open settings](command:workbench.action.openSettings)';
  const answer = sqlFor({
    dialect: 'lake',
    filter: '',
    target: { athena: { database: 'default', table: 'cloudtrail_logs', partitioning: 'projection' }, lake: { eventDataStore } },
  });
  const warning = `Cannot be expressed in CloudTrail Lake SQL: ${answer.reason}.`;
  assert.match(warning, NOTIFICATION_LINK, 'the server quotes the value as it was written');
  assert.doesNotMatch(plainText(warning), NOTIFICATION_LINK);
});

test('no link of any scheme survives, nor a second line; everything else is as it was', () => {
  for (const text of HOSTILE) {
    const shown = plainText(text);
    assert.doesNotMatch(shown, NOTIFICATION_LINK, text);
    assert.doesNotMatch(shown, /[\r\n\t]/, text);
  }
  assert.equal(plainText('[Open settings](command:x)'), '[Open settings] (command:x)');
  const ordinary = 'Access denied (403) [s3://bucket] for arn:aws:iam::111122223333:role/x — 3 of 5 files';
  assert.equal(plainText(ordinary), ordinary);
});

test('the client shows notifications only through client/src/notifications.ts, which makes them inert', () => {
  const root = repoPath('client', 'src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const direct = files.filter(
    (file) =>
      file !== 'notifications.ts' &&
      /window\.(showInformationMessage|showWarningMessage|showErrorMessage|withProgress)\b/.test(
        readFileSync(path.join(root, file), 'utf8'),
      ),
  );
  assert.deepEqual(direct, []);
});
