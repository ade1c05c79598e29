/**
 * Findings wherever a log is read: an open document of every shape, the same text read from disk (on the
 * main thread and on reading threads), a folder of logs; after an edit; and on a record cut off.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { compileReadRules, compileRules } from '../../server/src/detections/compileRules';
import { NO_PLACEHOLDERS, placeholdersOf } from '../../server/src/detections/placeholders';
import { readRules } from '../../server/src/detections/ruleReader';
import type { Finding, RuleSet } from '../../server/src/detections/ruleSet';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { DiskDetections } from '../../server/src/files/diskDetections';
import type { DiskRecord } from '../../server/src/files/diskRecord';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { indexFolder } from '../../server/src/files/folderIndex';
import { readerThreads } from '../../server/src/files/readerPool';
import { InlineRunner, type JobRunner } from '../../server/src/files/readJobs';
import { Interner } from '../../server/src/files/recordColumns';
import { readStreamed } from '../../server/src/files/streamedLog';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { shapedLogs } from '../support/logShapes';
import { repoPath } from '../support/paths';
import { findingsOnThreads } from '../support/threadFindings';

// Our own rules: one on a request parameter, one on the identity, and a correlation over a second.
const RULES = `title: Object read from the incident bucket
id: 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a01
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    eventName: GetObject
    requestParameters.bucketName: incident-artifacts
  condition: selection
level: medium
---
title: Call by mallory
id: 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a02
name: by_mallory
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    userIdentity.userName: mallory
  condition: selection
level: low
---
title: Mallory busy within a minute
id: 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a03
correlation:
  type: event_count
  rules: [by_mallory]
  group-by: [awsRegion]
  timespan: 1m
  condition: { gte: 2 }
  generate: true
level: high
`;

let set: RuleSet;
let dir: string;
before(() => {
  const compiled = compileRules([{ file: '/rules/test.yml', text: RULES }]);
  assert.deepEqual(compiled.problems, []);
  set = compiled.set;
  dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-detect-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Findings as a user reads them: the rule's title and the records' indices. */
function seen(findings: readonly Finding<number>[]): string[] {
  return findings.map((f) => `${set.rules[f.rule]!.title}: ${f.records.join(',')}`).sort();
}

function inDocument(text: string): string[] {
  return seen(LogAnalysis.of(1, text).detections(set, text).findings);
}

function diskFindings(detections: DiskDetections | undefined): string[] {
  return seen((detections?.findings() ?? []).map((f) => ({ ...f, records: f.records.map((r: DiskRecord) => r.index) })));
}

async function fromDisk(name: string, text: string, runner: JobRunner): Promise<string[]> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const detections = new DiskDetections(set);
  const base = { runner, uri: pathToFileURL(file).toString(), interner: new Interner(), table: new PlaceTable(), validate: true };
  const read = await readStreamed(file, { ...base, detections });
  return diskFindings(read?.detections);
}

describe('findings wherever a log is read', () => {
  const shapes = shapedLogs(3).filter((s) => s.shape !== 'digest');

  test('every shape of many records finds something to test with', () => {
    for (const { name, shape, text } of shapes) if (shape !== 'record') assert.ok(inDocument(text).length > 0, name);
  });

  for (const { name, text } of shapes) {
    test(`${name}: read from disk, the same findings as the open document`, async () => {
      assert.deepEqual(await fromDisk(`${name}.json`, text, new InlineRunner(set)), inDocument(text));
    });
  }

  test('on reading threads, the same findings as on the main thread', async () => {
    const text = shapes.find((s) => s.name === 'JSON Lines')!.text;
    const threads = readerThreads(
      { set, reads: [readRules(RULES, '/rules/test.yml')], minLevel: 'informational', placeholders: NO_PLACEHOLDERS, exclude: [] },
      repoPath('server', 'out', 'readWorker.js'),
      2,
    );
    try {
      assert.deepEqual(await fromDisk('threads.jsonl', text, threads), inDocument(text));
    } finally {
      threads.close();
    }
  });

  test("on reading threads, a rule's placeholders stand for the same accounts as on the main thread", async () => {
    const mine = `title: Call in one of my accounts
id: 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a04
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    recipientAccountId|expand: '%cloudtrail.accounts%'
  condition: selection
level: low
`;
    const reads = [readRules(mine, '/rules/mine.yml')];
    const placeholders = placeholdersOf(['111122223333']);
    const own = compileReadRules(reads, { placeholders }).set;
    const text = logOf(cleanRecord({ recipientAccountId: '111122223333' }), cleanRecord({ recipientAccountId: '444455556666' }));
    const file = path.join(dir, 'mine.json');
    writeFileSync(file, text);
    const found = await findingsOnThreads({ set: own, reads, minLevel: 'informational', placeholders, exclude: [] }, file);
    assert.deepEqual(
      found.map((f) => f.records),
      [[0]],
    );
  });

  test('a folder correlates records across its files, in time order', async () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder, { recursive: true });
    const mallory = (time: string) =>
      cleanRecord({ eventTime: time, userIdentity: { type: 'IAMUser', userName: 'mallory', accountId: '111122223333' } });
    writeFileSync(path.join(folder, 'b.json'), logOf(mallory('2026-11-01T10:00:30Z')));
    writeFileSync(path.join(folder, 'a.json'), logOf(mallory('2026-11-01T10:00:00Z'), cleanRecord({ eventTime: '2026-11-01T10:00:10Z' })));
    const detections = new DiskDetections(set);
    const index = await indexFolder(folder, { runner: new InlineRunner(set), detections });
    assert.deepEqual(diskFindings(index?.detections), ['Call by mallory: 0', 'Call by mallory: 2', 'Mallory busy within a minute: 0,2']);
  });

  test('an edit asks the rules about the edited record again', () => {
    const text = logOf(cleanRecord({ eventName: 'GetObject', requestParameters: { bucketName: 'website-assets' } }), cleanRecord());
    const before = LogAnalysis.of(1, text);
    assert.deepEqual(seen(before.detections(set, text).findings), []);
    const at = text.indexOf('website-assets');
    const edited = `${text.slice(0, at)}incident-artifacts${text.slice(at + 'website-assets'.length)}`;
    const after = before.next(2, edited, { start: at, end: at + 'website-assets'.length, text: 'incident-artifacts' });
    assert.deepEqual(seen(after.detections(set, edited).findings), ['Object read from the incident bucket: 0']);
  });

  test('a record cut off is still asked about what it holds', () => {
    const whole = logOf(cleanRecord({ userIdentity: { type: 'IAMUser', userName: 'mallory' } }));
    const cut = whole.slice(0, whole.indexOf('"eventSource"'));
    assert.deepEqual(inDocument(cut), ['Call by mallory: 0']);
  });
});
