/**
 * Detections over LSP, as an editor sees them: findings as diagnostics with the rule's id, title, level
 * and link; the user's rule folders, broken rules reported in their files, reload when a rule file
 * changes; findings of logs read from disk; the Detections group of the tree and its records.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { EventTreeRequest, OpenFolderRequest, RecordsRequest } from '../../common/protocol';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { TestClient } from '../support/lspClient';

const RULE_ID = '5d0c7f62-3c1e-4c57-9a43-0f8e2b1d6a11';
const CORRELATION_ID = 'b7e2c9a4-18f3-4f0e-8d55-2a6c1e9f3b20';

function secretBucketRule(title: string): string {
  return `title: ${title}
id: ${RULE_ID}
status: experimental
description: Reads from a bucket whose name starts with "secret-" <script>alert(1)</script>
references:
  - https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
tags:
  - attack.collection
  - attack.t1530
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: s3.amazonaws.com
    eventName: GetObject
    requestParameters.bucketName|startswith: secret-
  condition: selection
falsepositives:
  - Backups
level: high
`;
}

const BURST_RULES = `title: Denied call
name: denied_call
id: 0f6b8e1d-6a2c-4f7e-9b3a-5c1d2e4f6a70
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    errorCode: AccessDenied
  condition: selection
level: low
---
title: Burst of denied calls from one address
id: ${CORRELATION_ID}
correlation:
  type: event_count
  rules:
    - denied_call
  group-by:
    - sourceIPAddress
  timespan: 5m
  condition:
    gte: 3
  generate: true
level: medium
`;

const BROKEN_RULES = `title: Uses a modifier Sigma does not have
id: 7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|sometimes: GetObject
  condition: selection
level: low
`;

const record = (overrides: Record<string, unknown>) => cleanRecord(overrides);
const log = (records: readonly Record<string, unknown>[]) => logOf(...records);

const secretRead = record({
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  requestParameters: { bucketName: 'secret-payroll', key: 'a.csv' },
});
const plainRead = record({
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  requestParameters: { bucketName: 'public-site', key: 'a.csv' },
});

function denied(second: number, ip: string): Record<string, unknown> {
  return record({ eventTime: `2026-11-01T10:00:${String(second).padStart(2, '0')}Z`, errorCode: 'AccessDenied', sourceIPAddress: ip });
}

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const ours = (p: PublishDiagnosticsParams, code = RULE_ID) => p.diagnostics.filter((d) => d.source === 'sigma' && d.code === code);

describe('detections over LSP', () => {
  let client: TestClient;
  let dir: string;
  let ruleFile: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-rules-'));
    ruleFile = path.join(dir, 'secret_bucket.yml');
    writeFileSync(ruleFile, secretBucketRule('Read from a secret bucket'));
    writeFileSync(path.join(dir, 'denied_burst.yaml'), BURST_RULES);
    writeFileSync(path.join(dir, 'broken.yml'), BROKEN_RULES);
    client = new TestClient();
    client.settings = { detections: { rules: [dir] } };
    await client.initialize({ watchFiles: true });
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a user rule flags its record on eventName, with its id, title, level and first reference', async () => {
    const uri = 'file:///detections/secret.json';
    const text = log([plainRead, secretRead]);
    const diagnostics = await client.open(uri, text);
    const found = diagnostics.filter((d) => d.code === RULE_ID);
    assert.equal(found.length, 1, JSON.stringify(diagnostics));
    const [finding] = found as [Diagnostic];
    assert.equal(finding.source, 'sigma');
    assert.equal(finding.message, 'Read from a secret bucket');
    assert.equal(finding.severity, DiagnosticSeverity.Warning);
    assert.equal(finding.codeDescription?.href, 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html');
    const document = client.document(uri);
    assert.equal(document.getText(finding.range), '"GetObject"');
    assert.ok(document.offsetAt(finding.range.start) > text.indexOf('public-site'), 'on the second record');
    await client.close(uri);
  });

  test('the hover on a flagged eventName gives the rule, its description escaped', async () => {
    const uri = 'file:///detections/hover.json';
    await client.open(uri, log([secretRead]));
    const document = client.document(uri);
    const position = document.positionAt(document.getText().indexOf('"GetObject"') + 3);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    const markdown = (hover?.contents as MarkupContent).value;
    assert.match(markdown, /Read from a secret bucket/);
    assert.match(markdown, /high/);
    assert.match(markdown, /attack\\\.t1530/);
    assert.match(markdown, /Backups/);
    assert.doesNotMatch(markdown, /<script>/, 'rule text is escaped');
    // The record as an analyst notes it, before the rule: event, target, actor.
    assert.ok(markdown.includes('GetObject · bucket secret\\-payroll · by alice\n\n---'), markdown);
    await client.close(uri);
  });

  test("a finding's hover and rows: a failed call is an attempt, and the log's text is escaped", async () => {
    const uri = 'file:///detections/attempt.json';
    const hostile = record({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'eve](command:workbench.action.terminal.new)' },
      requestParameters: { bucketName: 'secret-<img src=x onerror=alert(1)>', key: 'a' },
      errorCode: 'AccessDenied',
    });
    await client.open(uri, log([secretRead, hostile]));
    const document = client.document(uri);
    const position = document.positionAt(document.getText().lastIndexOf('"GetObject"') + 3);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    const markdown = (hover?.contents as MarkupContent).value;
    const note = markdown.split('\n\n---\n\n').find((section) => section.startsWith('GetObject · '));
    assert.ok(note?.endsWith(' · by eve\\] \\(command\\:workbench\\.action\\.terminal\\.new\\) · attempted (AccessDenied)'), markdown);
    // Every < and ] of the log's text is escaped: no tag, no link.
    assert.doesNotMatch(note!, /(?<!\\)[<\]]/);
    const page = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, detection: RULE_ID });
    // The call that was done first, the attempt after it, each naming its target.
    assert.deepEqual(
      page?.items.map((i) => [i.index, i.targetType, i.target, i.errorCode]),
      [
        [0, 'bucket', 'secret-payroll', undefined],
        [1, 'bucket', 'secret-<img src=x onerror=alert(1)>', 'AccessDenied'],
      ],
    );
    await client.close(uri);
  });

  test('a correlation rule flags a burst, grouped and windowed, and shows in the Detections group', async () => {
    const uri = 'file:///detections/burst.json';
    const burst = [denied(1, '198.51.100.7'), denied(20, '198.51.100.7'), denied(40, '203.0.113.9'), denied(50, '198.51.100.7')];
    const diagnostics = await client.open(uri, log(burst));
    const windows = diagnostics.filter((d) => d.code === CORRELATION_ID);
    assert.equal(windows.length, 1, JSON.stringify(diagnostics));
    assert.match(messageOf(windows[0]!), /Burst of denied calls from one address \(3 records with sourceIPAddress=198\.51\.100\.7/);
    assert.equal(windows[0]!.relatedInformation?.length, 2);
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });
    const rule = tree?.detections?.find((d) => d.key === CORRELATION_ID);
    assert.ok(rule, JSON.stringify(tree?.detections));
    assert.deepEqual(rule.windows?.[0]?.group, [{ field: 'sourceIPAddress', value: '198.51.100.7' }]);
    assert.equal(rule.windows?.[0]?.count, 3);
    const page = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, detection: CORRELATION_ID, finding: 0 });
    assert.deepEqual(
      page?.items.map((i) => i.index),
      [0, 1, 3],
    );
    // Highest level first: the burst (medium) before the single denied calls (low).
    assert.deepEqual(
      tree?.detections?.map((d) => d.level),
      ['medium', 'low'],
    );
    await client.close(uri);
  });

  test('a rule that cannot be run is reported in its file and in the output, and the others still run', async () => {
    const ruleUri = pathToFileURL(path.join(dir, 'broken.yml')).toString();
    const reported = client.latestDiagnostics(ruleUri) ?? (await client.nextDiagnostics(ruleUri));
    assert.equal(reported.diagnostics.length, 1);
    assert.match(messageOf(reported.diagnostics[0]!), /sometimes/);
    assert.equal(reported.diagnostics[0]!.range.start.line, 7, 'on the line of the modifier');
    assert.ok(client.logged.some((m) => m.includes('broken.yml') && m.includes('sometimes')));
  });

  test('editing a watched rule file reloads the rules', async () => {
    assert.ok(
      client.registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method),
      'the server asks the client to watch the rule folder',
    );
    const uri = 'file:///detections/reload.json';
    await client.open(uri, log([secretRead]));
    writeFileSync(ruleFile, secretBucketRule('Secret bucket read (edited)'));
    const reloaded = client.nextDiagnostics(uri, (p) => ours(p).some((d) => d.message === 'Secret bucket read (edited)'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(ruleFile).toString(), type: FileChangeType.Changed }],
    });
    await reloaded;
    await client.close(uri);
  });

  test('findings have a limit of their own: JSON problems up to maxProblems do not hide them', async () => {
    const uri = 'file:///detections/many-problems.json';
    await client.changeSettings({ detections: { rules: [dir] }, maxProblems: 1 });
    const diagnostics = await client.open(uri, `${log([secretRead])} ,,, trailing garbage`);
    assert.ok(diagnostics.some((d) => d.source === 'cloudtrail'));
    assert.equal(ours({ uri, diagnostics }).length, 1);
    await client.changeSettings({ detections: { rules: [dir] } });
    await client.close(uri);
  });

  test('a file read from disk shows its findings, in its diagnostics and its tree', async () => {
    const file = path.join(dir, 'read-from-disk.log');
    writeFileSync(file, [plainRead, secretRead, secretRead].map((r) => JSON.stringify(r)).join('\n'));
    const uri = pathToFileURL(file).toString();
    const published = client.nextDiagnostics(uri, (p) => ours(p).length > 0);
    const read = await client.connection.sendRequest(OpenFolderRequest, { folder: uri });
    assert.equal(read?.records, 3);
    assert.deepEqual(
      ours(await published).map((d) => d.range.start.line),
      [1, 2],
    );
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });
    assert.equal(tree?.detections?.find((d) => d.key === RULE_ID)?.count, 2);
    const page = await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, detection: RULE_ID });
    assert.deepEqual(
      page?.items.map((i) => [i.index, i.eventName, i.targetType, i.target, i.identity]),
      [
        [1, 'GetObject', 'bucket', 'secret-payroll', 'alice'],
        [2, 'GetObject', 'bucket', 'secret-payroll', 'alice'],
      ],
    );
    // New rules: the file is read again with them.
    writeFileSync(ruleFile, secretBucketRule('Secret bucket read, read again'));
    const again = client.nextDiagnostics(
      uri,
      (p) => ours(p).length === 2 && ours(p).every((d) => d.message === 'Secret bucket read, read again'),
    );
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(ruleFile).toString(), type: FileChangeType.Changed }],
    });
    await again;
  });

  test('a minimum level leaves lower findings out, and detections can be turned off', async () => {
    const uri = 'file:///detections/levels.json';
    await client.open(uri, log([secretRead, denied(1, '192.0.2.1')]));
    const high = client.nextDiagnostics(
      uri,
      (p) => ours(p).length === 1 && !p.diagnostics.some((d) => d.source === 'sigma' && d.severity !== DiagnosticSeverity.Warning),
    );
    await client.changeSettings({ detections: { rules: [dir], minimumLevel: 'high' } });
    await high;
    const off = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.source === 'sigma'));
    await client.changeSettings({ detections: { rules: [dir], enable: false } });
    await off;
    await client.changeSettings({ detections: { rules: [dir] } });
    await client.close(uri);
  });

  test('known automation is quiet by default, and a change to the exclusion list is in force at once', { timeout: 10_000 }, async () => {
    const uri = 'file:///detections/terraform.json';
    const terraform = (second: number) => ({ ...denied(second, '192.0.2.9'), userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5' });
    const people = [denied(1, '192.0.2.1'), denied(2, '192.0.2.1'), denied(3, '192.0.2.1')];
    const text = log([...people, terraform(4), terraform(5), terraform(6)]);
    // The people's records end at their last source address; Terraform's follow.
    const lastPersonLine = text.slice(0, text.lastIndexOf('192.0.2.1')).split('\n').length - 1;
    const person = client.nextDiagnostics(uri, (p) => ours(p, CORRELATION_ID).length > 0);
    await client.open(uri, text);
    const quiet = ours(await person, CORRELATION_ID);
    assert.ok(
      quiet.every((d) => d.range.start.line <= lastPersonLine),
      "only the person's burst",
    );
    const loud = client.nextDiagnostics(uri, (p) => ours(p, CORRELATION_ID).some((d) => d.range.start.line > lastPersonLine));
    await client.changeSettings({ detections: { rules: [dir], exclude: [] } });
    await loud;
    await client.changeSettings({ detections: { rules: [dir] } });
    await client.close(uri);
  });
});

describe('rule paths a workspace may have written', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-hostile-rules-'));
    writeFileSync(path.join(dir, 'credentials'), `[default]\naws_secret_access_key = ${secret}\n`);
    writeFileSync(path.join(dir, 'settings.yml'), `%${secret}\n---\naws_secret_access_key: ${secret}\nlevel: ${secret}\n`);
    client = new TestClient();
    client.settings = { detections: { rules: ['/', homedir(), path.join(dir, 'credentials'), dir] } };
    await client.initialize({ watchFiles: true });
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('"/" and the home folder are refused at once and not watched; no file\'s text reaches a problem', { timeout: 10_000 }, async () => {
    await client.open('file:///hostile/log.json', log([secretRead]));
    await client.whenLogged(/^Detections: \d+ rules/);
    const refusals = client.logged.filter((m) => /Not read: (a filesystem root|the home folder)/.test(m));
    assert.equal(refusals.length, 2, client.logged.join('\n'));
    const watched = client.registrations.flatMap(
      (r) => (r.registerOptions as { watchers?: { globPattern: { baseUri: string } }[] } | undefined)?.watchers ?? [],
    );
    const bases = watched.map((w) => fileURLToPath(w.globPattern.baseUri));
    assert.ok(bases.includes(dir), bases.join(', '));
    assert.ok(!bases.includes(path.parse(dir).root) && !bases.includes(homedir()), `neither "/" nor home is watched: ${bases.join(', ')}`);
    const published = ['credentials', 'settings.yml'].map((name) =>
      client.latestDiagnostics(pathToFileURL(path.join(dir, name)).toString()),
    );
    assert.deepEqual(
      published.map((p) => p?.diagnostics.map(messageOf)),
      [['Not read: rule files are named .yml or .yaml'], ['not a Sigma rule (no detection, logsource or correlation): not read']],
    );
    assert.ok(!client.logged.some((m) => m.includes(secret.slice(0, 12))), 'nothing of the files is logged');
  });
});
