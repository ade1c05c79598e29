/**
 * One 64-byte block of a log's bytes, as bit masks (bit i is the block's byte i): quotes, backslashes,
 * brackets, colons, commas, white space, line breaks, and which bytes lie inside strings. Sixteen bytes at a
 * time are compared with `i8x16.eq` and folded to 16 bits with `bitmask`; a prefix XOR of the unescaped
 * quotes marks the bytes inside strings. What a block leaves open (a string, an escape, a `\r` whose `\n`
 * may follow, a UTF-8 character, the counts of lines and UTF-16 units) is carried to the next, so a chunk
 * may end anywhere. Places inside the block (byte, UTF-16 offset, line, column) are worked out from the masks.
 */
import { NEEDS_BACKSLASH_OUTSIDE_STRING, NEEDS_COMMENT, NEEDS_INVALID_UTF8, NEEDS_LINE_BREAK_IN_STRING } from './layout';

/** Why the JavaScript reader must read the file (layout.ts), or 0. */
export let needs: i32 = 0;

export function setNeeds(code: i32): void {
  if (needs === 0) needs = code;
}

/** Absolute byte offset (from the file's first byte) of the block's first byte, and the block in memory. */
export let base: i64 = 0;
export let at: usize = 0;

// The block's masks (outside strings, where it says so).
export let quotesOpen: u64 = 0;
export let quotesClose: u64 = 0;
export let brackets: u64 = 0;
export let colons: u64 = 0;
export let commas: u64 = 0;
export let nonWs: u64 = 0;
/** Significant at the top level: anything but white space, string contents and closing quotes. */
export let topSignificant: u64 = 0;
/** The last byte of each line break: `\n`, or a `\r` with no `\n` after it. */
let lineEnds: u64 = 0;
/** UTF-8 continuation bytes (no UTF-16 unit of their own) and 4-byte leads (two units: a surrogate pair). */
let continuations: u64 = 0;
let fourByteLeads: u64 = 0;

// Carried from block to block.
let inString: u64 = 0;
let escapeCarry: u64 = 0;
let crCarry = false;
/** UTF-16 units minus bytes before the block; lines before it; the UTF-16 offset its current line starts at. */
export let adjust: i64 = 0;
export let lines: i64 = 0;
let lineStartChar: i64 = 0;
/** Colons outside strings before the block (a unit's count is a difference of two). */
export let colonsBefore: i64 = 0;
/** Absolute offsets of the last opening quote, closing quote and non-white byte before the block (-1: none). */
let lastOpen: i64 = -1;
let lastClose: i64 = -1;
let lastNonWs: i64 = -1;
/** UTF-8: continuation bytes still due, and the range the next one must fall in. */
let utf8Due: i32 = 0;
let utf8Low: i32 = 0x80;
let utf8High: i32 = 0xbf;

export function resetBlocks(): void {
  needs = 0;
  base = 0;
  inString = 0;
  escapeCarry = 0;
  crCarry = false;
  adjust = 0;
  lines = 0;
  lineStartChar = 0;
  colonsBefore = 0;
  lastOpen = lastClose = lastNonWs = -1;
  utf8Due = 0;
  utf8Low = 0x80;
  utf8High = 0xbf;
}

function eq(v: v128, byte: i8): v128 {
  return i8x16.eq(v, i8x16.splat(byte));
}

function bits(v: v128, k: u64): u64 {
  return u64(i8x16.bitmask(v)) << k;
}

// Masks of the block's bytes: the common ones for every 16 bytes, the rare ones only where one of them occurs.
let quotes: u64 = 0;
let backslashes: u64 = 0;
let slashes: u64 = 0;
let nl: u64 = 0;
let cr: u64 = 0;
let white: u64 = 0;
let high: u64 = 0;

function classify(p: usize): void {
  quotes = backslashes = slashes = nl = cr = white = high = brackets = colons = commas = 0;
  for (let k: u64 = 0; k < 64; k += 16) {
    const v = v128.load(p + usize(k));
    const n = eq(v, 0x0a);
    quotes |= bits(eq(v, 0x22), k);
    colons |= bits(eq(v, 0x3a), k);
    commas |= bits(eq(v, 0x2c), k);
    nl |= bits(n, k);
    white |= bits(v128.or(v128.or(eq(v, 0x20), eq(v, 0x09)), v128.or(n, eq(v, 0x0d))), k);
    // `{`, `}`, `[`, `]`: the two pairs differ only in bit 0x20.
    const folded = v128.or(v, i8x16.splat(0x20));
    brackets |= bits(v128.or(eq(folded, 0x7b), eq(folded, 0x7d)), k);
    high |= bits(v, k);
    if (v128.any_true(v128.or(v128.or(eq(v, 0x5c), eq(v, 0x2f)), eq(v, 0x0d)))) {
      backslashes |= bits(eq(v, 0x5c), k);
      slashes |= bits(eq(v, 0x2f), k);
      cr |= bits(eq(v, 0x0d), k);
    }
  }
}

/** Bits before bit `b` (0 to 64), and after it. */
export function below(b: i32): u64 {
  return b >= 64 ? ~(<u64>0) : ((<u64>1) << (<u64>b)) - 1;
}

export function above(b: i32): u64 {
  return b >= 63 ? 0 : ~(<u64>0) << u64(b + 1);
}

