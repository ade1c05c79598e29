/**
 * The WebAssembly scanner beside the reference, files/unitSplitter.ts: both read the same bytes (the
 * splitter their text, decoded as LogSource decodes it, a byte-order mark taken off), and what each finds
 * is put in one form to compare: every unit's offsets, places and flags, and the file's shape.
 */
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { PieceLines } from '../../server/src/files/textPoint';
import { type Unit, UnitSplitter } from '../../server/src/files/unitSplitter';
import { ByteScanner, MEMBER_FIELDS, type ScannedUnit } from '../../server/src/scan/byteScanner';
import { UnitChars } from '../../server/src/scan/unitChars';

export interface Found {
  readonly units: object[];
  readonly file: object;
}

/** What the splitter finds in `bytes`, and its units (for their texts). */
export function splitterFinds(bytes: Uint8Array): Found & { readonly raw: Unit[] } {
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const raw: Unit[] = [];
  const splitter = new UnitSplitter({ unit: (u) => raw.push(u) });
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    splitter.startByte = 3;
  }
  splitter.write(text);
  const end = splitter.end();
  const units = raw.map((u) => ({
    byteStart: u.byteStart,
    byteEnd: u.byteEnd,
    start: u.start,
    end: u.start + u.text.length,
    from: u.from,
    to: new PieceLines(u.text, u.from).pointAt(u.text.length),
    flags: [u.top, u.first, u.closed, u.cutOff],
    colons: u.colons,
    ordinal: u.ordinal,
  }));
  const file = {
    wrapper: splitter.wrapper,
    arrayRoot: splitter.arrayRoot,
    sawContent: splitter.sawContent,
    length: end.length,
    to: end.to,
  };
  return { units, file, raw };
}

/** What the scanner finds in `bytes` fed in pieces of `sizes` bytes (taken in turn), or why it leaves them to the JavaScript reader. */
export function scannerFinds(
  bytes: Uint8Array,
  sizes: readonly number[],
): Found & { readonly raw: ScannedUnit[]; readonly needs?: string } {
  const raw: ScannedUnit[] = [];
  const scanner = ByteScanner.create((u) => raw.push(u));
  if (!(scanner instanceof ByteScanner)) throw new Error(`no scanner: ${scanner.reason}`);
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    scanner.write(bytes.subarray(at, at + size));
    at += size;
  }
  const end = scanner.end();
  const units = raw.map((u) => ({
    byteStart: u.byteStart,
    byteEnd: u.byteEnd,
    start: u.start,
    end: u.end,
    from: u.from,
    to: u.to,
    flags: [u.top, u.first, u.closed, u.cutOff],
    colons: u.colons,
    ordinal: u.ordinal,
  }));
  const file = { wrapper: scanner.wrapper, arrayRoot: scanner.arrayRoot, sawContent: scanner.sawContent, length: end.length, to: end.to };
  const needs = scanner.needsJsReader;
  return { units, file, raw, ...(needs ? { needs } : {}) };
}

/**
 * A unit's members as the scanner lists them, in UTF-16 offsets of its text, beside what a JSON parser finds
 * at its top level, recovering from faults: the same keys and values, in order, duplicates included. A unit
 * the scanner calls irregular (a fault at its top level) must have a fault; its members are not compared.
 */
export function assertMembers(unit: ScannedUnit, text: string, bytes: Uint8Array, name: string): number {
  const errors: unknown[] = [];
  // The parser recurses: a unit nested deeper than its stack is compared by its units' offsets only.
  if (nestsDeeperThan(text, 2000)) return 0;
  const tree = parseTree(text, errors as never, { allowTrailingComma: false, disallowComments: true });
  // The scanner checks a unit's top level only: a fault deeper down leaves its members as a recovering parser finds them.
  if (unit.irregular || !unit.closed || tree?.type !== 'object') {
    assert.ok(errors.length > 0 || tree?.type !== 'object', `${name}: unit ${unit.ordinal}, a clean object, is not marked irregular`);
    return 0;
  }
  const chars = new UnitChars(unit, bytes.subarray(unit.byteStart, unit.byteEnd));
  const seen: number[][] = [];
  for (let k = 0; k < unit.memberCount; k++) {
    const m = unit.members.subarray(unit.memberStart + k * MEMBER_FIELDS);
    seen.push([chars.at(m[0]!), chars.at(m[1]!), chars.at(m[2]!), chars.at(m[3]!), m[4]!]);
  }
  const wanted = tree.children!.map((p) => {
    const [key, value] = p.children!;
    return [key!.offset, key!.offset + key!.length, value!.offset, value!.offset + value!.length, text.charCodeAt(value!.offset)];
  });
  assert.deepEqual(seen, wanted, `${name}: the members of unit ${unit.ordinal}`);
  return seen.length;
}

function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    if (depth > limit) return true;
  }
  return false;
}
