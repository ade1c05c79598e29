/**
 * The problems of a log read from disk, kept within bounds: a 600 MB log with a warning on every record must
 * not keep half a million of them. Of each severity the first ones in the file are kept, more than any
 * `cloudtrail.maxProblems` a user would set, and the rest only counted; shown as an open document's are,
 * errors first, then by place, with a last note saying how many were left out.
 */
import { PROBLEM_CODES, type Severity } from '../cloudtrail/problems';
import { tooManyProblemsMessage } from '../features/validate';
import type { PlacedProblem } from './unitParse';

/** Problems kept of each severity. */
export const KEPT_PER_SEVERITY = 5000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export class ProblemList {
  private readonly kept: PlacedProblem[][] = [[], [], [], []];
  private readonly counts = [0, 0, 0, 0];

  constructor(private readonly keep = KEPT_PER_SEVERITY) {}

  add(problem: PlacedProblem): void {
    const rank = RANK[PROBLEM_CODES[problem.code].severity];
    this.counts[rank]!++;
    const list = this.kept[rank]!;
    list.push(problem);
    // Trimmed now and then, not at each problem: sorting is what keeps the first ones.
    if (list.length >= 2 * this.keep) this.kept[rank] = sortAndTrim(list, this.keep);
  }

  /** How many problems were found, kept or not. */
  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /** JSON errors: how many, and the first. */
  syntaxErrors(): { readonly count: number; readonly first: PlacedProblem } | undefined {
    const errors = (this.kept[0] = sortAndTrim(this.kept[0]!, this.keep));
    return errors[0] && { count: this.counts[0]!, first: errors[0] };
  }

  /** Every kept problem, errors first, then by place. */
  sorted(): PlacedProblem[] {
    return this.kept.flatMap((list, rank) => (this.kept[rank] = sortAndTrim(list, this.keep)));
  }

  /** The first `maxProblems`, and a note of how many were left out, as an open document shows them. */
  limited(maxProblems: number): PlacedProblem[] {
    const max = Math.max(1, Math.floor(maxProblems));
    const all = this.sorted();
    if (this.total <= max) return all;
    const origin = { line: 0, character: 0 };
    const note: PlacedProblem = {
      code: 'too-many-problems',
      message: tooManyProblemsMessage(this.total - max, max),
      start: 0,
      end: 0,
      from: origin,
      to: origin,
    };
    return [...all.slice(0, max), note];
  }
}

function sortAndTrim(list: PlacedProblem[], keep: number): PlacedProblem[] {
  list.sort((a, b) => a.start - b.start);
  if (list.length > keep) list.length = keep;
  return list;
}
