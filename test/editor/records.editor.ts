/**
 * Reading records in a real VS Code: a record of a one-line log opened pretty-printed on its own (from the
 * events view's click and context menu, and at the cursor), Format Document, and decompressed logs shown
 * pretty-printed with every range right. Each test waits for what it needs, never for a fixed time.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { CloudTrailApi } from '../../client/src/extension';
import type { EventNameNode, RecordNode } from '../../client/src/eventsView/nodes';
import { COMMANDS } from '../../common/commands';
import { FORMAT_LIMIT } from '../../common/formatLimit';
import { generateLog } from '../support/generateLog';
import { closeAll, diagnosticsWhen, extensionApi, newFile, openFile, saveAll, treeFor, groupNodes } from './support';
import { GENERATED_NAME } from './workspaceFiles';

type LogRecord = { eventName: string; eventTime: string };

/** The indentation the editor gives CloudTrail documents, as JSON.stringify takes it. */
function indent(): string {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: 'cloudtrail' });
  return editor.get<boolean>('insertSpaces') === false ? '\t' : ' '.repeat(editor.get<number>('tabSize') ?? 4);
}

/** The first record node of the first event under the first level. */
async function firstRecordNode(api: CloudTrailApi): Promise<RecordNode> {
  const [group] = await groupNodes(api);
  const [event] = (await api.events.getChildren(group!)) as EventNameNode[];
  const [record] = (await api.events.getChildren(event!)) as RecordNode[];
  assert.ok(record);
  return record;
}

