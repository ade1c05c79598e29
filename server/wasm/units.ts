/**
 * The record units of a log, found block by block as files/unitSplitter.ts finds them in text: the objects
 * of the top-level array, of a wrapper's array (`Records`, `Events`, `events`), or each top-level object
 * (JSON Lines), with brackets matched as the tolerant parser matches them (a `]` meeting an open object
 * closes it, then its parent if it fits). Only brackets are visited at every depth; colons and commas only
 * at a unit's own level, for its top-level keys and values. Each finished unit is written to `units` (f64
 * fields) and its members to `members` (i32 fields, offsets from the unit's first byte).
 */
import {
  at,
  base,
  below,
  brackets,
  charAt,
  closeBefore,
  colons,
  colonsBefore,
  columnAt,
  commas,
  lineAt,
  needs,
  nonWsAfter,
  nonWsBefore,
  openBefore,
  setNeeds,
  topSignificant,
} from './block';
import { foldBracket, foldsOn } from './folds';
import {
  FLAG_CLOSED,
  FLAG_CUT_OFF,
  FLAG_FIRST,
  FLAG_IRREGULAR,
  FLAG_MEMBERS_CAPPED,
  FLAG_TOP,
  MEMBER_FIELDS,
  NEEDS_TOO_DEEP,
  UNIT_BYTE_END,
  UNIT_BYTE_START,
  UNIT_COLONS,
  UNIT_END,
  UNIT_FIELDS,
  UNIT_FLAGS,
  UNIT_FROM_CHARACTER,
  UNIT_FROM_LINE,
  UNIT_MEMBER_COUNT,
  UNIT_MEMBER_FROM,
  UNIT_START,
  UNIT_TO_CHARACTER,
  UNIT_TO_LINE,
} from './layout';

export const MEMBERS_PER_UNIT = 1024;
export const STACK_CAP = 1 << 20;

const OBJECT: u8 = 0;
const ARRAY: u8 = 1;
const AWAIT_KEY = 1;
const AWAIT_VALUE = 2;

// Buffers, set by `initUnits`.
export let units: usize = 0;
export let unitCount: i32 = 0;
let unitCap: i32 = 0;
export let members: usize = 0;
export let memberTotal: i32 = 0;
let memberCap: i32 = 0;
let stack: usize = 0;
let sp: i32 = 0;

// The splitter's state, as unitSplitter.ts names it.
let unitsDepth: i32 = -1;
let topStarted = false;
let rootEnded = false;
/** JSON Lines: -1 not known yet, 0 no, 1 yes. */
let linesState: i32 = -1;
/** 0 none, 1 `Records`, 2 `Events`, 3 `events`. */
export let wrapper: i32 = 0;
export let arrayRoot = false;

// The open unit.
let unitOpen = false;
let unitDepth: i32 = 0;
let unitByte: i64 = 0;
let unitChar: i64 = 0;
let unitLine: i64 = 0;
let unitColumn: i64 = 0;
let unitColons: i64 = 0;
let unitFlags: i32 = 0;
let unitMemberFrom: i32 = 0;

// Its members: what the next non-white byte starts, and the member being read.
let awaiting: i32 = 0;
let keyStart: i64 = -1;
let valueStart: i64 = -1;
let valueKind: i32 = 0;
/** 0: a key is due; 1: after its colon. */
let memberState: i32 = 0;
let afterComma = false;
let keyOpen: i64 = 0;
let keyEnd: i64 = 0;

export function initUnits(unitsAt: usize, units_: i32, membersAt: usize, members_: i32, stackAt: usize): void {
  units = unitsAt;
  unitCap = units_;
  members = membersAt;
  memberCap = members_;
  stack = stackAt;
}

export function resetUnits(): void {
  unitCount = memberTotal = sp = 0;
  unitsDepth = linesState = -1;
  topStarted = rootEnded = arrayRoot = unitOpen = false;
  wrapper = awaiting = 0;
}

/** Before a feed: the caller has read the finished units; the open unit's members move to the front. */
export function takeUnits(): void {
  unitCount = 0;
  if (!unitOpen) {
    memberTotal = 0;
    return;
  }
  const kept = memberTotal - unitMemberFrom;
  memory.copy(members, members + usize(unitMemberFrom * MEMBER_FIELDS * 4), usize(kept * MEMBER_FIELDS * 4));
  unitMemberFrom = 0;
  memberTotal = kept;
}

/** The block's events, in order: brackets everywhere, colons and commas at a unit's level, anything at the top level. */
export function scanBlock(): void {
  if (awaiting !== 0) resolveAwaited(-1);
  let pos = 0;
  let rest = brackets;
  for (;;) {
    const end = rest !== 0 ? <i32>ctz(rest) : 64;
    const range = below(end) & ~below(pos);
    if (sp === 0) {
      if ((topSignificant & range) !== 0) topValue();
    } else if (unitOpen && sp === unitDepth + 1) memberEvents(range);
    if (rest === 0 || needs !== 0) return;
    rest &= rest - 1;
    const before = sp;
    bracket(end);
    if (foldsOn) foldBracket(end, before, sp);
    pos = end + 1;
  }
}

