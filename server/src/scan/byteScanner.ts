/**
 * A log's bytes, in chunks of any size, split into record units by the WebAssembly scanner (server/wasm/):
 * the same units, at the same places, as files/unitSplitter.ts finds in the decoded text, plus each unit's
 * top-level keys and values as byte spans, without a string made of the text. A file the scanner leaves to
 * the JavaScript reader (a comment, a line break inside a string, bytes that are not UTF-8...) says so in
 * `needsJsReader`, and its units are not to be used.
 */
import * as L from '../../wasm/layout';
import { type ScannerModule, scannerModule } from './scannerModule';

const { MEMBER_FIELDS, NEEDS_BACKSLASH_OUTSIDE_STRING, NEEDS_COMMENT, NEEDS_INVALID_UTF8, NEEDS_LINE_BREAK_IN_STRING, NEEDS_TOO_DEEP } = L;

/** The wrappers' names, in the order of the scanner's codes (1, 2, 3). */
export const SCAN_WRAPPERS = ['Records', 'Events', 'events'] as const;

/** Why the scanner leaves a file to the JavaScript reader, by the scanner's code. */
const NEEDS: Record<number, string> = {
  [NEEDS_COMMENT]: 'a comment',
  [NEEDS_LINE_BREAK_IN_STRING]: 'a line break inside a string',
  [NEEDS_BACKSLASH_OUTSIDE_STRING]: 'a backslash outside a string',
  [NEEDS_INVALID_UTF8]: 'bytes that are not UTF-8',
  [NEEDS_TOO_DEEP]: 'nesting deeper than the scanner keeps',
};

export interface ScanPoint {
  readonly line: number;
  readonly character: number;
}

export { MEMBER_FIELDS };

export interface ScannedUnit {
  /** Byte offsets in the file (a byte-order mark counts) of its `{` and after its end. */
  readonly byteStart: number;
  readonly byteEnd: number;
  /** UTF-16 offsets in the decoded text (without a byte-order mark), and places, of the same. */
  readonly start: number;
  readonly end: number;
  readonly from: ScanPoint;
  readonly to: ScanPoint;
  readonly top: boolean;
  readonly first: boolean;
  readonly closed: boolean;
  readonly cutOff: boolean;
  /** Its members are not a plain object's (a key no string, a value missing, a trailing comma): parse it to know. */
  readonly irregular: boolean;
  /** It has more top-level members than `members` lists. */
  readonly membersCapped: boolean;
  readonly colons: number;
  readonly ordinal: number;
  /**
   * Its top-level members: `memberCount` of them from index `memberStart` of `members`, MEMBER_FIELDS numbers
   * each (wasm/layout.ts), byte offsets from `byteStart`, duplicates included. `members` is shared by the units
   * of one chunk: one copy per chunk, not a typed array per unit.
   */
  readonly members: Int32Array;
  readonly memberStart: number;
  readonly memberCount: number;
}

interface ScannerExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  init(): void;
  reset(): void;
  chunkCap(): number;
  inputAt(): number;
  feed(length: number): void;
  finish(): void;
  needsCode(): number;
  unitsAt(): number;
  unitsFound(): number;
  membersAt(): number;
  membersFound(): number;
  wrapperCode(): number;
  isArrayRoot(): number;
  hasContent(): number;
  bytesScanned(): number;
  openUnitStart(): number;
  charsScanned(): number;
  endOffset(): number;
  endPointLine(): number;
  endPointCharacter(): number;
  foldsWanted(on: number): void;
  foldsAt(): number;
  foldsFound(): number;
  colonsTotal(): number;
}

const ENCODER = new TextEncoder();

const NO_MEMBERS = new Int32Array(0);

/** Instances done with, kept for the thread's next scan (each holds a few MB). */
const spare: ScannerExports[] = [];
const SPARE_MAX = 2;

export class ByteScanner {
  private units = 0;
  private ended = false;
  private folds: Int32Array | undefined;
  private foldsUsed = 0;

  private constructor(
    private readonly x: ScannerExports,
    private readonly unit: (unit: ScannedUnit) => void,
    private readonly withMembers: boolean,
  ) {}

  /**
   * A scanner handing each unit to `unit`, or why none can run here (the JavaScript reader then reads);
   * `withMembers` false when the caller reads no member (their copy is then not made).
   */
  static create(
    unit: (unit: ScannedUnit) => void,
    loaded: ScannerModule = scannerModule(),
    withMembers = true,
  ): ByteScanner | { readonly reason: string } {
    if (!loaded.ok) return { reason: loaded.reason };
    let x = spare.pop();
    if (!x) {
      x = new loaded.wasm.Instance(loaded.module, {}).exports as ScannerExports;
      x.init();
    }
    x.reset();
    x.foldsWanted(0);
    return new ByteScanner(x, unit, withMembers);
  }

  /** Why this file is for the JavaScript reader; undefined while the scanner reads it. */
  get needsJsReader(): string | undefined {
    const code = this.x.needsCode();
    return code === 0 ? undefined : (NEEDS[code] ?? `code ${code}`);
  }

  get wrapper(): (typeof SCAN_WRAPPERS)[number] | undefined {
    return SCAN_WRAPPERS[this.x.wrapperCode() - 1];
  }

  get arrayRoot(): boolean {
    return this.x.isArrayRoot() !== 0;
  }

  /** Whether the file has anything but white space. */
  get sawContent(): boolean {
    return this.x.hasContent() !== 0;
  }

