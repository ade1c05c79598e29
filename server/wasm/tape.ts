/**
 * One record's JSON checked to the letter, as JSON.parse checks it, and laid out as a tape: a node per value,
 * with its key's and its value's byte spans, its parent and its next sibling (layout.ts). JavaScript then reads
 * only the values it needs, from the bytes, instead of parsing the whole record into objects. A record is only
 * read from its tape when the tape says TAPE_OK: valid JSON, no key that may appear twice in one object (keys are
 * compared by hash; an equal hash, an escaped key or an object of many keys says "may"), within the bounds below.
 * Anything else is read the old way. The bytes are UTF-8 the block scanner has already checked.
 */
import {
  NODE_END,
  NODE_ESCAPED,
  NODE_FIELDS,
  NODE_FLAGS,
  NODE_KEY_END,
  NODE_KEY_HASH,
  NODE_KEY_START,
  NODE_NEXT,
  NODE_NON_ASCII,
  NODE_PARENT,
  NODE_START,
  TAPE_INVALID,
  TAPE_MAYBE_REPEATED_KEY,
  TAPE_OK,
  TAPE_TOO_BIG,
} from './layout';

/** A record's bytes at most, nodes at most, nesting at most and keys compared in one object at most. */
const INPUT_CAP: i32 = 1 << 20;
const NODE_CAP: i32 = 1 << 17;
const SPAN_CAP: i32 = 1 << 16;
const DEPTH_CAP: i32 = 256;
const KEYS_COMPARED: i32 = 64;
const KEY_STACK_CAP: i32 = DEPTH_CAP * KEYS_COMPARED;

let input: usize = 0;
let nodes: usize = 0;
/** Per record of a batch: its start and end from the input's start, replaced by its status, first node and node count. */
let spans: usize = 0;
/** The record being taped: its first byte, where its nodes go, how many it has and may have. */
let origin: usize = 0;
let recordNodes: usize = 0;
let count: i32 = 0;
let room: i32 = 0;
let outOfRoom = false;
/** Per open container: its node, whether it is an array, its last child, and where its keys' hashes start. */
let openNode: usize = 0;
let openArray: usize = 0;
let openLast: usize = 0;
let openKeys: usize = 0;
let keyHashes: usize = 0;
let keyTop: i32 = 0;
let repeated = false;
let escaped = false;
let nonAscii = false;

export function initTape(): void {
  // Padding after the input: strings are searched 16 bytes at a time.
  input = heap.alloc(<usize>INPUT_CAP + 64);
  nodes = heap.alloc(<usize>NODE_CAP * NODE_FIELDS * 4);
  spans = heap.alloc(<usize>SPAN_CAP * 12);
  openNode = heap.alloc(<usize>DEPTH_CAP * 4);
  openArray = heap.alloc(<usize>DEPTH_CAP);
  openLast = heap.alloc(<usize>DEPTH_CAP * 4);
  openKeys = heap.alloc(<usize>DEPTH_CAP * 4);
  keyHashes = heap.alloc(<usize>KEY_STACK_CAP * 4);
}

export function tapeInputCap(): i32 {
  return INPUT_CAP;
}
export function tapeInputAt(): usize {
  return input;
}
export function tapeNodesAt(): usize {
  return nodes;
}
export function tapeSpansAt(): usize {
  return spans;
}
export function tapeSpanCap(): i32 {
  return SPAN_CAP;
}

