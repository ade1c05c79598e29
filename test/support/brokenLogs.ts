/**
 * Realistic logs broken in each way that has a certain fix, with the value the repaired log must hold.
 * Keyed by problem code: the fix-all tests check these keys against the README and the parser.
 */
import type { ProblemCode } from '../../server/src/cloudtrail/problems';
import { type CloudTrailRecord, generateRecords } from './generateLog';

export interface FixCase {
  readonly name: string;
  /** Breaks one record's text (pretty-printed, two-space indent) when the fault sits inside a record. */
  readonly breakRecord?: (record: string) => string;
  /** Otherwise: the broken log, and the value fix all must give back. */
  readonly broken?: () => string;
  readonly expected?: unknown;
}

const RECORDS: readonly CloudTrailRecord[] = generateRecords(52, 12);

/** A pretty-printed log of record texts (which may be broken), as CloudTrail's files look when formatted. */
function logOfTexts(texts: readonly string[], separator = ',\n'): string {
  return `{\n  "Records": [\n${texts.join(separator)}\n  ]\n}\n`;
}

const recordText = (record: CloudTrailRecord): string => JSON.stringify(record, null, 2);

/** `text` with `find` replaced once; a case whose target is missing must fail loudly, not test nothing. */
function replaceOnce(text: string, find: string | RegExp, replacement: string): string {
  const changed = text.replace(find, replacement);
  if (changed === text) throw new Error(`${String(find)} is not in the text`);
  return changed;
}

/** The first `count` records, minified, cut off after the last one's closing brace. */
function cutAfter(count: number, withComma: boolean): string {
  const kept = JSON.stringify({ Records: RECORDS.slice(0, count) });
  return kept.slice(0, -']}'.length) + (withComma ? ',' : '');
}

const whole = { Records: RECORDS };

export const FIX_CASES: Readonly<Partial<Record<ProblemCode, readonly FixCase[]>>> = {
  'missing-comma': [
    { name: 'between properties', breakRecord: (r) => replaceOnce(r, /("eventName": "[^"]*"),/, '$1') },
    { name: 'between records', broken: () => logOfTexts(RECORDS.map(recordText), '\n'), expected: whole },
  ],
  'trailing-comma': [
    { name: 'after the last property', breakRecord: (r) => replaceOnce(r, /\n\}$/, ',\n}') },
    {
      name: 'after the last record',
      broken: () => replaceOnce(logOfTexts(RECORDS.map(recordText)), /\}\n {2}\]/, '},\n  ]'),
      expected: whole,
    },
  ],
  'extra-comma': [{ name: 'two commas between properties', breakRecord: (r) => replaceOnce(r, ',\n  "eventTime"', ',,\n  "eventTime"') }],
  'missing-colon': [{ name: 'after a property name', breakRecord: (r) => replaceOnce(r, '"awsRegion": ', '"awsRegion" ') }],
  'property-name-expected': [{ name: 'a bare property name', breakRecord: (r) => replaceOnce(r, '"eventSource":', 'eventSource:') }],
  'invalid-symbol': [{ name: 'a doubled colon', breakRecord: (r) => replaceOnce(r, '"eventID": ', '"eventID":: ') }],
  comment: [
    { name: 'a line comment', breakRecord: (r) => replaceOnce(r, '\n  "eventName"', '\n  // the call\n  "eventName"') },
    { name: 'a block comment', breakRecord: (r) => replaceOnce(r, '"readOnly": ', '"readOnly": /* as logged */ ') },
  ],
  'unexpected-end': [
    { name: 'cut off after a record', broken: () => cutAfter(5, false), expected: { Records: RECORDS.slice(0, 5) } },
    { name: 'cut off after the comma after a record', broken: () => cutAfter(5, true), expected: { Records: RECORDS.slice(0, 5) } },
  ],
};

/** Every case as a broken log and its expected value (record cases break the third record of the log). */
export function fixCases(): { code: ProblemCode; name: string; broken: string; expected: unknown }[] {
  return (Object.entries(FIX_CASES) as [ProblemCode, readonly FixCase[]][]).flatMap(([code, cases]) =>
    cases.map((c) => {
      if (!c.breakRecord) return { code, name: c.name, broken: c.broken!(), expected: c.expected };
      const texts = RECORDS.map((r, i) => (i === 2 ? c.breakRecord!(recordText(r)) : recordText(r)));
      return { code, name: c.name, broken: logOfTexts(texts), expected: whole };
    }),
  );
}

/**
 * One log with every record fault at once, each in its own record, two records run together without a
 * comma, and the file cut off after the last record: what one fix all must repair.
 */
export function everyFaultAtOnce(): { broken: string; expected: unknown } {
  const breakers = Object.values(FIX_CASES)
    .flat()
    .flatMap((c) => (c.breakRecord ? [c.breakRecord] : []));
  // The last two records stay whole: they are the ones run together.
  if (breakers.length > RECORDS.length - 2) throw new Error('more record faults than records');
  const texts = RECORDS.map((r, i) => (breakers[i] ? breakers[i](recordText(r)) : recordText(r)));
  const joined = texts.slice(0, -1).join(',\n') + '\n' + texts[texts.length - 1];
  return { broken: `{\n  "Records": [\n${joined}`, expected: whole };
}
