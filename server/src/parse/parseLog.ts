/** Reads a log of any shape: the fast path for a clean delivered log, the tolerant parser for everything else. */
import { embeddedRecords } from './embedded';
import { parseCleanLog } from './fastParse';
import { type FieldValue, type ParsedLog, shiftField } from './parsedLog';
import { parseTolerant } from './tolerantParser';

/** Reads a log: the fast path for a clean delivered log, the tolerant one for everything else. */
export function parseLog(text: string): ParsedLog {
  const clean = parseCleanLog(text, indexRecord);
  if (clean) return clean;
  const parsed = parseTolerant(text);
  return embeddedRecords(text, parsed) ?? parsed;
}

/** The offset index of the record between `start` and `end`, read by the tolerant parser. */
function indexRecord(text: string, start: number, end: number): Map<string, FieldValue> {
  const fields = parseTolerant(text.slice(start, end)).root?.fields ?? new Map<string, FieldValue>();
  for (const field of fields.values()) shiftField(field, start);
  return fields;
}
