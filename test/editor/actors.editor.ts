/**
 * Who is behind it, in a real VS Code: the chain hover on a session's key and its pivot "Everything this actor
 * did" (the link's own command and argument, run as a click runs them), By actor's origin → session → event, and
 * a timeline range driving New in this window.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventNode, GroupNode, NewValueNode, SessionNode } from '../../client/src/eventsView/nodes';
import { COMMANDS } from '../../common/commands';
import { logOf } from '../support/cleanRecord';
import { FIRST_SEEN_RECORDS } from '../support/firstSeenLog';
import * as chains from '../support/sessionLog';
import { closeAll, extensionApi, groupNodes, openFile, saveAll, treeFor } from './support';

const CHAINS = logOf(...chains.ALL_CHAINS);

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('who is behind it', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'level');
    await saveAll();
    await closeAll();
  });

  it('the chain hover on a session key leads to the user, and its pivot keeps everything the user did', async () => {
    const editor = await openFile('chains.json', CHAINS);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    // The Hop3 session's own key, where its ListBuckets uses it (the second time the key is written).
    const at = CHAINS.indexOf(`"${chains.key(3)}"`, CHAINS.indexOf(`"${chains.key(3)}"`) + 1) + 2;
    const markdown = await hoverText(editor.document.uri, editor.document.positionAt(at));
    assert.match(markdown, /Session chain/);
    assert.match(markdown, /user\\\/alice/);
    const link = /\[Everything this actor did\]\(command:cloudtrail\.filterEvents\?([^)\s]+)\)/.exec(markdown);
    assert.ok(link, markdown);
    const args = JSON.parse(decodeURIComponent(link[1]!)) as string[];
    await vscode.commands.executeCommand(COMMANDS.filterEvents, ...args);
    assert.match(api.view.description ?? '', /filter: actor:arn:aws:iam::111122223333:user\/alice$/);
    // Alice's AssumeRole and the three hops' records.
    assert.equal(api.events.result?.shown, 4);
  });

  it('By actor: each origin, then the sessions it opened, then their events', async () => {
    const editor = await openFile('actors.json', CHAINS);
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'actor');
    const alice = (await groupNodes(api)).find((g: GroupNode) => g.group.key === chains.ALICE);
    assert.ok(alice, 'alice is an actor');
    const sessions = (await api.events.getChildren(alice)) as SessionNode[];
    assert.deepEqual(
      sessions.map((s) => [s.kind, s.session.accessKeyId]),
      [
        ['session', chains.ALICE_KEY],
        ['session', chains.key(1)],
        ['session', chains.key(2)],
        ['session', chains.key(3)],
      ],
    );
    const [event] = (await api.events.getChildren(sessions[3])) as EventNode[];
    assert.equal(api.events.getTreeItem(event!).label, 'ListBuckets');
  });

  it('a timeline range sets New in this window: what is new in that range', async () => {
    const editor = await openFile('first-seen.json', logOf(...FIRST_SEEN_RECORDS));
    const api = await extensionApi();
    await treeFor(api, editor.document.uri);
    await api.timeline.applyRange(Date.UTC(2026, 10, 1, 10, 50), Date.UTC(2026, 10, 1, 10, 56));
    const [fresh] = (await api.events.getChildren()) as EventNode[];
    assert.equal(fresh?.kind, 'new');
    assert.equal(api.events.getTreeItem(fresh).description, '2026-11-01 10:50:00 UTC to 2026-11-01 10:56:00 UTC');
    const values = (await api.events.getChildren(fresh)) as NewValueNode[];
    assert.ok(
      values.some((v) => v.item.value === 'sts.amazonaws.com:AssumeRole'),
      values.map((v) => v.item.value).join(', '),
    );
    assert.ok(values.every((v) => v.item.firstTime >= '2026-11-01T10:50:00Z' && v.item.firstTime < '2026-11-01T10:56:00Z'));
  });
});
