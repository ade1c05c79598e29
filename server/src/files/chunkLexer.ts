/**
 * The lexical side of reading a JSON text that arrives in chunks of any size: strings (a string ends at
 * its closing quote, or unclosed at the end of its line, as the parser's scanner ends it), escapes, line
 * and block comments, and line breaks (\n, \r\n, \r), each tracked across chunk boundaries, with the
 * line, UTF-16 character and byte offset of any place in the current chunk. A subclass gets every other
 * character (`significant`): the structure.
 */
import type { TextPoint } from './textPoint';

export abstract class ChunkLexer {
  /** Whether the text has anything but white space. */
  sawContent = false;
  protected inString = false;
  /** The first character of the next chunk is escaped by a backslash ending this one. */
  protected escaped = false;
  protected comment: 0 | 1 | 2 = 0;
  /** This chunk ended in `/` outside a string (maybe a comment's start), or in `*` inside a block comment. */
  protected pendingSlash = false;
  protected pendingStar = false;
  protected pendingCR = false;
  protected line = 0;
  protected lineStart = 0;
  /** The chunk being read, its offset in the file's characters and bytes, and whether it is all ASCII. */
  protected chunk = '';
  protected base = 0;
  protected byteBase = 0;
  protected ascii = true;
  protected byteCursor = 0;
  protected byteCursorAt = 0;
  protected nextNL = -1;
  protected nextCR = -1;

  /** Bytes before the first character (a byte-order mark the decoder dropped); set before the first chunk. */
  set startByte(bytes: number) {
    this.byteBase = bytes;
  }

  /** Characters and bytes read so far. */
  get length(): number {
    return this.base;
  }

  get bytes(): number {
    return this.byteBase;
  }

  /** Takes the next chunk: its characters are scanned, each significant one handed to `significant`. */
  protected scanChunk(chunk: string): void {
    this.chunk = chunk;
    this.ascii = Buffer.byteLength(chunk) === chunk.length;
    this.byteCursor = this.byteBase;
    this.byteCursorAt = 0;
    this.nextNL = chunk.indexOf('\n');
    this.nextCR = chunk.indexOf('\r');
    this.scan(this.carryOver());
  }

  /** The chunk is done with: offsets move on past it. */
  protected passChunk(): void {
    this.base += this.chunk.length;
    this.byteBase += this.ascii ? this.chunk.length : Buffer.byteLength(this.chunk);
  }

  /** A character outside strings and comments that is neither white space nor a line break; returns the index after it. */
  protected abstract significant(i: number, ch: number): number;

  /** A string starts (its opening quote was just read). */
  protected abstract stringStarts(): void;

  /** The place of a character offset on the current line. */
  protected pointAt(offset: number): TextPoint {
    return { line: this.line, character: offset - this.lineStart };
  }

  /** The byte offset of index `i` of the current chunk (asked for in increasing order). */
  protected byteAt(i: number): number {
    if (this.ascii) return this.byteBase + i;
    this.byteCursor += Buffer.byteLength(this.chunk.slice(this.byteCursorAt, i));
    this.byteCursorAt = i;
    return this.byteCursor;
  }

