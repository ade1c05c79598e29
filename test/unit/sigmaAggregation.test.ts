/**
 * Sigma's old aggregation syntax (`condition: sel | count() by field > n`, `timeframe:`), as SigmaHQ keeps it under
 * unsupported/: read as the correlation it means (the same findings and the same SQL), refused with the reason where
 * its meaning is not clear.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { Correlator } from '../../server/src/detections/correlator';
import { readRules } from '../../server/src/detections/ruleReader';
import { sqlFor } from '../../server/src/queries/sqlQuery';
import { cloudTrailRule } from './sigmaSupport';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Calls from two addresses and two users over an hour, some denied, some with the filtered user agent. */
const records = Array.from({ length: 120 }, (_, i) => ({
  eventTime: new Date(T0 + (i * 37 + (i % 5) * 11) * 1000).toISOString(),
  eventSource: i % 3 === 0 ? 's3.amazonaws.com' : 'ec2.amazonaws.com',
  eventName: ['ListBuckets', 'DescribeInstances', 'DescribeVolumes', 'GetBucketPolicy'][i % 4],
  sourceIPAddress: i % 7 < 4 ? '198.51.100.7' : '203.0.113.9',
  userAgent: i % 11 === 0 ? 'aws-internal/3' : 'aws-cli/2.15',
  userIdentity: { arn: `arn:aws:iam::111122223333:user/${i % 2 === 0 ? 'alice' : 'bob'}` },
}));

function findings(text: string) {
  const { set, problems } = compileRules([{ file: 'rule.yml', text }]);
  assert.deepEqual(problems, []);
  const correlator = new Correlator<number>(set);
  records.forEach((record, i) => set.correlationEvents(record).forEach((event) => correlator.add(event, i)));
  const out = correlator.findings();
  return out.map((f) => ({ title: set.rules[f.rule]!.title, level: set.rules[f.rule]!.level, records: f.records, window: f.window }));
}

const search = "sel:\n  eventName|startswith:\n    - 'List'\n    - 'Describe'\nfilter:\n  userAgent|contains: aws-internal";

/** The same rule written both ways: [what, old condition, new correlation body]. */
const forms: readonly (readonly [string, string, string])[] = [
  ['count() > n', 'sel and not filter | count() > 12', 'type: event_count\ntimespan: 10m\ncondition:\n  gt: 12'],
  [
    'count() by field >= n',
    'sel and not filter | count() by userIdentity.arn >= 7',
    'type: event_count\ngroup-by: [userIdentity.arn]\ntimespan: 10m\ncondition:\n  gte: 7',
  ],
  [
    'count(field) by field > n',
    'sel and not filter | count(eventName) by sourceIPAddress > 1',
    'type: value_count\ngroup-by: [sourceIPAddress]\ntimespan: 10m\ncondition:\n  field: eventName\n  gt: 1',
  ],
];

const head = 'title: Listing burst\nid: listing-burst\nlevel: low\n';

function oldRule(condition: string): string {
  return cloudTrailRule(`${search}\ntimeframe: 10m\ncondition: ${condition}`, head);
}

function newRules(body: string): string {
  const base = cloudTrailRule(`${search}\ncondition: sel and not filter`, 'title: Listing burst\nname: listing\nlevel: low\n');
  return `${base}---\n${head}correlation:\n  rules: [listing]\n${body.replace(/^/gm, '  ')}\n`;
}

for (const [what, condition, body] of forms) {
  test(`old aggregation ${what}: the findings of the equivalent correlation rule`, () => {
    const expected = findings(newRules(body));
    assert.ok(expected.length > 0, 'the records give the correlation findings');
    assert.deepEqual(findings(oldRule(condition)), expected);
  });

  test(`old aggregation ${what}: the SQL of the equivalent correlation rule`, () => {
    const sql = (text: string) => {
      const rules = readRules(text, 'rule.yml').rules;
      const rule = rules.find((r) => r.kind === 'correlation')!;
      const answer = sqlFor({
        dialect: 'duckdb',
        rule,
        resolve: (ref) => rules.find((r) => r.name === ref || r.id === ref),
        target: { athena: { database: 'default', table: 'cloudtrail_logs', partitioning: 'projection' }, lake: { eventDataStore: '' } },
      });
      assert.equal(answer.reason, undefined);
      return answer.sql;
    };
    assert.equal(sql(oldRule(condition)), sql(newRules(body)));
  });
}

