/** Reads a log of any shape: the fast path for a clean delivered log, the tolerant parser for everything else. */
import type { ScannerModule } from '../scan/scannerModule';
import { embeddedRecords } from './embedded';
import { parseCleanLog } from './fastParse';
import { type FieldValue, movedFields, type ParsedLog } from './parsedLog';
import { copyText } from './textCopy';
import { parseTolerant } from './tolerantParser';

/**
 * Reads a log: the fast path for a clean delivered log, the tolerant one for everything else. `scanner`:
 * the WebAssembly scanner's module (this thread's unless a test gives another).
 */
export function parseLog(text: string, scanner?: ScannerModule): ParsedLog {
  const clean = parseCleanLog(text, indexRecord, scanner);
  if (clean) return clean;
  const parsed = parseTolerant(text);
  return embeddedRecords(text, parsed) ?? parsed;
}

/** The offset index of the record between `start` and `end`, read by the tolerant parser from a copy (see textCopy.ts). */
function indexRecord(text: string, start: number, end: number): Map<string, FieldValue> {
  const fields = parseTolerant(copyText(text, start, end)).root?.fields;
  return fields ? movedFields(fields, start) : new Map<string, FieldValue>();
}
