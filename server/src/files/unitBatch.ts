/**
 * A batch of record units as it crosses to a reading thread: their texts, and their numbers in one array
 * that is moved rather than copied, instead of a thousand objects for the structured clone to walk.
 */
import type { Unit } from './unitSplitter';

/** Numbers kept of each unit, in this order. */
const FIELDS = 10;
const TOP = 1;
const FIRST = 2;
const CLOSED = 4;
const CUT_OFF = 8;

export interface PackedUnits {
  readonly texts: string[];
  readonly numbers: Float64Array;
}

export function packUnits(units: readonly Unit[]): PackedUnits {
  const n = new Float64Array(units.length * FIELDS);
  const texts: string[] = [];
  for (let i = 0, o = 0; i < units.length; i++, o += FIELDS) {
    const u = units[i]!;
    texts.push(u.text);
    n[o + 1] = u.start;
    n[o + 2] = u.from.line;
    n[o + 3] = u.from.character;
    n[o + 4] = u.byteStart;
    n[o + 5] = u.byteEnd;
    n[o + 6] = (u.top ? TOP : 0) | (u.first ? FIRST : 0) | (u.closed ? CLOSED : 0) | (u.cutOff ? CUT_OFF : 0);
    n[o + 7] = u.colons;
    n[o + 8] = u.ordinal;
  }
  return { texts, numbers: n };
}

export function unpackUnits(packed: PackedUnits): Unit[] {
  const { texts, numbers: n } = packed;
  const units: Unit[] = [];
  for (let i = 0, o = 0; o < n.length; i++, o += FIELDS) {
    const flags = n[o + 6]!;
    units.push({
      text: texts[i]!,
      start: n[o + 1]!,
      from: { line: n[o + 2]!, character: n[o + 3]! },
      byteStart: n[o + 4]!,
      byteEnd: n[o + 5]!,
      top: (flags & TOP) !== 0,
      first: (flags & FIRST) !== 0,
      closed: (flags & CLOSED) !== 0,
      cutOff: (flags & CUT_OFF) !== 0,
      colons: n[o + 7]!,
      ordinal: n[o + 8]!,
    });
  }
  return units;
}
