/**
 * Splits a log's text, arriving in chunks of any size, into its record units without holding the text:
 * the objects of the top-level array, of a wrapper's array (`Records`, or lookup-events' `Events`, or a
 * CloudWatch export's `events`), or each top-level object (JSON Lines). Strings, escapes, comments and
 * nesting are tracked across chunk boundaries, with brackets matched as the tolerant parser matches them
 * (a `]` that meets an open object closes it, and then its parent if it fits), so a broken record ends
 * where the parser ends it. Everything between units goes to the skeleton (skeleton.ts), which finds the
 * faults there; each unit carries the place and byte offset it starts at, for its records' ranges and for
 * reading a record back from disk.
 */
import { ChunkLexer } from './chunkLexer';
import { Skeleton } from './skeleton';
import type { TextPoint } from './textPoint';

/** The arrays of a top-level object whose elements are records, or carry them in strings. */
export const WRAPPERS = ['Records', 'Events', 'events'] as const;
export type Wrapper = (typeof WRAPPERS)[number];

const WRAPPER_KEY = /"(Records|Events|events)"[ \t\r\n]*:[ \t\r\n]*$/;

/** Units longer than this are not read (no record is anywhere near; a string can hold about 512 M). */
export const MAX_UNIT_CHARS = 64 * 1024 * 1024;

export interface Unit {
  readonly text: string;
  /** The character offset of its first character in the file, and its place. */
  readonly start: number;
  readonly from: TextPoint;
  /** Byte offsets, in the decompressed file, of its first character and after its last. */
  readonly byteStart: number;
  readonly byteEnd: number;
  /** A top-level value (the file's first, or a JSON line) rather than an element of the records array. */
  readonly top: boolean;
  /** The file's first value, with nothing but white space and comments before it. */
  readonly first: boolean;
  /** False when the file, or a closing bracket of another kind, ended it before its own `}`. */
  readonly closed: boolean;
  /** The file ended inside it. */
  readonly cutOff: boolean;
  /** Colons in it outside strings: one per property, so a record whose parse has fewer keys has a duplicate. */
  readonly colons: number;
  /** Its number among the units, from 0. */
  readonly ordinal: number;
}

/** A unit in the making: its text so far, in pieces from the chunks it spans. */
interface OpenUnit {
  readonly pieces: string[];
  length: number;
  /** Where it starts in the current chunk (0 once it spans chunks). */
  chunkStart: number;
  readonly start: number;
  readonly from: TextPoint;
  readonly byteStart: number;
  readonly top: boolean;
  readonly first: boolean;
  /** Stack depth outside the unit. */
  readonly depth: number;
  colons: number;
  oversized: boolean;
}

export interface SplitSink {
  unit(unit: Unit): void;
  /** A unit too long to read, dropped; the file's reading says so. */
  oversized?(start: TextPoint): void;
}

const OBJECT = 0;
const ARRAY = 1;

export class UnitSplitter extends ChunkLexer {
  readonly skeleton = new Skeleton();
  /** The wrapper property whose array holds the units, once found. */
  wrapper: Wrapper | undefined;
  /** The file's first value is an array: its elements are the units. */
  arrayRoot = false;

  private readonly stack: number[] = [];
  /** Stack depth of the open array whose elements are units; -1 when there is none (top-level units only). */
  private unitsDepth = -1;
  /** Something other than white space and comments was read at the top level. */
  private topStarted = false;
  /** The first top-level object has ended; whether JSON Lines follow it, once the next value says. */
  private rootEnded = false;
  private lines: boolean | undefined;
  private unit: OpenUnit | undefined;
  private units = 0;
  /** The first half of a surrogate pair that ended the last chunk, held for the next. */
  private highSurrogate = '';
  /** Where the text outside units, not yet handed to the skeleton, starts in this chunk. */
  private gapStart = 0;

  constructor(private readonly sink: SplitSink) {
    super();
  }

  write(text: string): void {
    // A surrogate pair split between chunks would count as two characters of three bytes: keep the pair whole.
    let chunk = this.highSurrogate + text;
    this.highSurrogate = '';
    const last = chunk.charCodeAt(chunk.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = chunk.slice(-1);
      chunk = chunk.slice(0, -1);
    }
    this.take(chunk);
  }

  private take(chunk: string): void {
    if (chunk.length === 0) return;
    this.gapStart = 0;
    if (this.unit) this.unit.chunkStart = 0;
    this.scanChunk(chunk);
    this.endChunk();
  }

  private endChunk(): void {
    const c = this.chunk;
    const n = c.length;
    if (this.unit) this.keepUnitPiece(c.slice(this.unit.chunkStart));
    else if (this.gapStart < n) this.skeleton.gapText(c.slice(this.gapStart));
    this.passChunk();
  }

  /** The file's end: a unit still open was cut off. Returns the file's length in characters and its end's place. */
  end(): { readonly length: number; readonly to: TextPoint } {
    if (this.highSurrogate) {
      const lone = this.highSurrogate;
      this.highSurrogate = '';
      this.take(lone);
    }
    // Everything read is in the pieces and the skeleton: go on from an empty chunk.
    this.chunk = '';
    this.ascii = true;
    this.gapStart = 0;
    if (this.unit) {
      this.unit.chunkStart = 0;
      this.finishUnit(0, false, true);
    }
    return { length: this.base, to: this.pointAt(this.base) };
  }

