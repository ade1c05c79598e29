/**
 * The shape of a streamed log without its records: the text between record units as it is (white space,
 * commas, brackets, a wrapper's other properties, and any junk), each run of well-separated units as one
 * small stand-in object. The tolerant parser reads this skeleton at the end, so the faults between units (a
 * missing comma, junk, a trailing comma, a file cut off between records, content after the end) are found
 * by the same code, with the same words, as in an open document, then placed back in the file. A clean
 * log's skeleton is a few dozen characters, however large the log.
 */
import { lastAtOrBefore, PieceLines, type PlacedSpan, type TextPoint } from './textPoint';

/** More text than this between units (a file of junk) is not kept; faults past it are not reported. */
const MAX_GAP_CHARS = 4 * 1024 * 1024;

/** Stand-ins: a run of closed units, a unit a bracket of another kind ended, and a first line that is a record. */
const RUN = '{ }';
const UNCLOSED = '{ ';
const RECORD_ROOT = '{"eventVersion":0,"eventName":0}';

interface Segment {
  /** Where the segment starts in the skeleton text. */
  skelStart: number;
  /** Its text, or for a stand-in undefined (the text is chosen when the skeleton is read). */
  readonly text?: string;
  /** A run's span grows as its units come (it is this skeleton's own). */
  span: PlacedSpan;
  /** For a stand-in: whether its units are closed, and whether it is the first top-level unit. */
  readonly closed?: boolean;
  readonly root?: boolean;
}

/** The skeleton's text and how its offsets map back into the file. */
export interface SkeletonText {
  readonly text: string;
  /** A skeleton offset's character offset and place in the file. */
  place(offset: number): { offset: number; point: TextPoint };
  /** The file offset past which faults are not known (the skeleton stopped keeping text), if any. */
  readonly truncatedAt: number | undefined;
}

export class Skeleton {
  private readonly segments: Segment[] = [];
  private gap: string[] = [];
  private gapLength = 0;
  private gapFrom: { offset: number; point: TextPoint } = { offset: 0, point: { line: 0, character: 0 } };
  private kept = 0;
  private truncatedAt: number | undefined;
  /** The last unit's kind: none yet, closed or not, top-level or not. */
  private lastClosed = false;
  private lastTop: boolean | undefined;

  /** Text after the last unit (or the file's start), in order. */
  gapText(text: string): void {
    if (text.length === 0) return;
    if (this.truncatedAt !== undefined) return;
    if (this.kept + text.length > MAX_GAP_CHARS) {
      this.truncatedAt = this.gapFrom.offset + this.gapLength;
      return;
    }
    this.kept += text.length;
    this.gap.push(text);
    this.gapLength += text.length;
  }

  /** A unit from `span.start` to `span.end`; `top` for a top-level value, `first` for the file's first value, `closed` unless cut off. */
  unit(span: PlacedSpan, top: boolean, closed: boolean, first: boolean): void {
    if (this.truncatedAt !== undefined) return;
    const gap = this.gap.length === 0 ? '' : this.gap.length === 1 ? this.gap[0]! : this.gap.join('');
    const previous = this.segments[this.segments.length - 1];
    // Units follow one another cleanly: one stand-in for them all. A first line stays alone (it decides JSON Lines).
    const clean = top ? /^[ \t\r\n]*$/.test(gap) : gap === ',' || /^[ \t\r\n]*,[ \t\r\n]*$/.test(gap);
    if (previous && previous.text === undefined && !previous.root && this.lastClosed && closed && this.lastTop === top && clean) {
      const grown = previous.span;
      previous.span = { start: grown.start, end: span.end, from: grown.from, to: span.to };
    } else {
      if (gap.length > 0) this.pushGap(gap);
      this.segments.push({ skelStart: 0, span, closed, root: first });
    }
    this.lastClosed = closed;
    this.lastTop = top;
    this.gap.length = 0;
    this.gapLength = 0;
    this.gapFrom = { offset: span.end, point: span.to };
  }

  /** The end of the file: the text after the last unit. */
  finish(): void {
    const gap = this.gap.join('');
    if (gap.length > 0) this.pushGap(gap);
    this.gap = [];
    this.gapLength = 0;
  }

  private pushGap(text: string): void {
    const from = this.gapFrom;
    const to = new PieceLines(text, from.point).pointAt(text.length);
    this.segments.push({ skelStart: 0, text, span: { start: from.offset, end: from.offset + text.length, from: from.point, to } });
  }

  /** The skeleton's text; `rootIsRecord` says whether the first top-level unit is a record (for JSON Lines). */
  read(rootIsRecord: boolean): SkeletonText {
    const parts: string[] = [];
    let at = 0;
    for (const segment of this.segments) {
      segment.skelStart = at;
      const text = segment.text ?? standIn(segment, rootIsRecord);
      parts.push(text);
      at += text.length;
    }
    const segments = this.segments;
    return {
      text: parts.join(''),
      truncatedAt: this.truncatedAt,
      place: (offset) => placeIn(segments, at, offset, rootIsRecord),
    };
  }

  /** The text of a file that is one top-level unit: the skeleton with `unitText` for its stand-in. */
  wholeText(unitText: string): string {
    return this.segments.map((s) => s.text ?? unitText).join('');
  }
}

function standIn(segment: Segment, rootIsRecord: boolean): string {
  if (!segment.closed) return UNCLOSED;
  return segment.root && rootIsRecord ? RECORD_ROOT : RUN;
}

/** Where a skeleton offset lies in the file: inside text, where it is; on a stand-in, at its ends. */
function placeIn(
  segments: readonly Segment[],
  length: number,
  offset: number,
  rootIsRecord: boolean,
): { offset: number; point: TextPoint } {
  const segment = segments[lastAtOrBefore(segments.length, (i) => segments[i]!.skelStart, offset)];
  if (!segment) return { offset: 0, point: { line: 0, character: 0 } };
  const { span } = segment;
  const rel = Math.min(offset, length) - segment.skelStart;
  if (segment.text !== undefined) {
    return { offset: span.start + rel, point: new PieceLines(segment.text, span.from).pointAt(Math.min(rel, segment.text.length)) };
  }
  const size = standIn(segment, rootIsRecord).length;
  if (rel >= size) return { offset: span.end, point: span.to };
  // A stand-in's last character is its unit's closing brace; its first two, the unit's first two.
  if (segment.closed && rel === size - 1) return { offset: span.end - 1, point: { line: span.to.line, character: span.to.character - 1 } };
  if (rel === 1) return { offset: span.start + 1, point: { line: span.from.line, character: span.from.character + 1 } };
  return { offset: span.start, point: span.from };
}
