/**
 * Records crossing from a reading thread as rows come back with who acted as the record says: one shared object
 * per identity, and a different one wherever any of its five fields differs, even under the same ARN.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summarizeRecord } from '../../server/src/features/recordSummary';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { Interner, RowWriter, rowRecords } from '../../server/src/files/recordColumns';
import { parseLog } from '../../server/src/parse/parseLog';

const identity = (arn: string | undefined, key: string, user?: string) => ({
  type: 'AssumedRole',
  ...(arn ? { arn } : {}),
  accessKeyId: key,
  accountId: '111122223333',
  ...(user ? { userName: user } : {}),
  sessionContext: { sessionIssuer: { userName: 'Role' } },
});

describe('rows back into records', () => {
  test('who acted is shared where equal and told apart where any field differs', () => {
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
    const principal = (i: number) => (records[i] as unknown as { principal: object }).principal;
    assert.equal(principal(0), principal(1));
    assert.equal(principal(0), principal(6));
    assert.notEqual(principal(0), principal(2));
    assert.notEqual(principal(0), principal(3));
    assert.notEqual(principal(4), principal(5));
  });
});
