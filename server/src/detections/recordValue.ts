/**
 * A record as the rules see it: its whole JSON value. The fast path keeps it; any other record is read
 * from its text (or, for lookup-events and CloudWatch exports, from its decoded string). A record broken
 * beyond JSON.parse is rebuilt from the fields the tolerant parser found, so a cut-off record still meets
 * the rules on what it holds. A record with a key twice is read keeping the first value, as the view shows
 * it (JSON.parse would keep the last): only such records, which the parser marks, cost the slower reading.
 */
import { plainValue, readJson } from '../export/jsonTree';
import type { FieldValue, RecordInfo } from '../parse/parsedLog';

export function recordValue(record: RecordInfo, text: string): unknown {
  if (record.data !== undefined) return record.data;
  const json = record.embedding ? record.embedding.decoded.text : text.slice(record.start, record.end);
  if (record.closed && record.repeatsKeys) {
    const tree = readJson(json);
    if (tree) return plainValue(tree);
  } else if (record.closed) {
    try {
      return JSON.parse(json);
    } catch {
      // A fault inside the record: what the tolerant parser read of it below.
    }
  }
  return fromFields(record.fields);
}

/** An object of the scalar fields the index holds, nested by their dotted paths. */
function fromFields(fields: ReadonlyMap<string, FieldValue>): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [path, field] of fields) {
    if (!('value' in field)) continue;
    const keys = path.split('.');
    let at = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const next = at[keys[i]!];
      if (next !== null && typeof next === 'object') {
        at = next as Record<string, unknown>;
      } else {
        const made = Object.create(null) as Record<string, unknown>;
        at[keys[i]!] = made;
        at = made;
      }
    }
    at[keys[keys.length - 1]!] = field.value;
  }
  return root;
}
