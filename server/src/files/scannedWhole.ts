/**
 * A folder's delivered log read whole through the WebAssembly scanner, on a reading thread: the block scanner
 * finds the records in the file's bytes, each record's tape checks it and lays out its values, and the summary,
 * the values `resource:` reads and the rules take only the values they need, decoded from the bytes. The file is
 * never decoded into one string.
 *
 * Only the shape CloudTrail delivers, exactly: `{"Records":[…]}` with nothing else between the records than
 * commas and white space, every record clean by its tape. Anything else (a fault anywhere, a key twice, another
 * shape, bytes that are not UTF-8) answers undefined and is read the old way, whose answers these are.
 */
import { isSpace } from '../../../common/prettyPrint';
import { isRecordLike } from '../features/validate';
import type { RuleSet } from '../detections/ruleSet';
import { ByteScanner, type ScannedUnit } from '../scan/byteScanner';
import { forgetLastRecord, RecordTaper } from '../scan/recordTape';
import { scannerModule } from '../scan/scannerModule';
import { RowWriter } from './recordColumns';
import { RowDetector } from './rowDetections';
import { TapedRecord } from './tapedRecord';
import type { ParsedUnits } from './unitParse';

/** Reads a whole file's bytes (a byte-order mark included) as its records' rows, or undefined for the old way to read it. */
export function readScannedWhole(bytes: Buffer, rules?: RuleSet): ParsedUnits | undefined {
  try {
    return readRecords(bytes, rules);
  } finally {
    forgetLastRecord();
  }
}

function readRecords(bytes: Buffer, rules?: RuleSet): ParsedUnits | undefined {
  const taping = RecordTaper.forThread();
  const units = taping && scanUnits(bytes);
  if (!taping || !units) return undefined;
  const writer = new RowWriter();
  const detector = rules && !rules.empty ? new RowDetector(rules, false) : undefined;
  let recordLike = 0;
  for (let i = 0; i < units.length;) {
    const tapes = taping.tapeBatch(bytes, units, i);
    if (tapes.length === 0) return undefined;
    for (const tape of tapes) {
      if (typeof tape === 'number') return undefined;
      const u = units[i]!;
      const record = new TapedRecord(i, u.start, u.end, tape);
      if (isRecordLike(record)) recordLike++;
      const span = { start: u.start, end: u.end, from: u.from, to: u.to };
      writer.add(record.summary(), span, [u.byteStart, u.byteEnd], undefined, 0);
      // The file's records are not placed for findings (a folder's files show none): no text is needed.
      detector?.add(i, record, '', () => span);
      i++;
    }
  }
  const detected = detector?.finish();
  return { rows: writer.finish(), problems: [], recordLike, syntaxErrors: 0, ...(detected ? { detected } : {}) };
}

/** The file's records when it is a delivered log with nothing but commas and white space between them; else undefined. */
function scanUnits(bytes: Buffer): ScannedUnit[] | undefined {
  const units: ScannedUnit[] = [];
  const scanner = ByteScanner.create((unit) => units.push(unit), scannerModule(), false);
  if (!(scanner instanceof ByteScanner)) return undefined;
  scanner.write(bytes);
  scanner.end();
  if (scanner.needsJsReader || scanner.wrapper !== 'Records' || scanner.arrayRoot || units.length === 0) return undefined;
  if (units.some((u) => !u.closed || u.cutOff || u.top)) return undefined;
  return onlyCommasBetween(bytes, units) ? units : undefined;
}

/** Whether the bytes around and between the records are exactly `{"Records":[`, commas, `]}` and white space. */
function onlyCommasBetween(bytes: Buffer, units: readonly ScannedUnit[]): boolean {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = bytes.toString('latin1', bom, units[0]!.byteStart);
  if (head.replace(/[ \t\r\n]/g, '') !== '{"Records":[' || !head.includes('"Records"')) return false;
  for (let i = 1; i < units.length; i++) if (!gapIs(bytes, units[i - 1]!.byteEnd, units[i]!.byteStart, 0x2c)) return false;
  const tail = bytes.toString('latin1', units[units.length - 1]!.byteEnd).replace(/[ \t\r\n]/g, '');
  return tail === ']}';
}

/** Whether the bytes from `from` to `to` are white space around one `separator`. */
function gapIs(bytes: Buffer, from: number, to: number, separator: number): boolean {
  let seen = false;
  for (let at = from; at < to; at++) {
    const b = bytes[at]!;
    if (b === separator && !seen) seen = true;
    else if (!isSpace(b)) return false;
  }
  return seen;
}