test('old aggregation: the correlation comes first and keeps the id; its search is a rule of its own that reports nothing', () => {
  const { rules, problems } = readRules(oldRule('sel | count() by sourceIPAddress > 5'), 'rule.yml');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    rules.map((r) => [r.kind, r.id, r.title]),
    [
      ['correlation', 'listing-burst', 'Listing burst'],
      ['detection', undefined, 'Listing burst'],
    ],
  );
  const { set } = compileRules([{ file: 'rule.yml', text: oldRule('sel | count() by sourceIPAddress > 5') }]);
  assert.deepEqual(set.match(records[1]), [], 'the search alone is no finding');
  assert.equal(set.correlationEvents(records[1]).length, 1);
});

test('old aggregation: two rules in one file each count their own search', () => {
  const other = cloudTrailRule(
    'sel:\n  eventName: GetBucketPolicy\ntimeframe: 10m\ncondition: sel | count() > 12',
    'title: Policy reads\nid: policy-reads\n',
  );
  const all = findings(`${oldRule('sel | count() > 12')}---\n${other}`);
  assert.ok(all.length > 0);
  assert.deepEqual(
    [...new Set(all.map((f) => f.title))],
    ['Listing burst'],
    'the second rule, as high a count of fewer records, finds nothing',
  );
});

/** [what is refused, condition and timeframe lines, the problem's words, its zero-based line]. */
const refused: readonly (readonly [string, string, RegExp, number])[] = [
  ['near', 'condition: sel | near filter', /near is not read.*temporal/, 12],
  ['min()', 'timeframe: 5m\ncondition: sel | min(eventName) > 2', /min\(\) is not read/, 13],
  ['max()', 'timeframe: 5m\ncondition: sel | max(eventName) by sourceIPAddress > 2', /max\(\) is not read/, 13],
  ['avg()', 'timeframe: 5m\ncondition: sel | avg(eventName) > 2', /avg\(\) is not read/, 13],
  ['sum()', 'timeframe: 5m\ncondition: sel | sum(eventName) > 2', /sum\(\) is not read/, 13],
  ['two aggregations', 'timeframe: 5m\ncondition: sel | count() > 2 | count() > 3', /more than one aggregation/, 13],
  ['an aggregation joined by and', 'timeframe: 5m\ncondition: sel | count() > 2 and filter', /joined to other conditions/, 13],
  ['an aggregation in a list of conditions', 'timeframe: 5m\ncondition:\n  - sel | count() > 2\n  - filter', /in a list of conditions/, 14],
  ['no timeframe', 'condition: sel | count() > 2', /without timeframe.*add timeframe/, 12],
  ['a timeframe that is not one', 'timeframe: soon\ncondition: sel | count() > 2', /timeframe must be a number/, 12],
  ['a comparison that is not one', 'timeframe: 5m\ncondition: sel | count() is many', /does not parse/, 13],
  ['an aggregation of 100,000 characters', `timeframe: 5m\ncondition: sel | count(${'a'.repeat(100_000)}`, /too long/, 13],
  ['timeframe without an aggregation', 'timeframe: 5m\ncondition: sel and filter', /timeframe belongs to an aggregation/, 12],
];

for (const [what, lines, message, line] of refused) {
  test(`old aggregation refused: ${what}, and the problem says why`, () => {
    const { rules, problems } = readRules(cloudTrailRule(`${search}\n${lines}`), 'rule.yml');
    assert.deepEqual(rules, [], 'the rule does not run');
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0]!.severity, 'error');
    assert.match(problems[0]!.message, message);
    assert.equal(problems[0]!.start?.line, line);
  });
}
