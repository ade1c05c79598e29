/** The rule index (by the values and prefixes rules require) gives the same answers as checking every rule, on generated rules and records. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { cloudTrailRule } from './sigmaSupport';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const names = ['ConsoleLogin', 'consolelogin', 'StopLogging', 'PutBucketPolicy', 'Put*', 'DeleteTrail', '5', 'Stop', 'Console'];
const sources = ['signin.amazonaws.com', 's3.amazonaws.com', 'cloudtrail.amazonaws.com'];

function ruleText(pick: <T>(xs: readonly T[]) => T, i: number): string {
  const fields = [
    'eventName',
    'eventSource',
    'awsRegion',
    'eventName|contains',
    'eventName|cased',
    'eventName|startswith',
    'eventSource|startswith',
  ];
  const item = (taken = ''): string => {
    const field = pick(fields.filter((f) => f !== taken));
    const pool = field.startsWith('eventSource') ? sources : field.startsWith('awsRegion') ? ['us-east-1', 'eu-west-1'] : names;
    return `${field}: ['${pick(pool)}', '${pick(pool)}']`;
  };
  const conditions = ['a', 'a and b', 'a or b', 'a and not b', 'not a', '1 of them', 'all of them', '(a or b) and b', 'kw or a'];
  const first = item();
  return cloudTrailRule(
    `a:\n  ${first}\n  ${item(first.split(':')[0])}\nb:\n  - ${item()}\n  - ${item()}\nkw:\n  - Logging\ncondition: ${pick(conditions)}`,
    `title: Rule ${i}\nid: r-${i}\n`,
  );
}

test('sigma index: indexed matching equals checking every rule, on 300 generated rules and 2,000 generated records', () => {
  const next = random(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const sourcesText = Array.from({ length: 300 }, (_, i) => ({ file: `r${i}.yml`, text: ruleText(pick, i) }));
  const { set, problems } = compileRules(sourcesText);
  assert.deepEqual(problems, []);
  const everyRule = (set as unknown as { matchEveryRule(record: unknown): readonly number[] }).matchEveryRule.bind(set);
  let matches = 0;
  for (let i = 0; i < 2000; i++) {
    const oddName = pick([undefined, null, 5, ['StopLogging', 'ConsoleLogin'], { x: 1 }]);
    const record: Record<string, unknown> = {
      eventName: next() < 0.1 ? oddName : pick(names).toUpperCase(),
      eventSource: next() < 0.1 ? undefined : pick(sources),
      awsRegion: pick(['us-east-1', 'eu-west-1']),
    };
    const indexed = set.match(record);
    assert.deepEqual(indexed, everyRule(record), JSON.stringify(record));
    matches += indexed.length;
  }
  assert.ok(matches > 1000, `the generated rules match often enough to test something (${matches})`);
});
