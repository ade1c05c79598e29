/**
 * What hostile or heavy rules cost, in process: an ordered correlation over 40,000 events of one group in one
 * window (what scanned each window again before), `re` on a value built to make a backtracking engine try every
 * split, and RE2 (re2js, which runs `re`) against JavaScript's RegExp on ordinary patterns over a log's values.
 */
import { compileRules } from '../server/src/detections/compileRules';
import { Correlator } from '../server/src/detections/correlator';
import { regexTest } from '../server/src/detections/sigmaRegex';
import { median } from './median';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function timed(rounds: number, run: () => unknown): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function step(name: string, i: number): string {
  const head = `title: ${name}\nid: step-${i}\nname: step_${i}\nlevel: low\nlogsource:\n  product: aws\n  service: cloudtrail\n`;
  return `${head}detection:\n  sel:\n    eventName: ${name}\n  condition: sel\n`;
}

/** 40,000 events a second apart, the three steps backwards, one user, a window holding them all. */
function orderedCorrelation(rounds: number): { ms: number; findings: number } {
  const steps = ['StepA', 'StepB', 'StepC'];
  const correlation = `title: In order\nid: ordered\nlevel: high\ncorrelation:\n  type: temporal_ordered\n  rules: [step_0, step_1, step_2]\n  group-by: [userIdentity.arn]\n  timespan: 12h\n`;
  const { set } = compileRules([{ file: 'bench.yml', text: [...steps.map(step), correlation].join('---\n') }]);
  const events = Array.from({ length: 40_000 }, (_, i) =>
    set.correlationEvents({
      // The steps backwards, a third each: every window holds all three, never in order, the slowest case to scan.
      eventName: steps[2 - Math.floor((i * 3) / 40_000)],
      eventTime: new Date(T0 + i * 1000).toISOString(),
      userIdentity: { arn: 'arn:aws:iam::111122223333:user/bench' },
    }),
  );
  let findings = 0;
  const ms = timed(rounds, () => {
    const correlator = new Correlator<number>(set);
    events.forEach((list, i) => list.forEach((event) => correlator.add(event, i)));
    findings = correlator.findings().length;
  });
  return { ms, findings };
}

const ORDINARY: readonly string[] = [
  '^(Put|Delete)Bucket(Policy|Acl)$',
  'aws-cli/[0-9.]+',
  '(?i)(curl|python-requests|boto3|nmap|sqlmap)',
  '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$',
  '.*amazonaws\\.com$',
];

/** Each pattern over `values`: RE2's ms and RegExp's, and whether they agree on every value. */
function ordinaryPatterns(rounds: number, values: readonly string[]): string[] {
  return ORDINARY.map((pattern) => {
    const re2 = regexTest(pattern, []);
    const native = pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
    const agree = values.every((v) => re2(v) === native.test(v));
    const re2Ms = timed(rounds, () => values.filter(re2).length);
    const nativeMs = timed(rounds, () => values.filter((v) => native.test(v)).length);
    return `| \`${pattern.replace(/\|/g, '\\|')}\` over ${values.length} values | ${re2Ms.toFixed(0)} | ${nativeMs.toFixed(0)} | ${agree ? 'yes' : 'NO'} |`;
  });
}

/** The table; `records` are a generated log's, whose string fields the patterns run on. */
export function ruleCosts(rounds: number, records: readonly Record<string, unknown>[]): string {
  const ordered = orderedCorrelation(rounds);
  const hostile = `^${'[a-z]{0,16}'.repeat(7)}$`;
  const value = `${'a'.repeat(60)}!`;
  const hostileMs = timed(rounds, () => regexTest(hostile, [])(value));
  const values = records
    .flatMap((r) => ['userAgent', 'eventName', 'sourceIPAddress', 'eventSource'].map((f) => r[f]))
    .filter((v) => typeof v === 'string');
  return [
    `Heavy rules, in process (median of ${rounds}):`,
    '',
    '| Work | Ours (RE2 for re), ms | JavaScript RegExp, ms | Same answers |',
    '| --- | ---: | ---: | --- |',
    `| temporal_ordered over 40,000 events of one group in one window (${ordered.findings} findings) | ${ordered.ms.toFixed(0)} | – | – |`,
    `| \`${hostile}\` on 60 letters and \`!\`, compiled and run | ${hostileMs.toFixed(1)} | – | – |`,
    ...ordinaryPatterns(rounds, values),
  ].join('\n');
}
