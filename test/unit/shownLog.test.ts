/**
 * One model of what the events view shows (features/shownLog.ts), whatever the log came from: the same text as an
 * open document and read from disk gives the same records, findings, node pages and record texts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { getLanguageService, type ShownLog } from '../../server/src/languageService';
import { generateLog } from '../support/generateLog';

const service = getLanguageService();
const ALL = { groupBy: 'level', offset: 0, limit: 10_000 } as const;

describe('a shown log, from a document, a file or a folder', () => {
  let root: string;
  let text: string;
  let document: ShownLog;
  let file: ShownLog;
  let folder: ShownLog;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-shown-'));
    text = generateLog({ seed: 31, records: 120, pretty: true });
    const rules = await service.loadRules({ enable: true, paths: [], minLevel: 'informational', accounts: [], exclude: [] });
    const analysis = service.analyse(1, text);
    document = service.shownDocument({ version: 1, text: () => text }, analysis, analysis.detections(rules.set, text));
    const logs = path.join(root, 'logs');
    const name = path.join(root, 'logs', 'one.json');
    mkdirSync(logs);
    writeFileSync(name, text);
    const runner = service.readerThreads(0, rules);
    file = service.shownFile((await service.readLogFile(name, { runner, uri: pathToFileURL(name).href }))!);
    folder = service.shownFolder((await service.readFolder(logs, { runner }))!);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the rules find the same records in each, named by the same indexes', () => {
    assert.ok(document.detections!.findings.length > 0, 'the pack flags some generated records');
    for (const log of [file, folder]) {
      assert.deepEqual(
        log.summaries.map((s) => s.eventName),
        document.summaries.map((s) => s.eventName),
      );
      assert.deepEqual(
        log.detections!.findings.map((f) => [f.rule, f.records]),
        document.detections!.findings.map((f) => [f.rule, f.records]),
      );
    }
  });

  test("a rule's node pages the same records, and a node of a log no rule ran on holds none", () => {
    const key = document.detections!.rules[document.detections!.findings[0]!.rule]!.key;
    const page = (log: ShownLog) => service.nodeRecords(log, { detection: key }, ALL).items.map((s) => s.index);
    assert.ok(page(document).length > 0);
    assert.deepEqual(page(file), page(document));
    assert.deepEqual(page(folder), page(document));
    const unchecked = service.shownDocument({ version: 1, text: () => text }, service.analyse(1, text));
    assert.deepEqual(service.nodeRecords(unchecked, { detection: key }, ALL), { total: 0, items: [] });
    assert.equal(service.nodeRecords(unchecked, {}, ALL).total, 120);
  });

  test('record texts are the same records, one at a time or many at once', async () => {
    const picked = [0, 57, 119].map((i) => document.summaries[i]!);
    for (const log of [file, folder]) {
      for (const { index } of picked)
        assert.deepEqual(JSON.parse((await log.recordText(index))!), JSON.parse((await document.recordText(index))!));
      const many: unknown[] = [];
      for await (const one of log.recordTexts(picked.map((s) => log.summaries[s.index]!))) many.push(JSON.parse(one!));
      assert.deepEqual(many, await Promise.all(picked.map(async (s) => JSON.parse((await document.recordText(s.index))!))));
    }
  });

  test("places: a document's in offsets, a file's in lines, a folder's in lines of the file named", () => {
    const place = document.place(3)!;
    assert.ok('span' in place && text.slice(place.span.start, place.span.end).startsWith('{'));
    const inFile = file.place(3)!;
    assert.ok('from' in inFile && !('uri' in inFile));
    const inFolder = folder.place(3)!;
    assert.ok('from' in inFolder && inFolder.uri?.endsWith('/one.json'));
    assert.deepEqual({ from: inFolder.from, to: inFolder.to }, { from: inFile.from, to: inFile.to });
    assert.equal(document.place(120), undefined);
  });
});
