/** Reading Sigma rule files: every rule that cannot run is a problem placed in the file; other log sources are skipped. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { readRules } from '../../server/src/detections/ruleReader';
import { cloudTrailRule } from './sigmaSupport';

/** [what is wrong, detection section, the problem's words, the zero-based line it is on]. */
const broken: readonly (readonly [string, string, RegExp, number])[] = [
  ['unknown modifier', 'sel:\n  eventName|startwith: X\ncondition: sel', /unknown modifier "startwith"/, 7],
  ['unsupported modifier', 'sel:\n  eventName|windash: X\ncondition: sel', /windash is not supported/, 7],
  ['contains with startswith', 'sel:\n  eventName|contains|startswith: X\ncondition: sel', /exclude each other/, 7],
  ['re with contains', "sel:\n  eventName|re|contains: 'x'\ncondition: sel", /contains cannot be combined with re/, 7],
  ['i without re', 'sel:\n  eventName|i: X\ncondition: sel', /sub-modifiers of re/, 7],
  ['base64offset without contains', 'sel:\n  eventName|base64offset: X\ncondition: sel', /needs contains/, 7],
  ['exists not boolean', 'sel:\n  eventName|exists: yes please\ncondition: sel', /true or false/, 7],
  ['comparison on text', 'sel:\n  eventName|gt: many\ncondition: sel', /not a number/, 7],
  ['bad cidr', 'sel:\n  sourceIPAddress|cidr: 10.0.0.0/33\ncondition: sel', /CIDR/, 7],
  ['lookahead', "sel:\n  eventName|re: '^Put(?!Bucket)'\ncondition: sel", /RE2.*cannot express a lookahead/, 7],
  ['lookbehind', "sel:\n  eventName|re: '(?<=Put)Bucket'\ncondition: sel", /RE2.*cannot express a lookbehind/, 7],
  ['back-reference', "sel:\n  eventName|re: '^(a)\\1$'\ncondition: sel", /RE2.*cannot express a back-reference/, 7],
  ['possessive quantifier', "sel:\n  eventName|re: '^a++b'\ncondition: sel", /RE2.*cannot express a possessive quantifier/, 7],
  ['atomic group', "sel:\n  eventName|re: '^(?>a+)b'\ncondition: sel", /RE2.*cannot express an atomic group/, 7],
  ['counted repeats too large', "sel:\n  eventName|re: '(a|b|c){0,1000}x'\ncondition: sel", /too large.*1000 RE2 instructions/, 7],
  ['counted repeats too large once compiled', "sel:\n  eventName|re: '^[a-z]{0,600}$'\ncondition: sel", /too large/, 7],
  ['invalid regex', "sel:\n  eventName|re: '^(ab'\ncondition: sel", /unbalanced|invalid/, 7],
  ['condition names nothing', 'sel:\n  eventName: X\ncondition: sel and filter', /no search is named "filter"/, 8],
  ['condition does not parse', 'sel:\n  eventName: X\ncondition: sel and', /ends too early/, 8],
  ['pattern matches nothing', 'sel:\n  eventName: X\ncondition: 1 of filter*', /names no search/, 8],
  ['aggregation without timeframe', 'sel:\n  eventName: X\ncondition: sel | count() > 5', /without timeframe/, 8],
  ['no condition', 'sel:\n  eventName: X', /no condition/, 6],
  ['value is a map', 'sel:\n  eventName:\n    a: b\ncondition: sel', /values are strings/, 8],
  ['null with a modifier', 'sel:\n  eventName|contains: null\ncondition: sel', /null takes no modifiers/, 7],
];

for (const [name, detection, message, line] of broken) {
  test(`sigma problem: ${name}`, () => {
    const { rules, problems } = readRules(cloudTrailRule(detection), 'rule.yml');
    assert.equal(rules.length, 0, 'the rule does not run');
    const errors = problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0]!.message, message);
    assert.equal(errors[0]!.file, 'rule.yml');
    assert.equal(errors[0]!.start?.line, line);
  });
}

test('sigma problem: YAML errors, missing title and detection, action: global, unsupported correlation', () => {
  const text = [
    'title: [unclosed',
    '---',
    'id: no-title',
    'logsource: { product: aws, service: cloudtrail }',
    'detection: { sel: { eventName: X }, condition: sel }',
    '---',
    'title: No detection',
    'logsource: { product: aws, service: cloudtrail }',
    '---',
    'action: global',
    'title: Shared',
    '---',
    'title: Sum',
    'correlation: { type: value_sum, rules: [x], timespan: 1h, condition: { gt: 1 } }',
  ].join('\n');
  const { rules, problems } = readRules(text, 'many.yml');
  assert.equal(rules.length, 0);
  const found = problems.map((p) => [p.start?.line, p.message.split(':')[0]]);
  assert.deepEqual(found, [
    [1, 'YAML'],
    [2, 'the rule has no title'],
    [6, 'the rule has no detection'],
    [9, 'action'],
    [13, 'correlation type value_sum is not supported'],
  ]);
});

test('sigma reading: only AWS CloudTrail rules run; others are counted as skipped', () => {
  const windows = 'title: Win\nlogsource: { product: windows, service: security }\ndetection: { sel: { EventID: 1 }, condition: sel }\n';
  const upper = 'title: Upper\nlogsource: { product: AWS, service: CloudTrail }\ndetection: { sel: { eventName: X }, condition: sel }\n';
  const { set, problems, skipped } = compileRules([{ file: 'a.yml', text: `${windows}---\n${upper}` }]);
  assert.deepEqual(problems, []);
  assert.equal(skipped, 1);
  assert.deepEqual(
    set.rules.map((r) => r.title),
    ['Upper'],
  );
});

test('sigma reading: a second rule with an id already seen is a problem, the first one runs', () => {
  const rule = cloudTrailRule('sel:\n  eventName: X\ncondition: sel', 'title: One\nid: same\n');
  const { set, problems } = compileRules([
    { file: 'a.yml', text: rule },
    { file: 'b.yml', text: rule.replace('One', 'Two') },
  ]);
  assert.deepEqual(
    set.rules.map((r) => [r.key, r.title]),
    [['same', 'One']],
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.file, 'b.yml');
  assert.match(problems[0]!.message, /already used/);
});

test('sigma reading: meta data reaches the rule info, an unknown level is a warning', () => {
  const head =
    'title: Meta\nid: m-1\nlevel: severe\ndescription: Why\ntags: [attack.t1078]\nfalsepositives: [Admins]\nreferences: [https://docs.aws.amazon.com/]\n';
  const { set, problems } = compileRules([{ file: 'm.yml', text: cloudTrailRule('sel:\n  eventName: X\ncondition: sel', head) }]);
  assert.deepEqual(
    problems.map((p) => [p.severity, p.start?.line]),
    [['warning', 2]],
  );
  assert.deepEqual(set.rules[0], {
    key: 'm-1',
    id: 'm-1',
    title: 'Meta',
    level: 'medium',
    description: 'Why',
    tags: ['attack.t1078'],
    falsepositives: ['Admins'],
    references: ['https://docs.aws.amazon.com/'],
    file: 'm.yml',
  });
});

test('sigma reading: a safe regex runs on a hostile value in bounded time', () => {
  const { set, problems } = compileRules([{ file: 'r.yml', text: cloudTrailRule("sel:\n  userAgent|re: '^(a|b)c*d$'\ncondition: sel") }]);
  assert.deepEqual(problems, []);
  const started = Date.now();
  assert.deepEqual(set.match({ userAgent: 'a' + 'c'.repeat(1_000_000) }), []);
  assert.ok(Date.now() - started < 1000);
});
