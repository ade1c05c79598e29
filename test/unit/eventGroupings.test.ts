/** Every number and label the events view shows, on a log whose answers were worked out by hand. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GROUP_BY_VALUES } from '../../common/protocol';
import { buildEventTree, queryRecords } from '../../server/src/features/eventGroups';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { ACCESS_DENIED, expectedGroups, KNOWN_LOG, KNOWN_RECORDS } from '../support/knownLog';

describe('events view: the known log', () => {
  const summaries = summarize(parseLog(KNOWN_LOG));

  for (const groupBy of GROUP_BY_VALUES) {
    test(`grouped by ${groupBy}: keys, labels, order, counts and failed counts`, () => {
      assert.deepEqual(buildEventTree(summaries, groupBy), { groups: expectedGroups(groupBy), shown: KNOWN_RECORDS.length });
    });

    test(`grouped by ${groupBy}: each group and event lists exactly its records`, () => {
      for (const group of expectedGroups(groupBy)) {
        assert.equal(queryRecords(summaries, { groupBy, group: group.key, limit: 100 }).total, group.count, group.label);
        for (const event of group.events) {
          const { eventName, eventSource } = event;
          const { total, items } = queryRecords(summaries, { groupBy, group: group.key, eventName, eventSource, limit: 100 });
          assert.equal(total, event.count, `${group.label} ${event.eventName}`);
          assert.equal(items.filter((s) => s.errorCode).length, event.errors, `${group.label} ${event.eventName} failed`);
        }
      }
    });
  }

  test('a filter: shown and every count are of the records it keeps', () => {
    assert.deepEqual(buildEventTree(summaries, 'level', ACCESS_DENIED.filter), {
      groups: ACCESS_DENIED.groups(),
      shown: ACCESS_DENIED.shown,
    });
    for (const group of ACCESS_DENIED.groups()) {
      for (const event of group.events) {
        const { eventName, eventSource } = event;
        const query = { group: group.key, eventName, eventSource, filter: ACCESS_DENIED.filter, limit: 100 };
        assert.equal(queryRecords(summaries, query).total, event.count, event.eventName);
      }
    }
    assert.equal(queryRecords(summaries, { filter: ACCESS_DENIED.filter, limit: 100 }).total, ACCESS_DENIED.shown);
  });
});
