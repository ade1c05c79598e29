/** The server as an editor sees it: spawned over stdio, spoken to in LSP. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type CodeAction, CompletionRequest, type Diagnostic, HoverRequest } from 'vscode-languageserver-protocol/node';
import { BAD_INPUTS } from '../support/badInputs';
import { TestClient, wholeRange } from '../support/lspClient';
import { fixturePath } from '../support/paths';

const seed = readFileSync(fixturePath('seed-sample.json'), 'utf8');

const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);

function isCodeAction(a: unknown): a is CodeAction {
  return (
    typeof a === 'object' && a !== null && 'title' in a && !('command' in a && typeof (a as { command: unknown }).command === 'string')
  );
}

function records(text: string): { eventName: string }[] {
  return (JSON.parse(text) as { Records: { eventName: string }[] }).Records;
}

describe('language server over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = new TestClient();
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.cloudtrail'] });
  });

  after(async () => {
    await client.dispose();
  });

  test('the seed sample: two errors where they are, each with source and code', async () => {
    const uri = 'file:///seed/two-faults.json';
    const diagnostics = await client.open(uri, seed);
    const errs = errors(diagnostics);
    assert.deepEqual(
      errs.map((d) => [d.code, d.range.start.line + 1, d.source]),
      [
        ['missing-comma', 68, 'cloudtrail'],
        ['trailing-comma', 115, 'cloudtrail'],
      ],
    );
    assert.equal(errs[0]!.message, 'Missing comma between properties');
    assert.ok(diagnostics.every((d) => d.source === 'cloudtrail' && typeof d.code === 'string'));
    await client.close(uri);
  });

  test('the seed sample: each quick fix, applied, leaves valid JSON with the same three records', async () => {
    const uri = 'file:///seed/quick-fixes.json';
    let diagnostics = await client.open(uri, seed);
    while (errors(diagnostics).length > 0) {
      const [first] = errors(diagnostics);
      const actions = (await client.codeActions(uri, first!.range, [first!], ['quickfix']))!.filter(isCodeAction);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, 'one preferred fix');
      assert.deepEqual(preferred[0]!.diagnostics, [first]);
      diagnostics = await client.edit(uri, preferred[0]!.edit!.changes![uri]!);
    }
    assert.deepEqual(
      records(client.text(uri)).map((r) => r.eventName),
      ['ListBuckets', 'PutBucketAcl', 'GetBucketVersioning'],
    );
    assert.equal(client.text(uri).replace(/[\s,]/g, ''), seed.replace(/[\s,]/g, ''));
    await client.close(uri);
  });

  test('the seed sample: fix all alone, as source.fixAll', async () => {
    const uri = 'file:///seed/fix-all.json';
    await client.open(uri, seed);
    const actions = (await client.codeActions(uri, wholeRange(seed), [], ['source.fixAll']))!.filter(isCodeAction);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.cloudtrail');
    const diagnostics = await client.edit(uri, actions[0]!.edit!.changes![uri]!);
    assert.deepEqual(errors(diagnostics), []);
    assert.equal(records(client.text(uri)).length, 3);
    await client.close(uri);
  });

  test('an edit that breaks a clean file is diagnosed after the pause', async () => {
    const uri = 'file:///edit/break.json';
    const text = '{"Records":[{"eventVersion":"1.0","eventName":"GetObject"}]}';
    await client.open(uri, text);
    const comma = text.indexOf(',');
    const diagnostics = await client.edit(uri, [
      { range: { start: { line: 0, character: comma }, end: { line: 0, character: comma + 1 } }, newText: '' },
    ]);
    assert.deepEqual(
      errors(diagnostics).map((d) => d.code),
      ['missing-comma'],
    );
    await client.close(uri);
  });

  test("an edit that lengthens a record moves the next records' problems with them", async () => {
    const uri = 'file:///edit/moved.json';
    // One line, a warning in each record (an eventID that is no UUID): record 2's warning must move along the line.
    const records = [0, 1, 2].map((i) => ({ eventVersion: '1.08', eventName: 'GetObject', eventID: `id-${i}` }));
    const text = JSON.stringify({ Records: records });
    const before = await client.open(uri, text);
    const at = text.indexOf('GetObject') + 'GetObject'.length;
    const edited = await client.edit(uri, [
      { range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, newText: 'Extra' },
    ]);
    const fresh = await client.open('file:///edit/fresh.json', client.text(uri));
    assert.deepEqual(edited, fresh);
    const last = (diagnostics: typeof before) => diagnostics.find((d) => String(d.message).includes('"id-2"'))!.range.start.character;
    assert.equal(last(edited), last(before) + 5);
    await client.close(uri);
    await client.close('file:///edit/fresh.json');
  });

  test('settings: maxProblems and validate.enable take effect', async () => {
    const uri = 'file:///settings/many.json';
    const text = JSON.stringify({ Records: Array.from({ length: 10 }, () => ({ eventVersion: 'bad' })) });
    const all = await client.open(uri, text);
    assert.ok(all.length > 10);

    let published = client.nextDiagnostics(uri);
    await client.changeSettings({ maxProblems: 3 });
    const limited = (await published).diagnostics;
    assert.equal(limited.length, 4);
    assert.equal(limited[3]!.code, 'too-many-problems');

    published = client.nextDiagnostics(uri);
    await client.changeSettings({ validate: { enable: false } });
    assert.deepEqual((await published).diagnostics, []);

    published = client.nextDiagnostics(uri);
    await client.changeSettings({});
    assert.equal((await published).diagnostics.length, all.length);
    await client.close(uri);
  });

  test('gzip bytes opened as text: one error, and a quick fix that opens the file decompressed', async () => {
    const uri = 'file:///gz/log.json';
    const diagnostics = await client.open(uri, '\u001f\ufffd\b\u0000' + '\ufffd'.repeat(500));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['compressed'],
    );
    const actions = (await client.codeActions(uri, diagnostics[0]!.range, diagnostics))!.filter(isCodeAction);
    assert.deepEqual(
      actions.map((a) => [a.title, a.command?.command, a.command?.arguments]),
      [['Open decompressed', 'cloudtrail.openDecompressed', [uri]]],
    );
    await client.close(uri);
  });

  test('closing a file clears its diagnostics', async () => {
    const uri = 'file:///close/me.json';
    await client.open(uri, '{"Records":[1,]}');
    const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.close(uri);
    await cleared;
  });

  describe('bad input: diagnostics are published and every request is answered', () => {
    for (const [name, make] of Object.entries(BAD_INPUTS)) {
      test(name, async () => {
        const uri = `file:///bad/${encodeURIComponent(name)}.json`;
        const text = make();
        const errorsBefore = client.loggedErrors.length;
        const diagnostics = await client.open(uri, text);
        assert.ok(Array.isArray(diagnostics));
        const whole = wholeRange(text);
        const actions = await client.codeActions(uri, whole, diagnostics);
        assert.ok(actions === null || Array.isArray(actions));
        const fixAll = await client.codeActions(uri, whole, [], ['source.fixAll']);
        assert.ok(fixAll === null || Array.isArray(fixAll));
        // Hover and completion in the middle and at the end of the file.
        for (const position of [whole.end, { line: 0, character: Math.floor(text.split('\n')[0]!.length / 2) }]) {
          const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
          assert.ok(hover === null || typeof hover === 'object');
          const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
          assert.ok(completion === null || Array.isArray(completion) || typeof completion === 'object');
        }
        await client.close(uri);
        assert.ok(client.alive, 'the server is still running');
        // null is an answer, but not one a handler gave by throwing.
        assert.deepEqual(client.loggedErrors.slice(errorsBefore), []);
      });
    }
  });

  test('an editor that refuses dynamic registration does not bring the server down', async () => {
    const strict = new TestClient({ refuseRegistration: true });
    try {
      await strict.initialize();
      const diagnostics = await strict.open('file:///strict/seed.json', seed);
      assert.equal(errors(diagnostics).length, 2);
      assert.ok(strict.alive);
    } finally {
      await strict.dispose();
    }
  });
});
