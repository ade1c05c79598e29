/**
 * Quiet by default: known automation (cloudtrail.detections.exclude) raises no finding from rules below high, on the
 * main thread and the reading threads alike, while high rules and the pack's own attack records still fire; and on a
 * Terraform-heavy log no rule of the pack flags more than 5 % of the records.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { compileRules, type CompileOptions } from '../../server/src/detections/compileRules';
import { DEFAULT_EXCLUSIONS } from '../../server/src/detections/exclusions';
import { NO_PLACEHOLDERS } from '../../server/src/detections/placeholders';
import { readRules } from '../../server/src/detections/ruleReader';
import type { RuleSet } from '../../server/src/detections/ruleSet';
import { Correlator } from '../../server/src/detections/correlator';
import { detectionRules } from '../../server/src/features/detectionTree';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { packFiles, packRecords } from '../support/rulePack';
import { terraformHeavyRecords } from '../support/terraformLog';
import { findingsOnThreads } from '../support/threadFindings';

const files = packFiles();
const sources = files.map((f) => ({ file: f.file, text: f.text }));
const pack = (options: CompileOptions) => compileRules(sources, options).set;
const quiet = pack({ exclude: DEFAULT_EXCLUSIONS });
const loud = pack({ exclude: [] });

const TERRAFORM = 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.64.0';

/** The titles of the rules that fire on one record. */
const titles = (set: RuleSet, record: unknown) => set.match(record).map((i) => set.rules[i]!.title);

/** Each rule's share of the log's records it flagged, as the Detections group counts them, busiest first. */
function shares(set: RuleSet, text: string): { title: string; level: string; share: number }[] {
  const analysis = LogAnalysis.of(1, text);
  const { findings } = analysis.detections(set, text);
  const total = analysis.summaries.length;
  return detectionRules(set.rules, findings, analysis.summaries)
    .map((r) => ({ title: r.title, level: r.level, share: r.count / total }))
    .sort((a, b) => b.share - a.share);
}

describe('known automation is quiet', () => {
  const openToWorld = packRecords('ec2_security_group_open_to_world').match[0]!;
  const adminAttached = packRecords('iam_admin_policy_attached').match[0]!;

  test('a medium rule lets Terraform, CloudFormation and AWS services pass, and still fires on a person', () => {
    assert.deepEqual(titles(quiet, openToWorld), ['Security Group Opened to the Internet']);
    assert.deepEqual(titles(quiet, { ...openToWorld, userAgent: TERRAFORM }), []);
    assert.deepEqual(titles(quiet, { ...openToWorld, userAgent: 'cloudformation.amazonaws.com' }), []);
    const viaService = { ...(openToWorld['userIdentity'] as object), invokedBy: 'cloudformation.amazonaws.com' };
    assert.deepEqual(titles(quiet, { ...openToWorld, userIdentity: viaService }), []);
    // The console is a person: its user agent is not on the list.
    assert.deepEqual(titles(quiet, { ...openToWorld, userAgent: 'console.ec2.amazonaws.com' }), ['Security Group Opened to the Internet']);
    assert.deepEqual(titles(loud, { ...openToWorld, userAgent: TERRAFORM }), ['Security Group Opened to the Internet']);
  });

  test('a high rule fires whatever the user agent says: anyone can write Terraform into it', () => {
    assert.deepEqual(titles(quiet, { ...adminAttached, userAgent: TERRAFORM }), titles(quiet, adminAttached));
    assert.ok(titles(quiet, adminAttached).length > 0);
  });

  test("every pack rule's hand-written attack records still fire with the default list", () => {
    for (const f of files) {
      const { match } = packRecords(f.stem);
      const fired = new Set<string>();
      const correlator = new Correlator<number>(quiet);
      match.forEach((record, i) => {
        for (const index of quiet.match(record)) fired.add(quiet.rules[index]!.file);
        for (const event of quiet.correlationEvents(record)) correlator.add(event, i);
      });
      for (const finding of correlator.findings()) fired.add(quiet.rules[finding.rule]!.file);
      assert.ok(fired.has(f.file), f.stem);
    }
  });

  test('an entry that cannot run is said and left out; the others still apply', () => {
    const exclude = [{ 'userAgent|contains': 'Terraform/' }, 'Terraform', {}, { 'userAgent|windash': 'x' }, { userAgent: [{}] }];
    const compiled = compileRules(sources, { exclude });
    assert.equal(compiled.exclusionProblems.length, 4);
    assert.match(compiled.exclusionProblems[0]!, /entry 2: .*object/);
    assert.match(compiled.exclusionProblems[2]!, /windash is not supported/);
    assert.deepEqual(titles(compiled.set, { ...openToWorld, userAgent: TERRAFORM }), []);
    // Settings are JSON: a `__proto__` key is a field like any other, and pollutes nothing.
    const hostile = compileRules(sources, { exclude: [JSON.parse('{"__proto__": "x"}'), JSON.parse('{"__proto__": {"polluted": 1}}')] });
    assert.equal(hostile.exclusionProblems.length, 1);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.deepEqual(titles(hostile.set, openToWorld), ['Security Group Opened to the Internet']);
  });

  test('an excluded record counts towards no quieter correlation', () => {
    const burst = (agent: string) =>
      Array.from({ length: 25 }, (_, i) =>
        cleanRecord({ eventName: `ListThings${i}`, eventTime: `2026-11-12T09:00:${String(i).padStart(2, '0')}Z`, userAgent: agent }),
      );
    const text = (agent: string) => logOf(...burst(agent));
    const fired = (set: RuleSet, t: string) => shares(set, t).map((r) => r.title);
    assert.deepEqual(fired(quiet, text('aws-cli/2.15.30')), ['Burst of Distinct List and Describe Calls From One Identity']);
    assert.deepEqual(fired(quiet, text(TERRAFORM)), []);
  });
});

describe('a Terraform-heavy log', () => {
  const records = terraformHeavyRecords(25);
  const text = logOf(...records);

  test('no rule of the pack flags more than 5 % of its records with the default settings', () => {
    const busiest = shares(quiet, text);
    for (const { title, share } of busiest) assert.ok(share <= 0.05, `${title} flags ${(share * 100).toFixed(1)} % of the records`);
  });

  test('without the exclusion list, it is the noisy log it is meant to be', () => {
    const noisy = shares(loud, text).filter((r) => r.share > 0.05);
    assert.ok(
      noisy.some((r) => r.title.startsWith('Burst of Distinct List')),
      JSON.stringify(noisy),
    );
  });
});

describe('on reading threads', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-quiet-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the same findings as on the main thread, exclusions applied there too', async () => {
    const reads = sources.map((s) => readRules(s.text, s.file));
    const text = logOf(...terraformHeavyRecords(7, 100)).replace(/\n\s*/g, '');
    const file = path.join(dir, 'terraform.json');
    writeFileSync(file, text);
    const seen = (findings: readonly { rule: number; records: readonly number[] }[]) =>
      findings.map((f) => `${quiet.rules[f.rule]!.title}: ${f.records.join(',')}`).sort();
    const onThreads = seen(
      await findingsOnThreads(
        { set: quiet, reads, minLevel: 'informational', placeholders: NO_PLACEHOLDERS, exclude: DEFAULT_EXCLUSIONS },
        file,
      ),
    );
    const onMain = seen(LogAnalysis.of(1, text).detections(quiet, text).findings);
    assert.deepEqual(onThreads, onMain);
    assert.ok(onMain.length > 0, 'the normal activity still has findings');
    assert.notDeepEqual(onMain, seen(LogAnalysis.of(1, text).detections(loud, text).findings), 'the list hides findings here');
  });
});
