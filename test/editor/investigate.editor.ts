/**
 * Investigating in a real VS Code: a pivot from a record in the events view writes the filter and the view
 * shows exactly that identity's records; Ctrl+. inside a record in the editor offers the pivot, which writes
 * the source IP's filter; a term the filter cannot read is said above the tree.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventNode, RecordNode } from '../../client/src/eventsView/nodes';
import { COMMANDS } from '../../common/commands';
import { generateLog } from '../support/generateLog';
import { closeAll, extensionApi, groupNodes, openFile, saveAll, treeFor } from './support';

type Rec = { eventName: string; sourceIPAddress: string; userIdentity?: { arn?: string } };

const TEXT = generateLog({ seed: 4242, records: 150, pretty: true });
const RECORDS = (JSON.parse(TEXT) as { Records: Rec[] }).Records;

describe('investigating', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await saveAll();
    await closeAll();
  });

  it("a pivot from a record in the view writes the filter, and the view shows that identity's records", async () => {
    const editor = await openFile('pivot-view.json', TEXT);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    const [group] = await groupNodes(api);
    const [event] = (await api.events.getChildren(group)) as EventNode[];
    const [first] = (await api.events.getChildren(event)) as RecordNode[];
    assert.equal(first!.kind, 'record');
    const arn = first!.item.arn!;
    assert.ok(arn, 'the record has an ARN');

    await vscode.commands.executeCommand(COMMANDS.pivot, first, 'identity');
    assert.match(api.view.description ?? '', /filter: user:arn:aws:/);
    const expected = RECORDS.filter((r) => {
      const role = /^(arn:[^:]+:sts::\d*:assumed-role\/[^/]+)\//.exec(arn)?.[1];
      return role ? r.userIdentity?.arn?.startsWith(`${role}/`) : r.userIdentity?.arn === arn;
    }).length;
    assert.equal(api.events.result?.shown, expected);
    assert.match(api.view.message ?? '', new RegExp(`^${expected} of ${RECORDS.length} records match the filter\\.`));
  });

  it('Ctrl+. inside a record offers the pivot, which writes the filter of its source IP', async () => {
    const editor = await openFile('pivot-editor.json', TEXT);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    const at = editor.document.positionAt(TEXT.indexOf('"eventName"'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(at, at),
    );
    const pivot = actions.find((a) => a.command?.command === COMMANDS.pivot);
    assert.ok(pivot, 'the pivot is offered');
    await vscode.commands.executeCommand(COMMANDS.pivot, ...(pivot.command!.arguments ?? []), 'sourceIp');
    const ip = RECORDS[0]!.sourceIPAddress;
    assert.equal(api.view.description?.endsWith(`filter: ip:${ip}`), true, api.view.description);
    assert.equal(api.events.result?.shown, RECORDS.filter((r) => r.sourceIPAddress === ip).length);
  });

  it('a term the filter cannot read is said above the tree, and keeps nothing out', async () => {
    const editor = await openFile('filter-typo.json', TEXT);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.filterEvents, 'evnt:GetObject');
    assert.equal(api.events.result?.shown, RECORDS.length);
    assert.match(api.view.message ?? '', /^Cannot read evnt:GetObject: no key "evnt:"/);
  });
});
