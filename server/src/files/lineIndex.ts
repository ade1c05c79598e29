/**
 * Line-and-character positions for offsets into a text, as LSP counts them: lines end at \n, \r\n
 * or \r; characters are UTF-16 code units. For texts no editor holds (a folder's files), whose
 * records must keep their positions once the text is dropped.
 */

export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export interface LineRange {
  readonly start: LinePosition;
  readonly end: LinePosition;
}

export class LineIndex {
  /** The offset each line starts at; the first is 0. */
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */ && text.charCodeAt(i + 1) === 10 /* \n */) i++;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset, clamped to the text; an offset inside a line break is placed before it. */
  positionAt(offset: number): LinePosition {
    const at = Math.min(Math.max(0, offset), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    // The last line starting at or before `at`.
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.starts[low]!;
    let end = at;
    while (end > lineStart && isLineBreak(this.text.charCodeAt(end - 1))) end--;
    return { line: low, character: end - lineStart };
  }

  rangeOf(span: { readonly start: number; readonly end: number }): LineRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}
