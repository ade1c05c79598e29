/** Correlation rules (event_count, value_count, temporal, temporal_ordered) over events in any order, and the rule index. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileRules } from '../../server/src/detections/compileRules';
import { Correlator } from '../../server/src/detections/correlator';
import { cloudTrailRule } from './sigmaSupport';
import { packFiles } from '../support/rulePack';

const denied = cloudTrailRule(
  'sel:\n  errorCode: AccessDenied\ncondition: sel',
  'title: Denied\nid: denied\nname: denied_call\nlevel: low\n',
);
const login = cloudTrailRule('sel:\n  eventName: ConsoleLogin\ncondition: sel', 'title: Login\nid: login\nlevel: low\n');

function correlation(body: string, extra = ''): string {
  return `title: Burst\nid: burst\nlevel: high\n${extra}correlation:\n${body.replace(/^/gm, '  ')}\n`;
}

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

function run(rules: string, records: readonly Record<string, unknown>[]) {
  const { set, problems } = compileRules([{ file: 'c.yml', text: rules }]);
  assert.deepEqual(problems, []);
  const correlator = new Correlator<number>(set);
  // Reverse order: events may come in any order.
  records
    .map((record, i) => [record, i] as const)
    .reverse()
    .forEach(([record, i]) => set.correlationEvents(record).forEach((event) => correlator.add(event, i)));
  return { set, findings: correlator.findings() };
}

const deny = (seconds: number, user: string, extra: Record<string, unknown> = {}) => ({
  eventTime: at(seconds),
  errorCode: 'AccessDenied',
  userIdentity: { arn: user },
  ...extra,
});

test('event_count: one finding per run of overlapping windows, per group, records in time order', () => {
  const rules = `${denied}---\n${correlation('type: event_count\nrules: [denied_call]\ngroup-by: [userIdentity.arn]\ntimespan: 1m\ncondition:\n  gte: 3')}`;
  const records = [
    deny(0, 'a'),
    deny(10, 'a'),
    deny(20, 'b'),
    deny(50, 'a'),
    deny(100, 'a'),
    deny(300, 'a'),
    deny(310, 'a'),
    deny(320, 'a'),
    deny(5, 'b'),
  ];
  const { set, findings } = run(rules, records);
  const burst = set.rules.findIndex((r) => r.key === 'burst');
  assert.deepEqual(
    findings.map((f) => [f.rule, f.records, f.window]),
    [
      [burst, [0, 1, 3], { group: [{ field: 'userIdentity.arn', value: 'a' }], start: T0, end: T0 + 50_000 }],
      [burst, [5, 6, 7], { group: [{ field: 'userIdentity.arn', value: 'a' }], start: T0 + 300_000, end: T0 + 320_000 }],
    ],
  );
  assert.deepEqual(set.match(records[0]), [], 'a rule a correlation refers to reports nothing of its own (generate is false)');
});

test('event_count: a range condition (gt and lte) and generate: true', () => {
  const rules = `${denied}---\n${correlation('type: event_count\nrules: [denied]\ntimespan: 1m\ncondition:\n  gt: 1\n  lte: 2', 'generate: true\n')}`;
  const { set, findings } = run(rules, [deny(0, 'a'), deny(10, 'b'), deny(200, 'a'), deny(210, 'a'), deny(220, 'a')]);
  assert.deepEqual(
    findings.map((f) => f.records),
    [
      [0, 1],
      [2, 3],
    ],
    'windows of 3 events do not qualify; the window [3, 4] overlaps [2, 3]?',
  );
  assert.deepEqual(set.match(deny(0, 'a')), [0], 'generate: the referred rule reports too');
});

test('value_count: distinct values of a field per group', () => {
  const rules = `${denied}---\n${correlation('type: value_count\nrules: [denied]\ngroup-by: [sourceIPAddress]\ntimespan: 10m\ncondition:\n  field: eventName\n  gte: 3')}`;
  const records = ['A', 'A', 'B', 'C', 'D'].map((name, i) => deny(i, 'u', { eventName: name, sourceIPAddress: '1.1.1.1' }));
  records.push(deny(3, 'u', { eventName: 'E', sourceIPAddress: '2.2.2.2' }));
  const { findings } = run(rules, records);
  assert.deepEqual(
    findings.map((f) => [f.records, f.window!.group]),
    [[[0, 1, 2, 3, 4], [{ field: 'sourceIPAddress', value: '1.1.1.1' }]]],
  );
});

test('temporal: every referred rule within the window; temporal_ordered: in the rules order', () => {
  const ids = (type: string) =>
    `${denied}---\n${login}---\n${correlation(`type: ${type}\nrules: [login, denied]\ngroup-by: [userIdentity.arn]\ntimespan: 5m`)}`;
  const loginAt = (seconds: number, user: string) => ({ eventTime: at(seconds), eventName: 'ConsoleLogin', userIdentity: { arn: user } });
  // a: denied, then login (any order only); b: login, then denied (both); c: too far apart (neither).
  const records = [deny(0, 'a'), loginAt(60, 'a'), loginAt(0, 'b'), deny(30, 'b'), loginAt(0, 'c'), deny(1000, 'c')];
  assert.deepEqual(
    run(ids('temporal'), records).findings.map((f) => f.records),
    [
      [0, 1],
      [2, 3],
    ],
  );
  assert.deepEqual(
    run(ids('temporal_ordered'), records).findings.map((f) => f.records),
    [[2, 3]],
  );
});

test('correlation: a record with no readable eventTime gives no events; aliases name each rule its field', () => {
  const rules = `${denied}---\n${correlation('type: event_count\nrules: [denied_call]\ngroup-by: [who]\ntimespan: 1m\ncondition:\n  gte: 1\naliases:\n  who:\n    denied_call: userIdentity.arn')}`;
  const { set } = compileRules([{ file: 'c.yml', text: rules }]);
  assert.deepEqual(set.correlationEvents({ errorCode: 'AccessDenied', eventTime: 'yesterday' }), []);
  assert.deepEqual(set.correlationEvents(deny(0, 'arn:x')), [{ correlation: 1, base: 0, time: T0, group: ['arn:x'] }]);
});

test('correlation: unknown references and chains are problems; minLevel silences a rule but it still feeds its correlation', () => {
  const bad = compileRules([
    { file: 'c.yml', text: correlation('type: event_count\nrules: [nothing]\ntimespan: 1m\ncondition:\n  gte: 1') },
  ]);
  assert.match(bad.problems[0]!.message, /no rule has the id or name "nothing"/);
  assert.equal(bad.problems[0]!.start?.line, 5);
  const rules = `${denied}---\n${correlation('type: event_count\nrules: [denied]\ntimespan: 1m\ncondition:\n  gte: 1', 'generate: true\n')}`;
  const { set } = compileRules([{ file: 'c.yml', text: rules }], { minLevel: 'medium' });
  assert.deepEqual(set.match(deny(0, 'a')), [], 'the low rule reports nothing');
  assert.equal(set.correlationEvents(deny(0, 'a')).length, 1, 'but feeds the high correlation');
});

/** temporal_ordered as written from its definition: every window ending at an event, scanned whole. */
function orderedByDefinition(
  events: readonly { step: number; seconds: number; user: string; index: number }[],
  steps: number,
  spanSeconds: number,
) {
  const runs: [string, number[]][] = [];
  for (const user of [...new Set(events.map((e) => e.user))].sort()) {
    const mine = events.filter((e) => e.user === user).sort((a, b) => a.seconds - b.seconds);
    let current: { first: number; last: number } | undefined;
    const close = () => current && runs.push([user, mine.slice(current.first, current.last + 1).map((e) => e.index)]);
    for (let k = 0; k < mine.length; k++) {
      let start = 0;
      while (mine[k]!.seconds - mine[start]!.seconds > spanSeconds) start++;
      let next = 0;
      for (let i = start; i <= k && next < steps; i++) if (mine[i]!.step === next) next++;
      if (next < steps) continue;
      if (current && start <= current.last) current.last = k;
      else {
        close();
        current = { first: start, last: k };
      }
    }
    close();
  }
  return runs;
}