/** Clicks a node of the events view, as a user does. */
async function click(api: CloudTrailApi, node: RecordNode): Promise<void> {
  const command = api.events.getTreeItem(node).command!;
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('Reading records', () => {
  let api: CloudTrailApi;

  before(async () => {
    await openFile(GENERATED_NAME, generateLog({ seed: 60, records: 3 }));
    api = await extensionApi();
    // The view follows the active editor, which it does not while it shows a folder an earlier suite read.
    if (api.events.folder) await vscode.commands.executeCommand(COMMANDS.showActiveLog);
  });

  afterEach(async () => {
    await saveAll();
    await closeAll();
  });

  it('opens a record of a one-line log pretty-printed from the events view, with hovers and its problems', async () => {
    // One record's time is broken, so the record opened on its own has a problem of its own.
    const text = generateLog({ seed: 61, records: 60 }).replace(/"eventTime":"[^"]+"/, '"eventTime":"yesterday"');
    const records = (JSON.parse(text) as { Records: LogRecord[] }).Records;
    const log = await openFile(GENERATED_NAME, text);
    await treeFor(api, log.document.uri);
    const node = await firstRecordNode(api);
    const record = records[node.item.index]!;

    // The record's line is 70,000 characters long: a click opens it on its own rather than scrolling sideways.
    await click(api, node);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'cloudtrail-record');
    assert.equal(editor.document.languageId, 'cloudtrail');
    assert.equal(editor.document.getText(), JSON.stringify(record, null, indent()));
    assert.match(editor.document.uri.path, new RegExp(`/record ${node.item.index + 1}/${record.eventName}`));
    // The events view stays on the log.
    assert.equal(api.events.uri, log.document.uri.toString());

    const at = editor.document.positionAt(editor.document.getText().indexOf('"eventName"') + 2);
    assert.match(await hoverText(editor.document.uri, at), /\S/);

    // The context menu's Open record: the broken record, with its problem on its own text.
    const broken = records.findIndex((r) => r.eventTime === 'yesterday');
    const groups = await groupNodes(api);
    let target: RecordNode | undefined;
    for (const group of groups) {
      for (const event of (await api.events.getChildren(group)) as EventNameNode[]) {
        target ??= ((await api.events.getChildren(event)) as RecordNode[]).find((r) => r.kind === 'record' && r.item.index === broken);
      }
    }
    assert.ok(target, 'the broken record is in the tree');
    await vscode.commands.executeCommand(COMMANDS.openRecord, target);
    const opened = vscode.window.activeTextEditor!.document;
    assert.equal(opened.getText(), JSON.stringify(records[broken], null, indent()));
    const [problem] = await diagnosticsWhen(opened.uri, (d) => d.some((p) => p.code === 'invalid-timestamp'));
    assert.equal(opened.getText(problem!.range), '"yesterday"');
  });

  it('opens the record at the cursor with "Open record at cursor pretty-printed"', async () => {
    const text = generateLog({ seed: 62, records: 40 });
    const records = (JSON.parse(text) as { Records: LogRecord[] }).Records;
    const log = await openFile(GENERATED_NAME, text);
    const inside = text.indexOf(JSON.stringify(records[23])) + 100;
    log.selection = new vscode.Selection(log.document.positionAt(inside), log.document.positionAt(inside));
    await vscode.commands.executeCommand(COMMANDS.openRecordAtCursor);
    const opened = vscode.window.activeTextEditor!.document;
    assert.equal(opened.uri.scheme, 'cloudtrail-record');
    assert.equal(opened.getText(), JSON.stringify(records[23], null, indent()));
  });

  it('Format Document lays a minified log out, every value kept', async () => {
    const text = generateLog({ seed: 63, records: 30 });
    const editor = await openFile(GENERATED_NAME, text);
    await vscode.commands.executeCommand('editor.action.formatDocument');
    assert.equal(editor.document.getText(), JSON.stringify(JSON.parse(text), null, indent()));
    assert.deepEqual(JSON.parse(editor.document.getText()), JSON.parse(text));
  });

  it('Format Document above its limit leaves the log as it is, and the pretty-printed copy opens beside it', async () => {
    const text = generateLog({ seed: 65, records: 4000 });
    assert.ok(text.length > FORMAT_LIMIT, 'the log is above the limit');
    const editor = await openFile(GENERATED_NAME, text);
    await vscode.commands.executeCommand('editor.action.formatDocument');
    assert.equal(editor.document.isDirty, false);
    assert.equal(editor.document.lineCount, 1);
    await vscode.commands.executeCommand(COMMANDS.openPrettyCopy);
    const copy = vscode.window.activeTextEditor!.document;
    assert.equal(copy.uri.scheme, 'cloudtrail-pretty');
    assert.equal(copy.languageId, 'cloudtrail');
    assert.equal(copy.getText(), JSON.stringify(JSON.parse(text), null, indent()));
  });

  it('shows a gzipped log pretty-printed, with its problems and its records at the right text', async () => {
    const text = generateLog({ seed: 64, records: 40 }).replace(/"eventTime":"[^"]+"/, '"eventTime":"yesterday"');
    const uri = newFile('111122223333_CloudTrail_us-east-1_20240305T1100Z_pp.json.gz');
    writeFileSync(uri.fsPath, gzipSync(Buffer.from(text)));
    await vscode.commands.executeCommand(COMMANDS.openDecompressed, uri);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'cloudtrail-gz');
    assert.equal(editor.document.getText(), JSON.stringify(JSON.parse(text), null, indent()));

    const [problem] = await diagnosticsWhen(editor.document.uri, (d) => d.some((p) => p.code === 'invalid-timestamp'));
    assert.equal(editor.document.getText(problem!.range), '"yesterday"');

    // Clicking a record of the laid-out log selects it there: its lines are short enough to read.
    await treeFor(api, editor.document.uri);
    const node = await firstRecordNode(api);
    await click(api, node);
    const shown = vscode.window.activeTextEditor!;
    assert.equal(shown.document.uri.toString(), editor.document.uri.toString());
    assert.deepEqual(
      JSON.parse(shown.document.getText(shown.selection)),
      (JSON.parse(text) as { Records: unknown[] }).Records[node.item.index],
    );

    // Turned off, the log is shown as it is, and its problem follows onto the one line.
    const config = vscode.workspace.getConfiguration('cloudtrail');
    await config.update('gzip.prettyPrint', false, vscode.ConfigurationTarget.Workspace);
    try {
      const oneLine = await diagnosticsWhen(editor.document.uri, (d) =>
        d.some((p) => p.code === 'invalid-timestamp' && p.range.start.line === 0),
      );
      assert.equal(editor.document.getText(), text);
      assert.equal(editor.document.getText(oneLine.find((p) => p.code === 'invalid-timestamp')!.range), '"yesterday"');
    } finally {
      await config.update('gzip.prettyPrint', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
