/** The JSON syntax problems of one parse, and the certain fixes they carry. */
import type { Fix, Problem, ProblemCode } from '../cloudtrail/problems';

/** Past this many syntax problems the rest are counted by the caller's limit anyway; stop collecting. */
const MAX_SYNTAX_PROBLEMS = 10_000;

export function insertFix(title: string, at: number, text: string): Fix {
  return { title, edits: [{ start: at, end: at, text }] };
}

export function removeFix(title: string, start: number, end: number): Fix {
  return { title, edits: [{ start, end, text: '' }] };
}

export function quoteFix(title: string, start: number, end: number): Fix {
  return {
    title,
    edits: [
      { start, end: start, text: '"' },
      { start: end, end, text: '"' },
    ],
  };
}

/** The problems found in a text of `length` characters, in the order found. */
export class SyntaxProblems {
  readonly list: Problem[] = [];

  constructor(private readonly length: number) {}

  report(code: ProblemCode, message: string, start: number, end: number, fix?: Fix): void {
    if (this.list.length >= MAX_SYNTAX_PROBLEMS) return;
    // The scanner can count an unterminated comment past the end of the text.
    end = Math.min(end, this.length);
    this.list.push(fix ? { code, message, start, end, fix } : { code, message, start, end });
  }

  /** Drops what was found so far: a file that is not JSON at all gets one clear problem, not a page of them. */
  clear(): void {
    this.list.length = 0;
  }

  get last(): Problem | undefined {
    return this.list[this.list.length - 1];
  }

  /** Rewrites the last problem, once a later token shows what it really was. */
  replaceLast(problem: Problem): void {
    this.list[this.list.length - 1] = problem;
  }

  /** The file ends with containers open: `closers` are their closing brackets, innermost first. */
  reportUnexpectedEnd(closers: string, start: number, end: number, fix: Fix | undefined): void {
    const expected = closers.length > 12 ? `${closers.slice(0, 12)}…` : closers;
    this.report(
      'unexpected-end',
      `Unexpected end of file: ${describeClosers(closers)} ${closers.length === 1 ? 'is' : 'are'} not closed (expected ${expected})`,
      start,
      end,
      fix,
    );
  }
}

/** Closes every open container at the end of a text of `length` characters, first removing the trailing comma at `comma` if given. */
export function closeAtEndFix(closers: string, length: number, comma?: number): Fix {
  const close = { start: length, end: length, text: closers };
  return comma === undefined
    ? { title: `Close ${describeClosers(closers)} at end of file`, edits: [close] }
    : {
        title: `Remove trailing comma and close ${describeClosers(closers)} at end of file`,
        edits: [{ start: comma, end: comma + 1, text: '' }, close],
      };
}

/** "2 objects and 1 array", for a run of closing brackets. */
function describeClosers(closers: string): string {
  let objects = 0;
  let arrays = 0;
  for (const c of closers) {
    if (c === '}') objects++;
    else arrays++;
  }
  const parts: string[] = [];
  if (objects) parts.push(objects === 1 ? '1 object' : `${objects} objects`);
  if (arrays) parts.push(arrays === 1 ? '1 array' : `${arrays} arrays`);
  return parts.join(' and ');
}
