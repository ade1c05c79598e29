/**
 * A record with a key twice is read one way everywhere: the first value, as the view shows it and CloudTrail's readers
 * read it (JSON.parse keeps the last). The rules, in an open document and in a file or folder read from disk, and the
 * export's columns all read the one the view shows.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { compileRules } from '../../server/src/detections/compileRules';
import type { RuleSet } from '../../server/src/detections/ruleSet';
import { writeExport } from '../../server/src/export/exportFile';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { DiskDetections } from '../../server/src/files/diskDetections';
import { indexFolder } from '../../server/src/files/folderIndex';
import { InlineRunner } from '../../server/src/files/readJobs';
import { getLanguageService } from '../../server/src/languageService';
import { cleanRecord } from '../support/cleanRecord';
import { packFiles } from '../support/rulePack';

const STOPPED = 'CloudTrail Trail Stopped or Deleted';
/** A rule on a field deep inside requestParameters, where the parser indexes nothing. */
const DEEP_RULE = `title: Deep trail name
id: 6d0b4a52-3f0e-4d7e-9a55-2f8f1b6f3c11
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    requestParameters.trail.name: evidence
  condition: selection
level: medium
`;
const DEEP = 'Deep trail name';

const pack = packFiles().filter((f) => f.stem === 'cloudtrail_logging_stopped');
const sources = [...pack.map((f) => ({ file: f.file, text: f.text })), { file: '/rules/deep.yml', text: DEEP_RULE }];
const { set } = compileRules(sources);

/** A record's JSON with its eventName, or its requestParameters.trail.name, written twice: `first`, and after other keys `second`. */
function repeated(first: string, second: string, where: 'eventName' | 'trail.name'): string {
  const record = cleanRecord({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: where === 'eventName' ? first : 'UpdateTrail',
    requestParameters: { trail: { name: where === 'trail.name' ? first : 'other', region: 'us-east-1' } },
  });
  const json = JSON.stringify(record);
  const again = JSON.stringify(second);
  if (where === 'eventName') return `${json.slice(0, -1)},"eventName":${again}}`;
  return json.replace('"region":"us-east-1"}', `"region":"us-east-1","name":${again}}`);
}

/** The same records as a delivered log, as JSON Lines and as lookup-events output (each record in a string). */
const SHAPES: Record<string, (records: string[]) => string> = {
  delivered: (records) => `{"Records":[\n${records.join(',\n')}\n]}\n`,
  'JSON Lines': (records) => `${records.join('\n')}\n`,
  'lookup-events': (records) => JSON.stringify({ Events: records.map((r, i) => ({ EventId: `e${i}`, CloudTrailEvent: r })) }, null, 2),
};

const CASES = [
  { first: 'StopLogging', second: 'ListBuckets', where: 'eventName' as const, rule: STOPPED },
  { first: 'ListBuckets', second: 'StopLogging', where: 'eventName' as const, rule: STOPPED },
  { first: 'evidence', second: 'other', where: 'trail.name' as const, rule: DEEP },
  { first: 'other', second: 'evidence', where: 'trail.name' as const, rule: DEEP },
];

/** Whether the rule's value is the one the view reads: the first. */
const fires = (c: (typeof CASES)[number]) => c.first === 'StopLogging' || c.first === 'evidence';

/** The log of every case, one record each, in CASES order. */
function logOf(shape: string): string {
  return SHAPES[shape]!(CASES.map((c) => repeated(c.first, c.second, c.where)));
}

/** The titles of the rules each record fired. */
function firedBy(rules: RuleSet, findings: readonly { rule: number; records: readonly number[] }[], records: number): string[][] {
  const fired: string[][] = Array.from({ length: records }, () => []);
  for (const f of findings) for (const r of f.records) fired[r]!.push(rules.rules[f.rule]!.title);
  return fired;
}

function expectations(): { shown: string[]; fired: string[][] } {
  return {
    shown: CASES.map((c) => (c.where === 'eventName' ? c.first : 'UpdateTrail')),
    fired: CASES.map((c) => (fires(c) ? [c.rule] : [])),
  };
}

