/**
 * Folds, for an open document's text (scan/textStructure.ts): every container whose brackets are on different
 * lines, as [opening offset, closing offset, depth] in UTF-16 units, in the order they close, as the
 * JavaScript pass (parse/fastParse.ts) lists them. Off unless asked for (a disk read needs none); its
 * buffers are allocated when first asked for. Right for text whose brackets match (JSON.parse accepted it).
 */
import { charAt, lineAt } from './block';

export let foldsOn = false;
/** Per open level: the UTF-16 offset of its bracket and the lines before it. */
let openChars: usize = 0;
let openLines: usize = 0;
/** The folds found since the last feed, three i32 each (a document's offsets fit). */
export let folds: usize = 0;
export let foldCount: i32 = 0;

/** Asks for folds (or not) from the next file on: at most `perFeed` in one feed, of `levels` levels. */
export function wantFolds(on: bool, perFeed: i32, levels: i32): void {
  foldsOn = on;
  if (on && folds === 0) {
    openChars = heap.alloc(usize(levels) << 3);
    openLines = heap.alloc(usize(levels) << 3);
    folds = heap.alloc(usize(perFeed) * 12);
  }
}

/** Before a feed: the caller has read the folds found. */
export function takeFolds(): void {
  foldCount = 0;
}

/** The bracket at byte `b` of the block moved the stack from `before` levels to `after`. */
export function foldBracket(b: i32, before: i32, after: i32): void {
  if (after > before) {
    const at = usize(after - 1) << 3;
    store<f64>(openChars + at, f64(charAt(b)));
    store<f64>(openLines + at, f64(lineAt(b)));
    return;
  }
  const line = f64(lineAt(b));
  for (let level = before - 1; level >= after; level--) {
    const at = usize(level) << 3;
    if (line <= load<f64>(openLines + at)) continue;
    const p = folds + usize(foldCount * 3) * 4;
    store<i32>(p, i32(load<f64>(openChars + at)));
    store<i32>(p, i32(charAt(b)), 4);
    store<i32>(p, level + 1, 8);
    foldCount++;
  }
}
