/**
 * Where a record's top-level string field sits, found in its text without building the record's whole offset
 * index (the tolerant parser over the record costs far more): the value after the last `"key"` whose value is
 * the one the record holds. A key inside a string is escaped (`\"key\"`), so never matches.
 */
import type { RecordInfo } from './parsedLog';

/**
 * The span of `record`'s field `key`, whose value is `value`, in offsets of the parse the record is from; `text`
 * holds the record and starts at offset `at` of that parse. Falls back to the offset index when not found.
 */
export function lazyFieldSpan(
  record: RecordInfo,
  key: string,
  value: string,
  text: string,
  at: number,
): { start: number; end: number } | undefined {
  // A delivered log's minified record: the value as it is written, found without a regular expression.
  const literal = JSON.stringify(value);
  const quotedKey = `"${key}"`;
  const written = text.lastIndexOf(`${quotedKey}:${literal}`, record.end - at);
  if (written >= record.start - at && written >= 0) {
    const start = at + written + quotedKey.length + 1;
    return { start, end: start + literal.length };
  }
  const pattern = new RegExp(`^${quotedKey}[ \\t\\r\\n]*:[ \\t\\r\\n]*("(?:[^"\\\\]|\\\\.)*")`);
  let found = text.lastIndexOf(quotedKey, record.end - at);
  while (found >= 0 && found >= record.start - at) {
    const match = pattern.exec(text.slice(found, found + 256 + value.length * 6));
    if (match && decodes(match[1]!, value)) {
      const start = found + match[0].length - match[1]!.length;
      return { start: at + start, end: at + start + match[1]!.length };
    }
    found = text.lastIndexOf(quotedKey, found - 1);
  }
  return record.fields.get(key);
}

function decodes(literal: string, value: string): boolean {
  try {
    return JSON.parse(literal) === value;
  } catch {
    return false;
  }
}