  /** The UTF-16 offset where the unit not yet ended starts, or -1 when none is open: the text before it is between units. */
  get openUnitStart(): number {
    return this.x.openUnitStart();
  }

  /** UTF-16 units of the text scanned so far: bytes written may wait, unscanned, for the block they complete. */
  get charsScanned(): number {
    return this.x.charsScanned();
  }

  write(bytes: Uint8Array): void {
    // After `end`, the instance may already be reading another file.
    if (this.ended) throw new Error('The scanner has ended');
    const cap = this.x.chunkCap();
    for (let at = 0; at < bytes.length && this.x.needsCode() === 0; at += cap) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + cap));
      new Uint8Array(this.x.memory.buffer, this.x.inputAt(), piece.length).set(piece);
      this.x.feed(piece.length);
      this.collect();
    }
  }

  /**
   * A document's text, encoded straight into the scanner's input: as `write` of its UTF-8 bytes, a lone
   * surrogate as U+FFFD (one unit still). A leading U+FEFF is taken for a byte-order mark, with no offset.
   */
  writeText(text: string): void {
    if (this.ended) throw new Error('The scanner has ended');
    const cap = this.x.chunkCap();
    for (let at = 0; at < text.length && this.x.needsCode() === 0;) {
      // No more than fits: a character that does not (a surrogate pair's first half too) waits for the next piece.
      const { read, written } = ENCODER.encodeInto(text.slice(at, at + cap), new Uint8Array(this.x.memory.buffer, this.x.inputAt(), cap));
      this.x.feed(written);
      this.collect();
      at += read;
    }
  }

  /** Folds (wasm/folds.ts) of what is written from now on, kept as they are found: for text whose brackets match. */
  collectFolds(): void {
    this.folds = new Int32Array(3 * 1024);
    this.x.foldsWanted(1);
  }

  /** The folds found (after `collectFolds`), as ParsedLog.folds lists them: a copy of their own length. */
  foldsFound(): Int32Array {
    return this.folds?.slice(0, this.foldsUsed) ?? new Int32Array(0);
  }

  /** The input's end: an open unit is cut off. Returns the text's length in UTF-16 units, its end's place, its bytes and its colons outside strings. */
  end(): { readonly length: number; readonly to: ScanPoint; readonly bytes: number; readonly colons: number } {
    const x = this.x;
    x.finish();
    this.collect();
    const to = { line: x.endPointLine(), character: x.endPointCharacter() };
    const result = { length: x.endOffset(), to, bytes: x.bytesScanned(), colons: x.colonsTotal() };
    if (!this.ended && spare.length < SPARE_MAX) spare.push(x);
    this.ended = true;
    return result;
  }

  /** Hands on the units the last feed finished (the scanner reuses its buffers at the next). */
  private collect(): void {
    const x = this.x;
    if (this.folds) this.collectFoldsFound();
    const count = x.unitsFound();
    if (count === 0 || x.needsCode() !== 0) return;
    const buffer = x.memory.buffer;
    const fields = new Float64Array(buffer, x.unitsAt(), count * L.UNIT_FIELDS);
    const members = this.withMembers ? new Int32Array(buffer, x.membersAt(), x.membersFound() * MEMBER_FIELDS).slice() : NO_MEMBERS;
    for (let k = 0; k < count; k++) this.unit(this.read(fields, k * L.UNIT_FIELDS, members));
  }

  private collectFoldsFound(): void {
    const n = this.x.foldsFound() * 3;
    if (n === 0) return;
    // Copied in one go: a push per number costs more than the scan that found them.
    if (this.foldsUsed + n > this.folds!.length) {
      const more = new Int32Array(Math.max(2 * this.folds!.length, this.foldsUsed + n));
      more.set(this.folds!.subarray(0, this.foldsUsed));
      this.folds = more;
    }
    this.folds!.set(new Int32Array(this.x.memory.buffer, this.x.foldsAt(), n), this.foldsUsed);
    this.foldsUsed += n;
  }

  private read(f: Float64Array, at: number, members: Int32Array): ScannedUnit {
    const flags = f[at + L.UNIT_FLAGS]!;
    return {
      byteStart: f[at + L.UNIT_BYTE_START]!,
      byteEnd: f[at + L.UNIT_BYTE_END]!,
      start: f[at + L.UNIT_START]!,
      end: f[at + L.UNIT_END]!,
      from: { line: f[at + L.UNIT_FROM_LINE]!, character: f[at + L.UNIT_FROM_CHARACTER]! },
      to: { line: f[at + L.UNIT_TO_LINE]!, character: f[at + L.UNIT_TO_CHARACTER]! },
      top: (flags & L.FLAG_TOP) !== 0,
      first: (flags & L.FLAG_FIRST) !== 0,
      closed: (flags & L.FLAG_CLOSED) !== 0,
      cutOff: (flags & L.FLAG_CUT_OFF) !== 0,
      irregular: (flags & L.FLAG_IRREGULAR) !== 0,
      membersCapped: (flags & L.FLAG_MEMBERS_CAPPED) !== 0,
      colons: f[at + L.UNIT_COLONS]!,
      ordinal: this.units++,
      members,
      memberStart: f[at + L.UNIT_MEMBER_FROM]! * MEMBER_FIELDS,
      memberCount: f[at + L.UNIT_MEMBER_COUNT]!,
    };
  }
}
