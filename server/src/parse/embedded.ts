/**
 * Records carried as JSON strings inside another JSON document: `aws cloudtrail lookup-events` output
 * ({"Events":[{…,"CloudTrailEvent":"{\"eventVersion\":…}"}]}) and CloudWatch Logs exports
 * ({"events":[{…,"message":"{…}"}]}). Each string is decoded and read as a record; every offset is
 * mapped back into the string, so problems, hovers and the events view point at the right characters.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Decoded, FieldValue, ParsedLog, RecordInfo } from './parsedLog';
import type { Problem } from '../cloudtrail/problems';
import { parseTolerant } from './tolerantParser';
import { unlessTooDeep } from './tooDeep';

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Decodes the JSON string literal at [start, end) of `source` (quotes included); undefined if it is malformed. */
export function decodeString(source: string, start: number, end: number): Decoded | undefined {
  if (source[start] !== '"' || source[end - 1] !== '"' || end - start < 2) return undefined;
  let text = '';
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      offsets.push(i);
      text += c;
      continue;
    }
    const e = source[i + 1];
    if (e === 'u') {
      const hex = source.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      offsets.push(i);
      text += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else if (e !== undefined && ESCAPES[e] !== undefined) {
      offsets.push(i);
      text += ESCAPES[e];
      i += 1;
    } else {
      return undefined;
    }
  }
  offsets.push(end - 1);
  return { text, offsets: Int32Array.from(offsets) };
}

/** The decoded offset of a document offset inside the string (the character at or after it). */
export function toDecoded(decoded: Decoded, offset: number): number {
  const o = decoded.offsets;
  let lo = 0;
  let hi = o.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (o[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which documents carry records in strings: the array's property, and each element's property. */
const CARRIERS: readonly { readonly array: string; readonly item: string }[] = [
  { array: 'Events', item: 'CloudTrailEvent' },
  { array: 'events', item: 'message' },
];

/** The log made of the records inside `parsed`'s strings, or undefined when it carries none. */
export function embeddedRecords(text: string, parsed: ParsedLog): ParsedLog | undefined {
  const rootFields = parsed.root?.fields;
  const carrier = CARRIERS.find((c) => rootFields?.get(c.array)?.kind === 'array');
  if (!carrier || parsed.shape !== 'other') return undefined;
  const root = unlessTooDeep(() => parseTree(text));
  const items = (root && findNodeAtLocation(root, [carrier.array])?.children) ?? [];
  const records: RecordInfo[] = [];
  const syntax: Problem[] = [...parsed.syntax];
  const duplicateKeys = [...parsed.duplicateKeys];
  for (const item of items) {
    const node = findNodeAtLocation(item, [carrier.item]);
    if (node?.type !== 'string') continue;
    const decoded = decodeString(text, node.offset, node.offset + node.length);
    if (!decoded) continue;
    const inner = parseTolerant(decoded.text);
    const record = inner.root;
    if (!record || (carrier.item === 'message' && !record.fields.has('eventName'))) continue;
    const at = (offset: number) => decoded.offsets[Math.min(offset, decoded.text.length)]!;
    const fields = new Map<string, FieldValue>();
    for (const [path, f] of record.fields) {
      fields.set(path, { ...f, keyStart: at(f.keyStart), keyEnd: at(f.keyEnd), start: at(f.start), end: at(f.end) });
    }
    records.push({
      index: records.length,
      start: node.offset,
      end: node.offset + node.length,
      closed: record.closed,
      fields,
      embedding: { decoded },
      ...(record.repeatsKeys ? { repeatsKeys: true } : {}),
    });
    // The string's own JSON errors, at their place inside it; no fix, since a fix would have to be escaped.
    for (const p of inner.syntax)
      syntax.push({
        code: p.code,
        message: `In ${carrier.item}: ${p.message}`,
        start: at(p.start),
        end: Math.max(at(p.end), at(p.start) + 1),
      });
    for (const d of inner.duplicateKeys) duplicateKeys.push({ key: d.key, start: at(d.start), end: at(d.end) });
  }
  if (records.length === 0) return undefined;
  return { ...parsed, shape: 'embedded', records, syntax, duplicateKeys };
}