  protected significant(i: number, ch: number): number {
    if (ch === 0x7b || ch === 0x5b) {
      this.open(i, ch === 0x7b ? OBJECT : ARRAY);
      return i + 1;
    }
    const top = this.stack.length === 0;
    let next = i + 1;
    if (ch === 0x3a) {
      if (this.unit) this.unit.colons++;
    } else if (ch === 0x7d || ch === 0x5d) this.close(i, ch === 0x7d ? OBJECT : ARRAY);
    else if (ch === 0x2f) next = this.slash(i);
    // A comment is no value: a `[` after one can still be the file's first.
    if (top && this.comment === 0 && !this.pendingSlash) this.topValue();
    return next;
  }

  protected stringStarts(): void {
    if (this.stack.length === 0) this.topValue();
  }

  /** Something other than `{` at the top level: after the first value, it ends any hope of JSON Lines. */
  private topValue(): void {
    this.topStarted = true;
    if (this.rootEnded && this.lines === undefined) this.lines = false;
  }

  private open(i: number, kind: number): void {
    let depth = this.stack.length;
    const first = depth === 0 && !this.topStarted;
    if (depth === 0) this.topStarted = true;
    if (depth === 0 && this.rootEnded && this.lines === undefined) {
      // A `{` right after the first value makes JSON Lines: the parser reads the lines as elements of an array.
      this.lines = kind === OBJECT;
      if (this.lines) {
        this.stack.push(ARRAY);
        this.unitsDepth = depth = 1;
      }
    }
    // Only the first value is a unit at the top level; after a wrapper or an array, more values are content after the end.
    const topUnit = depth === 0 && !this.wrapper && !this.arrayRoot && !this.rootEnded;
    const unitHere = topUnit || (depth > 0 && depth === this.unitsDepth);
    if (!this.unit && kind === OBJECT && unitHere) this.startUnit(i, depth === 0 || this.lines === true, first);
    else if (kind === ARRAY && first) {
      this.arrayRoot = true;
      this.unitsDepth = 1;
    } else if (kind === ARRAY && depth === 1 && this.unit?.first && this.wrapper === undefined) {
      this.maybeWrapper(i);
    }
    this.stack.push(kind);
  }

  /** A `[` in the first top-level object: if it is a wrapper's array, its elements become the units. */
  private maybeWrapper(i: number): void {
    const unit = this.unit!;
    const key = WRAPPER_KEY.exec(tailOf(unit.pieces, this.chunk.slice(Math.max(unit.chunkStart, i - 64), i)))?.[1] as Wrapper | undefined;
    if (!key) return;
    this.wrapper = key;
    this.unitsDepth = 2;
    // The object so far is no unit but text around the units.
    this.unit = undefined;
    for (const piece of unit.pieces) this.skeleton.gapText(piece);
    this.gapStart = unit.chunkStart;
  }

  private close(i: number, kind: number): void {
    const stack = this.stack;
    if (stack.length === 0) return;
    if (stack[stack.length - 1] === kind) {
      stack.pop();
      this.closed(i + 1, true);
      return;
    }
    // Another kind of bracket: the open container ends here, unclosed, and the bracket closes its parent if it fits.
    stack.pop();
    this.closed(i, false);
    if (stack.length > 0 && stack[stack.length - 1] === kind) {
      stack.pop();
      this.closed(i + 1, true);
    }
  }

  /** A container closed at chunk index `end`: the unit ends if it was the unit's, the units' array if it was that. */
  private closed(end: number, properly: boolean): void {
    const depth = this.stack.length;
    if (this.unit && depth === this.unit.depth) this.finishUnit(end, properly);
    if (depth < this.unitsDepth) this.unitsDepth = -1;
  }

  private startUnit(i: number, top: boolean, first: boolean): void {
    const place = this.skeletonPlace(i);
    this.skeleton.gapText(this.chunk.slice(this.gapStart, i));
    this.unit = {
      pieces: [],
      length: 0,
      chunkStart: i,
      start: place.offset,
      from: place.point,
      byteStart: this.byteAt(i),
      top,
      first,
      depth: this.stack.length,
      colons: 0,
      oversized: false,
    };
  }

  private finishUnit(end: number, closed: boolean, cutOff = false): void {
    const unit = this.unit!;
    this.unit = undefined;
    const last = this.chunk.slice(unit.chunkStart, end);
    const endPlace = this.skeletonPlace(end);
    const byteEnd = this.byteAt(end);
    this.gapStart = end;
    const ordinal = this.units++;
    if (unit.first) this.rootEnded = true;
    this.skeleton.unit({ start: unit.start, from: unit.from, end: endPlace.offset, to: endPlace.point }, unit.top, closed, unit.first);
    if (unit.oversized || unit.length + last.length > MAX_UNIT_CHARS) {
      this.sink.oversized?.(unit.from);
      return;
    }
    unit.pieces.push(last);
    const text = unit.pieces.length === 1 ? last : unit.pieces.join('');
    this.sink.unit({
      text,
      start: unit.start,
      from: unit.from,
      byteStart: unit.byteStart,
      byteEnd,
      top: unit.top,
      first: unit.first,
      closed,
      cutOff,
      colons: unit.colons,
      ordinal,
    });
  }

  private keepUnitPiece(piece: string): void {
    const unit = this.unit!;
    if (unit.oversized) return;
    unit.length += piece.length;
    if (unit.length > MAX_UNIT_CHARS) {
      unit.oversized = true;
      unit.pieces.length = 0;
    } else {
      unit.pieces.push(piece);
    }
  }

  private skeletonPlace(i: number): { offset: number; point: TextPoint } {
    const offset = this.base + i;
    return { offset, point: this.pointAt(offset) };
  }
}

/** The last 64 characters of a unit's text: its pieces so far, then `last`. */
function tailOf(pieces: readonly string[], last: string): string {
  let tail = last;
  for (let p = pieces.length - 1; p >= 0 && tail.length < 64; p--) tail = pieces[p]!.slice(-64) + tail;
  return tail.slice(-64);
}
