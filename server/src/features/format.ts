/**
 * Format Document and Format Selection: the layout of common/prettyPrint.ts (the same code a record opened on
 * its own and a decompressed log are laid out by) as offset edits that change white space only.
 *
 * A one-line 50 MB log has millions of gaps to change: edits close together are merged into one, the tokens
 * between them copied as they are, so the editor gets hundreds of edits, each still white space only. The
 * text is read a slice at a time with a turn of the event loop between, so a cancelled request stops.
 */
import { type LayoutOptions, LayoutPrinter } from '../../../common/prettyPrint';
import type { OffsetEdit } from '../cloudtrail/problems';
import type { LogShape, Span } from '../parse/parsedLog';
import { nextTurn } from '../../../common/nextTurn';

/** Characters read between two turns of the event loop. */
const SLICE = 1 << 20;
/** Edits less than this far apart are merged… */
const MERGE_DISTANCE = 256;
/** …into edits that cover at most this much of the text. */
const MAX_MERGED = 1 << 16;

export interface FormatRequest {
  readonly layout: LayoutOptions;
  /** Format Selection: only the gaps wholly inside it change. */
  readonly range?: Span;
  /** Asked between slices: the request was cancelled, or the text changed. */
  isCancelled?(): boolean;
}

/** Gap changes gathered into few edits: a change near the last one extends it. */
class EditMerger {
  readonly edits: OffsetEdit[] = [];
  private start = -1;
  private end = -1;
  private parts: string[] = [];

  constructor(private readonly text: string) {}

  add(start: number, end: number, whitespace: string): void {
    if (this.start >= 0 && start - this.end <= MERGE_DISTANCE && end - this.start <= MAX_MERGED) {
      this.parts.push(this.text.slice(this.end, start), whitespace);
      this.end = end;
      return;
    }
    this.flush();
    this.start = start;
    this.end = end;
    this.parts = [whitespace];
  }

  flush(): OffsetEdit[] {
    if (this.start >= 0) this.edits.push({ start: this.start, end: this.end, text: this.parts.join('') });
    this.start = -1;
    this.parts = [];
    return this.edits;
  }
}

/**
 * The edits that lay a text out; undefined when cancelled. JSON Lines keep one record a line: Format Document
 * leaves them (their layout is their format), Format Selection lays out what is selected.
 */
export async function formatEdits(text: string, shape: LogShape, request: FormatRequest): Promise<OffsetEdit[] | undefined> {
  const { range } = request;
  if (shape === 'lines' && !range) return [];
  const merger = new EditMerger(text);
  const visit = range
    ? (start: number, end: number, whitespace: string) => {
        if (start >= range.start && end <= range.end) merger.add(start, end, whitespace);
      }
    : (start: number, end: number, whitespace: string) => merger.add(start, end, whitespace);
  const printer = new LayoutPrinter(text, request.layout, visit);
  const last = range ? range.end : Infinity;
  while (!printer.run(Math.min(printer.offset + SLICE, last)) && printer.offset <= last) {
    await nextTurn();
    if (request.isCancelled?.()) return undefined;
  }
  return merger.flush();
}
