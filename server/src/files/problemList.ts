/**
 * The problems of a log read from disk, kept within bounds: a 600 MB log with a warning on every record must
 * not keep half a million of them. Of each code the first ones in the file are kept, more than any
 * `cloudtrail.maxProblems` a user would set, and the rest only counted, so that whichever codes
 * `cloudtrail.problems.ignore` hides, the others still fill the limit. Shown as an open document's are:
 * a note on what was hidden, then errors first, then by place, with a last note saying how many were left out.
 */
import { PROBLEM_CODES, type ProblemCode, type Severity } from '../cloudtrail/problems';
import { hiddenProblemsMessage, type IgnoredCodes, NO_IGNORED } from '../features/ignoredProblems';
import { tooManyProblemsMessage } from '../features/validate';
import type { PlacedProblem } from './unitParse';

/** Problems kept of each code. */
export const KEPT_PER_CODE = 5000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

const ORIGIN = { line: 0, character: 0 };

/** A note placed at the top of the file. */
function note(code: ProblemCode, message: string): PlacedProblem {
  return { code, message, start: 0, end: 0, from: ORIGIN, to: ORIGIN };
}

/** A kept problem and its place in the order problems were added: ties at one offset keep that order. */
interface Kept {
  readonly seq: number;
  readonly problem: PlacedProblem;
}

export class ProblemList {
  private readonly kept = new Map<ProblemCode, Kept[]>();
  private added = 0;
  private readonly counts = new Map<ProblemCode, number>();

  constructor(private readonly keep = KEPT_PER_CODE) {}

  add(problem: PlacedProblem): void {
    const code = problem.code;
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    let list = this.kept.get(code);
    if (!list) this.kept.set(code, (list = []));
    list.push({ seq: this.added++, problem });
    // Trimmed now and then, not at each problem: sorting is what keeps the first ones.
    if (list.length >= 2 * this.keep) this.kept.set(code, sortAndTrim(list, this.keep));
  }

  /** How many problems were found, kept or not, of the codes not ignored (and of one severity, if given). */
  total(ignore: IgnoredCodes = NO_IGNORED, only?: Severity): number {
    let total = 0;
    for (const [code, n] of this.counts) if (!ignore.has(code) && (!only || PROBLEM_CODES[code].severity === only)) total += n;
    return total;
  }

  /** How many problems of each ignored code were found. */
  hidden(ignore: IgnoredCodes): Map<ProblemCode, number> {
    const hidden = new Map<ProblemCode, number>();
    for (const [code, n] of this.counts) if (ignore.has(code)) hidden.set(code, n);
    return hidden;
  }

  /** JSON errors not ignored: how many, and the first. */
  syntaxErrors(ignore: IgnoredCodes = NO_IGNORED): { readonly count: number; readonly first: PlacedProblem } | undefined {
    const errors = this.sorted(ignore, 'error');
    return errors[0] && { count: this.total(ignore, 'error'), first: errors[0] };
  }

  /** Every kept problem not ignored (of one severity, if given), errors first, then by place, at most `keep` of each severity. */
  sorted(ignore: IgnoredCodes = NO_IGNORED, only?: Severity): PlacedProblem[] {
    const bySeverity: Kept[][] = [[], [], [], []];
    for (const [code, list] of this.kept) {
      const severity = PROBLEM_CODES[code].severity;
      if (ignore.has(code) || (only && severity !== only)) continue;
      bySeverity[RANK[severity]]!.push(...sortAndTrim(list, this.keep));
    }
    return bySeverity.flatMap((list) => sortAndTrim(list, this.keep).map((k) => k.problem));
  }

  /** As an open document shows them: the note on what was hidden, the first `maxProblems` of the others, and a note of how many were left out. */
  limited(maxProblems: number, ignore: IgnoredCodes = NO_IGNORED): PlacedProblem[] {
    const max = Math.max(1, Math.floor(maxProblems));
    const hiddenNote = hiddenProblemsMessage(this.hidden(ignore));
    const shown = this.sorted(ignore);
    const total = this.total(ignore);
    if (total > max) shown.splice(max, shown.length, note('too-many-problems', tooManyProblemsMessage(total - max, max)));
    return hiddenNote ? [note('problems-hidden', hiddenNote), ...shown] : shown;
  }
}

function sortAndTrim(list: Kept[], keep: number): Kept[] {
  list.sort((a, b) => a.problem.start - b.problem.start || a.seq - b.seq);
  if (list.length > keep) list.length = keep;
  return list;
}
