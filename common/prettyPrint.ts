/**
 * JSON laid out one value a line by rewriting white space only: the one layout behind Format Document,
 * a record opened on its own and a decompressed log shown pretty-printed.
 *
 * It reads tokens, never values: every character that is not white space stays where it is, in order,
 * so broken JSON loses nothing, and the only text it ever rewrites is a gap of spaces, tabs and line
 * breaks between two tokens. A gap is never emptied between two tokens that could run together, a line
 * comment or a string cut off at a line break keeps its line break, and nothing inside a string or a
 * comment is touched. It keeps a depth counter, not a stack, and containers nested deeper than
 * MAX_LAYOUT_DEPTH are written on one line, so 100,000 nested brackets cost no more than their own text.
 */

export interface LayoutOptions {
  /** Spaces a level when insertSpaces, as the editor's tabSize. */
  readonly tabSize: number;
  readonly insertSpaces: boolean;
  /** The line break to write; the text's own first one when absent (else `\n`). */
  readonly eol?: string;
  /** After the last token: true, a line break; false, nothing; absent, one line break if there was any. */
  readonly finalNewline?: boolean;
}

/** Two-space indentation, the layout of `JSON.stringify(value, null, 2)`. */
export const TWO_SPACES: LayoutOptions = { tabSize: 2, insertSpaces: true };

/** Containers nested deeper than this are written on one line: a bounded indent, whatever the input. */
export const MAX_LAYOUT_DEPTH = 64;

/** A gap whose white space the layout changes: text[start, end) becomes `whitespace`. */
export type GapVisitor = (start: number, end: number, whitespace: string) => void;

// Token kinds. WORD is a string, number, literal or any run of other characters.
const NONE = 0;
const OPEN = 1;
const CLOSE = 2;
const COLON = 3;
const COMMA = 4;
const WORD = 5;
const LINE_COMMENT = 6;
const BLOCK_COMMENT = 7;
/** A string cut off by a line break (or the end of the text). */
const BROKEN_STRING = 8;

const isPunctuation = (kind: number) => kind >= OPEN && kind <= COMMA;

/** JSON's white space: space, tab, line feed, carriage return. Nothing else is ever removed. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** The text's own line break: that of its first line, `\n` when it has none. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 0x0d ? '\r\n' : '\n';
}

/**
 * Reads a text token by token and tells its visitor each gap the layout changes, in order. It can stop
 * and go on (run), so a caller can yield between slices of a large text.
 */
export class LayoutPrinter {
  private at: number;
  private depth = 0;
  private previous = NONE;
  private kind = NONE;
  private finished = false;
  private readonly unit: string;
  private readonly eol: string;
  /** Line break and indent, by depth, made once. */
  private readonly lines: string[] = [];

  constructor(
    private readonly text: string,
    private readonly options: LayoutOptions,
    private readonly visit: GapVisitor,
  ) {
    // A byte-order mark stays first: the layout starts after it.
    this.at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.unit = options.insertSpaces ? ' '.repeat(Math.max(0, Math.min(options.tabSize, 16))) : '\t';
    this.eol = options.eol ?? lineBreakOf(text);
  }

  /** Where reading goes on from. */
  get offset(): number {
    return this.at;
  }

