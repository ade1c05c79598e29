/**
 * Export and Copy as jq filter in a real VS Code: the commands as the view's title and a group's context menu run
 * them (the choices given, as a caller may, instead of picked), the files they write, and the export opening again
 * as a CloudTrail log with the same counts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CloudTrailApi } from '../../client/src/extension';
import { COMMANDS } from '../../common/commands';
import { jqProgram } from '../../common/jqFilter';
import type { EventTreeResult } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { closeAll, extensionApi, groupNodes, newFile, openFile, saveAll, treeFor } from './support';

const counts = (tree: EventTreeResult | null) => tree?.groups.map((g) => `${g.label}: ${g.count}`) ?? [];

describe('Export and Copy as jq filter', () => {
  let api: CloudTrailApi;

  before(async () => {
    api = await extensionApi();
    if (api.events.folder) await vscode.commands.executeCommand(COMMANDS.showActiveLog);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await saveAll();
    await closeAll();
  });

  it('exports what the filtered view shows, and a group, and the export opens with the same counts', async () => {
    const editor = await openFile('export-source.json', generateLog({ seed: 14, records: 120 }));
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.filterEvents, 'Object');
    const shown = api.events.result;
    assert.ok(shown && shown.shown > 0 && shown.shown < 120, `${shown?.shown} records shown`);

    const all = newFile('shown.json');
    await vscode.commands.executeCommand(COMMANDS.exportEvents, undefined, { format: 'cloudtrail', target: all.toString() });
    const exported = JSON.parse(readFileSync(all.fsPath, 'utf8')) as { Records: { eventName: string }[] };
    assert.equal(exported.Records.length, shown.shown);

    // From a group's context menu, VS Code passes the node.
    const [group] = await groupNodes(api);
    assert.ok(group);
    const csv = newFile('group.csv');
    await vscode.commands.executeCommand(COMMANDS.exportEvents, group, { format: 'csv', columns: ['eventName'], target: csv.toString() });
    const rows = readFileSync(csv.fsPath, 'utf8').split('\r\n').filter(Boolean);
    assert.deepEqual(rows[0], 'eventName');
    assert.equal(rows.length - 1, group.group.count);

    // The export, opened, shows the same groups under the same filter.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(all));
    await treeFor(api, all);
    assert.deepEqual(counts(api.events.result), counts(shown));
  });

  it('copies the view’s filter as a jq program', async () => {
    const editor = await openFile('jq-source.json', generateLog({ seed: 15, records: 20 }));
    await treeFor(api, editor.document.uri);
    const filter = 'Get';
    await vscode.commands.executeCommand(COMMANDS.filterEvents, filter);
    await vscode.commands.executeCommand(COMMANDS.copyJqFilter);
    assert.equal(await vscode.env.clipboard.readText(), jqProgram(filter, 'cloudtrail'));
  });
});