/** Each bit becomes the XOR of itself and every bit below it: 1 from an opening quote up to its closing one. */
function prefixXor(x: u64): u64 {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

/** The bytes escaped by a backslash: only blocks that hold one (rare in logs) take this scalar path. */
function escapedBy(backslashes: u64): u64 {
  let escaped = escapeCarry;
  escapeCarry = 0;
  let m = backslashes;
  while (m !== 0) {
    const b = <i32>ctz(m);
    m &= m - 1;
    if (((escaped >> (<u64>b)) & 1) !== 0) continue;
    if (b === 63) escapeCarry = 1;
    else escaped |= (<u64>1) << u64(b + 1);
  }
  return escaped;
}

/** Works out the block's masks at `p`, whose first byte is at absolute offset `blockBase`. */
export function readBlock(p: usize, blockBase: i64, bom: bool): void {
  at = p;
  base = blockBase;
  classify(p);
  const escaped = backslashes !== 0 || escapeCarry !== 0 ? escapedBy(backslashes) : 0;
  const unescaped = quotes & ~escaped;
  const inside = prefixXor(unescaped) ^ inString;
  inString = u64((<i64>inside) >> 63);
  const outside = ~inside;
  quotesOpen = unescaped & inside;
  quotesClose = unescaped & outside;
  // A byte-order mark is no content: the editor does not show it.
  nonWs = ~white & (bom ? ~(<u64>7) : ~(<u64>0));
  topSignificant = nonWs & ((outside & ~unescaped) | quotesOpen);
  brackets &= outside;
  colons &= outside;
  commas &= outside;
  checkSubtle(inside);
  countLines();
  continuations = 0;
  fourByteLeads = 0;
  if (high !== 0 || utf8Due !== 0) readUtf8(p);
  // A byte-order mark has no UTF-16 unit: the editor does not count it.
  if (bom) continuations |= 1;
}

/** Text the JavaScript reader splits in ways not worth copying here: the file goes to it. */
function checkSubtle(inside: u64): void {
  if (needs !== 0) return;
  if ((slashes & ~inside) !== 0) needs = NEEDS_COMMENT;
  else if (((nl | cr) & inside) !== 0) needs = NEEDS_LINE_BREAK_IN_STRING;
  else if ((backslashes & ~inside) !== 0) needs = NEEDS_BACKSLASH_OUTSIDE_STRING;
}

function countLines(): void {
  // A `\r` last in the block is a break of its own unless the next block starts with `\n`.
  if (crCarry && (nl & 1) === 0) {
    lines++;
    lineStartChar = base + adjust;
  }
  crCarry = cr >> 63 !== 0;
  lineEnds = nl | (cr & ~(nl >> 1) & below(63));
}

/** Checks the block's UTF-8 (a decoder would put U+FFFD for a bad sequence) and marks what UTF-16 counts differently. */
function readUtf8(p: usize): void {
  let i = utf8Due !== 0 ? 0 : <i32>ctz(high);
  while (i < 64) {
    const c = <i32>load<u8>(p + <usize>i);
    const bit = (<u64>1) << (<u64>i);
    if (utf8Due !== 0) {
      if (c < utf8Low || c > utf8High) setNeeds(NEEDS_INVALID_UTF8);
      continuations |= bit;
      utf8Due--;
      utf8Low = 0x80;
      utf8High = 0xbf;
    } else leadByte(c, bit);
    // Byte by byte through a character; from its end, on to the next byte that is not ASCII.
    i = utf8Due !== 0 ? i + 1 : <i32>ctz(high & above(i));
  }
}

function leadByte(c: i32, bit: u64): void {
  if (c >= 0xc2 && c <= 0xdf) utf8Due = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    utf8Due = 2;
    // No overlong forms, no surrogates.
    if (c === 0xe0) utf8Low = 0xa0;
    if (c === 0xed) utf8High = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    utf8Due = 3;
    fourByteLeads |= bit;
    if (c === 0xf0) utf8Low = 0x90;
    if (c === 0xf4) utf8High = 0x8f;
  } else setNeeds(NEEDS_INVALID_UTF8);
}

/** The UTF-16 offset of the block's byte `b` (0 to 64). */
export function charAt(b: i32): i64 {
  const m = below(b);
  return base + <i64>b + adjust + <i64>popcnt(fourByteLeads & m) - <i64>popcnt(continuations & m);
}

export function lineAt(b: i32): i64 {
  return lines + <i64>popcnt(lineEnds & below(b));
}

/** The UTF-16 column of byte `b` on its line. */
export function columnAt(b: i32): i64 {
  const m = lineEnds & below(b);
  const start = m !== 0 ? charAt(64 - <i32>clz(m)) : lineStartChar;
  return charAt(b) - start;
}

/** Absolute offset of the last opening quote, closing quote or non-white byte before byte `b`. */
export function openBefore(b: i32): i64 {
  const m = quotesOpen & below(b);
  return m !== 0 ? base + 63 - <i64>clz(m) : lastOpen;
}

export function closeBefore(b: i32): i64 {
  const m = quotesClose & below(b);
  return m !== 0 ? base + 63 - <i64>clz(m) : lastClose;
}

export function nonWsBefore(b: i32): i64 {
  const m = nonWs & below(b);
  return m !== 0 ? base + 63 - <i64>clz(m) : lastNonWs;
}

/** Byte of the first non-white byte after byte `b` (-1: before the block, so from its start), or 64. */
export function nonWsAfter(b: i32): i32 {
  const m = b < 0 ? nonWs : nonWs & above(b);
  return m !== 0 ? <i32>ctz(m) : 64;
}

/** The block is done with: what it leaves open is carried to the next. */
export function passBlock(): void {
  if (lineEnds !== 0) {
    lineStartChar = charAt(64 - <i32>clz(lineEnds));
    lines += <i64>popcnt(lineEnds);
  }
  adjust += <i64>popcnt(fourByteLeads) - <i64>popcnt(continuations);
  colonsBefore += <i64>popcnt(colons);
  lastOpen = openBefore(64);
  lastClose = closeBefore(64);
  lastNonWs = nonWsBefore(64);
}
