/**
 * The shipped rule pack, run: every rule compiles with no problem, its records fire it (together, for a
 * correlation) and its near misses do not, and no record fires a rule of the pack it was not written for.
 * The records are test/rules/<stem>.json; the files' own shape is rulePackFiles.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { Correlator } from '../../server/src/detections/correlator';
import type { RuleSet } from '../../server/src/detections/ruleSet';
import { packFiles, packRecords, reportingRules } from '../support/rulePack';

const files = packFiles();
const { set, problems, skipped } = compileRules(files.map((f) => ({ file: f.file, text: f.text })));
const stemOf = new Map(files.map((f) => [f.file, f.stem]));

/** The pack's files whose rules fire on these records: single-record rules on each, correlations over them all. */
function firedBy(ruleSet: RuleSet, records: readonly unknown[], together: boolean): Set<string> {
  const fired = new Set<string>();
  for (const record of records) for (const index of ruleSet.match(record)) fired.add(stemOf.get(ruleSet.rules[index]!.file)!);
  if (together) {
    const correlator = new Correlator<number>(ruleSet);
    records.forEach((record, i) => {
      for (const event of ruleSet.correlationEvents(record)) correlator.add(event, i);
    });
    for (const finding of correlator.findings()) fired.add(stemOf.get(ruleSet.rules[finding.rule]!.file)!);
  }
  return fired;
}

describe('the rule pack, run', () => {
  test('compiles with no problem and skips nothing', () => {
    assert.deepEqual(problems, []);
    assert.equal(skipped, 0);
    assert.equal(set.empty, false);
  });

  test('runs every rule that reports, with the id, title and level its file gives', () => {
    for (const f of files)
      for (const rule of reportingRules(f.docs)) {
        const info = set.rules.find((r) => r.id === rule['id']);
        assert.ok(info, String(rule['title']));
        assert.equal(info.title, rule['title']);
        assert.equal(info.level, rule['level']);
        assert.equal(info.file, f.file);
        assert.equal(Boolean(info.correlation), Boolean(rule['correlation']));
      }
  });

  for (const f of files) {
    const records = packRecords(f.stem);
    const also = new Set(Object.keys(records.alsoFires ?? {}));
    const correlation = f.docs.some((d) => d['correlation']);
    const unexpected = (fired: Set<string>): string[] => [...fired].filter((stem) => stem !== f.stem && !also.has(stem));

    describe(f.stem, () => {
      if (correlation) {
        test('its records together make one finding, with the records of its group', () => {
          const rule = set.rules.findIndex((r) => r.id === reportingRules(f.docs)[0]!['id']);
          const correlator = new Correlator<number>(set);
          records.match.forEach((record, i) => {
            for (const event of set.correlationEvents(record)) correlator.add(event, i);
          });
          const findings = correlator.findings().filter((finding) => finding.rule === rule);
          assert.equal(findings.length, 1);
          assert.ok(findings[0]!.records.length > 1);
          assert.ok(findings[0]!.window);
          assert.deepEqual(unexpected(firedBy(set, records.match, true)), []);
        });

        test('its near misses together make none', () => {
          const fired = firedBy(set, records.noMatch, true);
          assert.equal(fired.has(f.stem), false);
          assert.deepEqual(unexpected(fired), []);
        });
        return;
      }

      test('each matching record fires it, and nothing else unexpected', () => {
        records.match.forEach((record, i) => {
          const fired = firedBy(set, [record], false);
          assert.ok(fired.has(f.stem), `match[${i}]`);
          assert.deepEqual(unexpected(fired), [], `match[${i}]`);
        });
      });

      test('no near miss fires it', () => {
        records.noMatch.forEach((record, i) => {
          const fired = firedBy(set, [record], false);
          assert.equal(fired.has(f.stem), false, `noMatch[${i}]`);
          assert.deepEqual(unexpected(fired), [], `noMatch[${i}]`);
        });
      });
    });
  }
});