describe('a key written twice is read as its first value', () => {
  for (const shape of Object.keys(SHAPES)) {
    test(`in an open document (${shape}): a rule fires exactly when the view shows the value it looks for`, () => {
      const text = logOf(shape);
      const analysis = LogAnalysis.of(1, text);
      assert.equal(analysis.parsed.duplicateKeys.length, CASES.length, 'each record has its key twice');
      const found = analysis.detections(set, text);
      const { shown, fired } = expectations();
      assert.deepEqual(
        analysis.summaries.map((s) => s.eventName),
        shown,
      );
      assert.deepEqual(firedBy(set, found.findings, CASES.length), fired);
    });
  }

  test('after an edit inside a record, the record read again still reads its first value', () => {
    const text = logOf('delivered');
    const before = LogAnalysis.of(1, text);
    before.detections(set, text);
    // A character typed into the first record's requestID: it is read again alone, and the records after it move.
    const at = text.indexOf('"requestID":"') + '"requestID":"'.length;
    const edited = `${text.slice(0, at)}0${text.slice(at)}`;
    const after = before.next(2, edited, { start: at, end: at, text: '0' });
    assert.deepEqual(firedBy(set, after.detections(set, edited).findings, CASES.length), expectations().fired);
    // Rules changed since: every record, the moved ones too, is asked again.
    const again = compileRules(sources).set;
    assert.deepEqual(firedBy(again, after.detections(again, edited).findings, CASES.length), expectations().fired);
  });

  describe('read from disk', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'cloudtrail-repeated-'));
      mkdirSync(path.join(folder, 'logs'));
      for (const shape of Object.keys(SHAPES)) writeFileSync(path.join(folder, 'logs', `${shape}.json`), logOf(shape));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));

    for (const shape of Object.keys(SHAPES)) {
      test(`a file on its own (${shape}): the same findings as the open document`, async () => {
        const file = path.join(folder, 'logs', `${shape}.json`);
        const runner = new InlineRunner(set);
        try {
          const read = (await getLanguageService().readLogFile(file, { runner, uri: pathToFileURL(file).href }))!;
          const { shown, fired } = expectations();
          assert.deepEqual(
            read.records.map((r) => r.eventName),
            shown,
          );
          const findings = read.detections!.findings().map((f) => ({ ...f, records: f.records.map((r) => r.index) }));
          assert.deepEqual(firedBy(set, findings, CASES.length), fired);
        } finally {
          runner.close();
        }
      });
    }

    test('a folder: the same findings for each of its files', async () => {
      const runner = new InlineRunner(set);
      try {
        const index = (await indexFolder(path.join(folder, 'logs'), { runner, detections: new DiskDetections(set) }))!;
        const { fired } = expectations();
        const byRecord = new Map(index.records.map((r) => [r, [] as string[]]));
        for (const f of index.detections!.findings()) for (const r of f.records) byRecord.get(r)!.push(set.rules[f.rule]!.title);
        // Each file's records in file order (they share their eventTimes, so the folder keeps file order within a file).
        for (const shape of Object.keys(SHAPES)) {
          const records = index.records.filter((r) => r.uri.endsWith(`/${encodeURIComponent(shape)}.json`));
          assert.deepEqual(
            records.map((r) => byRecord.get(r)),
            fired,
            shape,
          );
        }
      } finally {
        runner.close();
      }
    });

    test("an export's CSV columns read the first value too", async () => {
      const text = logOf('delivered');
      const analysis = LogAnalysis.of(1, text);
      const texts = (async function* () {
        for (const r of analysis.parsed.records) yield text.slice(r.start, r.end);
      })();
      const file = path.join(folder, 'export.csv');
      await writeExport(analysis.summaries, texts, { format: 'csv', path: file, columns: ['eventName', 'requestParameters.trail.name'] });
      const rows = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
      assert.deepEqual(
        rows,
        CASES.map((c) => (c.where === 'eventName' ? `${c.first},other` : `UpdateTrail,${c.first}`)),
      );
    });
  });
});