  /** What the last chunk left open: a `\r` before `\n`, an escape, a `/` or a `*`. Returns where to go on. */
  protected carryOver(): number {
    const c = this.chunk;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (c.charCodeAt(0) === 0x0a) {
        // The \n of a \r\n split between chunks: no second line break; it ends a string as the \r\n would.
        this.lineStart = this.base + 1;
        this.inString = false;
        this.escaped = false;
        return 1;
      }
    }
    if (this.inString && this.escaped) {
      this.escaped = false;
      return this.escapedAt(0);
    }
    if (this.pendingSlash) {
      this.pendingSlash = false;
      const next = c.charCodeAt(0);
      if (next === 0x2f || next === 0x2a) {
        this.comment = next === 0x2f ? 1 : 2;
        return 1;
      }
    }
    if (this.pendingStar) {
      this.pendingStar = false;
      if (c.charCodeAt(0) === 0x2f) {
        this.comment = 0;
        return 1;
      }
    }
    return 0;
  }

  /** The escaped character at chunk index `i`, inside a string: returns where the string goes on. */
  protected escapedAt(i: number): number {
    const c = this.chunk.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) return i + 1;
    // An escaped line break still starts a line; after an escaped \r, the \n ends the string, as the scanner has it.
    const next = this.countLineBreak(i);
    if (next === i + 2) this.inString = false;
    return next;
  }

  /** Counts the line break at chunk index `i`; returns the index after it. */
  protected countLineBreak(i: number): number {
    const c = this.chunk;
    this.line++;
    let next = i + 1;
    if (c.charCodeAt(i) === 0x0d) {
      if (next === c.length) this.pendingCR = true;
      else if (c.charCodeAt(next) === 0x0a) next++;
    }
    this.lineStart = this.base + next;
    return next;
  }

  /** Whether no line break stands before index `at` from where the chunk's known next ones were found. */
  private lineBreakAfter(at: number): boolean {
    return (this.nextNL < 0 || this.nextNL > at) && (this.nextCR < 0 || this.nextCR > at);
  }

  /** The next line break at or after `i` in the chunk, or -1. */
  protected lineBreakFrom(i: number): number {
    const c = this.chunk;
    if (this.nextNL >= 0 && this.nextNL < i) this.nextNL = c.indexOf('\n', i);
    if (this.nextCR >= 0 && this.nextCR < i) this.nextCR = c.indexOf('\r', i);
    if (this.nextNL < 0) return this.nextCR;
    if (this.nextCR < 0) return this.nextNL;
    return Math.min(this.nextNL, this.nextCR);
  }

  protected scan(from: number): void {
    const c = this.chunk;
    const n = c.length;
    let i = from;
    while (i < n) {
      if (this.inString) i = this.skipString(i);
      else if (this.comment !== 0) i = this.skipComment(i);
      else i = this.structuralRun(i);
    }
  }

  /**
   * Outside strings and comments from `i`, for as long as that lasts. A string whose closing quote has no
   * backslash before it and no line break on the way (most of a log's) is skipped with one search; any other
   * is left to `skipString`.
   */
  private structuralRun(i: number): number {
    const c = this.chunk;
    const n = c.length;
    while (i < n) {
      const ch = c.charCodeAt(i);
      if (ch !== 0x22) {
        i = this.structural(i, ch);
        if (this.comment !== 0) return i;
        continue;
      }
      this.sawContent = true;
      this.stringStarts();
      const quote = c.indexOf('"', i + 1);
      if (quote > 0 && c.charCodeAt(quote - 1) !== 0x5c && this.lineBreakAfter(quote)) {
        i = quote + 1;
        continue;
      }
      this.inString = true;
      return i + 1;
    }
    return i;
  }

  /** Inside a string from `i`: to after its closing quote, or to the line break that ends it unclosed. */
  protected skipString(i: number): number {
    const c = this.chunk;
    for (;;) {
      const quote = c.indexOf('"', i);
      const lineBreak = this.lineBreakFrom(i);
      const at = lineBreak >= 0 && (quote < 0 || lineBreak < quote) ? lineBreak : quote;
      if (at < 0) {
        // Backslashes are counted from `i`: a character before it was already taken as escaped.
        this.escaped = backslashesBefore(c, c.length, i) % 2 === 1;
        return c.length;
      }
      if (backslashesBefore(c, at, i) % 2 === 1) {
        // Escaped: a quote goes on; so does a line break (an invalid escape), though it starts a line.
        i = at === quote ? at + 1 : this.escapedAt(at);
        if (!this.inString) return i;
        continue;
      }
      if (at === quote) {
        this.inString = false;
        return at + 1;
      }
      // A string ends unclosed at the end of its line, as the parser's scanner ends it.
      this.inString = false;
      return at;
    }
  }

  protected skipComment(i: number): number {
    const c = this.chunk;
    if (this.comment === 1) {
      const lineBreak = this.lineBreakFrom(i);
      if (lineBreak < 0) return c.length;
      this.comment = 0;
      return lineBreak;
    }
    for (;;) {
      const star = c.indexOf('*/', i);
      const lineBreak = this.lineBreakFrom(i);
      if (lineBreak >= 0 && (star < 0 || lineBreak < star)) {
        i = this.countLineBreak(lineBreak);
        continue;
      }
      if (star < 0) {
        this.pendingStar = c.charCodeAt(c.length - 1) === 0x2a;
        return c.length;
      }
      this.comment = 0;
      return star + 2;
    }
  }

  /** One character outside strings and comments, not a quote; returns the index after what it took. */
  private structural(i: number, ch: number): number {
    switch (ch) {
      case 0x0a:
      case 0x0d:
        return this.countLineBreak(i);
      case 0x20:
      case 0x09:
        return i + 1;
      default:
        this.sawContent = true;
        return this.significant(i, ch);
    }
  }

  protected slash(i: number): number {
    const c = this.chunk;
    if (i + 1 === c.length) {
      this.pendingSlash = true;
      return i + 1;
    }
    const next = c.charCodeAt(i + 1);
    if (next === 0x2f) this.comment = 1;
    else if (next === 0x2a) this.comment = 2;
    return next === 0x2f || next === 0x2a ? i + 2 : i + 1;
  }
}

/** How many backslashes stand right before index `at`, not looking before `floor`. */
function backslashesBefore(text: string, at: number, floor: number): number {
  let n = 0;
  for (let b = at - 1; b >= floor && text.charCodeAt(b) === 0x5c; b--) n++;
  return n;
}
