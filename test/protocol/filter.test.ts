/**
 * The investigator's filter over LSP: for a table of filters, the events view keeps exactly the records a plain
 * reading of the JSON says it should, in an open document and in the same records read from disk as a folder;
 * a term it cannot read is said; a pivot is offered in the editor on request.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type CodeAction, CodeActionRequest, CodeActionTriggerKind } from 'vscode-languageserver-protocol/node';
import { COMMANDS } from '../../common/commands';
import { EventTreeRequest, FilterValuesRequest, OpenFolderRequest, RecordsRequest } from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { DETECTIONS_OFF, TestClient } from '../support/lspClient';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TEXTS = [1, 2, 3].map((i) => generateLog({ seed: 700 + i, records: 120 }));
const RECORDS: Rec[] = TEXTS.flatMap((t) => (JSON.parse(t) as { Records: Rec[] }).Records);
const sample = RECORDS.find((r) => r.userIdentity?.accessKeyId && r.requestParameters?.bucketName)!;
const time = (r: Rec) => Date.parse(r.eventTime as string);
const times = RECORDS.map(time).sort((a, b) => a - b);
const middle = new Date(times[Math.floor(times.length / 2)]!).toISOString();

/** Every string of a value, however deep. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
/** What `resource:` reads, plainly: resources' ARNs, and every string of the request and response. */
const touched = (r: Rec): string[] => [
  ...((r.resources as Rec[] | undefined) ?? []).map((x) => x.ARN as string),
  ...strings(r.requestParameters),
  ...strings(r.responseElements),
];
const bucketArn = `arn:aws:s3:::${sample.requestParameters.bucketName}`;

/** Filters, each with what it means written plainly over the parsed records. */
const CASES: [string, (r: Rec) => boolean][] = [
  [`event:${sample.eventName}`, (r) => r.eventName === sample.eventName],
  [
    `event:${(sample.eventName as string).slice(0, 3).toLowerCase()}*`,
    (r) => (r.eventName as string).startsWith((sample.eventName as string).slice(0, 3)),
  ],
  [`-error:*`, (r) => !r.errorCode],
  [`error:AccessDenied -event:${sample.eventName}`, (r) => r.errorCode === 'AccessDenied' && r.eventName !== sample.eventName],
  [`ip:${sample.sourceIPAddress} ip:nowhere`, (r) => r.sourceIPAddress === sample.sourceIPAddress],
  [`key:${sample.userIdentity.accessKeyId}`, (r) => r.userIdentity?.accessKeyId === sample.userIdentity.accessKeyId],
  [`bucket:${sample.requestParameters.bucketName}`, (r) => r.requestParameters?.bucketName === sample.requestParameters.bucketName],
  [
    `account:${sample.recipientAccountId}`,
    (r) => r.userIdentity?.accountId === sample.recipientAccountId || r.recipientAccountId === sample.recipientAccountId,
  ],
  [`region:${sample.awsRegion}`, (r) => r.awsRegion === sample.awsRegion],
  [`resource:${bucketArn}`, (r) => touched(r).includes(bucketArn)],
  [`resource:${sample.requestParameters.bucketName}`, (r) => touched(r).includes(sample.requestParameters.bucketName)],
  ['resource:arn:aws:iam::*:role/*', (r) => touched(r).some((v) => /^arn:aws:iam::.*:role\/.*$/s.test(v))],
  [`after:${middle}`, (r) => time(r) >= Date.parse(middle)],
  [`before:${middle} source:s3.amazonaws.com`, (r) => time(r) < Date.parse(middle) && r.eventSource === 's3.amazonaws.com'],
];

describe('the investigator filter over LSP', () => {
  let client: TestClient;
  let root: string;
  const doc = 'file:///filter/log.json';
  let folder: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-filter-'));
    mkdirSync(root, { recursive: true });
    TEXTS.forEach((text, i) =>
      writeFileSync(path.join(root, `111122223333_CloudTrail_us-west-2_20240305T100${i}Z_f${i}.json.gz`), gzipSync(text)),
    );
    folder = pathToFileURL(root).toString();
    client = new TestClient();
    client.settings = DETECTIONS_OFF;
    await client.initialize();
    await client.open(doc, JSON.stringify({ Records: RECORDS }));
    await client.connection.sendRequest(OpenFolderRequest, { folder });
  });
  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  for (const [filter, means] of CASES) {
    test(`${filter}`, async () => {
      const expected = RECORDS.filter(means).length;
      assert.ok(expected > 0 && expected < RECORDS.length, `the case tells records apart (${expected})`);
      for (const uri of [doc, folder]) {
        const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, filter }))!;
        assert.equal(tree.shown, expected, uri);
        assert.equal(tree.filterProblems, undefined);
        const page = (await client.connection.sendRequest(RecordsRequest, { textDocument: { uri }, filter, limit: 1000 }))!;
        assert.equal(page.total, expected);
      }
    });
  }

  test('the values a log holds for a key, most frequent first, alike for the document and the folder', async () => {
    const counts = new Map<string, number>();
    for (const { sourceIPAddress: ip } of RECORDS) if (typeof ip === 'string' && ip) counts.set(ip, (counts.get(ip) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    for (const uri of [doc, folder]) {
      const answer = await client.connection.sendRequest(FilterValuesRequest, { textDocument: { uri }, key: 'ip', prefix: '' });
      assert.deepEqual(answer?.values[0], { value: top[0], count: top[1] });
      assert.equal(answer?.values.length, Math.min(50, counts.size));
    }
    const refused = await client.connection.sendRequest(FilterValuesRequest, { textDocument: { uri: doc }, key: 'after', prefix: '' });
    assert.equal(refused, null);
  });

  test('a term it cannot read keeps nothing out and is said', async () => {
    const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri: doc }, filter: 'evnt:GetObject' }))!;
    assert.equal(tree.shown, RECORDS.length);
    assert.deepEqual(
      tree.filterProblems?.map((p) => [p.text, p.start, p.end]),
      [['evnt:GetObject', 0, 14]],
    );
  });

  test('a record in the editor offers a pivot when asked, never as a light bulb', async () => {
    const range = { start: { line: 0, character: 40 }, end: { line: 0, character: 40 } };
    const ask = async (triggerKind: CodeActionTriggerKind) =>
      ((await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: doc },
        range,
        context: { diagnostics: [], triggerKind },
      })) ?? []) as CodeAction[];
    const pivot = (await ask(CodeActionTriggerKind.Invoked)).find((a) => a.command?.command === COMMANDS.pivot);
    assert.ok(pivot);
    const record = (pivot.command!.arguments as Rec[])[0]!;
    assert.equal(record.eventTime, RECORDS[0]!.eventTime);
    assert.equal(record.arn, RECORDS[0]!.userIdentity.arn);
    const automatic = await ask(CodeActionTriggerKind.Automatic);
    assert.equal(automatic.filter((a) => a.command?.command === COMMANDS.pivot).length, 0);
  });
});
