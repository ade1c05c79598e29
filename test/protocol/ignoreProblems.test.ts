/**
 * cloudtrail.problems.ignore over LSP: a log with placeholder regions (as attack simulations write them) loses its
 * invalid-region warnings, open or read from disk, and one note at the top of the file and the events view say
 * how many were hidden; the limit counts only what is shown, and an entry that is no code is noted once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { EventTreeRequest, OpenFolderRequest } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { DETECTIONS_OFF, TestClient } from '../support/lspClient';

const RECORDS = 30;

/** A clean log whose every record names a placeholder region, and whose last record's eventID is no UUID. */
function placeholderLog(): string {
  const text = generateLog({ seed: 25, records: RECORDS }).replace(/"awsRegion":"[^"]*"/g, '"awsRegion":"REGION_PLACEHOLDER"');
  const last = text.lastIndexOf('"eventID":"');
  const uuid = last + '"eventID":"'.length;
  return `${text.slice(0, uuid)}not-a-uuid${text.slice(text.indexOf('"', uuid))}`;
}

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);
const HIDDEN = `${RECORDS} problems hidden by cloudtrail.problems.ignore (invalid-region: ${RECORDS})`;

describe('cloudtrail.problems.ignore over LSP', () => {
  let client: TestClient;
  let root: string;
  const text = placeholderLog();

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-ignore-'));
    client = new TestClient();
    client.settings = DETECTIONS_OFF;
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  async function hiddenInTree(uri: string) {
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy: 'level' });
    return tree?.hiddenProblems;
  }

  /** Changes the settings and resolves with the next diagnostics of each URI. */
  async function withSettings(settings: Record<string, unknown>, uris: readonly string[]): Promise<Diagnostic[][]> {
    const published = uris.map((uri) => client.nextDiagnostics(uri, () => true));
    await client.changeSettings(settings);
    return (await Promise.all(published)).map((p) => p.diagnostics);
  }

  test('an open document and a file read from disk hide the codes named, and say how many at the top', async () => {
    const opened = 'file:///stratus/placeholder-regions.json';
    const file = path.join(root, 'placeholder-regions.json');
    writeFileSync(file, text);
    const read = pathToFileURL(file).toString();

    const openDiagnostics = await client.open(opened, text);
    const readDiagnostics = client.nextDiagnostics(read, () => true);
    await client.connection.sendRequest(OpenFolderRequest, { folder: read });
    for (const diagnostics of [openDiagnostics, (await readDiagnostics).diagnostics]) {
      assert.equal(codes(diagnostics).filter((c) => c === 'invalid-region').length, RECORDS);
      assert.ok(codes(diagnostics).includes('invalid-event-id'));
      assert.ok(!codes(diagnostics).includes('problems-hidden'));
    }
    assert.equal(await hiddenInTree(opened), undefined);

    const ignoring = { ...DETECTIONS_OFF, problems: { ignore: ['invalid-region', 'not-a-code', 'sigma-rule-id'] } };
    const logged = client.logged.length;
    for (const diagnostics of await withSettings(ignoring, [opened, read])) {
      assert.deepEqual(codes(diagnostics), ['problems-hidden', 'invalid-event-id']);
      const [note] = diagnostics;
      assert.equal(note!.message, HIDDEN);
      assert.equal(note!.severity, DiagnosticSeverity.Information);
      assert.deepEqual(note!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    }
    for (const uri of [opened, read]) assert.deepEqual(await hiddenInTree(uri), { count: RECORDS, message: HIDDEN });
    // Two logs read the same settings: one note names what is not a code, and nothing is an error.
    const notes = client.logged.slice(logged).filter((m) => m.includes('cloudtrail.problems.ignore'));
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(notes[0]!, /"not-a-code", "sigma-rule-id" are not a problem code/);
    assert.deepEqual(client.loggedErrors, []);

    // The limit counts only the problems shown: one problem left, and no "more problems" note.
    const limited = await withSettings({ ...ignoring, maxProblems: 1 }, [opened, read]);
    for (const diagnostics of limited) assert.deepEqual(codes(diagnostics), ['problems-hidden', 'invalid-event-id']);

    // Without the setting, the warnings come back.
    for (const diagnostics of await withSettings(DETECTIONS_OFF, [opened, read]))
      assert.equal(codes(diagnostics).filter((c) => c === 'invalid-region').length, RECORDS);
    assert.equal(await hiddenInTree(read), undefined);
  });
});
