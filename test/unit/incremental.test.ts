/** Reading only the edited record must give exactly what reading the whole file gives. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { mergeEdit, reparseAfterEdit, type TextChange } from '../../server/src/parse/incremental';
import type { ParsedLog } from '../../server/src/parse/parsedLog';
import { parseLog } from '../../server/src/parse/parseLog';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { summarize } from '../../server/src/features/recordSummary';
import { collectProblems } from '../../server/src/features/validate';
import { generateLog } from '../support/generateLog';
import { snapshot } from '../support/snapshot';

/** A log with a warning in every record (an eventID that is no UUID), whose records' problems an edit before them moves. */
function warnedLog(): string {
  const log = JSON.parse(generateLog({ seed: 78, records: 40 })) as { Records: Record<string, unknown>[] };
  log.Records.forEach((r, i) => (r['eventID'] = `id-${i}`));
  return JSON.stringify(log);
}

const LOGS = [...[false, true].map((pretty) => generateLog({ seed: 77, records: 40, pretty })), warnedLog()];
/** A log the tolerant parser reads whole (a byte-order mark keeps it off the fast path): its records are not lazy. */
const TOLERANT = `\ufeff${LOGS[1]!}`;

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** Edits a user makes inside a record: type into a value, delete a character, break a line, duplicate a key. */
const editArbitrary = fc.record({
  log: fc.integer({ min: 0, max: LOGS.length - 1 }),
  record: fc.nat(),
  at: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  kind: fc.constantFrom('type', 'delete', 'newline', 'duplicate', 'region'),
});

function makeEdit(parsed: ParsedLog, e: { record: number; at: number; kind: string }): TextChange {
  const record = parsed.records[e.record % parsed.records.length]!;
  const offset = record.start + 1 + Math.floor((record.end - record.start - 2) * e.at);
  switch (e.kind) {
    case 'type':
      return { start: offset, end: offset, text: 'x' };
    case 'delete':
      return { start: offset, end: offset + 1, text: '' };
    case 'newline':
      return { start: offset, end: offset, text: '\n' };
    case 'duplicate':
      return { start: record.start + 1, end: record.start + 1, text: '"eventName":"GetObject",' };
    default: {
      // An earlier edit may have broken the record: then just type.
      const region = record.fields.get('awsRegion');
      return region ? { start: region.start, end: region.end, text: '"Oregon"' } : { start: offset, end: offset, text: 'x' };
    }
  }
}