test('temporal_ordered: the same findings as scanning every window whole, on random events', () => {
  const steps = ['StepA', 'StepB', 'StepC'];
  const stepRules = steps.map((name, i) =>
    cloudTrailRule(`sel:\n  eventName: ${name}\ncondition: sel`, `title: ${name}\nid: step${i}\nname: step_${i}\nlevel: low\n`),
  );
  const event = fc.record({ step: fc.integer({ min: 0, max: 2 }), user: fc.constantFrom('a', 'b') });
  fc.assert(
    fc.property(
      // Distinct times: events at the same second keep no order a definition could name.
      fc.uniqueArray(fc.integer({ min: 0, max: 600 }), { maxLength: 60 }),
      fc.array(event, { minLength: 60, maxLength: 60 }),
      fc.constantFrom(10, 60, 300),
      (times, kinds, span) => {
        const events = times.map((seconds, index) => ({ ...kinds[index]!, seconds, index }));
        const rules = `${stepRules.join('---\n')}---\n${correlation(`type: temporal_ordered\nrules: [step_0, step_1, step_2]\ngroup-by: [userIdentity.arn]\ntimespan: ${span}s`)}`;
        const records = events.map((e) => ({ eventTime: at(e.seconds), eventName: steps[e.step], userIdentity: { arn: e.user } }));
        const { findings } = run(rules, records);
        // Findings come in the order their windows close; the definition lists them user by user.
        const byUser = (a: [string, number[]], b: [string, number[]]) => a[0].localeCompare(b[0]) || a[1][0]! - b[1][0]!;
        const seen = findings.map((f) => [f.window!.group[0]!.value, f.records] as [string, number[]]).sort(byUser);
        assert.deepEqual(seen, orderedByDefinition(events, steps.length, span).sort(byUser));
      },
    ),
    { numRuns: 300 },
  );
});

test('a stop and a restart pair only on the same trail, named or by its ARN (lens.trailName)', () => {
  const pack = packFiles().find((f) => f.stem === 'cloudtrail_logging_resumed')!;
  const arn = (name: string) => `arn:aws:cloudtrail:eu-west-1:111122223333:trail/${name}`;
  const call = (eventName: string, seconds: number, name: string) => ({
    eventTime: at(seconds),
    eventSource: 'cloudtrail.amazonaws.com',
    eventName,
    requestParameters: { name },
  });
  const pairs = (stop: string, start: string) => {
    const { set, findings } = run(pack.text, [call('StopLogging', 0, stop), call('StartLogging', 600, start)]);
    return findings.filter((f) => set.rules[f.rule]!.title === 'CloudTrail Logging Stopped, Then Started Again');
  };
  assert.deepEqual(
    pairs(arn('audit'), arn('audit')).map((f) => [f.records, f.window!.group]),
    [[[0, 1], [{ field: 'lens.trailName', value: 'audit' }]]],
  );
  assert.equal(pairs('audit', 'audit').length, 1);
  assert.equal(pairs(arn('audit'), 'audit').length, 1, 'an ARN and a name of one trail');
  assert.equal(pairs('audit', arn('audit')).length, 1);
  assert.equal(pairs('audit', 'other').length, 0, 'another trail');
  assert.equal(pairs(arn('audit'), arn('other')).length, 0);
  assert.equal(pairs(arn('audit'), 'other').length, 0);
});