  /** Reads the tokens that start at or before `until` (or all); true once the whole text is read. */
  run(until = Infinity): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.at;
    while (!this.finished && i <= until) {
      const gapStart = i;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) {
        this.finish(gapStart);
        break;
      }
      const end = this.scan(i);
      this.gap(gapStart, i);
      if (this.kind === OPEN) this.depth++;
      else if (this.kind === CLOSE && this.depth > 0) this.depth--;
      this.previous = this.kind;
      i = end;
    }
    this.at = i;
    return this.finished;
  }

  private finish(gapStart: number): void {
    const n = this.text.length;
    const wanted = this.options.finalNewline ?? hasLineBreak(this.text, gapStart, n);
    // After a line comment or a cut-off string, a line break already there stays.
    const keep = this.previous === LINE_COMMENT || this.previous === BROKEN_STRING;
    this.change(gapStart, n, wanted || (keep && gapStart < n) ? this.eol : '');
    this.finished = true;
  }

  private gap(start: number, end: number): void {
    this.change(start, end, this.layout(start, end));
  }

  private change(start: number, end: number, whitespace: string): void {
    if (whitespace.length !== end - start || !this.text.startsWith(whitespace, start)) this.visit(start, end, whitespace);
  }

  /** The white space between the previous token and this one. */
  private layout(start: number, end: number): string {
    const previous = this.previous;
    const next = this.kind;
    const depth = this.depth;
    if (previous === NONE) return '';
    // The line break ends the comment or the string: it must stay.
    if (previous === LINE_COMMENT || previous === BROKEN_STRING) return this.line(next === CLOSE ? depth - 1 : depth);
    // Two tokens that could run together ("1 2", a word and a comment) never lose their gap; lumps of junk stay lumps.
    const apart = start === end ? '' : ' ';
    if (depth > MAX_LAYOUT_DEPTH) return isPunctuation(previous) || isPunctuation(next) ? '' : apart;
    if (next === CLOSE) return previous === OPEN ? '' : this.line(depth - 1);
    if (next === COLON || next === COMMA) return '';
    if (previous === COLON) return ' ';
    if (previous === OPEN || previous === COMMA) return this.line(depth);
    if (start === end && !isPunctuation(previous) && !isPunctuation(next)) return '';
    // A comment stays on the line it was on.
    if ((next === LINE_COMMENT || next === BLOCK_COMMENT || previous === BLOCK_COMMENT) && !hasLineBreak(this.text, start, end)) return ' ';
    // Values one after another: JSON Lines at the top level, or a comma missing.
    return this.line(depth);
  }

  private line(depth: number): string {
    const d = Math.max(0, depth);
    return (this.lines[d] ??= this.eol + this.unit.repeat(d));
  }

  /** Reads the token at `i` into `kind`; returns where it ends. */
  private scan(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        this.kind = OPEN;
        return i + 1;
      case 0x7d: // }
      case 0x5d: // ]
        this.kind = CLOSE;
        return i + 1;
      case 0x3a: // :
        this.kind = COLON;
        return i + 1;
      case 0x2c: // ,
        this.kind = COMMA;
        return i + 1;
      case 0x22: // "
        return this.scanString(i);
      case 0x2f: {
        // /
        const d = text.charCodeAt(i + 1);
        if (d === 0x2f) return this.scanLineComment(i);
        if (d === 0x2a) return this.scanBlockComment(i);
        return this.scanWord(i);
      }
      default:
        return this.scanWord(i);
    }
  }

  /** A string ends at its closing quote; a line break ends it cut off, as JSON scanners read it. */
  private scanString(i: number): number {
    const text = this.text;
    const n = text.length;
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        this.kind = WORD;
        return j + 1;
      }
      if (c === 0x5c) j += 2;
      else if (c === 0x0a || c === 0x0d) break;
      else j++;
    }
    this.kind = BROKEN_STRING;
    return Math.min(j, n);
  }

  private scanLineComment(i: number): number {
    const text = this.text;
    let j = i + 2;
    while (j < text.length && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
    this.kind = LINE_COMMENT;
    return j;
  }

  private scanBlockComment(i: number): number {
    const close = this.text.indexOf('*/', i + 2);
    this.kind = BLOCK_COMMENT;
    return close < 0 ? this.text.length : close + 2;
  }

  /** A number, a literal, or any run of characters that are not JSON: up to white space, punctuation, a quote or a comment. */
  private scanWord(i: number): number {
    const text = this.text;
    const n = text.length;
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x3a || c === 0x2c || c === 0x22) break;
      if (c === 0x2f) {
        const d = text.charCodeAt(j + 1);
        if (d === 0x2f || d === 0x2a) break;
      }
      j++;
    }
    this.kind = WORD;
    return j;
  }
}

/** The whole text laid out: what Format Document gives, as one string. */
export function prettyPrint(text: string, options: LayoutOptions = TWO_SPACES): string {
  // Pieces are joined a few thousand at a time: one join of millions of them costs twice as much.
  const chunks: string[] = [];
  let parts: string[] = [];
  let at = 0;
  new LayoutPrinter(text, options, (start, end, whitespace) => {
    parts.push(text.slice(at, start), whitespace);
    at = end;
    if (parts.length >= 8192) {
      chunks.push(parts.join(''));
      parts = [];
    }
  }).run();
  parts.push(text.slice(at));
  chunks.push(parts.join(''));
  return chunks.join('');
}

/** Where a span of a text (a record: from its first token's start to its last token's end) lies once the text is laid out. */
export function laidOutSpan(text: string, span: { start: number; end: number }, options: LayoutOptions): { start: number; end: number } {
  let start = span.start;
  let end = span.end;
  // White space added or removed before the span's first token moves its start; before its last token's end, its end.
  new LayoutPrinter(text, options, (gapStart, gapEnd, whitespace) => {
    const delta = whitespace.length - (gapEnd - gapStart);
    if (gapEnd <= span.start) start += delta;
    if (gapStart < span.end) end += delta;
  }).run(span.end);
  return { start, end };
}
