/**
 * Before Run in Athena sends anything it asks, naming the statement's kind and where and as whom it would run;
 * a statement that does more than read says so and its button names it. The run button itself shows only on
 * the SQL editors the extension wrote, never on a repository's `.sql` file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runQuestion } from '../../client/src/athena/runQuestion';
import { athenaSettingsFrom } from '../../client/src/athena/settings';
import { statementKind } from '../../client/src/athena/statementKind';
import { CONTEXT_KEYS } from '../../client/src/contributions';
import { COMMANDS } from '../../common/commands';
import { repoPath } from '../support/paths';

const settings = (values: Record<string, string>) => athenaSettingsFrom((key) => values[key]);

test('a SELECT is asked about with its workgroup, Region, profile and result location', () => {
  const question = runQuestion(
    statementKind('SELECT * FROM cloudtrail_logs'),
    settings({ workgroup: 'incident', profile: 'ir-readonly', outputLocation: 's3://ir-results/' }),
    'eu-west-1',
  );
  assert.equal(question.message, 'Run this SELECT query in Athena?');
  assert.equal(question.button, 'Run');
  const lines = question.detail.split('\n');
  assert.deepEqual(lines.slice(0, 3), ['Statement: SELECT', 'Workgroup: incident', 'Region: eu-west-1']);
  assert.match(lines[3]!, /^Account: that of profile "ir-readonly", not looked up/);
  assert.equal(lines[4], 'Results: s3://ir-results/');
});

test('an UNLOAD is said to write, with its own button; no Region and no profile are said as such', () => {
  const question = runQuestion(statementKind("UNLOAD (SELECT 1) TO 's3://elsewhere/'"), settings({}), undefined);
  assert.match(question.message, /^This is not a query that only reads: it is UNLOAD\..*write to S3/);
  assert.equal(question.button, 'Run UNLOAD');
  assert.match(question.detail, /^Workgroup: primary$/m);
  assert.match(question.detail, /^Region: none set/m);
  assert.match(question.detail, /^Account: that of the default credentials/m);
  assert.match(question.detail, /^Results: the workgroup’s result location$/m);
});

test('the run button and context menu entry show only on SQL editors the extension wrote', () => {
  const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  for (const menu of ['editor/title', 'editor/context']) {
    const entries = manifest.contributes.menus[menu]!.filter((e) => e.command === COMMANDS.runInAthena);
    assert.equal(entries.length, 1, menu);
    const conjuncts = (entries[0]!.when ?? '').split('&&').map((c) => c.trim());
    assert.ok(!entries[0]!.when?.includes('||'), menu);
    assert.ok(conjuncts.includes('resourceScheme == untitled'), menu);
    assert.ok(conjuncts.includes(`resourcePath in ${CONTEXT_KEYS.writtenSql}`), menu);
  }
});
