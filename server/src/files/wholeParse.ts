/**
 * A log small enough to read whole (a delivered file of a folder, a file that is one record or a digest):
 * parsed and checked exactly as an open document of the same text, its records turned into rows with their
 * places and byte offsets. Runs on a reading thread.
 */
import { summarizeRecord } from '../features/recordSummary';
import { collectProblems, isRecordLike } from '../features/validate';
import { parseLog } from '../parse/parseLog';
import type { RuleSet } from '../detections/ruleSet';
import { RowWriter } from './recordColumns';
import { RowDetector } from './rowDetections';
import { PieceLines } from './textPoint';
import type { ParsedUnits, PlacedProblem } from './unitParse';

export type ParsedWhole = ParsedUnits;

/** Byte offsets of increasing character offsets of `text`. */
function byteCounter(text: string, startByte: number): (offset: number) => number {
  if (Buffer.byteLength(text) === text.length) return (offset) => startByte + offset;
  let at = 0;
  let bytes = startByte;
  return (offset) => {
    // Offsets come in increasing order, but a record's end comes before the next record's start.
    if (offset < at) return startByte + Buffer.byteLength(text.slice(0, offset));
    bytes += Buffer.byteLength(text.slice(at, offset));
    at = offset;
    return bytes;
  };
}

/** Reads `text`, the whole of a file (after `startByte` bytes of byte-order mark); checks it when `validate`, asks `rules` of each record. */
export function parseWhole(text: string, validate: boolean, startByte = 0, rules?: RuleSet): ParsedWhole {
  const parsed = parseLog(text);
  const lines = new PieceLines(text, { line: 0, character: 0 });
  const byteAt = byteCounter(text, startByte);
  const place = (start: number, end: number) => ({ start, end, from: lines.pointAt(start), to: lines.pointAt(end) });
  const writer = new RowWriter();
  const detector = rules && !rules.empty ? new RowDetector(rules, validate) : undefined;
  let recordLike = 0;
  for (const record of parsed.records) {
    if (isRecordLike(record)) recordLike++;
    writer.add(summarizeRecord(record, text), place(record.start, record.end), [byteAt(record.start), byteAt(record.end)], undefined, 0);
    detector?.add(record.index, record, text, place);
  }
  const problems: PlacedProblem[] = [];
  if (validate) {
    for (const p of collectProblems(parsed)) problems.push({ code: p.code, message: p.message, ...place(p.start, p.end) });
  }
  // Read whole, the file's problems, JSON Lines and all, are the document's own: no unit is left to judge.
  const detected = detector?.finish();
  return { rows: writer.finish(), problems, recordLike, syntaxErrors: parsed.syntax.length, ...(detected ? { detected } : {}) };
}