function isWs(b: u32): bool {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function ws(p: usize, end: usize): usize {
  while (p < end && isWs(load<u8>(p))) p++;
  return p;
}

function nodeSet(node: i32, field: i32, value: i32): void {
  store<i32>(recordNodes + ((<usize>node * NODE_FIELDS + <usize>field) << 2), value);
}

/** A new node under the container open at `depth` (-1: the record), linked after its previous sibling. */
function addNode(depth: i32, keyStart: i32, keyEnd: i32, start: i32): i32 {
  const node = count++;
  const parent = depth < 0 ? -1 : load<i32>(openNode + ((<usize>depth) << 2));
  nodeSet(node, NODE_PARENT, parent);
  nodeSet(node, NODE_NEXT, -1);
  nodeSet(node, NODE_KEY_START, keyStart);
  nodeSet(node, NODE_KEY_END, keyEnd);
  nodeSet(node, NODE_START, start);
  nodeSet(node, NODE_KEY_HASH, keyEnd === 0 ? 0 : <i32>memberKeyHash);
  if (depth >= 0) {
    const last = load<i32>(openLast + ((<usize>depth) << 2));
    if (last >= 0) nodeSet(last, NODE_NEXT, node);
    store<i32>(openLast + ((<usize>depth) << 2), node);
  }
  return node;
}

/** After a string's closing quote, or 0 when it is no JSON string; sets `escaped` and `nonAscii`. */
function string(p: usize, end: usize): usize {
  escaped = false;
  nonAscii = false;
  p++;
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const control = i8x16.splat(0x20);
  while (p < end) {
    // Sixteen bytes at a time while none is a quote, a backslash, a control or (until one is seen) past ASCII.
    const v = v128.load(p);
    let special = v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, control));
    if (!nonAscii) special = v128.or(special, i8x16.lt_s(v, i8x16.splat(0)));
    const mask = i8x16.bitmask(special);
    if (mask === 0) {
      p += 16;
      continue;
    }
    p += <usize>ctz(mask);
    if (p >= end) return 0;
    const b = <u32>load<u8>(p);
    if (b === 0x22) return p + 1;
    if (b < 0x20) return 0;
    if (b >= 0x80) {
      nonAscii = true;
      p++;
      continue;
    }
    // A backslash: one of the escapes JSON has.
    escaped = true;
    if (p + 1 >= end) return 0;
    const e = <u32>load<u8>(p + 1);
    if (e === 0x75) {
      if (p + 5 >= end) return 0;
      for (let i: usize = 2; i < 6; i++) if (!isHex(<u32>load<u8>(p + i))) return 0;
      p += 6;
    } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
      p += 2;
    } else return 0;
  }
  return 0;
}

function isHex(b: u32): bool {
  return (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66);
}

function isDigit(b: u32): bool {
  return b - 0x30 < 10;
}

/** After a number as JSON writes one, or 0. */
function number(p: usize, end: usize): usize {
  if (p < end && load<u8>(p) === 0x2d) p++;
  if (p >= end) return 0;
  if (load<u8>(p) === 0x30) p++;
  else if (isDigit(load<u8>(p))) while (p < end && isDigit(load<u8>(p))) p++;
  else return 0;
  if (p < end && load<u8>(p) === 0x2e) {
    p++;
    if (p >= end || !isDigit(load<u8>(p))) return 0;
    while (p < end && isDigit(load<u8>(p))) p++;
  }
  if (p < end && (load<u8>(p) | 0x20) === 0x65) {
    p++;
    if (p < end && (load<u8>(p) === 0x2b || load<u8>(p) === 0x2d)) p++;
    if (p >= end || !isDigit(load<u8>(p))) return 0;
    while (p < end && isDigit(load<u8>(p))) p++;
  }
  return p;
}

/** After `word` (true, false, null) at `p`, or 0. */
function literal(p: usize, end: usize): usize {
  const b = load<u8>(p);
  if (b === 0x74 && p + 4 <= end && load<u32>(p) === 0x65757274) return p + 4;
  if (b === 0x6e && p + 4 <= end && load<u32>(p) === 0x6c6c756e) return p + 4;
  if (b === 0x66 && p + 5 <= end && load<u32>(p) === 0x736c6166 && load<u8>(p + 4) === 0x65) return p + 5;
  return 0;
}

/** Notes a key of the object open at `depth`, and whether one before it may be the same. */
function noteKey(depth: i32, from: usize, to: usize): void {
  if (escaped) repeated = true;
  let h: u32 = 0x811c9dc5;
  for (let p = from; p < to; p++) h = (h ^ (<u32>load<u8>(p))) * 0x01000193;
  memberKeyHash = h;
  const first = load<i32>(openKeys + ((<usize>depth) << 2));
  if (keyTop - first >= KEYS_COMPARED) {
    repeated = true;
    return;
  }
  for (let k = first; k < keyTop; k++) if (load<u32>(keyHashes + ((<usize>k) << 2)) === h) repeated = true;
  store<u32>(keyHashes + ((<usize>keyTop) << 2), h);
  keyTop++;
}

/**
 * Tapes `n` records of the input, their spans at `tapeSpansAt()`, each record's nodes after the last's; writes
 * each one's status, first node and node count over its span. Returns how many were taped before the nodes ran
 * out (the rest are for another batch).
 */
export function tapeRecords(n: i32): i32 {
  let used: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    const span = spans + <usize>k * 12;
    const end = input + <usize>load<i32>(span, 4);
    recordNodes = nodes + ((<usize>used * NODE_FIELDS) << 2);
    room = NODE_CAP - used;
    const after = load<u8>(end);
    const status = tapeRecord(input + <usize>load<i32>(span), end);
    store<u8>(end, after);
    if (outOfRoom && used > 0) return k;
    store<i32>(span, status);
    store<i32>(span, used, 4);
    store<i32>(span, count, 8);
    if (status === TAPE_OK) used += count;
  }
  return n;
}

