/**
 * The WebAssembly scanner's entry: a log's bytes arrive in chunks of any size (the caller copies each into
 * `inputAt()`, at most `chunkCap()` bytes, then calls `feed`); whole 64-byte blocks are scanned at once and
 * the rest waits for the next chunk, so blocks sit at fixed offsets of the file. After each feed the caller
 * reads the units it finished (`unitsAt`, `unitCount`, `membersAt`). When `needs()` is not 0, the file holds
 * something the JavaScript reader splits better (a comment, a bad UTF-8 sequence...) and the scan stops.
 *
 * Memory: [64 bytes kept from before the block | the blocks | 64 bytes of padding], then the units (f64
 * fields), their members (i32 fields) and the bracket stack (a byte a level), all allocated once.
 */
import { adjust, charAt, colons, colonsBefore, columnAt, lineAt, needs, nonWs, passBlock, readBlock, resetBlocks } from './block';
import {
  MEMBERS_PER_UNIT,
  STACK_CAP,
  arrayRoot,
  endUnits,
  initUnits,
  memberTotal,
  openUnitChar,
  members,
  resetUnits,
  scanBlock,
  takeUnits,
  unitCount,
  units,
  wrapper,
} from './units';
import { foldCount, folds, takeFolds, wantFolds } from './folds';
import { MEMBER_FIELDS, UNIT_FIELDS } from './layout';

const CHUNK = 32 * 1024;
const HISTORY = 64;

let input: usize = 0;
/** Bytes waiting for a whole block, at `input + HISTORY`; bytes scanned so far. */
let tail: i32 = 0;
let scanned: i64 = 0;
let sawContent = false;
let endChar: i64 = 0;
let endLine: i64 = 0;
let endColumn: i64 = 0;

export function init(): void {
  input = heap.alloc(HISTORY + 64 + CHUNK + 64);
  const unitCap = CHUNK / 2 + 4;
  const memberCap = CHUNK / 2 + MEMBERS_PER_UNIT;
  initUnits(heap.alloc(unitCap * UNIT_FIELDS * 8), unitCap, heap.alloc(memberCap * MEMBER_FIELDS * 4), memberCap, heap.alloc(STACK_CAP));
  reset();
}

/** Ready for a new file. */
export function reset(): void {
  resetBlocks();
  resetUnits();
  tail = 0;
  scanned = 0;
  sawContent = false;
  memory.fill(input, 0, HISTORY);
}

export function chunkCap(): i32 {
  return CHUNK;
}

/** Where the next chunk's bytes go. */
export function inputAt(): usize {
  return input + HISTORY + <usize>tail;
}

/** Scans the `length` bytes just written at `inputAt()`. */
export function feed(length: i32): void {
  takeUnits();
  takeFolds();
  if (needs !== 0) return;
  const total = tail + length;
  let p = input + HISTORY;
  for (let left = total; left >= 64; left -= 64) {
    scanOne(p);
    if (needs !== 0) return;
    p += 64;
  }
  // Keep the 64 bytes before the waiting ones: a wrapper's name is looked for there.
  tail = total & 63;
  memory.copy(input, p - HISTORY, <usize>HISTORY + <usize>tail);
}

/** The input's end: the waiting bytes are scanned as a block padded with spaces, and an open unit is cut off. */
export function finish(): void {
  takeUnits();
  takeFolds();
  if (needs !== 0) return;
  const p = input + HISTORY;
  memory.fill(p + <usize>tail, 0x20, usize(64 - tail));
  readBlock(p, scanned, scanned === 0 && bomAt(p));
  scanBlock();
  if (needs !== 0) return;
  endUnits(tail);
  if (nonWs !== 0) sawContent = true;
  endChar = charAt(tail);
  endLine = lineAt(tail);
  endColumn = columnAt(tail);
  scanned += <i64>tail;
}

function scanOne(p: usize): void {
  readBlock(p, scanned, scanned === 0 && bomAt(p));
  if (needs !== 0) return;
  scanBlock();
  if (nonWs !== 0) sawContent = true;
  passBlock();
  scanned += 64;
}

function bomAt(p: usize): bool {
  return load<u8>(p) === 0xef && load<u8>(p, 1) === 0xbb && load<u8>(p, 2) === 0xbf;
}

/** Folds (folds.ts) from the next file on, or none. */
export function foldsWanted(on: bool): void {
  wantFolds(on, 2 * (CHUNK + 128), STACK_CAP);
}

// What the caller reads.
export function needsCode(): i32 {
  return needs;
}
export function unitsAt(): usize {
  return units;
}
export function unitsFound(): i32 {
  return unitCount;
}
export function membersAt(): usize {
  return members;
}
export function membersFound(): i32 {
  return memberTotal;
}
export function wrapperCode(): i32 {
  return wrapper;
}
export function isArrayRoot(): bool {
  return arrayRoot;
}
export function hasContent(): bool {
  return sawContent;
}
export function foldsAt(): usize {
  return folds;
}
export function foldsFound(): i32 {
  return foldCount;
}
/** Colons outside strings in the whole input (after `finish`). */
export function colonsTotal(): f64 {
  return <f64>(colonsBefore + <i64>popcnt(colons));
}
export function bytesScanned(): f64 {
  return <f64>scanned;
}
export function openUnitStart(): f64 {
  return <f64>openUnitChar();
}
/** UTF-16 units of the whole blocks scanned so far (the waiting bytes not yet). */
export function charsScanned(): f64 {
  return <f64>(scanned + adjust);
}
export function endOffset(): f64 {
  return <f64>endChar;
}
export function endPointLine(): f64 {
  return <f64>endLine;
}
export function endPointCharacter(): f64 {
  return <f64>endColumn;
}

// A record's tape (tape.ts), for reading values without parsing the record whole.
export { initTape, tapeInputAt, tapeInputCap, tapeNodesAt, tapeRecords, tapeSpanCap, tapeSpansAt } from './tape';
