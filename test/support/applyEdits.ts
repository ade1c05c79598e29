/** Applying offset edits to a text, as an editor applies a fix's or a completion's edits. */
import type { OffsetEdit } from '../../server/src/cloudtrail/problems';

/** Applies non-overlapping offset edits to a text. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}
