import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completionsAt } from '../../server/src/features/completion';
import { parseLog } from '../../server/src/parse/parseLog';
import { applyEdits } from '../support/applyEdits';

/** Completions where `|` marks the cursor. */
function complete(withCursor: string) {
  const offset = withCursor.indexOf('|');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + 1);
  const items = completionsAt(text, parseLog(text), offset);
  return { text, items, labels: items.map((i) => i.label) };
}

describe('completion', () => {
  test('property names of a record, with their docs', () => {
    const { items, labels } = complete('{"Records":[{"eventVersion":"1.08",|}]}');
    for (const name of ['eventName', 'eventSource', 'userIdentity', 'eventCategory', 'tlsDetails']) assert.ok(labels.includes(name), name);
    const eventName = items.find((i) => i.label === 'eventName')!;
    assert.equal(eventName.kind, 'property');
    assert.match(eventName.documentation ?? '', /API action/);
    assert.equal(items.find((i) => i.label === 'eventCategory')!.detail, 'since eventVersion 1.07');
  });

  test('a partly typed name is replaced whole, quotes included', () => {
    const { text, items } = complete('{"Records":[{"eventVersion":"1.08","eventNa|"}]}');
    const item = items.find((i) => i.label === 'eventName')!;
    assert.equal(
      applyEdits(text, [{ start: item.start, end: item.end, text: item.insertText }]),
      '{"Records":[{"eventVersion":"1.08","eventName"}]}',
    );
  });

  test('property names inside userIdentity are its own', () => {
    const { labels } = complete('{"Records":[{"userIdentity":{"type":"IAMUser",|}}]}');
    assert.ok(labels.includes('accessKeyId') && labels.includes('sessionContext'));
    assert.ok(!labels.includes('eventName'));
  });

  test('S3 event names for eventName, with level and kind', () => {
    const { items, labels } = complete('{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"Put|"}]}');
    assert.ok(labels.includes('PutBucketAcl') && labels.includes('PutObject'));
    assert.match(items.find((i) => i.label === 'PutObject')!.detail ?? '', /object-level · data event/);
  });

  test("no S3 names for another service's eventName", () => {
    assert.deepEqual(complete('{"Records":[{"eventSource":"ec2.amazonaws.com","eventName":"|"}]}').labels, []);
  });

  test('values CloudTrail writes for eventSource, eventType, userIdentity.type, awsRegion, eventVersion', () => {
    assert.ok(complete('{"Records":[{"eventSource":"|"}]}').labels.includes('s3.amazonaws.com'));
    assert.ok(complete('{"Records":[{"eventType":"|"}]}').labels.includes('AwsConsoleSignIn'));
    assert.ok(complete('{"Records":[{"userIdentity":{"type":"|"}}]}').labels.includes('WebIdentityUser'));
    assert.ok(complete('{"Records":[{"awsRegion":"|"}]}').labels.includes('eu-west-1'));
    assert.ok(complete('{"Records":[{"eventVersion":"|"}]}').labels.includes('1.08'));
  });

  test('choosing a value writes a quoted string in place of the typed one', () => {
    const { text, items } = complete('{"Records":[{"eventType":"Aws|"}]}');
    const item = items.find((i) => i.label === 'AwsApiCall')!;
    assert.equal(
      applyEdits(text, [{ start: item.start, end: item.end, text: item.insertText }]),
      '{"Records":[{"eventType":"AwsApiCall"}]}',
    );
  });

  test('nothing outside a record', () => {
    assert.deepEqual(complete('{"Records":[|]}').labels, []);
    assert.deepEqual(complete('|').labels, []);
  });
});