describe('incremental parse', () => {
  test('an edit inside a record gives the same parse and problems as reading the whole file', () => {
    let incremental = 0;
    fc.assert(
      fc.property(editArbitrary, (e) => {
        const text = LOGS[e.log]!;
        const change = makeEdit(parseLog(text), e);
        const next = apply(text, change);
        const result = reparseAfterEdit(parseLog(text), next, change);
        const whole = parseLog(next);
        if (!result) {
          // Only when the record no longer reads cleanly on its own.
          assert.ok(whole.syntax.length > 0 || whole.records.length !== parseLog(text).records.length, 'fell back without need');
          return;
        }
        incremental++;
        assert.deepEqual(snapshot(result.parsed), snapshot(whole));
        assert.deepEqual(collectProblems(result.parsed), collectProblems(whole));
      }),
      { numRuns: 300 },
    );
    assert.ok(incremental > 150, `${incremental} of 300 edits were read incrementally`);
  });

  test("the document cache reuses the other records' problems and summaries and matches a whole check", () => {
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 4 }), (edits) => {
        const cache = new DocumentCache();
        const text = LOGS[edits[0]!.log]!;
        let document = TextDocument.create('file:///t.json', 'cloudtrail', 1, text);
        void cache.get(document).allProblems;
        void cache.get(document).summaries;
        // Several edits in a row, inside one record, before the next check (typing faster than the pause).
        const first = edits[0]!;
        for (const e of edits) {
          const current = document.getText();
          const change = makeEdit(parseLog(current), { ...e, record: first.record });
          cache.noteEdit(document, document.version + 1, change);
          document = TextDocument.update(
            document,
            [{ range: { start: document.positionAt(change.start), end: document.positionAt(change.end) }, text: change.text }],
            document.version + 1,
          );
        }
        const analysis = cache.get(document);
        const whole = parseLog(document.getText());
        assert.deepEqual(snapshot(analysis.parsed), snapshot(whole));
        assert.deepEqual(analysis.allProblems, collectProblems(whole));
        assert.deepEqual(analysis.summaries, summarize(whole, document.getText()));
      }),
      { numRuns: 150 },
    );
  });

  test("the problems of the records after an edited one move with them, by the edit's change in length", () => {
    const text = LOGS[2]!;
    const before = LogAnalysis.of(1, text);
    const old = before.allProblems;
    // Record 3's eventName made five characters longer: a value typed into, as a user does.
    const name = before.parsed.records[3]!.fields.get('eventName')!;
    const change = { start: name.end - 1, end: name.end - 1, text: 'Extra' };
    const next = before.next(2, apply(text, change), change);
    const whole = collectProblems(parseLog(apply(text, change)));
    assert.deepEqual(next.allProblems, whole);
    const fourth = before.parsed.records[4]!;
    const was = old.find((p) => p.start >= fourth.start && p.start < fourth.end)!;
    assert.ok(was, 'record 4 has a problem');
    assert.ok(
      next.allProblems.some((p) => p.message === was.message && p.start === was.start + 5 && p.end === was.end + 5),
      "record 4's problem is five characters on",
    );
  });

  test('an edit leaves the parse before it as it was: each version still describes its own text', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(editArbitrary, fc.array(fc.nat(), { maxLength: 3 })), { minLength: 1, maxLength: 5 }),
        (tolerant, steps) => {
          let text = tolerant ? TOLERANT : LOGS[steps[0]![0].log]!;
          let parsed = parseLog(text);
          const versions = [{ text, parsed }];
          for (const [e, touched] of steps) {
            // Some records' offsets asked for along the way, in this version or an older one: built lazily, they must
            // read the right text whichever version asks first.
            for (const n of touched) {
              const v = versions[n % versions.length]!;
              void v.parsed.records[n % v.parsed.records.length]?.fields;
            }
            const change = makeEdit(parsed, e);
            text = apply(text, change);
            parsed = reparseAfterEdit(parsed, text, change)?.parsed ?? parseLog(text);
            versions.push({ text, parsed });
          }
          for (const v of versions) {
            const whole = parseLog(v.text);
            assert.deepEqual(snapshot(v.parsed), snapshot(whole));
            assert.deepEqual(collectProblems(v.parsed), collectProblems(whole));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('the records before an edit are shared, their offsets asked for once', () => {
    for (const text of [LOGS[1]!, TOLERANT]) {
      const old = parseLog(text);
      const [first, second] = old.records;
      const firstFields = first!.fields;
      const change = { start: second!.start + 10, end: second!.start + 10, text: 'x' };
      const edited = reparseAfterEdit(old, apply(text, change), change)!;
      assert.equal(edited.index, 1);
      assert.equal(edited.parsed.records[0], first);
      assert.equal(edited.parsed.records[0]!.fields, firstFields);
      assert.notEqual(edited.parsed.records[2], old.records[2]);
      assert.equal(edited.parsed.records[2]!.start, old.records[2]!.start + 1);
    }
  });

  test('edits between records, on braces, or in a broken file are read whole', () => {
    const text = LOGS[0]!;
    const parsed = parseLog(text);
    const second = parsed.records[1]!;
    assert.equal(
      reparseAfterEdit(parsed, apply(text, { start: second.start, end: second.start, text: ' ' }), {
        start: second.start,
        end: second.start,
        text: ' ',
      }),
      undefined,
    );
    const broken = parseLog(text.replace('},{', '}{'));
    assert.equal(reparseAfterEdit(broken, text, { start: 100, end: 100, text: '' }), undefined);
  });

  test('merged edits describe the span they replaced', () => {
    const original = 'abcdefghij';
    const edits: TextChange[] = [
      { start: 2, end: 3, text: 'XY' },
      { start: 8, end: 9, text: '' },
      { start: 0, end: 1, text: 'Z' },
    ];
    let text = original;
    let region;
    for (const e of edits) {
      text = apply(text, e);
      region = mergeEdit(region, e);
    }
    assert.equal(original.slice(0, region!.start) + text.slice(region!.start, region!.newEnd) + original.slice(region!.oldEnd), text);
  });
});
