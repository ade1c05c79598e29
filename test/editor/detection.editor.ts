/**
 * Detection by content in a real VS Code: logs saved as `.json` or `.jsonl`, or pasted into an untitled
 * editor, open as CloudTrail; JSON that is no log, a file the user switched back, and every file while
 * `cloudtrail.detectByContent` is off keep their language. Each test waits for the language change or for
 * detection's verdict on the document, never for a fixed time.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CloudTrailApi } from '../../client/src/extension';
import type { Detection } from '../../client/src/languageSniff/contentDetection';
import { generateLog, generateRecords } from '../support/generateLog';
import { closeAll, extensionApi, newFile, saveAll } from './support';

/** Resolves once the document at `uri` is open in `languageId` (at once if it is). */
function languageBecomes(uri: vscode.Uri, languageId: string): Promise<vscode.TextDocument> {
  return new Promise((resolve) => {
    const found = (d: vscode.TextDocument) => d.uri.toString() === uri.toString() && d.languageId === languageId;
    const subscription = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!found(d)) return;
      subscription.dispose();
      resolve(d);
    });
    const open = vscode.workspace.textDocuments.find(found);
    if (open) {
      subscription.dispose();
      resolve(open);
    }
  });
}

/** Resolves with detection's next verdict on `uri`. Call before the open or the change it answers. */
function nextDetection(api: CloudTrailApi, uri: vscode.Uri): Promise<Detection> {
  return new Promise((resolve) => {
    const subscription = api.detection.onDidDetect((d) => {
      if (d.uri !== uri.toString()) return;
      subscription.dispose();
      resolve(d);
    });
  });
}

/** The number of records the server lists in the Outline of a CloudTrail document. */
async function outlineRecords(document: vscode.TextDocument): Promise<number> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
    'vscode.executeDocumentSymbolProvider',
    document.uri,
  );
  return symbols?.length ?? 0;
}

describe('Detection by content', () => {
  let api: CloudTrailApi;

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    await saveAll();
    await closeAll();
  });

  it('starts no language server for JSON that is not a log, and starts it with the first log', async () => {
    // This suite runs first (test/editor/index.ts): no CloudTrail document has been open yet.
    assert.equal(api.client.isRunning(), false, 'no server before a log opens');
    const config = newFile('settings.json');
    writeFileSync(config.fsPath, JSON.stringify({ 'editor.tabSize': 2, 'files.exclude': { '**/.git': true } }, null, 2));
    const verdict = nextDetection(api, config);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
    assert.equal((await verdict).verdict, 'not a log');
    assert.equal(api.client.isRunning(), false, 'no server for JSON that is not a log');

    const log = newFile('export.json');
    writeFileSync(log.fsPath, generateLog({ seed: 20, records: 5 }));
    const switched = languageBecomes(log, 'cloudtrail');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(log));
    const document = await switched;
    await new Promise<void>((resolve) => {
      const subscription = api.client.onDidChangeState(() => {
        if (!api.client.isRunning()) return;
        subscription.dispose();
        resolve();
      });
      if (api.client.isRunning()) {
        subscription.dispose();
        resolve();
      }
    });
    assert.equal(await outlineRecords(document), 5);
  });

  const LOGS: [string, string][] = [
    ['export.json', generateLog({ seed: 21, records: 40 })],
    ['export.json', generateLog({ seed: 22, records: 40, pretty: true })],
    [
      'events.jsonl',
      `${generateRecords(23, 40)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    ],
  ];
  for (const [name, text] of LOGS) {
    const how = name.endsWith('.jsonl') ? 'JSON Lines' : text.startsWith('{\n') ? 'pretty' : 'minified';
    it(`opens a log saved as ${name} (${how}) as CloudTrail, its records read by the server`, async () => {
      const uri = newFile(name);
      writeFileSync(uri.fsPath, text);
      const switched = languageBecomes(uri, 'cloudtrail');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const document = await switched;
      assert.equal(await outlineRecords(document), 40);
    });
  }

  it('switches a log pasted into an untitled editor', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    const switched = languageBecomes(document.uri, 'cloudtrail');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), generateLog({ seed: 24, records: 10, pretty: true })));
    assert.equal((await switched).languageId, 'cloudtrail');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('leaves JSON that is not a log as JSON', async () => {
    const text = JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'node --test' }, dependencies: {} }, null, 2);
    const uri = newFile('package.json');
    writeFileSync(uri.fsPath, text);
    const verdict = nextDetection(api, uri);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal((await verdict).verdict, 'not a log');
    assert.equal(document.languageId, 'json');
  });

  it('leaves a log the user switched back to JSON as JSON', async () => {
    const uri = newFile('export.json');
    writeFileSync(uri.fsPath, generateLog({ seed: 25, records: 10 }));
    const switched = languageBecomes(uri, 'cloudtrail');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const document = await switched;
    const verdict = nextDetection(api, uri);
    const back = await vscode.languages.setTextDocumentLanguage(document, 'json');
    assert.equal((await verdict).verdict, 'declined');
    assert.equal(back.languageId, 'json');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'json');
  });

  it('leaves a log saved as .json as JSON while cloudtrail.detectByContent is off', async () => {
    const settings = vscode.workspace.getConfiguration('cloudtrail');
    await settings.update('detectByContent', false, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = newFile('export.json');
      writeFileSync(uri.fsPath, generateLog({ seed: 26, records: 10 }));
      const verdict = nextDetection(api, uri);
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal((await verdict).verdict, 'off');
      assert.equal(document.languageId, 'json');
    } finally {
      await settings.update('detectByContent', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
