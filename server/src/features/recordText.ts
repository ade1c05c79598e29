/**
 * One record's own JSON text, for opening it on its own: what the log holds from its opening to its closing
 * brace, or, for a record carried in a JSON string (lookup-events output, CloudWatch Logs exports), the string's
 * decoded text. The caller lays it out (common/prettyPrint.ts); nothing here changes a character.
 */
import type { ParsedLog, RecordInfo } from '../parse/parsedLog';

/** The record a summary's index names (records are kept in file order, so this is nearly always direct). */
function recordByIndex(parsed: ParsedLog, index: number): RecordInfo | undefined {
  const direct = parsed.records[index];
  return direct?.index === index ? direct : parsed.records.find((r) => r.index === index);
}

export function recordJson(text: string, parsed: ParsedLog, index: number): string | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  const record = recordByIndex(parsed, index);
  if (!record) return undefined;
  return record.embedding ? record.embedding.decoded.text : text.slice(record.start, record.end);
}

/** A record's text as read back from a file: a record carried in a JSON string (lookup-events, CloudWatch) comes back decoded. */
export function unquotedRecord(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  try {
    const decoded: unknown = JSON.parse(raw);
    return typeof decoded === 'string' ? decoded : raw;
  } catch {
    return raw;
  }
}
