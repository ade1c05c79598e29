/** Pivots write the filter that finds everything like the record, and that filter keeps exactly those records. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type PivotKind, pivotFilter, pivotsOf } from '../../common/pivots';
import { compileFilter } from '../../server/src/features/eventFilter';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord, logOf } from '../support/cleanRecord';

const session = (name: string, key: string) => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::444455556666:assumed-role/Admin/${name}`,
  accountId: '444455556666',
  accessKeyId: key,
  sessionContext: { sessionIssuer: { type: 'Role', userName: 'Admin' } },
});

const RECORDS = [
  cleanRecord(),
  cleanRecord({ eventTime: '2024-03-05T10:20:00Z', sourceIPAddress: '198.51.100.7' }),
  cleanRecord({
    userIdentity: session('carol', 'ASIAEXAMPLE00000001'),
    eventTime: '2024-03-05T10:30:00Z',
    sourceIPAddress: '198.51.100.7',
  }),
  cleanRecord({
    userIdentity: session('dave', 'ASIAEXAMPLE00000002'),
    eventTime: '2024-03-05T10:26:12Z',
    requestParameters: { bucketName: 'other' },
  }),
  cleanRecord({
    userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
    eventTime: '2024-03-06T00:00:00Z',
  }),
];
const summaries = summarize(parseLog(logOf(...RECORDS)));

function pivotFrom(index: number, kind: PivotKind, minutes = 15): { filter: string | undefined; kept: number[] } {
  const filter = pivotFilter(kind, summaries[index]!, minutes);
  const keep = compileFilter(filter).test;
  return { filter, kept: filter === undefined ? [] : summaries.filter((s) => keep(s, summaries)).map((s) => s.index) };
}

describe('pivots', () => {
  test('this identity: a user by ARN, a role across its sessions, root', () => {
    assert.deepEqual(pivotFrom(0, 'identity'), { filter: 'user:arn:aws:iam::111122223333:user/alice', kept: [0, 1] });
    assert.deepEqual(pivotFrom(2, 'identity'), { filter: 'user:arn:aws:sts::444455556666:assumed-role/Admin/*', kept: [2, 3] });
    assert.deepEqual(pivotFrom(4, 'identity').kept, [4]);
  });

  test('this session: a role session by its ARN; none for a long-term key', () => {
    assert.deepEqual(pivotFrom(3, 'session'), { filter: 'user:arn:aws:sts::444455556666:assumed-role/Admin/dave', kept: [3] });
    assert.equal(pivotFrom(0, 'session').filter, undefined);
    assert.deepEqual(pivotsOf(summaries[0]!), ['identity', 'accessKey', 'sourceIp', 'bucket', 'time']);
    assert.deepEqual(pivotsOf(summaries[4]!), ['identity', 'sourceIp', 'bucket', 'time']);
  });

  test('this access key, source IP and bucket', () => {
    assert.deepEqual(pivotFrom(0, 'accessKey'), { filter: 'key:AKIAIOSFODNN7EXAMPLE', kept: [0, 1] });
    assert.deepEqual(pivotFrom(1, 'sourceIp'), { filter: 'ip:198.51.100.7', kept: [1, 2] });
    assert.deepEqual(pivotFrom(3, 'bucket'), { filter: 'bucket:other', kept: [3] });
  });

  test('within N minutes of the record, either side', () => {
    assert.deepEqual(pivotFrom(1, 'time'), { filter: 'after:2024-03-05T10:05:00Z before:2024-03-05T10:35:00Z', kept: [0, 1, 2, 3] });
    assert.deepEqual(pivotFrom(1, 'time', 5).kept, [1]);
  });
});
