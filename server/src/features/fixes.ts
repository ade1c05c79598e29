/**
 * Quick fixes and "fix all" for the problems a parse found. Every fix is certain and touches
 * punctuation and white space only; fixes are found by problem code and position, never by message.
 */
import { CLIENT_PROBLEM_CODES, FIX_ALL_KIND } from '../../../common/codes';
import { COMMANDS } from '../../../common/commands';
import type { OffsetEdit, Problem } from '../cloudtrail/problems';

/** The client's command that opens a gzipped file decompressed; its argument is the document's URI. */
const OPEN_DECOMPRESSED_COMMAND = COMMANDS.openDecompressed;

/** A problem the editor shows and asks fixes for: its code, and where it starts in the current text. */
export interface ReportedProblem {
  readonly code: string;
  readonly start: number;
}

/** An action on the text the problems were found in: edits by offset, or a client command to run. */
export interface FixAction<R extends ReportedProblem = ReportedProblem> {
  readonly title: string;
  readonly kind: 'quickfix' | typeof FIX_ALL_KIND;
  readonly edits?: readonly OffsetEdit[];
  readonly command?: typeof OPEN_DECOMPRESSED_COMMAND;
  /** Set on a fix for one problem: only a certain, data-preserving fix may be applied without asking. */
  readonly preferred?: boolean;
  /** The reported problem it fixes; none for an action on the whole file. */
  readonly fixes?: R;
}

/**
 * One quick fix per reported problem that the current parse can repair, in the order reported.
 * `problems` must belong to the text's current version: a problem reported for an older one finds no fix.
 */
export function quickFixes<R extends ReportedProblem>(problems: readonly Problem[], reported: readonly R[]): FixAction<R>[] {
  const actions: FixAction<R>[] = [];
  for (const r of reported) {
    const problem = problems.find((p) => (p.fix || p.suggestion) && p.code === r.code && p.start === r.start);
    const fix = problem?.fix ?? problem?.suggestion;
    if (fix) actions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, preferred: fix === problem?.fix, fixes: r });
  }
  for (const r of reported) {
    if (r.code !== CLIENT_PROBLEM_CODES.compressed) continue;
    actions.push({ title: 'Open decompressed', kind: 'quickfix', command: OPEN_DECOMPRESSED_COMMAND, preferred: true, fixes: r });
  }
  const all = fixAllEdits(problems);
  const certain = actions.filter((a) => a.preferred);
  if (certain.length > 0 && all.length > certain.reduce((n, a) => n + (a.edits?.length ?? 0), 0)) {
    // Offered beside the single fixes, as VS Code's own linters do.
    actions.push({ title: 'Fix all JSON problems in this file', kind: 'quickfix', edits: all });
  }
  return actions;
}

/** The "fix all" source action (tied to no one reported problem), or nothing when no problem has a certain fix. */
export function fixAll(problems: readonly Problem[]): FixAction<never> | null {
  const edits = fixAllEdits(problems);
  return edits.length === 0 ? null : { title: 'Fix all JSON problems', kind: FIX_ALL_KIND, edits };
}

/** Every certain fix's edits, in order, dropping any that would overlap one already taken. */
export function fixAllEdits(problems: readonly Problem[]): OffsetEdit[] {
  const edits = problems.flatMap((p) => (p.fix ? [...p.fix.edits] : []));
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: OffsetEdit[] = [];
  let lastEnd = -1;
  for (const edit of edits) {
    const previous = taken[taken.length - 1];
    if (previous && previous.start === edit.start && previous.end === edit.end && previous.text === edit.text) continue;
    if (edit.start < lastEnd) continue;
    taken.push(edit);
    lastEnd = edit.end;
  }
  return taken;
}
