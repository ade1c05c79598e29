/**
 * CloudTrail: Write investigation report… in a real VS Code: run as the view's title runs it (the choices given, as a
 * caller may), on the incident log with the rule pack in force and a filter set. The page it writes holds the view's
 * counts, and is left in the workspace as `investigation-report.html` for scripts/test-editor.mjs to open in
 * Chromium (nothing loaded, the screenshot for the README).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CloudTrailApi } from '../../client/src/extension';
import { COMMANDS } from '../../common/commands';
import { incidentLog } from '../support/incidentLog';
import { closeAll, extensionApi, folder, openFile, treeFor } from './support';

/** The numbers the page marks as counting `what`. */
const counted = (page: string, what: string) =>
  [...page.matchAll(new RegExp(`data-count="${what}">([\\d,]+)<`, 'g'))].map((m) => Number(m[1]!.replace(/,/g, '')));

describe('Write investigation report', () => {
  let api: CloudTrailApi;

  before(async () => {
    api = await extensionApi();
    if (api.events.folder) await vscode.commands.executeCommand(COMMANDS.showActiveLog);
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await closeAll();
  });

  it('writes an HTML page with the filtered view’s counts', async () => {
    const editor = await openFile('report-incident.json', incidentLog());
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.filterEvents, 'after:2024-03-05T10:30:00Z');
    const shown = api.events.result;
    assert.ok(shown && shown.shown > 0 && shown.shown < shown.total, `${shown?.shown} of ${shown?.total} shown`);
    const target = vscode.Uri.joinPath(folder(), 'investigation-report.html');
    await vscode.commands.executeCommand(COMMANDS.writeReport, { format: 'html', target: target.toString() });
    const page = readFileSync(target.fsPath, 'utf8');
    assert.deepEqual(counted(page, 'total'), [shown.total]);
    assert.deepEqual(counted(page, 'shown'), [shown.shown]);
    assert.deepEqual(
      counted(page, 'rule'),
      (shown.detections ?? []).map((d) => d.count),
    );
  });
});
