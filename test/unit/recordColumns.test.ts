/**
 * Records crossing from a reading thread as rows come back as the record says: who acted, field by field, even
 * where identities share an ARN, and every other value of the summary, with rows left out where asked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summarizeRecord } from '../../server/src/features/recordSummary';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { Interner, RowWriter, rowRecords } from '../../server/src/files/recordColumns';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateLog } from '../support/generateLog';

const identity = (arn: string | undefined, key: string, user?: string) => ({
  type: 'AssumedRole',
  ...(arn ? { arn } : {}),
  accessKeyId: key,
  accountId: '111122223333',
  ...(user ? { userName: user } : {}),
  sessionContext: { sessionIssuer: { userName: 'Role' } },
});

describe('rows back into records', () => {
  test('who acted is told apart wherever any of its fields differs, even under the same ARN', () => {
    const arn = 'arn:aws:sts::111122223333:assumed-role/Role/s';
    const identities = [
      identity(arn, 'ASIAONE'),
      identity(arn, 'ASIAONE'),
      identity(arn, 'ASIATWO'),
      identity(arn, 'ASIAONE', 'named'),
      identity(undefined, 'ASIAONE'),
      identity(undefined, 'ASIATWO'),
      identity(arn, 'ASIAONE'),
    ];
    const text = JSON.stringify({ Records: identities.map((userIdentity, i) => ({ eventName: `E${i}`, userIdentity })) });
    const parsed = parseLog(text);
    const writer = new RowWriter();
    const at = { line: 0, character: 0 };
    for (const record of parsed.records) {
      writer.add(summarizeRecord(record, text), { start: record.start, end: record.end, from: at, to: at }, [0, 0], undefined, 0);
    }
    const records = rowRecords(writer.finish(), new PlaceTable(), 0, new Interner());
    const seen = records.map((r) => [r.arn, r.accessKeyId, r.userName]);
    assert.deepEqual(
      seen,
      identities.map((i) => [i.arn, i.accessKeyId, i.userName]),
    );
    assert.deepEqual(
      records.map((r) => [r.roleName, r.accountId]),
      identities.map(() => ['Role', '111122223333']),
    );
  });

  test('every value of a summary comes back, and rows left out are left out', () => {
    const text = generateLog({ seed: 7, records: 300 });
    const parsed = parseLog(text);
    const writer = new RowWriter();
    const at = { line: 0, character: 0 };
    const summaries = parsed.records.map((record) => summarizeRecord(record, text));
    summaries.forEach((s, i) => writer.add(s, { start: i, end: i + 1, from: at, to: at }, [i, i + 1], undefined, 0));
    const records = rowRecords(writer.finish(), new PlaceTable(), 0, new Interner(), (i) => i % 3 !== 1);
    const kept = summaries.filter((_, i) => i % 3 !== 1);
    assert.equal(records.length, kept.length);
    const fields = [
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
    records.forEach((record, k) => {
      for (const field of fields) assert.deepEqual(record[field], kept[k]![field], `record ${k}'s ${field}`);
      assert.equal(record.start, summaries.indexOf(kept[k]!));
    });
    assert.ok(
      kept.some((s) => s.touched) && kept.some((s) => s.session) && kept.some((s) => s.errorCode),
      'the log has every kind of value',
    );
  });
});
