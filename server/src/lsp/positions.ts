/**
 * Positions of many offsets in one version of a document, for its diagnostics. Line starts are found with
 * indexOf, and only as far as the furthest offset asked for. TextDocument's own index looks at every character
 * of the whole text on first use: on a 50 MB log that took 133 ms, more than the rules' whole pass, while a
 * one-line log needs no index at all. The document's index still serves everything else.
 */
import type { Position } from 'vscode-languageserver-types';

export class Positions {
  private readonly starts = [0];
  /** Breaks before this offset are in `starts`. */
  private scanned = 0;
  private nextLf = -2;
  private nextCr = -2;

  constructor(private readonly text: string) {}

  at(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    this.scanTo(at);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    // As the editor's documents do: an offset between \r and \n is placed before the \r.
    let before = at;
    while (before > this.starts[lo]! && isBreak(this.text.charCodeAt(before - 1))) before--;
    return { line: lo, character: before - this.starts[lo]! };
  }

  /** Finds the line breaks before `offset` not yet found. */
  private scanTo(offset: number): void {
    const text = this.text;
    while (this.scanned < offset) {
      if (this.nextLf !== -1 && this.nextLf < this.scanned) this.nextLf = text.indexOf('\n', this.scanned);
      if (this.nextCr !== -1 && this.nextCr < this.scanned) this.nextCr = text.indexOf('\r', this.scanned);
      const lf = this.nextLf === -1 ? Infinity : this.nextLf;
      const cr = this.nextCr === -1 ? Infinity : this.nextCr;
      const brk = Math.min(lf, cr);
      // The break after the offset ends its line: the offset's line is known.
      if (brk >= offset) return;
      const start = brk === cr && text.charCodeAt(brk + 1) === 10 ? brk + 2 : brk + 1;
      this.starts.push(start);
      this.scanned = start;
    }
  }
}

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}
