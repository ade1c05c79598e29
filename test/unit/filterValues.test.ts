/** The values a log holds for a filter key: most frequent first, by what is typed, each key's own fields. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterValues } from '../../server/src/features/filterValues';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord, logOf } from '../support/cleanRecord';

const role = {
  type: 'AssumedRole',
  arn: 'arn:aws:sts::444455556666:assumed-role/Admin/s1',
  accountId: '444455556666',
  sessionContext: { sessionIssuer: { userName: 'Admin' } },
};
const summaries = summarize(
  parseLog(
    logOf(
      cleanRecord(),
      cleanRecord({ sourceIPAddress: '198.51.100.1' }),
      cleanRecord({ userIdentity: role, sourceIPAddress: '198.51.100.1', errorCode: 'AccessDenied' }),
      cleanRecord({ sourceIPAddress: '198.51.100.1', eventName: 'PutObject' }),
    ),
  ),
);

describe('filter values', () => {
  test('most frequent first, then by value, limited', () => {
    assert.deepEqual(filterValues(summaries, 'ip', '', 10), [
      { value: '198.51.100.1', count: 3 },
      { value: '192.0.2.10', count: 1 },
    ]);
    assert.deepEqual(filterValues(summaries, 'ip', '', 1).length, 1);
  });

  test('by what is typed, in any case', () => {
    assert.deepEqual(filterValues(summaries, 'event', 'put', 10), [{ value: 'PutObject', count: 1 }]);
    assert.deepEqual(filterValues(summaries, 'error', '', 10), [{ value: 'AccessDenied', count: 1 }]);
  });

  test('user: offers names, roles and ARNs; account: the acting and the recipient account', () => {
    assert.deepEqual(
      filterValues(summaries, 'user', '', 10).map((v) => v.value),
      ['alice', 'arn:aws:iam::111122223333:user/alice', 'Admin', 'arn:aws:sts::444455556666:assumed-role/Admin/s1'],
    );
    assert.deepEqual(filterValues(summaries, 'account', '', 10), [
      { value: '111122223333', count: 7 },
      { value: '444455556666', count: 1 },
    ]);
  });
});
