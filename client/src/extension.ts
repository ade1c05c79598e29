/** Wires VS Code to the CloudTrail language server: activation, the client, and the commands. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

const LANGUAGE_ID = 'cloudtrail';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cloudtrail');

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: 'cloudtrail' },
  };
  // The id 'cloudtrail' makes the client honour the `cloudtrail.trace.server` setting.
  client = new LanguageClient('cloudtrail', 'CloudTrail Language Server', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('cloudtrail.treatAsCloudTrail', treatAsCloudTrail),
    vscode.commands.registerCommand('cloudtrail.fixAll', fixAll),
    { dispose: () => void client?.stop() },
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function treatAsCloudTrail(uri?: vscode.Uri): Promise<void> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage('Open a JSON file first, then treat it as a CloudTrail log.');
    return;
  }
  await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value);
  const edit = actions?.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind))?.edit;
  if (!edit) {
    void vscode.window.showInformationMessage('No JSON problems with a certain fix in this file.');
    return;
  }
  await vscode.workspace.applyEdit(edit);
}
