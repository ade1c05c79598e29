import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildEventTree, placeOf, queryRecords } from '../../server/src/features/eventGroups';
import { identityOf, summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { catalogueLog } from '../support/catalogueLog';
import { generateLog } from '../support/generateLog';

describe('event tree: one record of every catalogue event', () => {
  const { text, cases } = catalogueLog();
  const summaries = summarize(parseLog(text));
  const { groups, shown } = buildEventTree(summaries);

  test('each record sits at its level, and the counts are exact', () => {
    assert.equal(shown, cases.length);
    assert.equal(
      groups.reduce((n, g) => n + g.count, 0),
      cases.length,
    );
    for (const level of ['account', 'bucket', 'object'] as const) {
      const group = groups.find((g) => g.level === level)!;
      const expected = new Map<string, number>();
      for (const c of cases.filter((c) => c.level === level)) expected.set(c.event.name, (expected.get(c.event.name) ?? 0) + 1);
      assert.deepEqual(new Map(group.events.map((e) => [e.eventName, e.count])), expected, level);
      assert.equal(
        group.count,
        [...expected.values()].reduce((a, b) => a + b, 0),
      );
    }
  });

  test('the PublicAccessBlock trio appears at account level without a bucket and at bucket level with one', () => {
    for (const name of ['PutPublicAccessBlock', 'GetPublicAccessBlock', 'DeletePublicAccessBlock']) {
      assert.ok(
        groups.find((g) => g.level === 'account')!.events.some((e) => e.eventName === name),
        `${name} account`,
      );
      assert.ok(
        groups.find((g) => g.level === 'bucket')!.events.some((e) => e.eventName === name),
        `${name} bucket`,
      );
    }
  });

  test('levels come in the documentation order, labelled as a user reads them', () => {
    assert.deepEqual(
      groups.map((g) => g.label),
      ['Account-level', 'Bucket-level', 'Object-level'],
    );
  });
});

describe('event tree: a realistic log', () => {
  const text = generateLog({ seed: 21, records: 3000 });
  const summaries = summarize(parseLog(text));

  test('other services are their own group, and every grouping counts every record once', () => {
    const byLevel = buildEventTree(summaries);
    const other = byLevel.groups.find((g) => g.level === 'other')!;
    assert.ok(other.events.every((e) => e.eventSource !== 's3.amazonaws.com'));
    for (const groupBy of ['level', 'identity', 'sourceIPAddress', 'eventSource', 'errorCode', 'hour'] as const) {
      const tree = buildEventTree(summaries, groupBy);
      assert.equal(
        tree.groups.reduce((n, g) => n + g.count, 0),
        3000,
        groupBy,
      );
      for (const g of tree.groups)
        assert.equal(
          g.events.reduce((n, e) => n + e.count, 0),
          g.count,
          `${groupBy} ${g.key}`,
        );
    }
  });

  test('grouping by hour is in time order; by error code has a "No error" group', () => {
    const hours = buildEventTree(summaries, 'hour').groups.map((g) => g.key);
    assert.deepEqual(hours, [...hours].sort());
    assert.ok(buildEventTree(summaries, 'errorCode').groups.some((g) => g.label === 'No error'));
  });

  test('the filter matches event name, identity, source IP and error code, ignoring case', () => {
    const denied = buildEventTree(summaries, 'level', 'accessdenied');
    assert.ok(denied.shown > 0 && denied.shown < 3000);
    assert.equal(denied.shown, summaries.filter((s) => s.errorCode === 'AccessDenied').length);
    assert.ok(buildEventTree(summaries, 'level', 'getobject').groups.every((g) => g.events.every((e) => /getobject/i.test(e.eventName))));
  });

  test('records come a page at a time, in file order, with the exact total', () => {
    const object = buildEventTree(summaries).groups.find((g) => g.level === 'object')!;
    const getObject = object.events.find((e) => e.eventName === 'GetObject')!;
    const query = { groupBy: 'level' as const, group: 'object', eventName: 'GetObject', eventSource: 's3.amazonaws.com', limit: 10 };
    const first = queryRecords(summaries, query);
    const second = queryRecords(summaries, { ...query, offset: 10 });
    assert.equal(first.total, getObject.count);
    assert.equal(first.items.length, Math.min(10, getObject.count));
    assert.ok(first.items.every((s) => s.eventName === 'GetObject' && s.level === 'object'));
    const indexes = [...first.items, ...second.items].map((s) => s.index);
    assert.deepEqual(
      indexes,
      [...indexes].sort((a, b) => a - b),
    );
    assert.equal(new Set(indexes).size, indexes.length);
  });

  test('placeOf finds where the tree shows a record', () => {
    const target = summaries.find((s, i) => i > 1500 && s.eventName === 'GetObject')!;
    const place = placeOf(summaries, target.index)!;
    assert.equal(place.group, target.level);
    const page = queryRecords(summaries, {
      group: place.group,
      eventName: 'GetObject',
      eventSource: target.eventSource,
      offset: place.position,
      limit: 1,
    });
    assert.equal(page.items[0]!.index, target.index);
    assert.equal(placeOf(summaries, target.index, 'level', 'no-such-thing'), undefined);
  });
});

describe('event tree: identities a responder recognises', () => {
  const one = (userIdentity: unknown) => identityOf(parseLog(JSON.stringify({ Records: [{ userIdentity }] })).records[0]!);

  test('users, role sessions, services, root and anonymous callers', () => {
    assert.equal(one({ type: 'IAMUser', userName: 'alice' }), 'alice');
    assert.equal(
      one({
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/Admin/bob',
        sessionContext: { sessionIssuer: { userName: 'Admin' } },
      }),
      'Admin/bob',
    );
    assert.equal(one({ type: 'AWSService', invokedBy: 'lambda.amazonaws.com' }), 'lambda.amazonaws.com');
    assert.equal(one({ type: 'Root', arn: 'arn:aws:iam::111122223333:root' }), 'root');
    assert.equal(one({ type: 'AWSAccount', accountId: 'anonymous' }), 'anonymous');
    assert.equal(one({ invokedBy: 'cloudtrail.amazonaws.com' }), 'cloudtrail.amazonaws.com');
  });
});

describe('event tree: a broken file', () => {
  test('the records that parse are still counted', () => {
    const text = generateLog({ seed: 5, records: 50 });
    const cut = text.slice(0, Math.floor(text.length * 0.5));
    const summaries = summarize(parseLog(cut));
    assert.ok(summaries.length >= 20 && summaries.length <= 26);
    assert.equal(buildEventTree(summaries).shown, summaries.length);
  });
});
