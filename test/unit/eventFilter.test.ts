/** The view's filter keeps the records an investigator means: each key, negation, wildcards, time bounds, repeated keys, bare words. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilter } from '../../server/src/features/eventFilter';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord, logOf } from '../support/cleanRecord';

const ROLE = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:carol',
  arn: 'arn:aws:sts::444455556666:assumed-role/Admin/carol-session',
  accountId: '444455556666',
  accessKeyId: 'ASIAEXAMPLEKEY000001',
  sessionContext: { sessionIssuer: { type: 'Role', userName: 'Admin', arn: 'arn:aws:iam::444455556666:role/Admin' } },
};

/** Named records; `alice` is the clean record as it is. */
const RECORDS: Record<string, Record<string, unknown>> = {
  alice: cleanRecord(),
  aliceFails: cleanRecord({ eventName: 'PutObject', errorCode: 'AccessDenied', eventTime: '2024-03-05T11:00:00Z' }),
  carol: cleanRecord({
    userIdentity: ROLE,
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateUser',
    sourceIPAddress: 'cloudformation.amazonaws.com',
    awsRegion: 'eu-west-1',
    requestParameters: { userName: 'mallory' },
    recipientAccountId: '777788889999',
    eventTime: '2024-03-05T12:30:00Z',
  }),
  noTime: cleanRecord({ eventTime: 'yesterday', eventName: 'ListBuckets', sourceIPAddress: '2001:db8::1' }),
};
const NAMES = Object.keys(RECORDS);
const summaries = summarize(parseLog(logOf(...Object.values(RECORDS))));

function kept(filter: string): string[] {
  const { test: keep } = compileFilter(filter);
  return summaries.filter((s) => keep(s, summaries)).map((s) => NAMES[s.index]!);
}

describe('the view filter', () => {
  const cases: [string, string[]][] = [
    ['', NAMES],
    ['event:getbucketacl', ['alice']],
    ['event:Get', []],
    ['event:Put* ', ['aliceFails']],
    ['event:*bucket*', ['alice', 'noTime']],
    ['source:iam.amazonaws.com', ['carol']],
    ['user:alice', ['alice', 'aliceFails', 'noTime']],
    ['user:Admin', ['carol']],
    ['user:carol-session', ['carol']],
    ['user:arn:aws:sts::444455556666:assumed-role/Admin/*', ['carol']],
    ['user:mallory', []],
    ['ip:*.amazonaws.com', ['carol']],
    ['ip:192.0.2.10', ['alice', 'aliceFails']],
    ['ip:2001:DB8::1', ['noTime']],
    ['error:AccessDenied', ['aliceFails']],
    ['-error:AccessDenied', ['alice', 'carol', 'noTime']],
    ['-error:*', ['alice', 'carol', 'noTime']],
    ['region:eu-west-1', ['carol']],
    ['bucket:example-bucket', ['alice', 'aliceFails', 'noTime']],
    ['key:ASIA*', ['carol']],
    ['account:444455556666', ['carol']],
    ['account:777788889999', ['carol']],
    ['account:111122223333', ['alice', 'aliceFails', 'noTime']],
    ['event:CreateUser event:PutObject', ['aliceFails', 'carol']],
    ['event:CreateUser event:PutObject -user:alice', ['carol']],
    ['-event:CreateUser -event:PutObject', ['alice', 'noTime']],
    ['user:alice error:AccessDenied', ['aliceFails']],
    ['after:2024-03-05T11:00:00Z', ['aliceFails', 'carol']],
    ['before:2024-03-05T11:00:00Z', ['alice']],
    ['after:2024-03-05T10:00 before:2024-03-05T12:30:00Z', ['alice', 'aliceFails']],
    ['after:2024-03-06', []],
    ['bucket', ['alice', 'noTime']],
    ['accessdenied put', ['aliceFails']],
    ['"carol-session"', ['carol']],
    ['Admin/carol', ['carol']],
  ];
  for (const [filter, expected] of cases) {
    test(`${JSON.stringify(filter)} keeps ${expected.join(', ') || 'nothing'}`, () => assert.deepEqual(kept(filter), expected));
  }

  test('a term it cannot read keeps nothing out, and is said', () => {
    const { test: keep, problems } = compileFilter('evnt:CreateUser user:alice');
    assert.deepEqual(
      summaries.filter((s) => keep(s, summaries)).map((s) => NAMES[s.index]),
      ['alice', 'aliceFails', 'noTime'],
    );
    assert.deepEqual(
      problems.map((p) => p.text),
      ['evnt:CreateUser'],
    );
  });
});
