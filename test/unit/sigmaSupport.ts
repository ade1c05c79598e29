/** Small Sigma rules for the evaluator's tests: a CloudTrail rule around a detection section, compiled alone. */
import assert from 'node:assert/strict';
import { compileRules } from '../../server/src/detections/compileRules';

export function cloudTrailRule(detection: string, head = 'title: Test rule\nid: test-rule\n'): string {
  return `${head}logsource:\n  product: aws\n  service: cloudtrail\ndetection:\n${detection.replace(/^/gm, '  ')}\n`;
}

/** Whether a rule with this detection section reports on the record. */
export function fires(detection: string, record: unknown): boolean {
  const { set, problems } = compileRules([{ file: 'rule.yml', text: cloudTrailRule(detection) }]);
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error').map((p) => p.message),
    [],
    'the rule reads',
  );
  assert.equal(set.rules.length, 1, 'the rule runs');
  return set.match(record).length === 1;
}
