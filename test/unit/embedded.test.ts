/** Records carried in JSON strings: lookup-events output and CloudWatch Logs exports. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeString } from '../../server/src/parse/embedded';
import { buildEventTree } from '../../server/src/features/eventGroups';
import { summarize } from '../../server/src/features/recordSummary';
import { hoverAt } from '../../server/src/features/hover';
import { parseLog } from '../../server/src/parse/parseLog';
import { collectProblems } from '../../server/src/features/validate';
import { generateRecords } from '../support/generateLog';

const records = generateRecords(12, 6);

/** What `aws cloudtrail lookup-events` prints. */
function lookupEvents(recs: Record<string, unknown>[], edit: (json: string, i: number) => string = (j) => j): string {
  const events = recs.map((r, i) => ({
    EventId: r.eventID,
    EventName: r.eventName,
    ReadOnly: String(r.readOnly),
    EventTime: r.eventTime,
    EventSource: r.eventSource,
    Username: 'alice',
    Resources: [],
    CloudTrailEvent: edit(JSON.stringify(r), i),
  }));
  return JSON.stringify({ Events: events }, null, 4);
}

describe('records in JSON strings', () => {
  test('decodeString maps every character back to the document', () => {
    const doc = 'x"a\\"b\\u0041\\n"y';
    const decoded = decodeString(doc, 1, doc.length - 1)!;
    assert.equal(decoded.text, 'a"bA\n');
    assert.deepEqual([...decoded.offsets], [2, 3, 5, 6, 12, 14]);
  });

  test('lookup-events output: the embedded records are read, checked and summarised', () => {
    const text = lookupEvents(records);
    const parsed = parseLog(text);
    assert.equal(parsed.shape, 'embedded');
    assert.deepEqual(
      parsed.records.map((r) => r.fields.get('eventName')?.value),
      records.map((r) => r.eventName),
    );
    assert.deepEqual(collectProblems(parsed), []);
    assert.equal(buildEventTree(summarize(parsed)).shown, records.length);
    // An offset is the escaped text's: the value's quotes are \\" in the document.
    const name = parsed.records[2]!.fields.get('eventName')!;
    assert.equal(text.slice(name.start, name.end), `\\"${String(records[2]!.eventName)}\\"`);
  });

  test('a bad value inside a string is reported where it is', () => {
    const text = lookupEvents(records, (json, i) => (i === 3 ? json.replace(/"awsRegion":"[^"]+"/, '"awsRegion":"Oregon"') : json));
    const problems = collectProblems(parseLog(text));
    assert.deepEqual(
      problems.map((p) => [p.code, text.slice(p.start, p.end)]),
      [['invalid-region', '\\"Oregon\\"']],
    );
  });

  test('a JSON error inside a string is reported inside it, without a fix', () => {
    const text = lookupEvents(records, (json, i) => (i === 1 ? json.replace(',"awsRegion"', '"awsRegion"') : json));
    const errors = collectProblems(parseLog(text)).filter((p) => p.code === 'missing-comma');
    assert.equal(errors.length, 1);
    assert.equal(text.slice(errors[0]!.start, errors[0]!.end), '\\"awsRegion\\"');
    assert.equal(errors[0]!.fix, undefined);
  });

  test('a hover on an event name inside a string', () => {
    const text = lookupEvents(records);
    const s3 = records.findIndex((r) => r.eventSource === 's3.amazonaws.com');
    const parsed = parseLog(text);
    const name = parsed.records[s3]!.fields.get('eventName')!;
    const hover = hoverAt(text, parsed, name.start + 3);
    assert.match(hover?.markdown ?? '', /S3 (account|bucket|object)-level action/);
  });

  test('a CloudWatch Logs export: each message is a record', () => {
    const text = JSON.stringify({
      events: records.map((r, i) => ({ timestamp: 1709633472000 + i, message: JSON.stringify(r), ingestionTime: 1709633473000 })),
    });
    const parsed = parseLog(text);
    assert.equal(parsed.shape, 'embedded');
    assert.equal(parsed.records.length, records.length);
    assert.deepEqual(collectProblems(parsed), []);
  });
});
