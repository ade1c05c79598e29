/**
 * The extension inside a real VS Code: language detection, diagnostics, quick fixes, hover, the events
 * view and the settings, through the `vscode` API and the real language client.
 * Each test waits for the event it needs (diagnostics, tree data), never for a fixed time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { CloudTrailApi } from '../../client/src/extension';
// Types only: the nodes come from the extension's own bundle, so they are told apart by `kind`, not instanceof.
import type { EventNameNode, RecordNode, SourceNode } from '../../client/src/eventsView/nodes';
import { COMMANDS } from '../../common/commands';
import { gunzipLenient } from '../../common/gzip';
import { prettyPrint } from '../../common/prettyPrint';
import { RecordAtRequest, type RecordAtResult } from '../../common/protocol';
import { apiReferenceUrl } from '../../server/src/cloudtrail/eventCatalogue';
import { generateLog } from '../support/generateLog';
import { DELIVERED_NAME, FIRST_LINE_NAME, GENERATED_NAME, PLAIN_JSON_NAME } from './workspaceFiles';

import { closeAll, diagnosticsWhen, errorsOf, EXTENSION_ID, newFile, openFile, saveAll, SEED, treeFor, groupNodes } from './support';
describe('CloudTrail Lens in VS Code', () => {
  let api: CloudTrailApi;

  before(async () => {
    // Opening a delivered log is what activates the extension.
    const editor = await openFile(DELIVERED_NAME, SEED);
    assert.equal(editor.document.languageId, 'cloudtrail');
    const extension = vscode.extensions.getExtension<CloudTrailApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is loaded');
    api = await extension.activate();
    assert.ok(extension.isActive);
  });

  afterEach(async () => {
    await saveAll();
    await closeAll();
  });

  it('opens delivered file names, *.cloudtrail.json and files that start like a log as CloudTrail', async () => {
    assert.equal((await openFile(DELIVERED_NAME, SEED)).document.languageId, 'cloudtrail');
    assert.equal((await openFile(GENERATED_NAME, generateLog({ seed: 1, records: 5 }))).document.languageId, 'cloudtrail');
    assert.equal((await openFile(FIRST_LINE_NAME, generateLog({ seed: 2, records: 5 }))).document.languageId, 'cloudtrail');
    assert.equal((await openFile(PLAIN_JSON_NAME, '{"items":[1,2,3]}')).document.languageId, 'json');
  });

  it("reports exactly the seed sample's two faults, where they are", async () => {
    const editor = await openFile(DELIVERED_NAME, SEED);
    const errors = errorsOf(await diagnosticsWhen(editor.document.uri, (d) => errorsOf(d).length === 2));
    assert.deepEqual(
      errors.map((d) => [d.code, d.range.start.line + 1]),
      [
        ['missing-comma', 68],
        ['trailing-comma', 115],
      ],
    );
  });

  it('fixes both faults with their quick fixes, leaving three intact records', async () => {
    const editor = await openFile(DELIVERED_NAME, SEED);
    const uri = editor.document.uri;
    let errors = errorsOf(await diagnosticsWhen(uri, (d) => errorsOf(d).length === 2));
    while (errors.length > 0) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        errors[0]!.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const preferred = actions.find((a) => a.isPreferred);
      assert.ok(preferred?.edit, `a preferred fix for ${errors[0]!.code}`);
      assert.ok(await vscode.workspace.applyEdit(preferred.edit));
      const left = errors.length - 1;
      errors = errorsOf(await diagnosticsWhen(uri, (d) => errorsOf(d).length === left));
    }
    const records = (JSON.parse(editor.document.getText()) as { Records: { eventName: string }[] }).Records;
    assert.deepEqual(
      records.map((r) => r.eventName),
      ['ListBuckets', 'PutBucketAcl', 'GetBucketVersioning'],
    );
    assert.equal(editor.document.getText().replace(/[\s,]/g, ''), SEED.replace(/[\s,]/g, ''));
  });

  it('fixes everything at once with "CloudTrail: Fix all JSON problems"', async () => {
    const editor = await openFile(DELIVERED_NAME, SEED);
    await diagnosticsWhen(editor.document.uri, (d) => errorsOf(d).length === 2);
    await vscode.commands.executeCommand(COMMANDS.fixAll);
    await diagnosticsWhen(editor.document.uri, (d) => errorsOf(d).length === 0);
    assert.equal((JSON.parse(editor.document.getText()) as { Records: unknown[] }).Records.length, 3);
  });

  it('hovers an S3 event name with its level and its own API reference page', async () => {
    const editor = await openFile(DELIVERED_NAME, SEED);
    const offset = SEED.indexOf('"PutBucketAcl"') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(offset),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /bucket-level/);
    assert.ok(text.includes(`(${apiReferenceUrl('PutBucketAcl')})`), text);
  });

  it('switches a JSON file to CloudTrail with "Treat this file as a CloudTrail log"', async () => {
    const editor = await openFile(PLAIN_JSON_NAME, '{"Records":[{"eventName":"GetObject"}]}');
    assert.equal(editor.document.languageId, 'json');
    await vscode.commands.executeCommand(COMMANDS.treatAsCloudTrail);
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.languageId, 'cloudtrail');
    await diagnosticsWhen(document.uri, (d) => d.length > 0);
  });

  it('shows the events view grouped by level, with exact counts and the record under the cursor', async () => {
    const text = generateLog({ seed: 3, records: 300, pretty: true });
    const editor = await openFile(GENERATED_NAME, text);
    await treeFor(api, editor.document.uri);
    const roots = await groupNodes(api);
    assert.deepEqual(
      roots.map((g) => g.group.label),
      ['Account-level', 'Bucket-level', 'Object-level', 'Other services'],
    );
    assert.equal(
      roots.reduce((n, g) => n + g.group.count, 0),
      300,
    );
    const groupItem = api.events.getTreeItem(roots[2]!);
    assert.equal(groupItem.label, 'Object-level');
    assert.equal(groupItem.description, String(roots[2]!.group.count));

    // Other services: event source first, then event names.
    const sources = (await api.events.getChildren(roots[3]!)) as SourceNode[];
    assert.ok(sources.length > 0 && sources.every((s) => s.kind === 'source' && s.eventSource !== 's3.amazonaws.com'));

    // A record, clicked, selects its text in the editor.
    const events = (await api.events.getChildren(roots[2]!)) as EventNameNode[];
    const records = (await api.events.getChildren(events[0]!)) as RecordNode[];
    const item = api.events.getTreeItem(records[0]!);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const selected = JSON.parse(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection)) as {
      eventName: string;
    };
    assert.equal(selected.eventName, events[0]!.event.eventName);
  });

  it('groups by identity and filters by text, saying so in the view', async () => {
    const editor = await openFile(GENERATED_NAME, generateLog({ seed: 4, records: 300 }));
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'identity');
    assert.equal(api.events.groupBy, 'identity');
    const byIdentity = await groupNodes(api);
    assert.ok(byIdentity.every((g) => g.group.level === undefined));
    assert.equal(
      byIdentity.reduce((n, g) => n + g.group.count, 0),
      300,
    );

    await vscode.commands.executeCommand(COMMANDS.filterEvents, 'AccessDenied');
    assert.match(api.view.description ?? '', /filter: AccessDenied/);
    const filtered = api.events.result!;
    assert.ok(filtered.shown > 0 && filtered.shown < 300);

    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'level');
    assert.equal(api.events.result!.shown, 300);
  });

  it('finds the tree node of the record under the cursor', async () => {
    const text = generateLog({ seed: 5, records: 200, pretty: true });
    const editor = await openFile(GENERATED_NAME, text);
    await treeFor(api, editor.document.uri);
    const offset = text.indexOf('"eventName"', Math.floor(text.length * 0.7));
    // By method name: a request type from this bundle's copy of the protocol library is not the client's.
    const place = await api.client.sendRequest<RecordAtResult | null>(RecordAtRequest.method, {
      textDocument: { uri: editor.document.uri.toString() },
      position: editor.document.positionAt(offset),
    });
    assert.ok(place);
    const node = await api.events.nodeFor(place);
    assert.equal(node?.kind, 'record');
    assert.equal(node.item.index, place.item.index);
    assert.equal((api.events.getParent(node) as EventNameNode).kind, 'event');
    await api.view.reveal(node, { select: true, focus: false });
    assert.equal((api.view.selection[0] as RecordNode | undefined)?.item.index, place.item.index);

    // The cursor moved into another record: the view selects it by itself, after the pause.
    const at = editor.document.positionAt(text.indexOf('"eventName"', Math.floor(text.length * 0.3)));
    const other = await api.client.sendRequest<RecordAtResult | null>(RecordAtRequest.method, {
      textDocument: { uri: editor.document.uri.toString() },
      position: at,
    });
    assert.ok(other && other.item.index !== place.item.index);
    const followed = new Promise<void>((resolve) => {
      const subscription = api.view.onDidChangeSelection((e) => {
        if ((e.selection[0] as RecordNode | undefined)?.item.index !== other.item.index) return;
        subscription.dispose();
        resolve();
      });
    });
    editor.selection = new vscode.Selection(at, at);
    await followed;
  });

  it('opens a gzipped log from the Explorer as its decompressed, read-only CloudTrail text', async () => {
    const text = generateLog({ seed: 6, records: 50 });
    const uri = newFile(`111122223333_CloudTrail_us-east-1_20240305T1000Z_gz.json.gz`);
    writeFileSync(uri.fsPath, gzipSync(Buffer.from(text)));
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.uri.scheme === 'cloudtrail-gz') {
          subscription.dispose();
          resolve(editor);
        }
      });
    });
    await vscode.commands.executeCommand('vscode.open', uri);
    const editor = await opened;
    // Pretty-printed by default (cloudtrail.gzip.prettyPrint): the same log, laid out.
    assert.deepEqual(JSON.parse(editor.document.getText()), JSON.parse(text));
    assert.ok(editor.document.lineCount > 50);
    assert.equal(editor.document.languageId, 'cloudtrail');
    // The server publishes a file's problems before it answers the file's tree.
    await treeFor(api, editor.document.uri);
    assert.deepEqual(errorsOf(vscode.languages.getDiagnostics(editor.document.uri)), []);
  });

  it('shows what a truncated gzip download holds, with its JSON cut off', async () => {
    const text = generateLog({ seed: 7, records: 200 });
    const gz = gzipSync(Buffer.from(text));
    const uri = newFile(`truncated.json.gz`);
    writeFileSync(uri.fsPath, gz.subarray(0, Math.floor(gz.length / 2)));
    await vscode.commands.executeCommand(COMMANDS.openDecompressed, uri);
    const editor = vscode.window.activeTextEditor!;
    const { text: readable } = await gunzipLenient(gz.subarray(0, Math.floor(gz.length / 2)), gz.length * 1032);
    assert.ok(readable.length > 0 && text.startsWith(readable));
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'cloudtrail' });
    const layout = { tabSize: editorConfig.get<number>('tabSize') ?? 4, insertSpaces: editorConfig.get<boolean>('insertSpaces') !== false };
    assert.equal(editor.document.getText(), prettyPrint(readable, layout));
    const errors = errorsOf(await diagnosticsWhen(editor.document.uri, (d) => errorsOf(d).length > 0));
    assert.deepEqual(
      errors.map((d) => d.code),
      ['unexpected-end'],
    );
  });

  it('reads a folder of gzipped logs into the events view, and opens a record in its file', async () => {
    const root = newFile('AWSLogs');
    const day = vscode.Uri.joinPath(root, '111122223333', 'CloudTrail', 'us-west-2', '2024', '03', '05');
    mkdirSync(day.fsPath, { recursive: true });
    for (let i = 0; i < 4; i++) {
      writeFileSync(
        vscode.Uri.joinPath(day, `111122223333_CloudTrail_us-west-2_20240305T100${i}Z_f${i}.json.gz`).fsPath,
        gzipSync(Buffer.from(generateLog({ seed: 40 + i, records: 30 }))),
      );
    }
    await vscode.commands.executeCommand(COMMANDS.openFolder, root);
    assert.equal(api.events.folder, true);
    assert.equal(api.events.result!.total, 120);
    const groups = await groupNodes(api);
    const object = groups.find((g) => g.group.level === 'object')!;
    const events = (await api.events.getChildren(object)) as EventNameNode[];
    const [record] = (await api.events.getChildren(events[0]!)) as RecordNode[];
    const command = api.events.getTreeItem(record!).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'cloudtrail-gz');
    assert.equal((JSON.parse(editor.document.getText(editor.selection)) as { eventName: string }).eventName, events[0]!.event.eventName);
    // The folder stays shown while its files open, until the user goes back to the active log.
    assert.equal(api.events.folder, true);
    await vscode.commands.executeCommand(COMMANDS.showActiveLog);
    assert.equal(api.events.folder, false);
  });

  it('stops reporting when cloudtrail.validate.enable is off', async () => {
    const editor = await openFile(DELIVERED_NAME, SEED);
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, (d) => errorsOf(d).length === 2);
    const config = vscode.workspace.getConfiguration('cloudtrail');
    await config.update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhen(uri, (d) => d.length === 0);
    } finally {
      await config.update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhen(uri, (d) => errorsOf(d).length === 2);
  });
});
