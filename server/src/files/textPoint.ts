/**
 * Places in a text no editor holds, as an editor counts them: the line (\n, \r\n and \r each end one) and the
 * UTF-16 character within it. A log read from disk keeps these rather than its text.
 */

export interface TextPoint {
  readonly line: number;
  readonly character: number;
}

/** A span with its places: what a record, or a problem, of a log read from disk keeps. */
export interface PlacedSpan {
  /** Character offsets in the whole decompressed text (they can pass 2^31 in a 2 GB export: numbers, not ints). */
  readonly start: number;
  readonly end: number;
  readonly from: TextPoint;
  readonly to: TextPoint;
}

/**
 * Places of offsets in a piece of text that starts at `origin` in its file. Line breaks are found once,
 * when first asked for; a piece with none (a minified record) needs no table at all.
 */
export class PieceLines {
  private breaks: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly origin: TextPoint,
  ) {}

  /** The place of `offset` (0 to the piece's length) in the file. */
  pointAt(offset: number): TextPoint {
    const breaks = (this.breaks ??= lineStarts(this.text));
    if (breaks.length === 0 || offset < breaks[0]!) return { line: this.origin.line, character: this.origin.character + offset };
    const line = lastAtOrBefore(breaks.length, (i) => breaks[i]!, offset);
    return { line: this.origin.line + line + 1, character: offset - breaks[line]! };
  }
}

/**
 * Where an offset falls among pieces that start at ascending offsets (lines, units, skeleton segments): the
 * index of the last piece starting at or before it, or 0 when none does.
 */
export function lastAtOrBefore(count: number, startOf: (index: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (startOf(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offsets at which a new line starts, after each \n, \r\n or lone \r. */
export function lineStarts(text: string): number[] {
  const starts: number[] = [];
  let n = text.indexOf('\n');
  let r = text.indexOf('\r');
  while (n >= 0 || r >= 0) {
    if (r >= 0 && (n < 0 || r < n)) {
      // \r\n is one break.
      const next = r + 1 < text.length && text.charCodeAt(r + 1) === 0x0a ? r + 2 : r + 1;
      starts.push(next);
      if (n === r + 1) n = text.indexOf('\n', next);
      r = text.indexOf('\r', next);
    } else {
      starts.push(n + 1);
      n = text.indexOf('\n', n + 1);
    }
  }
  return starts;
}
