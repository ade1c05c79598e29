/**
 * CloudTrail: Verify integrity… in a real VS Code, on an evidence folder delivered with log file validation on (a
 * digest chain signed with the tests' own key, its key file named by the setting), one log tampered with and one
 * deleted: the Integrity node first in the folder's events view with its counts, its files by status, and the
 * error on the tampered log's first line. The harness takes the view's picture for the README.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { EventNode } from '../../client/src/eventsView/nodes';
import type { CloudTrailApi } from '../../client/src/extension';
import { COMMANDS } from '../../common/commands';
import { CONFIGURATION_SECTION } from '../../common/language';
import { makeDigestChain, writeKeyFile } from '../support/digestChain';
import { WAIT_LIMIT_MS, within } from '../support/within';
import { pictureTaken } from './pictures';
import { closeAll, diagnosticsWhen, extensionApi, newFile, viewWhen } from './support';

const INTEGRITY_SOURCE = 'CloudTrail integrity';

/** What the view shows of `nodes`: each one's label and description. */
const shownOf = (api: CloudTrailApi, nodes: readonly EventNode[]) =>
  nodes.map((n) => {
    const item = api.events.getTreeItem(n);
    return [String(item.label), item.description];
  });

describe('Verify integrity', () => {
  let api: CloudTrailApi;
  const settings = () => vscode.workspace.getConfiguration(CONFIGURATION_SECTION);

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    await settings().update('integrity.publicKeys', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(COMMANDS.showActiveLog);
    await closeAll();
  });

  it('shows the Integrity node first in the folder’s view, its files by status, and an error on the modified log', async () => {
    const root = newFile('evidence');
    mkdirSync(root.fsPath);
    // Three hours of two logs each; the newest digest's own signature is only in S3's metadata.
    const chain = makeDigestChain({ hours: 3, logsPerHour: 2, root: root.fsPath });
    const [, modified, , missing] = chain.logs;
    const original = gunzipSync(readFileSync(modified!)).toString();
    writeFileSync(modified!, gzipSync(original.replace(/"eventName":"(\w+)"/, '"eventName":"$1s"')));
    rmSync(missing!);
    await settings().update('integrity.publicKeys', writeKeyFile(chain), vscode.ConfigurationTarget.Global);

    await vscode.commands.executeCommand(COMMANDS.openFolder, root);
    await within(
      viewWhen(api, (s) => s.kind === 'folder' && api.events.uri === root.toString()),
      WAIT_LIMIT_MS,
      'the folder in the events view',
    );
    // The folder the view shows is the one checked; the key file is the setting's, so nothing is asked.
    await within(Promise.resolve(vscode.commands.executeCommand(COMMANDS.verifyIntegrity)), WAIT_LIMIT_MS, 'Verify integrity… to answer');
    await within(
      viewWhen(api, () => api.events.result !== null),
      WAIT_LIMIT_MS,
      'the events tree',
    );

    const roots = ((await api.events.getChildren()) ?? []) as EventNode[];
    const [node] = roots;
    assert.equal(node?.kind, 'integrity', `the first node is ${node?.kind}`);
    assert.deepEqual(shownOf(api, [node]), [['Integrity', '4 valid · 1 modified · 1 missing']]);
    const groups = (await api.events.getChildren(node)) as EventNode[];
    assert.deepEqual(shownOf(api, groups), [
      ['Modified logs', '1'],
      ['Missing logs', '1'],
      ['Unverified digests', '1'],
      ['Valid logs', '4'],
      ['Valid digests', '2'],
    ]);
    const filesOf = async (i: number) => shownOf(api, (await api.events.getChildren(groups[i])) as EventNode[]).map(([label]) => label);
    assert.deepEqual(await filesOf(0), [path.basename(modified!)]);
    assert.deepEqual(await filesOf(1), [path.basename(missing!)]);
    assert.deepEqual(await filesOf(2), [path.basename(chain.digests[2]!)]);
    assert.deepEqual(
      (await filesOf(3)).sort(),
      chain.logs
        .filter((f) => f !== modified && f !== missing)
        .map((f) => path.basename(f))
        .sort(),
    );

    const [error] = await within(
      diagnosticsWhen(vscode.Uri.file(modified!), (d) => d.length > 0, INTEGRITY_SOURCE),
      WAIT_LIMIT_MS,
      'the modified log’s diagnostic',
    );
    assert.equal(error?.range.start.line, 0);
    assert.equal(error?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(error?.message ?? '', /^This log was changed after CloudTrail delivered it/);
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.file(chain.logs[0]!)), []);

    // As a user would look at it: the node and its broken groups opened, in a side bar wide enough for the names.
    await api.view.reveal(node!, { expand: true, focus: true });
    for (const group of groups.slice(0, 2)) await api.view.reveal(group, { expand: true });
    await vscode.commands.executeCommand('notifications.clearAll');
    await pictureTaken('integrity', { selector: '.part.sidebar', width: 560, height: 386 });
  });
});
