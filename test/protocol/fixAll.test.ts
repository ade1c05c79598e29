/** Fix all as an editor runs it on save: the source.fixAll.cloudtrail code action over LSP, on every fixable fault at once. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { everyFaultAtOnce } from '../support/brokenLogs';
import { DETECTIONS_OFF, TestClient, wholeRange } from '../support/lspClient';

describe('fix all over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    // JSON problems and their fixes only: findings have their own suite (detections.test.ts).
    client.settings = DETECTIONS_OFF;
    await client.initialize();
  });
  after(async () => {
    await client.dispose();
  });

  test('source.fixAll.cloudtrail repairs every fault kind in one edit, keeping every value', async () => {
    const { broken, expected } = everyFaultAtOnce();
    const uri = 'file:///fix-all/every-fault.json';
    const before = await client.open(uri, broken);
    assert.ok(before.length >= 10, `${before.length} problems`);
    const actions = (await client.codeActions(uri, wholeRange(broken), [], ['source.fixAll'])) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.cloudtrail'],
    );
    const diagnostics = await client.edit(uri, actions[0]!.edit!.changes![uri]!);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(JSON.parse(client.text(uri)), expected);
    await client.close(uri);
  });
});
