/**
 * Values interned by their bytes: the same event name, region or ARN in record after record gets the same id, so
 * JavaScript decodes each distinct value once and keeps one string for it. Bytes are hashed and then compared
 * here in full, so equal ids mean equal bytes whatever a hostile log makes collide. The table is bounded: a value
 * past VALUE_CAP bytes or whose probe runs past PROBES slots is not interned (the caller decodes it as before), and
 * a full table says so, for the caller to empty it and forget its strings.
 */
import { INTERN_FULL, INTERN_NONE } from './layout';

const SLOTS: i32 = 1 << 16;
const ENTRY_CAP: i32 = SLOTS >> 1;
const ARENA_CAP: i32 = 2 << 20;
const PROBES: i32 = 16;
const VALUE_CAP: i32 = 256;
/** A slot: the value's hash, its id + 1 (0: empty), where its bytes are in the arena, and their length. */
const SLOT_BYTES: i32 = 16;

let slots: usize = 0;
let arena: usize = 0;
let arenaUsed: i32 = 0;
let entries: i32 = 0;

export function initIntern(): void {
  slots = heap.alloc(<usize>SLOTS * SLOT_BYTES);
  arena = heap.alloc(<usize>ARENA_CAP);
  internReset();
}

/** Empties the table: ids start again at 0. */
export function internReset(): void {
  memory.fill(slots, 0, <usize>SLOTS * SLOT_BYTES);
  arenaUsed = 0;
  entries = 0;
}

/** FNV-1a over 8 bytes at a time, then the rest one by one. */
function hashOf(at: usize, length: i32): u64 {
  let h: u64 = 0xcbf29ce484222325;
  let p = at;
  const end = at + <usize>length;
  for (; p + 8 <= end; p += 8) h = (h ^ load<u64>(p)) * 0x100000001b3;
  for (; p < end; p++) h = (h ^ <u64>load<u8>(p)) * 0x100000001b3;
  return h ^ (h >> 29);
}

/**
 * The id of the `length` bytes at `at`: the one they had before, or the next one; INTERN_NONE for a value not
 * interned, INTERN_FULL when the table has no room left.
 */
export function internBytes(at: usize, length: i32): i32 {
  if (length > VALUE_CAP) return INTERN_NONE;
  const h = hashOf(at, length);
  const tag = <u32>h;
  let slot = <i32>(h >> 32) & (SLOTS - 1);
  for (let probe: i32 = 0; probe < PROBES; probe++, slot = (slot + 1) & (SLOTS - 1)) {
    const s = slots + <usize>slot * SLOT_BYTES;
    const id = load<i32>(s, 4);
    if (id === 0) return insert(s, tag, at, length);
    if (load<u32>(s) === tag && load<i32>(s, 12) === length && same(arena + <usize>load<i32>(s, 8), at, length)) return id - 1;
  }
  return INTERN_NONE;
}

/** Whether the `length` bytes at `a` and at `b` are equal, 16 at a time (the last 16 may overlap the ones before). */
function same(a: usize, b: usize, length: i32): bool {
  if (length < 16) {
    for (let i: usize = 0; i < <usize>length; i++) if (load<u8>(a + i) !== load<u8>(b + i)) return false;
    return true;
  }
  const n = <usize>length;
  for (let i: usize = 0; i + 16 <= n; i += 16) if (!i8x16.all_true(i8x16.eq(v128.load(a + i), v128.load(b + i)))) return false;
  return i8x16.all_true(i8x16.eq(v128.load(a + n - 16), v128.load(b + n - 16)));
}

function insert(s: usize, tag: u32, at: usize, length: i32): i32 {
  if (entries >= ENTRY_CAP || arenaUsed + length > ARENA_CAP) return INTERN_FULL;
  memory.copy(arena + <usize>arenaUsed, at, length);
  store<u32>(s, tag);
  store<i32>(s, ++entries, 4);
  store<i32>(s, arenaUsed, 8);
  store<i32>(s, length, 12);
  arenaUsed += length;
  return entries - 1;
}
