/**
 * Records read from disk share what they have in common: a read of half a million records must fit in a fraction
 * of the file. Their summaries stay what the summarizer made; only the copies go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { Interner, RowWriter, rowRecords } from '../../server/src/files/recordColumns';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateLog } from '../support/generateLog';

const FIELDS = [
  'eventName',
  'eventSource',
  'eventTime',
  'identity',
  'sourceIPAddress',
  'errorCode',
  'errorMessage',
  'awsRegion',
  'level',
  'userName',
  'roleName',
  'arn',
  'accessKeyId',
  'accountId',
  'recipientAccountId',
  'bucketName',
  'targetType',
  'target',
  'touched',
  'userAgent',
  'session',
] as const;

test('records read in batches give back every field their summaries had, in the realistic profile', () => {
  const summaries = summarize(parseLog(generateLog({ seed: 12, records: 3000, cardinality: 'realistic' })));
  const span = { start: 0, end: 1, from: { line: 0, character: 0 }, to: { line: 0, character: 1 } };
  const interner = new Interner();
  const table = new PlaceTable();
  for (let at = 0; at < summaries.length; at += 500) {
    const writer = new RowWriter();
    for (const s of summaries.slice(at, at + 500)) writer.add(s, span, [0, 1], undefined, 0);
    const records = rowRecords(writer.finish(), table, 0, interner);
    records.forEach((record, i) => {
      const summary = summaries[at + i]!;
      for (const field of FIELDS) assert.deepEqual(record[field], summary[field], `record ${at + i}: ${field}`);
    });
  }
});

test('a caller and a kind of call met again after tens of thousands of others are the one object met first', () => {
  const interner = new Interner();
  const caller = (n: number) => ({
    userName: undefined,
    roleName: 'Deploy',
    arn: `arn:aws:sts::111122223333:assumed-role/Deploy/session-${n}`,
    accessKeyId: `ASIA${String(n).padStart(16, '0')}`,
    accountId: '111122223333',
  });
  const kind = (n: number) => ({
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    awsRegion: 'us-east-1',
    level: 'object' as const,
    errorCode: undefined,
    recipientAccountId: String(100_000_000_000 + n),
    targetType: 'bucket',
  });
  const first = interner.principal(caller(0));
  const firstKind = interner.kind(kind(0));
  for (let n = 1; n <= 20_000; n++) {
    interner.principal(caller(n));
    interner.kind(kind(n));
    // The first ones come back now and then, as a busy caller does.
    if (n % 5000 === 0) {
      assert.equal(interner.principal(caller(0)), first);
      assert.equal(interner.kind(kind(0)), firstKind);
    }
  }
  assert.notEqual(interner.principal(caller(1)), caller(1), 'an equal caller is the shared one, not a new object');
  assert.equal(interner.principal(caller(1)), interner.principal(caller(1)));
});
