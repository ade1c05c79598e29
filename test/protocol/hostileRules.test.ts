/**
 * Rules written to freeze the server, over LSP: a regular expression that backtracks for minutes in a backtracking
 * engine, thousands of keyword rules, a pattern RE2 cannot express. Requests asked meanwhile are answered.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { OpenFolderRequest } from '../../common/protocol';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { TestClient } from '../support/lspClient';
import { within } from '../support/within';

/** Far more than a prompt answer takes, far less than the work the rules below would block the server for. */
const LIMIT_MS = 5000;

/** `promise`, or a failure naming `what` once LIMIT_MS have passed without it. */
const prompt = <T>(promise: Promise<T>, what: string): Promise<T> => within(promise, LIMIT_MS, `${what}: no answer`);

function rule(title: string, id: number, detection: string): string {
  const uuid = `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
  return `title: ${title}\nid: ${uuid}\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n${detection}\nlevel: low\n`;
}

/** Seven bounded repeats: a backtracking engine tries every way to share a long run of letters among them. */
const CATASTROPHIC = `^${'[a-z]{0,16}'.repeat(7)}$`;

const sigmaOn = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.source === 'sigma');

describe('hostile rules over LSP', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-hostile-rules-'));
    writeFileSync(
      path.join(dir, 'catastrophic.yml'),
      rule('Lower-case agent', 1, `  sel:\n    userAgent|re: '${CATASTROPHIC}'\n  condition: sel`),
    );
    writeFileSync(
      path.join(dir, 'lookahead.yml'),
      rule('Put but not bucket', 2, `  sel:\n    eventName|re: '^Put(?!Bucket)'\n  condition: sel`),
    );
    client = new TestClient();
    client.settings = { detections: { rules: [dir] } };
    await client.initialize();
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a catastrophic re rule finds its record, and a hover asked meanwhile on a hostile value is answered', async () => {
    const uri = 'file:///hostile/catastrophic.json';
    // Each hostile value costs a backtracking engine seconds: eight of them, far more than the limit.
    const hostile = Array.from({ length: 8 }, (_, i) => cleanRecord({ userAgent: `${'a'.repeat(60 + i)}!` }));
    const text = logOf(cleanRecord({ userAgent: 'curl' }), ...hostile);
    const opened = client.open(uri, text);
    const offset = text.indexOf('aaaa');
    const document = client.document(uri);
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(offset) });
    await prompt(hover, 'the hover');
    const diagnostics = await prompt(opened, 'the diagnostics');
    const found = diagnostics.filter((d) => d.source === 'sigma');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.ok(document.offsetAt(found[0]!.range.start) < offset, 'on the first record, whose agent is lower-case letters');
    await client.close(uri);
  });

  test('a log read from disk on the reading threads meets the catastrophic rule and is answered', async () => {
    const logDir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-hostile-log-'));
    try {
      const file = path.join(logDir, 'agents.log');
      const records = [
        cleanRecord({ userAgent: 'curl' }),
        ...Array.from({ length: 8 }, (_, i) => cleanRecord({ userAgent: `${'a'.repeat(60 + i)}!` })),
      ];
      writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
      const uri = pathToFileURL(file).toString();
      const published = client.nextDiagnostics(uri, (p) => sigmaOn(p).length > 0);
      const read = await prompt(client.connection.sendRequest(OpenFolderRequest, { folder: uri }), 'the read');
      assert.equal(read?.records, records.length);
      assert.deepEqual(
        sigmaOn(await prompt(published, 'the file’s diagnostics')).map((d) => d.range.start.line),
        [0],
      );
    } finally {
      rmSync(logDir, { recursive: true, force: true });
    }
  });

  test('a rule with a lookahead is a problem in its file that names it, and does not run', async () => {
    const ruleUri = pathToFileURL(path.join(dir, 'lookahead.yml')).toString();
    const reported = client.latestDiagnostics(ruleUri) ?? (await prompt(client.nextDiagnostics(ruleUri), 'the rule file problems'));
    assert.equal(reported.diagnostics.length, 1, JSON.stringify(reported.diagnostics));
    const message = reported.diagnostics[0]!.message;
    assert.match(typeof message === 'string' ? message : message.value, /RE2.*cannot express a lookahead/);
    const uri = 'file:///hostile/lookahead.json';
    const diagnostics = await client.open(uri, logOf(cleanRecord({ eventName: 'PutObject' })));
    assert.deepEqual(sigmaOn({ uri, diagnostics }), []);
    await client.close(uri);
  });
});

describe('thousands of keyword rules over LSP', () => {
  const RULES = 3000;
  const RECORDS = 2000;
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-keyword-rules-'));
    // Keywords are searched for in every value of every record: no index narrows them.
    const rules = Array.from({ length: RULES }, (_, i) =>
      rule(`Keyword rule ${i}`, i, `  keywords:\n    - 'marker-${i}-x'\n  condition: keywords`),
    );
    writeFileSync(path.join(dir, 'keywords.yml'), rules.join('---\n'));
    client = new TestClient();
    client.settings = { detections: { rules: [dir] } };
    await client.initialize();
    await client.whenLogged(/^Detections: \d+ rules/);
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a hover asked while the rules run is answered, and an edit meanwhile is checked without waiting for them', async () => {
    const uri = 'file:///hostile/keywords.json';
    const records = Array.from({ length: RECORDS }, (_, i) => cleanRecord({ requestID: i === 7 ? 'marker-0-x' : `request-${i}` }));
    const text = logOf(...records);
    void client.open(uri, text);
    const document = client.document(uri);
    // Findings show on the record's eventName.
    const position = document.positionAt(text.lastIndexOf('"GetBucketAcl"', text.indexOf('marker-0-x')) + 3);
    const hover = await prompt(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'the hover');
    assert.match((hover?.contents as MarkupContent).value, /Keyword rule 0/, 'the record’s own finding');
    // The log is cut to one record: its diagnostics come without the rules finishing on the old text.
    const end = document.positionAt(text.length);
    const edited = prompt(
      client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end }, newText: logOf(records[7]) }]),
      'the edited version’s diagnostics',
    );
    const diagnostics = await edited;
    assert.deepEqual(
      diagnostics.filter((d) => d.source === 'sigma').map((d) => d.message),
      ['Keyword rule 0'],
    );
    await client.close(uri);
  });
});
