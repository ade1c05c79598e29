/**
 * What every in-editor suite shares: opening a new file in the workspace, waiting for diagnostics or for
 * the events view's tree, the extension's API, and closing what a test opened.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EventNode, GroupNode } from '../../client/src/eventsView/nodes';
import type { ViewSource } from '../../client/src/eventsView/viewText';
import type { CloudTrailApi } from '../../client/src/extension';
import { fixturePath } from '../support/paths';

export const SEED = readFileSync(fixturePath('seed-sample.json'), 'utf8');
export const EXTENSION_ID = 'cloudtrail-lens.cloudtrail-lens';

export function folder(): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'the suite runs with a workspace folder');
  return root;
}

let written = 0;

/** A new file's URI in the workspace, prefixed with a counter so no two tests share a file. */
export function newFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), `${++written}-${name}`);
}

/**
 * Writes a new file into the workspace and opens it in an editor. Each call gets a file of its own
 * (the name is prefixed with a counter), so no test sees a document another test left open or edited.
 */
export async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = newFile(name);
  writeFileSync(uri.fsPath, text);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** Resolves with the diagnostics of `uri` from `source` once `accept` likes them (checking what is already there first). */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (d: vscode.Diagnostic[]) => boolean,
  source = 'cloudtrail',
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
      if (accept(current)) {
        subscription.dispose();
        resolve(current);
        return true;
      }
      return false;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

export const errorsOf = (diagnostics: vscode.Diagnostic[]) => diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

/** Saves what a test changed, so closing its editor asks nothing. */
export async function saveAll(): Promise<void> {
  await vscode.workspace.saveAll(false);
}

/** Resolves after the events view has fetched a tree for `uri` (or at once if it has). */
export async function treeFor(api: CloudTrailApi, uri: vscode.Uri): Promise<void> {
  while (api.events.uri !== uri.toString() || !api.events.result) {
    await new Promise<void>((resolve) => {
      const subscription = api.events.onDidChangeTreeData(() => {
        subscription.dispose();
        resolve();
      });
    });
  }
  await api.events.ready();
}

/** The groups at the root of the events view, without the nodes above them (JSON errors, Detections). */
export async function groupNodes(api: CloudTrailApi): Promise<GroupNode[]> {
  const roots = ((await api.events.getChildren()) ?? []) as EventNode[];
  return roots.filter((n): n is GroupNode => n.kind === 'group');
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Activates the extension (already active once a CloudTrail document opened) and returns its API. */
export async function extensionApi(): Promise<CloudTrailApi> {
  const extension = vscode.extensions.getExtension<CloudTrailApi>(EXTENSION_ID);
  assert.ok(extension, 'the extension under development is loaded');
  return extension.activate();
}

/**
 * Resolves once what the events view shows satisfies `accept` (checking at once, then each time the view
 * says what it shows, or its tree changes), with its tree fetched.
 */
export async function viewWhen(api: CloudTrailApi, accept: (shown: ViewSource) => boolean): Promise<ViewSource> {
  while (!accept(api.shown())) {
    await new Promise<void>((resolve) => {
      const subscriptions = [api.onDidDescribe, api.events.onDidChangeTreeData].map((event) =>
        event(() => {
          for (const s of subscriptions) s.dispose();
          resolve();
        }),
      );
    });
  }
  await api.events.ready();
  return api.shown();
}

/** Resolves once the active tab is one `accept` likes (checking at once first). */
export function activeTabWhen(accept: (input: unknown) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => accept(vscode.window.tabGroups.activeTabGroup.activeTab?.input);
    if (check()) return resolve();
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!check()) return;
      subscription.dispose();
      resolve();
    });
  });
}
