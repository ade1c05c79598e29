/**
 * A log's record units found by the WebAssembly scanner (scan/byteScanner.ts) in the file's bytes, instead of
 * by unitSplitter.ts in the decoded text: the same units, places and skeleton. The decoded text still comes
 * along, chunk by chunk, and each unit's text is cut from it by the UTF-16 offsets the scanner gives; the
 * text between units goes to the skeleton as it would from the splitter. A file the scanner cannot read
 * (`needsJsReader`) is read again by the splitter, whole.
 */
import { ByteScanner, type ScannedUnit } from '../scan/byteScanner';
import { scannerModule } from '../scan/scannerModule';
import { Skeleton } from './skeleton';
import type { TextPoint } from './textPoint';
import { MAX_UNIT_CHARS, type SplitSink, type Wrapper } from './unitSplitter';

/** Text held for a unit not yet ended and the gap before it, at most: past this the splitter, which streams both, reads the file. */
const MAX_HELD_CHARS = MAX_UNIT_CHARS + 4 * 1024 * 1024;

export class ScannedSplitter {
  readonly skeleton = new Skeleton();
  /** Decoded text not yet handed on, from UTF-16 offset `textBase`. */
  private text = '';
  private textBase = 0;
  private tooLong = false;
  /** The bytes read, once the input has ended. */
  bytes = 0;

  private readonly scanner: ByteScanner;

  /** Why the scanner cannot run on this thread, if it cannot. */
  static unavailable(): string | undefined {
    const loaded = scannerModule();
    return loaded.ok ? undefined : loaded.reason;
  }

  /** A splitter over the scanner (only where `unavailable()` says nothing). */
  constructor(private readonly sink: SplitSink) {
    // The units' members are not read here yet: a reading thread parses each record.
    const scanner = ByteScanner.create((unit) => this.unit(unit), scannerModule(), false);
    if (!(scanner instanceof ByteScanner)) throw new Error(scanner.reason);
    this.scanner = scanner;
  }

  /** Why the file is for the JavaScript reader instead; undefined while the scanner reads it. */
  get needsJsReader(): string | undefined {
    return this.tooLong ? `a value of more than ${MAX_UNIT_CHARS / 1024 / 1024} M characters` : this.scanner.needsJsReader;
  }

  get wrapper(): Wrapper | undefined {
    return this.scanner.wrapper;
  }

  get arrayRoot(): boolean {
    return this.scanner.arrayRoot;
  }

  get sawContent(): boolean {
    return this.scanner.sawContent;
  }

  /** `bytes` as read, and `text`, what the decoder made of them (without a byte-order mark, held characters included). */
  write(bytes: Uint8Array, text: string): void {
    this.text = this.text.length === 0 ? text : this.text + text;
    this.scanner.write(bytes);
    if (this.text.length > MAX_HELD_CHARS) this.tooLong = true;
  }

  /** The text scanned and before the open unit, if any, is between units: it goes to the skeleton, not kept here. */
  passGap(): void {
    const open = this.scanner.openUnitStart;
    const scanned = Math.min(this.scanner.charsScanned, open < 0 ? Infinity : open);
    const keep = Math.min(this.text.length, scanned - this.textBase);
    if (keep <= 0) return;
    this.skeleton.gapText(this.text.slice(0, keep));
    this.text = this.text.slice(keep);
    this.textBase += keep;
  }

  /** The input's end: returns the text's length and its end's place, and the bytes read. */
  end(): { readonly length: number; readonly to: TextPoint; readonly bytes: number } {
    const end = this.scanner.end();
    this.bytes = end.bytes;
    this.skeleton.gapText(this.text);
    this.text = '';
    return end;
  }

  private unit(u: ScannedUnit): void {
    if (this.needsJsReader) return;
    this.skeleton.gapText(this.text.slice(0, u.start - this.textBase));
    this.skeleton.unit({ start: u.start, from: u.from, end: u.end, to: u.to }, u.top, u.closed, u.first);
    if (u.end - u.start > MAX_UNIT_CHARS) this.sink.oversized?.(u.from);
    else {
      const text = this.text.slice(u.start - this.textBase, u.end - this.textBase);
      const { byteStart, byteEnd, start, from, top, first, closed, cutOff, colons, ordinal } = u;
      this.sink.unit({ text, start, from, byteStart, byteEnd, top, first, closed, cutOff, colons, ordinal });
    }
    this.text = this.text.slice(u.end - this.textBase);
    this.textBase = u.end;
  }
}