/** At the input's end (a block of padding at `end`): a unit still open was cut off. */
export function endUnits(end: i32): void {
  if (unitOpen) finishUnit(end, end, false, true);
}

function memberEvents(range: u64): void {
  let m = (colons | commas) & range;
  while (m !== 0) {
    const b = <i32>ctz(m);
    m &= m - 1;
    if (((colons >> (<u64>b)) & 1) !== 0) colon(b);
    else comma(b);
  }
}

/** `{` `[` `}` `]`: bit 0x20 tells braces from brackets, bit 0x02 opening from closing. */
function bracket(b: i32): void {
  const c = load<u8>(at + <usize>b);
  const kind = (c & 0x20) !== 0 ? OBJECT : ARRAY;
  const opening = (c & 0x02) !== 0;
  // Most brackets are inside a record's values, away from the top levels and the units' own: they only push or pop.
  if (opening && sp > 1 && sp !== unitsDepth) push(kind);
  else if (opening) open(b, kind);
  else if (sp > unitDepth + 1 && sp > unitsDepth && load<u8>(stack + <usize>(sp - 1)) === kind) sp--;
  else close(b, kind);
}

/** Something other than `{` at the top level: after the first value, it ends any hope of JSON Lines. */
function topValue(): void {
  topStarted = true;
  if (rootEnded && linesState < 0) linesState = 0;
}

function push(kind: u8): void {
  if (sp >= STACK_CAP) {
    setNeeds(NEEDS_TOO_DEEP);
    return;
  }
  store<u8>(stack + <usize>sp, kind);
  sp++;
}

function open(b: i32, kind: u8): void {
  let depth = sp;
  const first = depth === 0 && !topStarted;
  if (depth === 0) topStarted = true;
  if (depth === 0 && rootEnded && linesState < 0) {
    // A `{` right after the first value makes JSON Lines: read as the elements of an array.
    linesState = kind === OBJECT ? 1 : 0;
    if (linesState === 1) {
      push(ARRAY);
      unitsDepth = depth = 1;
    }
  }
  // Only the first value is a unit at the top level; after a wrapper or an array, more values are content after the end.
  const topUnit = depth === 0 && wrapper === 0 && !arrayRoot && !rootEnded;
  const unitHere = topUnit || (depth > 0 && depth === unitsDepth);
  if (!unitOpen && kind === OBJECT && unitHere) startUnit(b, depth === 0 || linesState === 1, first);
  else if (kind === ARRAY && first) {
    arrayRoot = true;
    unitsDepth = 1;
  } else if (kind === ARRAY && depth === 1 && unitOpen && (unitFlags & FLAG_FIRST) !== 0 && wrapper === 0) maybeWrapper(b);
  push(kind);
}

function close(b: i32, kind: u8): void {
  if (sp === 0) {
    topValue();
    return;
  }
  sp--;
  if (load<u8>(stack + <usize>sp) === kind) {
    closed(b + 1, b, true);
    return;
  }
  // Another kind of bracket: the open container ends here, unclosed, and the bracket closes its parent if it fits.
  if (unitOpen) irregular();
  closed(b, b, false);
  if (sp > 0 && load<u8>(stack + usize(sp - 1)) === kind) {
    sp--;
    closed(b + 1, b, true);
  }
}

/** A container closed, ending at byte `end` of the block (its last byte, or the bracket, at `last`). */
function closed(end: i32, last: i32, properly: bool): void {
  if (unitOpen && sp === unitDepth) finishUnit(end, last, properly, false);
  if (sp < unitsDepth) unitsDepth = -1;
}

/** The UTF-16 offset of the unit not yet ended, or -1: the text before it is the caller's to let go. */
export function openUnitChar(): i64 {
  return unitOpen ? unitChar : -1;
}

function startUnit(b: i32, top: bool, first: bool): void {
  unitOpen = true;
  unitDepth = sp;
  unitByte = base + <i64>b;
  unitChar = charAt(b);
  unitLine = lineAt(b);
  unitColumn = columnAt(b);
  unitColons = colonsBefore + <i64>popcnt(colons & below(b));
  unitFlags = (top ? FLAG_TOP : 0) | (first ? FLAG_FIRST : 0);
  unitMemberFrom = memberTotal;
  memberState = 0;
  afterComma = false;
  awaitFrom(AWAIT_KEY, b);
}

/** `[` in the first top-level object: a wrapper's array (`"Records": [`) makes its elements the units. */
function maybeWrapper(b: i32): void {
  const key = wrapperKey(at + <usize>b);
  if (key === 0) return;
  wrapper = key;
  unitsDepth = 2;
  // The object so far is no unit but text around the units.
  unitOpen = false;
  memberTotal = unitMemberFrom;
  awaiting = 0;
}

