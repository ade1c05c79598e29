/**
 * The SQL commands in a real VS Code: the events view's filter opens as Athena SQL in an untitled SQL editor, as
 * its counts by the view's grouping or as its records, a Detections rule opens as its rule with the view's filter, a rule file's rule under the cursor opens as
 * CloudTrail Lake SQL, and Create Athena table… is among the commands.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { DetectionsNode, EventNode, RuleNode } from '../../client/src/eventsView/nodes';
import { COMMANDS } from '../../common/commands';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { generateRecords } from '../support/generateLog';
import { closeAll, extensionApi, newFile, openFile, saveAll, treeFor } from './support';

const ROOT = cleanRecord({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' } });
const LOG = logOf(...generateRecords(8, 40), ROOT);

const RULES = `title: First rule
id: sql-editor-first
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName: StopLogging
  condition: selection
level: low
---
title: Second rule
id: sql-editor-second
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|startswith: Delete
    requestParameters.bucketName: "it's"
  condition: selection
level: low
`;

/** Runs a command and resolves with the SQL editor it opens. */
async function sqlEditorOf(command: string, ...args: unknown[]): Promise<vscode.TextDocument> {
  const opened = new Promise<vscode.TextDocument>((resolve) => {
    const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.languageId !== 'sql') return;
      subscription.dispose();
      resolve(editor.document);
    });
  });
  await vscode.commands.executeCommand(command, ...args);
  return opened;
}

describe('SQL for Athena and CloudTrail Lake', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'level');
    await saveAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await closeAll();
  });

  it('the view’s filter opens as Athena SQL, counts by its grouping or records, in an untitled SQL editor', async () => {
    const editor = await openFile('sql-view.json', LOG);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'eventSource');
    await vscode.commands.executeCommand(COMMANDS.filterEvents, 'event:Put* after:2024-03-05');
    // The quick pick's answer, as its "Counts by Event source" item gives it.
    const sql = await sqlEditorOf(COMMANDS.openAthenaSql, undefined, { answer: 'counts' });
    assert.equal(sql.isUntitled, true);
    const text = sql.getText();
    assert.match(
      text,
      /^SELECT\n {2}COALESCE\(eventsource, '\(no eventSource\)'\) AS group_key,\n {2}count\(\*\) AS "count"\nFROM "default"\."cloudtrail_logs"\n/,
    );
    assert.match(text, /"timestamp" >= '2024\/03\/05'/);
    assert.match(text, /LIKE 'put%'/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const records = (await sqlEditorOf(COMMANDS.openAthenaSql, undefined, { answer: 'records' })).getText();
    assert.match(records, /^SELECT\n {2}eventversion,\n/);
    assert.doesNotMatch(records, /group_key/);
  });

  it('a Detections rule opens as its rule, with the view’s filter', async () => {
    const editor = await openFile('sql-rule.json', LOG);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.filterEvents, '-ip:10.*');
    const roots = (await api.events.getChildren()) as EventNode[];
    const detections = roots.find((n): n is DetectionsNode => n.kind === 'detections');
    assert.ok(detections, 'the root record is flagged');
    const rules = (await api.events.getChildren(detections)) as RuleNode[];
    const root = rules.find((n) => /root/i.test(n.rule.title));
    assert.ok(root, rules.map((r) => r.rule.title).join());
    const text = (await sqlEditorOf(COMMANDS.openLakeSql, root)).getText();
    assert.match(text, /FROM \$EDS_ID\n/);
    assert.match(
      text,
      /^-- The rule's records from 2024-03-05T00:57:08Z before 2024-03-05T10:11:12.001Z: the view's time span/,
      'the log’s span, not the whole trail',
    );
    assert.match(text, /lower\(useridentity\.type\) = 'root'/);
    assert.match(text, /sourceipaddress/);
  });

  it('a rule file’s rule under the cursor opens as Athena SQL, its quote doubled', async () => {
    const uri = newFile('sql-rules.yml');
    writeFileSync(uri.fsPath, RULES);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const at = editor.document.positionAt(RULES.indexOf('Second rule'));
    editor.selection = new vscode.Selection(at, at);
    const text = (await sqlEditorOf(COMMANDS.openAthenaSql, uri)).getText();
    assert.match(text, /lower\(eventname\) LIKE 'delete%'/);
    assert.match(text, /= 'it''s'/);
    assert.doesNotMatch(text, /stoplogging/);
  });

  it('Create Athena table… is a command of the extension', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [COMMANDS.createAthenaTable, COMMANDS.copyAthenaSql, COMMANDS.copyLakeSql]) assert.ok(commands.includes(id), id);
  });
});
