/** The Detections group's data: which rules show, in what order, with what counts and windows, and the pages of their records. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding, RuleInfo } from '../../server/src/detections/ruleSet';
import { type DetectionQuery, detectionRecords, detectionRules } from '../../server/src/features/detectionTree';
import { queryRecords } from '../../server/src/features/eventGroups';
import { type RecordSummary, summarize } from '../../server/src/features/recordSummary';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { Interner, RowWriter, rowRecords } from '../../server/src/files/recordColumns';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { parseLog } from '../../server/src/parse/parseLog';
import { DETECTION_FINDINGS, DETECTION_LOG, DETECTION_RULES, timeOf } from '../support/detectionLog';

const summaries = summarize(parseLog(DETECTION_LOG));
const iso = (index: number) => new Date(timeOf(index)).toISOString();

describe('detections: the rules shown', () => {
  // prettier-ignore
  const cases: [filter: string | undefined, rules: [key: string, level: string, count: number][]][] = [
    // Critical, then high, then medium (the correlation's 4 records), then informational; the rule without findings is not shown.
    [undefined, [['stop-logging', 'critical', 1], ['root-use', 'high', 2], ['denied-burst', 'medium', 4], ['console-login', 'informational', 1]]],
    // The filter keeps root's records (identity "root"): the rules of other records go, and root use counts both.
    ['root', [['root-use', 'high', 2], ['console-login', 'informational', 1]]],
    // "mallory" keeps one of the two AccessDenied windows: the rule counts that window's records only.
    ['mallory', [['denied-burst', 'medium', 3]]],
    ['ConsoleLogin', [['root-use', 'high', 1], ['console-login', 'informational', 1]]],
    ['no such thing', []],
  ];
  for (const [filter, expected] of cases)
    test(`filter ${JSON.stringify(filter)}`, () => {
      const shown = detectionRules(DETECTION_RULES, DETECTION_FINDINGS, summaries, filter);
      assert.deepEqual(
        shown.map((r) => [r.key, r.level, r.count]),
        expected,
      );
    });

  test('a rule shows its title; only a correlation rule has windows', () => {
    const shown = detectionRules(DETECTION_RULES, DETECTION_FINDINGS, summaries);
    assert.equal(shown.find((r) => r.key === 'root-use')?.title, 'Root account used');
    assert.deepEqual(
      shown.filter((r) => r.windows).map((r) => r.key),
      ['denied-burst'],
    );
  });

  test("a correlation rule's windows: group-by values, ISO times of the first and last record, records kept, position among the rule's findings", () => {
    const burst = (filter?: string) => detectionRules(DETECTION_RULES, DETECTION_FINDINGS, summaries, filter).find((r) => r.windows)!;
    const alice = { index: 0, group: [{ field: 'userIdentity.userName', value: 'alice' }], start: iso(2), end: iso(2), count: 1 };
    const mallory = { index: 1, group: [{ field: 'userIdentity.userName', value: 'mallory' }], start: iso(4), end: iso(7), count: 3 };
    assert.deepEqual(burst().windows, [alice, mallory]);
    // Filtered to mallory's window, it keeps its index 1: the records request names it so.
    assert.deepEqual(burst('mallory').windows, [mallory]);
    // A filter that keeps part of a window counts that part; the window's times stay the finding's.
    assert.deepEqual(burst('ListUsers').windows, [{ ...mallory, count: 1 }]);
  });

  // prettier-ignore
  const orderCases: [name: string, rules: [title: string, level: RuleInfo['level'], records: number[]][], expected: string[]][] = [
    ['by level, highest first', [['a', 'low', [0]], ['b', 'critical', [1]], ['c', 'informational', [2]], ['d', 'medium', [3]], ['e', 'high', [4]]], ['b', 'e', 'd', 'a', 'c']],
    ['then most records', [['a', 'high', [0]], ['b', 'high', [1, 2, 3]], ['c', 'high', [4, 5]]], ['b', 'c', 'a']],
    ['then by title', [['Zeta', 'medium', [0]], ['alpha', 'medium', [1]], ['Beta', 'medium', [2]]], ['alpha', 'Beta', 'Zeta']],
    ['a record flagged twice by one rule counts once', [['twice', 'low', [0, 0, 0]], ['two', 'low', [1, 2]]], ['two', 'twice']],
  ];
  for (const [name, table, expected] of orderCases)
    test(`order: ${name}`, () => {
      const rules = table.map(([title, level]) => ({ ...DETECTION_RULES[0]!, key: title, title, level }));
      const findings = table.flatMap(([, , records], rule) => records.map((record) => ({ rule, records: [record] })));
      assert.deepEqual(
        detectionRules(rules, findings, summaries).map((r) => r.title),
        expected,
      );
    });

  test('findings that name no rule or no record are left out, not thrown on', () => {
    const findings: Finding<number>[] = [
      { rule: 99, records: [0] },
      { rule: 0, records: [-1, 1.5, 1000] },
      { rule: 1, records: [3] },
    ];
    assert.deepEqual(
      detectionRules(DETECTION_RULES, findings, summaries).map((r) => [r.key, r.count]),
      [['stop-logging', 1]],
    );
  });

  test('a window without valid times has empty ones rather than none', () => {
    const findings: Finding<number>[] = [{ rule: 2, records: [4], window: { group: [], start: NaN, end: 1e20 } }];
    const [burst] = detectionRules(DETECTION_RULES, findings, summaries);
    assert.deepEqual(burst?.windows, [{ index: 0, group: [], start: '', end: '', count: 1 }]);
  });
});

describe("detections: a node's records", () => {
  const page = (query: Omit<DetectionQuery, 'limit'> & { limit?: number }) => {
    const { total, items } = detectionRecords(DETECTION_RULES, DETECTION_FINDINGS, summaries, { limit: 200, ...query });
    return [total, items.map((s) => s.index)];
  };
  // prettier-ignore
  const cases: [name: string, query: Omit<DetectionQuery, 'limit'> & { limit?: number }, expected: [total: number, indexes: number[]]][] = [
    ['a rule: its records in record order', { detection: 'root-use' }, [2, [0, 8]]],
    ['a correlation rule: every window\'s records, in record order', { detection: 'denied-burst' }, [4, [2, 4, 5, 7]]],
    ['one window, by its index', { detection: 'denied-burst', finding: 1 }, [3, [4, 5, 7]]],
    ['the filter keeps records as the tree does', { detection: 'denied-burst', finding: 1, filter: 'listusers' }, [1, [5]]],
    ['paged: offset and limit, with the total', { detection: 'denied-burst', offset: 1, limit: 2 }, [4, [4, 5]]],
    ['an offset past the end: the total, no records', { detection: 'denied-burst', offset: 10 }, [4, []]],
    ['a rule the log has no finding of', { detection: 'never' }, [0, []]],
    ['a rule the set does not have', { detection: 'gone' }, [0, []]],
    ['a window it does not have', { detection: 'denied-burst', finding: 2 }, [0, []]],
    ['a window position that is no position', { detection: 'denied-burst', finding: -1 }, [0, []]],
    ['a fractional one', { detection: 'denied-burst', finding: 0.5 }, [0, []]],
  ];
  for (const [name, query, expected] of cases)
    test(name, () => {
      assert.deepEqual(page(query), expected);
    });

  test('the items are the summaries the groups page out', () => {
    const { items } = detectionRecords(DETECTION_RULES, DETECTION_FINDINGS, summaries, { detection: 'stop-logging', limit: 10 });
    const fromGroup = queryRecords(summaries, { eventName: 'StopLogging', limit: 10 }).items;
    assert.deepEqual(items, fromGroup);
    assert.equal(items[0], fromGroup[0]);
  });
});

describe("detections: a flagged record's target and outcome", () => {
  const targetOf = (s: RecordSummary) => s.target && `${s.targetType} ${s.target}`;
  const request = (eventSource: string, eventName: string, requestParameters: unknown) =>
    cleanRecord({ eventSource, eventName, requestParameters });
  // prettier-ignore
  const cases: [name: string, record: Record<string, unknown>, target: string | undefined][] = [
    ['a trail by its ARN', request('cloudtrail.amazonaws.com', 'StopLogging', { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events' }), 'trail management-events'],
    ['a trail by its name', request('cloudtrail.amazonaws.com', 'DeleteTrail', { name: 'org-trail' }), 'trail org-trail'],
    ['a bucket', request('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'payroll', policy: '{}' }), 'bucket payroll'],
    ['a role, before the policy attached to it', request('iam.amazonaws.com', 'AttachRolePolicy', { roleName: 'Admin', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'role Admin'],
    ['a user', request('iam.amazonaws.com', 'CreateAccessKey', { userName: 'deploy' }), 'user deploy'],
    ['an assumed role', request('sts.amazonaws.com', 'AssumeRole', { roleArn: 'arn:aws:iam::444455556666:role/path/Ops', roleSessionName: 's' }), 'role Ops'],
    ['a snapshot', request('ec2.amazonaws.com', 'ModifySnapshotAttribute', { snapshotId: 'snap-0123456789abcdef0', attributeType: 'CREATE_VOLUME_PERMISSION' }), 'snapshot snap-0123456789abcdef0'],
    ['an instance type, by the event\'s own entry', request('ec2.amazonaws.com', 'RunInstances', { instanceType: 'p4d.24xlarge', imageId: 'ami-1' }), 'instance type p4d.24xlarge'],
    ['a secret', request('secretsmanager.amazonaws.com', 'GetSecretValue', { secretId: 'prod/db' }), 'secret prod/db'],
    ['a key', request('kms.amazonaws.com', 'ScheduleKeyDeletion', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }), 'key 1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['a service the table does not know', request('example.amazonaws.com', 'Do', { name: 'x' }), undefined],
    ['a field that is no string', request('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: { nested: 'x' } }), undefined],
    ['a blank one', request('kms.amazonaws.com', 'DisableKey', { keyId: '  ' }), undefined],
    ['an event source named like an object\'s property', request('__proto__', 'constructor', { name: 'x' }), undefined],
    ['no request parameters', request('cloudtrail.amazonaws.com', 'StopLogging', null), undefined],
  ];
  for (const [name, record, target] of cases)
    test(name, () => {
      assert.equal(targetOf(summarize(parseLog(logOf(record)))[0]!), target);
    });

  test('a record too broken for JSON.parse still names its target', () => {
    const text = logOf(request('cloudtrail.amazonaws.com', 'StopLogging', { name: 'org-trail' })).replace(
      '"readOnly": true',
      '"readOnly": tru',
    );
    assert.equal(targetOf(summarize(parseLog(text))[0]!), 'trail org-trail');
  });

  test('a record read from disk keeps its target', () => {
    const [summary] = summarize(parseLog(logOf(request('iam.amazonaws.com', 'DeleteRole', { roleName: 'Admin' }))));
    const writer = new RowWriter();
    const span = { start: 0, end: 1, from: { line: 0, character: 0 }, to: { line: 0, character: 1 } };
    writer.add(summary!, span, [0, 1], undefined, 0);
    const [record] = rowRecords(writer.finish(), new PlaceTable(), 0, new Interner());
    assert.deepEqual([record?.targetType, record?.target], ['role', 'Admin']);
  });

  test("a rule's records: the calls that were done, then the attempts that failed, each in record order, paged so", () => {
    const stop = (errorCode?: string) =>
      cleanRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', ...(errorCode ? { errorCode } : {}) });
    const log = summarize(parseLog(logOf(stop('AccessDenied'), stop(), stop('TrailNotFound'), stop())));
    const rules = [DETECTION_RULES[1]!];
    const findings = [0, 1, 2, 3].map((record) => ({ rule: 0, records: [record] }));
    const page = (offset: number, limit: number) => {
      const { total, items } = detectionRecords(rules, findings, log, { detection: 'stop-logging', offset, limit });
      return [total, items.map((s) => s.index)];
    };
    assert.deepEqual(page(0, 10), [4, [1, 3, 0, 2]]);
    assert.deepEqual(page(1, 2), [4, [3, 0]]);
    assert.deepEqual(page(3, 2), [4, [2]]);
  });
});