/**
 * Which wrapper's name and colon stand right before the `[` at `p`, as `"Records"` `:` with white space
 * around the colon, all within the 64 bytes before it (the splitter looks no further back); 0 for none.
 * The 64 bytes before any block are kept in memory for this.
 */
function wrapperKey(p: usize): i32 {
  const floor = p - 64;
  let q = skipWhite(p - 1, floor);
  if (q < floor || load<u8>(q) !== 0x3a) return 0;
  q = skipWhite(q - 1, floor);
  if (q < floor || load<u8>(q) !== 0x22) return 0;
  if (q - 8 >= floor && load<u8>(q - 8) === 0x22 && load<u32>(q - 7) === 0x6f636552 && load<u32>(q - 4) === 0x7364726f) return 1;
  if (q - 7 < floor || load<u8>(q - 7) !== 0x22) return 0;
  const name = load<u32>(q - 6) === 0x6e657645 ? 2 : load<u32>(q - 6) === 0x6e657665 ? 3 : 0;
  return name !== 0 && load<u16>(q - 2) === 0x7374 ? name : 0;
}

function skipWhite(q: usize, floor: usize): usize {
  while (q >= floor) {
    const c = load<u8>(q);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    q--;
  }
  return q;
}

function awaitFrom(kind: i32, b: i32): void {
  awaiting = kind;
  resolveAwaited(b);
}

/** The first non-white byte after byte `b` (-1: the block's first) starts the awaited key or value. */
function resolveAwaited(b: i32): void {
  const found = nonWsAfter(b);
  if (found >= 64) return;
  if (awaiting === AWAIT_KEY) keyStart = base + <i64>found;
  else {
    valueStart = base + <i64>found;
    valueKind = <i32>load<u8>(at + <usize>found);
  }
  awaiting = 0;
}

function irregular(): void {
  unitFlags |= FLAG_IRREGULAR;
}

/** A colon at the unit's level: the key is the string right before it, and its first byte is the member's. */
function colon(b: i32): void {
  if (memberState !== 0) irregular();
  const open = openBefore(b);
  const close = closeBefore(b);
  if (open !== keyStart || close <= open || nonWsBefore(b) !== close) irregular();
  keyOpen = open;
  keyEnd = close + 1;
  memberState = 1;
  afterComma = false;
  awaitFrom(AWAIT_VALUE, b);
}

function comma(b: i32): void {
  if (memberState === 1) endMember(b);
  else irregular();
  memberState = 0;
  afterComma = true;
  awaitFrom(AWAIT_KEY, b);
}

/** The member's value ends at the last non-white byte before byte `b`, its comma or the unit's end. */
function endMember(b: i32): void {
  if (valueStart === base + <i64>b || awaiting !== 0) {
    irregular();
    return;
  }
  if (memberTotal - unitMemberFrom >= MEMBERS_PER_UNIT || memberTotal >= memberCap) {
    unitFlags |= FLAG_MEMBERS_CAPPED;
    return;
  }
  const p = members + usize(memberTotal * MEMBER_FIELDS * 4);
  store<i32>(p, i32(keyOpen - unitByte));
  store<i32>(p, i32(keyEnd - unitByte), 4);
  store<i32>(p, i32(valueStart - unitByte), 8);
  store<i32>(p, i32(nonWsBefore(b) + 1 - unitByte), 12);
  store<i32>(p, valueKind, 16);
  memberTotal++;
}

function finishUnit(end: i32, last: i32, properly: bool, cutOff: bool): void {
  if (cutOff) irregular();
  else if (memberState === 1) endMember(last);
  else if (afterComma || keyStart !== base + <i64>last) irregular();
  unitOpen = false;
  if ((unitFlags & FLAG_FIRST) !== 0) rootEnded = true;
  if (unitCount >= unitCap) return;
  const p = units + usize(unitCount * UNIT_FIELDS * 8);
  field(p, UNIT_BYTE_START, f64(unitByte));
  field(p, UNIT_BYTE_END, f64(base + i64(end)));
  field(p, UNIT_START, f64(unitChar));
  field(p, UNIT_END, f64(charAt(end)));
  field(p, UNIT_FROM_LINE, f64(unitLine));
  field(p, UNIT_FROM_CHARACTER, f64(unitColumn));
  field(p, UNIT_TO_LINE, f64(lineAt(end)));
  field(p, UNIT_TO_CHARACTER, f64(columnAt(end)));
  field(p, UNIT_FLAGS, f64(unitFlags | (properly ? FLAG_CLOSED : 0) | (cutOff ? FLAG_CUT_OFF : 0)));
  field(p, UNIT_COLONS, f64(colonsBefore + i64(popcnt(colons & below(end))) - unitColons));
  field(p, UNIT_MEMBER_FROM, f64(unitMemberFrom));
  field(p, UNIT_MEMBER_COUNT, f64(memberTotal - unitMemberFrom));
  unitCount++;
}

function field(unit: usize, index: i32, value: f64): void {
  store<f64>(unit + usize(index * 8), value);
}
