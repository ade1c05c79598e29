/**
 * `cloudtrail.problems.ignore`: problem codes a user does not want to see (Stratus Red Team's placeholder
 * regions, say). Problems of those codes are left out before `cloudtrail.maxProblems` is applied, and one note
 * at the top of the file says how many were hidden, by code, so nothing is hidden without a word.
 */
import { PROBLEM_CODES, type Problem, type ProblemCode, UNIGNORABLE_CODES } from '../cloudtrail/problems';
import { limitProblems } from './validate';

export type IgnoredCodes = ReadonlySet<ProblemCode>;

export const NO_IGNORED: IgnoredCodes = new Set();

/** Entries of the setting named in its note, at most: a long list of typos is not a long message. */
const UNKNOWN_NAMED = 10;

/**
 * The codes the setting's value names that can be hidden, and what it holds that is not such a code
 * (another kind of value, a typo, a rule's id, a note), as readable text.
 */
export function readIgnoredCodes(raw: unknown): { readonly codes: IgnoredCodes; readonly unknown: readonly string[] } {
  if (!Array.isArray(raw)) return { codes: NO_IGNORED, unknown: raw === undefined || raw === null ? [] : [String(typeof raw)] };
  const codes = new Set<ProblemCode>();
  const unknown: string[] = [];
  for (const entry of raw as unknown[]) {
    if (isIgnorable(entry)) codes.add(entry);
    else unknown.push(typeof entry === 'string' ? entry : typeof entry);
  }
  return { codes: codes.size === 0 ? NO_IGNORED : codes, unknown };
}

function isIgnorable(entry: unknown): entry is ProblemCode {
  return typeof entry === 'string' && Object.hasOwn(PROBLEM_CODES, entry) && !UNIGNORABLE_CODES.has(entry as ProblemCode);
}

/** The output channel's note on entries the setting holds that are not problem codes it can hide. */
export function unknownCodesNote(unknown: readonly string[]): string {
  const named = unknown.slice(0, UNKNOWN_NAMED).map((u) => JSON.stringify(u.slice(0, 80)));
  const more = unknown.length > UNKNOWN_NAMED ? ` and ${unknown.length - UNKNOWN_NAMED} more` : '';
  return (
    `cloudtrail.problems.ignore: ${named.join(', ')}${more} ${unknown.length === 1 ? 'is' : 'are'} not a problem code it can hide; ` +
    'left out. It takes the codes of the README\'s "Problem codes" (detections have cloudtrail.detections.minimumLevel).'
  );
}

/** How many problems of each ignored code the list holds, in the order first met. */
export function hiddenCounts(problems: readonly Pick<Problem, 'code'>[], ignore: IgnoredCodes): Map<ProblemCode, number> {
  const hidden = new Map<ProblemCode, number>();
  if (ignore.size === 0) return hidden;
  for (const p of problems) if (ignore.has(p.code)) hidden.set(p.code, (hidden.get(p.code) ?? 0) + 1);
  return hidden;
}

/** "326 problems hidden by cloudtrail.problems.ignore (invalid-region: 326)"; empty when none is. */
export function hiddenProblemsMessage(hidden: ReadonlyMap<ProblemCode, number>): string {
  const total = [...hidden.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  const byCode = [...hidden].map(([code, n]) => `${code}: ${n}`).join(', ');
  return `${total} ${total === 1 ? 'problem' : 'problems'} hidden by cloudtrail.problems.ignore (${byCode})`;
}

/** The note at the top of the file, or none when nothing was hidden. */
export function hiddenProblemsNote(hidden: ReadonlyMap<ProblemCode, number>): Problem | undefined {
  const message = hiddenProblemsMessage(hidden);
  return message ? { code: 'problems-hidden', message, start: 0, end: 0 } : undefined;
}

/** The problems not ignored, in their order. */
export function withoutIgnored<P extends Pick<Problem, 'code'>>(problems: readonly P[], ignore: IgnoredCodes): readonly P[] {
  return ignore.size === 0 ? problems : problems.filter((p) => !ignore.has(p.code));
}

/** What an open document shows: the note on what was hidden first, then the first `maxProblems` of the others. */
export function shownProblems(all: readonly Problem[], maxProblems: number, ignore: IgnoredCodes): Problem[] {
  const note = hiddenProblemsNote(hiddenCounts(all, ignore));
  const kept = limitProblems(withoutIgnored(all, ignore), maxProblems);
  return note ? [note, ...kept] : kept;
}
