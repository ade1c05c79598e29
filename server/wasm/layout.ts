/**
 * What the scanner writes, as both sides read it: compiled into the WebAssembly module (AssemblyScript) and
 * imported by its JavaScript side (server/src/scan/byteScanner.ts), so the two cannot disagree.
 * A unit is UNIT_FIELDS f64 numbers, in the order of the UNIT_ indexes; a member MEMBER_FIELDS i32 numbers.
 */
export const UNIT_FIELDS = 12;
export const UNIT_BYTE_START = 0;
export const UNIT_BYTE_END = 1;
export const UNIT_START = 2;
export const UNIT_END = 3;
export const UNIT_FROM_LINE = 4;
export const UNIT_FROM_CHARACTER = 5;
export const UNIT_TO_LINE = 6;
export const UNIT_TO_CHARACTER = 7;
export const UNIT_FLAGS = 8;
export const UNIT_COLONS = 9;
export const UNIT_MEMBER_FROM = 10;
export const UNIT_MEMBER_COUNT = 11;

export const FLAG_TOP = 1;
export const FLAG_FIRST = 2;
export const FLAG_CLOSED = 4;
export const FLAG_CUT_OFF = 8;
/** Its members are not a plain object's (a key that is no string, a missing value, a trailing comma...). */
export const FLAG_IRREGULAR = 16;
/** More members than are kept: the rest are not listed. */
export const FLAG_MEMBERS_CAPPED = 32;

/** Key start, key end (after its closing quote), value start, value end, the value's first byte; from the unit's first byte. */
export const MEMBER_FIELDS = 5;

/** Why the scan stopped and the JavaScript reader must read the file: text whose splitting is subtle. */
export const NEEDS_COMMENT = 1;
export const NEEDS_LINE_BREAK_IN_STRING = 2;
export const NEEDS_BACKSLASH_OUTSIDE_STRING = 3;
export const NEEDS_INVALID_UTF8 = 4;
export const NEEDS_TOO_DEEP = 5;

/**
 * A record's tape (wasm/tape.ts): a node per value, in the text's order, NODE_FIELDS i32 numbers each, offsets
 * from the record's first byte. Node 0 is the record; a node's first child, if any, is the node after it.
 */
export const NODE_FIELDS = 8;
export const NODE_PARENT = 0;
/** The next node with the same parent, or -1. */
export const NODE_NEXT = 1;
/** The key's opening quote and after its closing one (both 0 for an array's element or the record). */
export const NODE_KEY_START = 2;
export const NODE_KEY_END = 3;
/** The value's first byte and after its last (a string's quotes included). */
export const NODE_START = 4;
export const NODE_END = 5;
/** The value's first byte, and for a string NODE_ESCAPED and NODE_NON_ASCII when it holds an escape or bytes past ASCII. */
export const NODE_FLAGS = 6;
export const NODE_ESCAPED = 0x100;
/** FNV-1a (32 bits) of the key's bytes between its quotes; 0 for an element. */
export const NODE_KEY_HASH = 7;
export const NODE_NON_ASCII = 0x200;

/** What the tape says of a record: JSON.parse would read it as written; it is no JSON; a key may repeat; past the tape's bounds. */
export const TAPE_OK = 0;
export const TAPE_INVALID = 1;
export const TAPE_MAYBE_REPEATED_KEY = 2;
export const TAPE_TOO_BIG = 3;