function tapeRecord(start: usize, end: usize): i32 {
  origin = start;
  outOfRoom = false;
  // A sentinel past the end: a search 16 bytes at a time stops there whatever lies beyond.
  store<u8>(end, 0x22);
  count = 0;
  keyTop = 0;
  repeated = false;
  let depth: i32 = -1;
  let p = ws(start, end);
  if (p >= end || load<u8>(p) !== 0x7b) return TAPE_INVALID;
  let keyStart: i32 = 0;
  let keyEnd: i32 = 0;
  // Each turn reads a value at p (its key, if any, in keyStart/keyEnd), then what follows it up to the next value.
  for (;;) {
    const b = <u32>load<u8>(p);
    const at = <i32>(p - origin);
    if (count >= room) {
      outOfRoom = true;
      return TAPE_TOO_BIG;
    }
    if (b === 0x7b || b === 0x5b) {
      if (depth + 1 >= DEPTH_CAP) return TAPE_TOO_BIG;
      const node = addNode(depth, keyStart, keyEnd, at);
      nodeSet(node, NODE_FLAGS, b);
      depth++;
      store<i32>(openNode + ((<usize>depth) << 2), node);
      store<u8>(openArray + <usize>depth, b === 0x5b ? 1 : 0);
      store<i32>(openLast + ((<usize>depth) << 2), -1);
      store<i32>(openKeys + ((<usize>depth) << 2), keyTop);
      p = ws(p + 1, end);
      if (p >= end) return TAPE_INVALID;
      const c = load<u8>(p);
      if (c === (b === 0x7b ? 0x7d : 0x5d)) {
        // Empty: closed below as any container is.
      } else if (b === 0x7b) {
        p = member(p, end, depth);
        if (p === 0) return TAPE_INVALID;
        keyStart = memberKeyStart;
        keyEnd = memberKeyEnd;
        continue;
      } else {
        keyStart = keyEnd = 0;
        continue;
      }
    } else {
      const node = addNode(depth, keyStart, keyEnd, at);
      let flags = b;
      if (b === 0x22) {
        p = string(p, end);
        if (escaped) flags |= NODE_ESCAPED;
        if (nonAscii) flags |= NODE_NON_ASCII;
      } else if (b === 0x2d || isDigit(b)) p = number(p, end);
      else p = literal(p, end);
      if (p === 0 || depth < 0) return TAPE_INVALID;
      nodeSet(node, NODE_END, <i32>(p - origin));
      nodeSet(node, NODE_FLAGS, flags);
      p = ws(p, end);
      if (p >= end) return TAPE_INVALID;
    }
    // After a value: a comma and the next, or the container's close (and then after that value, and so on).
    for (;;) {
      const c = <u32>load<u8>(p);
      const isArray = load<u8>(openArray + <usize>depth) !== 0;
      if (c === 0x2c) {
        p = ws(p + 1, end);
        if (p >= end) return TAPE_INVALID;
        if (isArray) {
          keyStart = keyEnd = 0;
        } else {
          p = member(p, end, depth);
          if (p === 0) return TAPE_INVALID;
          keyStart = memberKeyStart;
          keyEnd = memberKeyEnd;
        }
        break;
      }
      if (c !== (isArray ? 0x5d : 0x7d)) return TAPE_INVALID;
      nodeSet(load<i32>(openNode + ((<usize>depth) << 2)), NODE_END, <i32>(p + 1 - origin));
      keyTop = load<i32>(openKeys + ((<usize>depth) << 2));
      depth--;
      if (depth < 0) {
        p = ws(p + 1, end);
        if (p !== end) return TAPE_INVALID;
        return repeated ? TAPE_MAYBE_REPEATED_KEY : TAPE_OK;
      }
      p = ws(p + 1, end);
      if (p >= end) return TAPE_INVALID;
    }
  }
  return TAPE_INVALID;
}

let memberKeyStart: i32 = 0;
let memberKeyHash: u32 = 0;
let memberKeyEnd: i32 = 0;

/** A key, its colon and the white space after: returns where its value starts (0: no JSON); the key's span in memberKeyStart/End. */
function member(p: usize, end: usize, depth: i32): usize {
  if (load<u8>(p) !== 0x22) return 0;
  const after = string(p, end);
  if (after === 0) return 0;
  noteKey(depth, p + 1, after - 1);
  memberKeyStart = <i32>(p - origin);
  memberKeyEnd = <i32>(after - origin);
  let q = ws(after, end);
  if (q >= end || load<u8>(q) !== 0x3a) return 0;
  q = ws(q + 1, end);
  return q >= end ? 0 : q;
}
