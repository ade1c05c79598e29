/** cloudtrail.problems.ignore as plain logic: which entries it takes, what a log then shows, and what a disk read keeps. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewMessage } from '../../client/src/eventsView/viewText';
import type { ProblemCode } from '../../server/src/cloudtrail/problems';
import { syntaxErrorsOf } from '../../server/src/features/eventGroups';
import { readIgnoredCodes, shownProblems, unknownCodesNote } from '../../server/src/features/ignoredProblems';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { collectProblems } from '../../server/src/features/validate';
import { ProblemList } from '../../server/src/files/problemList';
import type { PlacedProblem } from '../../server/src/files/unitParse';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord, logOf } from '../support/cleanRecord';

/** Records with placeholder regions, then one whose eventID is no UUID. */
function placeholderLog(regions: number): string {
  const records = Array.from({ length: regions }, (_, i) =>
    cleanRecord({ awsRegion: 'REGION_PLACEHOLDER', eventID: `cdc4b7ed-e171-4cef-975a-${String(i).padStart(12, '0')}` }),
  );
  return logOf(...records, cleanRecord({ eventID: 'not-a-uuid' }));
}

const ignoring = (...codes: unknown[]) => readIgnoredCodes(codes).codes;

test('the setting takes problem codes; anything else is named as left out, never taken', () => {
  const { codes, unknown } = readIgnoredCodes([
    'invalid-region',
    'invalid-regoin',
    'aws_cloudtrail_stop_logging',
    '__proto__',
    'toString',
    7,
    null,
  ]);
  assert.deepEqual([...codes], ['invalid-region']);
  assert.deepEqual(unknown, ['invalid-regoin', 'aws_cloudtrail_stop_logging', '__proto__', 'toString', 'number', 'object']);
  // The notes on what is not shown cannot be hidden: nothing is hidden without a word.
  assert.deepEqual(readIgnoredCodes(['problems-hidden', 'too-many-problems']), {
    codes: new Set(),
    unknown: ['problems-hidden', 'too-many-problems'],
  });
  assert.deepEqual(readIgnoredCodes(undefined), { codes: new Set(), unknown: [] });
  assert.deepEqual(readIgnoredCodes('invalid-region').unknown, ['string']);
  const note = unknownCodesNote(Array.from({ length: 14 }, (_, i) => `x${i}`));
  assert.match(note, /"x9" and 4 more are not a problem code/);
  assert.doesNotMatch(note, /x10/);
});

test('an open log hides the ignored codes, notes how many at the top, and the limit counts only the others', () => {
  const all = collectProblems(parseLog(placeholderLog(40)));
  assert.equal(all.filter((p) => p.code === 'invalid-region').length, 40);
  const shown = shownProblems(all, 1, ignoring('invalid-region'));
  assert.deepEqual(
    shown.map((p) => [p.code, p.start]),
    [
      ['problems-hidden', 0],
      ['invalid-event-id', shown[1]!.start],
    ],
  );
  assert.equal(shown[0]!.message, '40 problems hidden by cloudtrail.problems.ignore (invalid-region: 40)');
  // Nothing ignored: as before, the limit and its note.
  assert.deepEqual(
    shownProblems(all, 1, ignoring()).map((p) => p.code),
    ['invalid-region', 'too-many-problems'],
  );
  // An analysis asked again with other codes answers for them, not from what it kept.
  const analysis = LogAnalysis.of(1, placeholderLog(3));
  assert.equal(analysis.problems(500, ignoring('invalid-region')).length, 2);
  assert.equal(analysis.problems(500, ignoring('invalid-event-id')).length, 4);
});

test("ignored JSON errors leave the view's count of errors", () => {
  const parsed = parseLog('{"Records":[{"a":1,},{"b":2,}] /* note */}');
  assert.equal(syntaxErrorsOf(parsed)?.count, 3);
  assert.equal(syntaxErrorsOf(parsed, ignoring('trailing-comma'))?.count, 1);
  assert.equal(syntaxErrorsOf(parsed, ignoring('trailing-comma', 'comment')), undefined);
});

const ORIGIN = { line: 0, character: 0 };
const placed = (code: ProblemCode, start: number): PlacedProblem => ({ code, message: code, start, end: start, from: ORIGIN, to: ORIGIN });

test('a log read from disk keeps the first of each code, so the codes not ignored still fill the limit', () => {
  // Keeping ten a code: the event-id warnings come after more region warnings than that.
  const list = new ProblemList(10);
  for (let i = 0; i < 50; i++) list.add(placed('invalid-region', i));
  for (let i = 50; i < 53; i++) list.add(placed('invalid-event-id', i));
  list.add(placed('trailing-comma', 60));
  const ignore = ignoring('invalid-region', 'trailing-comma');
  assert.deepEqual(
    list.limited(500, ignore).map((p) => [p.code, p.start]),
    [
      ['problems-hidden', 0],
      ['invalid-event-id', 50],
      ['invalid-event-id', 51],
      ['invalid-event-id', 52],
    ],
  );
  assert.equal(
    list.limited(500, ignore)[0]!.message,
    '51 problems hidden by cloudtrail.problems.ignore (invalid-region: 50, trailing-comma: 1)',
  );
  assert.deepEqual(
    [...list.hidden(ignore)],
    [
      ['invalid-region', 50],
      ['trailing-comma', 1],
    ],
  );
  assert.equal(list.syntaxErrors(ignore), undefined);
  assert.equal(list.syntaxErrors()?.count, 1);
  // Nothing ignored: errors first, then the first warnings, and the note on the rest.
  const all = list.limited(3);
  assert.deepEqual(
    all.map((p) => p.code),
    ['trailing-comma', 'invalid-region', 'invalid-region', 'too-many-problems'],
  );
  assert.match(all[3]!.message, /^51 more problems/);
});

test("the events view's message says how many problems were hidden", () => {
  const message = '3 problems hidden by cloudtrail.problems.ignore (invalid-region: 3)';
  const result = { version: 1, groups: [], total: 3, shown: 3, hiddenProblems: { count: 3, message } };
  assert.equal(viewMessage({ kind: 'document' }, result, undefined), `${message}.`);
});
