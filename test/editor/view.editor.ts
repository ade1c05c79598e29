/**
 * The events view tells the truth at every moment: with every editor closed, after a language switch,
 * with a folder shown, and for files VS Code does not share with extensions (a 60 MB log, a `.json.gz`
 * that decompresses to 60 MB), whose events come from disk. That no error dialog or error editor shows is
 * checked by the harness, which watches the workbench for them while the suite runs.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { EventNameNode, EventNode, MoreNode, RecordNode } from '../../client/src/eventsView/nodes';
import type { ViewSource } from '../../client/src/eventsView/viewText';
import type { CloudTrailApi } from '../../client/src/extension';
import { COMMANDS } from '../../common/commands';
import { EventTreeRequest, type EventTreeResult } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { activeTabWhen, closeAll, extensionApi, newFile, openFile, saveAll, treeFor, viewWhen, groupNodes } from './support';
import { DELIVERED_NAME, PLAIN_JSON_NAME } from './workspaceFiles';

const MB = 1024 * 1024;

/** What a log holds, counted from its parse: records, and records by event (name and source) and by error code. */
interface Expected {
  readonly total: number;
  readonly byEvent: Map<string, number>;
  readonly byErrorCode: Map<string, number>;
}

function expectedOf(text: string): Expected {
  const records = (JSON.parse(text) as { Records: { eventName: string; eventSource: string; errorCode?: string }[] }).Records;
  const byEvent = new Map<string, number>();
  const byErrorCode = new Map<string, number>();
  for (const r of records) {
    byEvent.set(`${r.eventSource} ${r.eventName}`, (byEvent.get(`${r.eventSource} ${r.eventName}`) ?? 0) + 1);
    byErrorCode.set(r.errorCode ?? '', (byErrorCode.get(r.errorCode ?? '') ?? 0) + 1);
  }
  return { total: records.length, byEvent, byErrorCode };
}

/** The events under the view's roots, as the server counted them, by event source and name. */
async function eventCounts(api: CloudTrailApi): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const group of await groupNodes(api))
    for (const e of group.group.events)
      counts.set(`${e.eventSource} ${e.eventName}`, (counts.get(`${e.eventSource} ${e.eventName}`) ?? 0) + e.count);
  return counts;
}

/** The view shows the file at `uri`, read from disk, and its read has reached `status`. */
const isDisk = (uri: vscode.Uri, status: string) => (s: ViewSource) =>
  s.kind === 'disk' && s.name === uri.path.split('/').pop() && s.status.kind === status;

/** The tree the server holds for a URI (null once it has dropped it). */
function serverTree(api: CloudTrailApi, uri: vscode.Uri): Promise<EventTreeResult | null> {
  // By method name: a request type from this bundle's copy of the protocol library is not the client's.
  return api.client.sendRequest<EventTreeResult | null>(EventTreeRequest.method, { textDocument: { uri: uri.toString() } });
}

/** Resolves once the view is shown (or hidden), as `visible` says, checking at once first. */
function visibleWhen(view: vscode.TreeView<unknown>, visible: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (view.visible === visible) return resolve();
    const subscription = view.onDidChangeVisibility((e) => {
      if (e.visible !== visible) return;
      subscription.dispose();
      resolve();
    });
  });
}

const READ_LINE =
  'events, filters and problems work; hovers, completion and fixes need VS Code to share the file, which it does not above 50 MB.';

describe('The events view tells the truth', () => {
  let api: CloudTrailApi;
  /** A 60 MB minified log, and what it holds. */
  let big: string;
  let expected: Expected;
  const largeFiles = vscode.workspace.getConfiguration('workbench');

  before(async () => {
    api = await extensionApi();
    big = generateLog({ seed: 60, targetBytes: 60 * MB });
    expected = expectedOf(big);
    // Open large files in the editor, as desktop VS Code does up to 1 GB (code-server asks first above 10 MB).
    await largeFiles.update('editorLargeFileConfirmation', 1024, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await largeFiles.update('editorLargeFileConfirmation', undefined, vscode.ConfigurationTarget.Workspace);
  });

  afterEach(async () => {
    await saveAll();
    await closeAll();
  });

  it('shows no log once every editor is closed, not the last one', async () => {
    const editor = await openFile(DELIVERED_NAME, generateLog({ seed: 61, records: 40 }));
    await treeFor(api, editor.document.uri);
    assert.equal(api.events.result?.total, 40);
    await closeAll();
    await viewWhen(api, (s) => s.kind === 'none' && api.events.uri === undefined);
    assert.equal(api.events.result, null);
    assert.deepEqual(await api.events.getChildren(), []);
    // No message: the welcome view shows, and it says no log is shown.
    assert.equal(api.view.message, undefined);
  });

  it('shows a file at once after "Treat this file as a CloudTrail log", and after a language switch made elsewhere', async () => {
    const log = await openFile(DELIVERED_NAME, generateLog({ seed: 62, records: 30 }));
    await treeFor(api, log.document.uri);
    const plain = await openFile(PLAIN_JSON_NAME, '{"Records":[{"eventName":"GetObject","eventSource":"s3.amazonaws.com"}]}');
    await viewWhen(api, (s) => s.kind === 'none');
    // Not narrowed to null: the view's result changes under the commands below.
    assert.equal(api.events.result === null, true, "the JSON file is not a log: the previous log's counts are gone");

    await vscode.commands.executeCommand(COMMANDS.treatAsCloudTrail);
    await treeFor(api, plain.document.uri);
    assert.equal(api.events.result?.total, 1);

    // The status bar's language picker switches without our command: the view follows the reopened document.
    const other = await openFile('other.json', '{"Records":[{"eventName":"PutObject"},{"eventName":"GetObject"}]}');
    await viewWhen(api, (s) => s.kind === 'none');
    await vscode.languages.setTextDocumentLanguage(other.document, 'cloudtrail');
    await treeFor(api, other.document.uri);
    assert.equal(api.events.result?.total, 2);
    await vscode.languages.setTextDocumentLanguage(vscode.window.activeTextEditor!.document, 'json');
    await viewWhen(api, (s) => s.kind === 'none' && api.events.uri === undefined);
  });

  it('opens a folder from the Explorer into the view, brought up; keeps it over the log it was chosen over, then follows another log', async () => {
    const root = newFile('Incident');
    mkdirSync(root.fsPath);
    for (let i = 0; i < 3; i++)
      writeFileSync(
        vscode.Uri.joinPath(root, `111122223333_CloudTrail_us-east-1_20240305T100${i}Z_k${i}.json.gz`).fsPath,
        gzipSync(generateLog({ seed: 70 + i, records: 20 })),
      );
    const before = await openFile(DELIVERED_NAME, generateLog({ seed: 73, records: 5 }));
    await treeFor(api, before.document.uri);
    // As from the Explorer's context menu: the Explorer is what the side bar shows.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await visibleWhen(api.view, false);
    await vscode.commands.executeCommand(COMMANDS.openFolder, root);
    await visibleWhen(api.view, true);
    assert.equal(api.events.result?.total, 60);

    // The log active when the folder was opened does not take the view back: the view says so.
    const shown = await viewWhen(api, (s) => s.kind === 'folder' && s.activeElsewhere);
    assert.equal(api.events.uri, root.toString());
    assert.equal(shown.kind === 'folder' && shown.name, root.path.split('/').pop());
    assert.match(api.view.message ?? '', /^Showing the folder \d+-Incident, not the active editor's log: "Show the active log's events"/);

    // Every editor closed, the folder stays; the next log opened is followed, and the folder's records are dropped.
    await closeAll();
    await viewWhen(api, (s) => s.kind === 'folder' && !s.activeElsewhere);
    // Open record with no editor open: the record takes the editor area itself, with no empty group before it.
    const [group] = await groupNodes(api);
    const [event] = (await api.events.getChildren(group)) as EventNameNode[];
    const record = ((await api.events.getChildren(event)) as RecordNode[])[0]!;
    await vscode.commands.executeCommand(COMMANDS.openRecord, record);
    await activeTabWhen((input) => input instanceof vscode.TabInputText && input.uri.scheme === 'cloudtrail-record');
    assert.deepEqual(
      vscode.window.tabGroups.all.map((g) => g.tabs.length),
      [1],
    );
    assert.equal(api.events.folder, true);
    await closeAll();
    const next = await openFile(DELIVERED_NAME, generateLog({ seed: 74, records: 7 }));
    await treeFor(api, next.document.uri);
    assert.equal(api.events.folder, false);
    assert.equal(api.events.result?.total, 7);
    assert.equal(api.view.message, undefined);
    assert.equal(await serverTree(api, root), null);
  });

  it('"Open log file…" on a 60 MB log opens no text editor and reads it from disk: exact counts, grouping, filter, paging, a record opened, the one-line message', async () => {
    const uri = newFile('export.json');
    writeFileSync(uri.fsPath, big);
    await vscode.commands.executeCommand(COMMANDS.openLog, uri);
    await viewWhen(api, isDisk(uri, 'read'));
    await treeFor(api, uri);
    // Its text is in no editor: the tab is the page that says why, and VS Code shares no document for it.
    assert.equal(vscode.window.activeTextEditor, undefined);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'cloudtrail.gzipLog' && input.uri.toString() === uri.toString());
    assert.ok(api.gzipTooLarge.has(uri.toString()), 'the page says why');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));

    assert.equal(api.events.result?.total, expected.total);
    assert.deepEqual(await eventCounts(api), expected.byEvent);
    assert.equal(api.view.message, `Read from disk (${(big.length / MB).toFixed(1)} MB): ${READ_LINE}`);
    assert.ok(!api.view.message!.includes('\n'));
    assert.equal(api.view.description, `${uri.path.split('/').pop()} · Event level`);

    try {
      await vscode.commands.executeCommand(COMMANDS.groupBy, 'errorCode');
      const byCode = new Map((await groupNodes(api)).map((g) => [g.group.key, g.group.count]));
      assert.deepEqual(byCode, expected.byErrorCode);
      await vscode.commands.executeCommand(COMMANDS.filterEvents, 'AccessDenied');
      assert.equal(api.events.result?.shown, expected.byErrorCode.get('AccessDenied'));
      assert.match(
        api.view.message ?? '',
        new RegExp(`^${expected.byErrorCode.get('AccessDenied')} of ${expected.total} records match the filter\\. Read from disk`),
      );
    } finally {
      await vscode.commands.executeCommand(COMMANDS.clearFilter);
      await vscode.commands.executeCommand(COMMANDS.groupBy, 'level');
    }

    // The largest event's records, a page at a time.
    const events = (await Promise.all((await groupNodes(api)).map((g) => api.events.getChildren(g)))).flat() as EventNode[];
    const names = events.filter((n): n is EventNameNode => n.kind === 'event').sort((a, b) => b.event.count - a.event.count);
    const largest = names[0]!;
    assert.ok(largest.event.count > 400, `${largest.event.count} records`);
    const page = (await api.events.getChildren(largest)) as (RecordNode | MoreNode)[];
    assert.equal(page.length, 201);
    assert.equal(page[200]!.kind, 'more');
    await vscode.commands.executeCommand(COMMANDS.loadMoreRecords, largest);
    assert.equal(((await api.events.getChildren(largest)) as EventNode[]).filter((n) => n.kind === 'record').length, 400);

    // A record, clicked: on the log's one line it could not be read where it is, so it opens on its own,
    // pretty-printed from the file on disk; the view stays on the log.
    const record = page[0] as RecordNode;
    const command = api.events.getTreeItem(record).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await activeTabWhen((input) => input instanceof vscode.TabInputText && input.uri.scheme === 'cloudtrail-record');
    const shown = vscode.window.activeTextEditor!.document;
    const value = JSON.parse(shown.getText()) as { eventName: string; eventTime: string };
    assert.deepEqual([value.eventName, value.eventTime], [record.item.eventName, record.item.eventTime]);
    assert.ok(shown.lineCount > 10, 'pretty-printed');
    assert.equal(api.events.uri, uri.toString());

    // Its tab closed: the view shows no log, and the server has dropped the file.
    await closeAll();
    await viewWhen(api, (s) => s.kind === 'none');
    assert.equal(api.events.result, null);
    assert.equal(await serverTree(api, uri), null);
  });

  it('opens a .json.gz that decompresses to 60 MB as a page that says why, instead of failing, and shows its events', async () => {
    const uri = newFile('export.json.gz');
    writeFileSync(uri.fsPath, gzipSync(big, { level: 1 }));
    await vscode.commands.executeCommand('vscode.open', uri);
    await viewWhen(api, isDisk(uri, 'read'));
    await treeFor(api, uri);
    assert.ok(api.gzipTooLarge.has(uri.toString()), 'the gzip editor shows its too-large page');
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'cloudtrail.gzipLog' && input.uri.toString() === uri.toString());
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path === uri.path), 'no decompressed document was made');

    assert.equal(api.events.result?.total, expected.total);
    assert.deepEqual(await eventCounts(api), expected.byEvent);
    assert.match(
      api.view.message ?? '',
      /^Read from disk \(60\.\d MB decompressed\): events, filters and problems work; hovers, completion, fixes and opening a record need VS Code to share the text, which it does not above 50 MB\.$/,
    );

    // Two gzip members: the trailer holds only the last one's size, so the extension tries, and finds it too large.
    const members = newFile('members.json.gz');
    const cut = big.length - 1000;
    writeFileSync(members.fsPath, Buffer.concat([gzipSync(big.slice(0, cut), { level: 1 }), gzipSync(big.slice(cut))]));
    await vscode.commands.executeCommand('vscode.open', members);
    await viewWhen(api, isDisk(members, 'read'));
    await treeFor(api, members);
    assert.ok(api.gzipTooLarge.has(members.toString()));
    assert.equal(api.events.result?.total, expected.total);
  });

  it('says what failed when a large download is cut short, and shows only what it holds, not the previous log', async () => {
    const log = await openFile(DELIVERED_NAME, generateLog({ seed: 64, records: 12 }));
    await treeFor(api, log.document.uri);
    // Nine tenths of the compressed bytes: more than 50 MB of text, and a trailer that is not one.
    const gz = gzipSync(big, { level: 1 });
    const uri = newFile('cut.json.gz');
    writeFileSync(uri.fsPath, gz.subarray(0, Math.floor(gz.length * 0.9)));
    await vscode.commands.executeCommand('vscode.open', uri);
    await viewWhen(api, isDisk(uri, 'read'));
    await treeFor(api, uri);
    const total = api.events.result?.total ?? 0;
    assert.ok(total > 12 && total < expected.total, `${total} of ${expected.total} records`);
    assert.match(api.view.message ?? '', / Not all of it could be read: This gzip file cannot be read to its end: the file ends early/);
  });

  it('reads a large file opened from the Explorer that does not look like a log, once told to treat it as one', async () => {
    const log = await openFile(DELIVERED_NAME, generateLog({ seed: 63, records: 10 }));
    await treeFor(api, log.document.uri);
    // A log whose first few KB are an export note: neither its name nor its start says it is a log.
    const uri = newFile('data.json');
    writeFileSync(uri.fsPath, `{"exportNote":"${'x'.repeat(20_000)}",${big.slice(1)}`);
    await vscode.commands.executeCommand('vscode.open', uri);
    await activeTabWhen((input) => input instanceof vscode.TabInputText && input.uri.toString() === uri.toString());
    // Not a log by its look: the view leaves the previous log and reads nothing.
    await viewWhen(api, (s) => s.kind === 'none' && api.events.uri === undefined);
    // The welcome view's button: no JSON editor is active, and it reads the large file rather than asking for one.
    await vscode.commands.executeCommand(COMMANDS.treatAsCloudTrail);
    await viewWhen(api, isDisk(uri, 'read'));
    await treeFor(api, uri);
    assert.equal(api.events.result?.total, expected.total);
  });
});
