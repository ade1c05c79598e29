/**
 * Known automation the quieter rules let pass (`cloudtrail.detections.exclude`): each entry is a Sigma search map
 * (`{"userAgent|contains": "Terraform/"}`, every pair must hold, a list of values means any of them), and a record
 * that any entry matches raises no finding from a rule below `high`, nor counts towards such a correlation. A user
 * agent is written by the caller, so an attacker can borrow Terraform's: high and critical rules (root use, logging
 * stopped, a policy granting everyone) ignore exclusions.
 */
import { SIGMA_LEVELS, type SigmaLevel } from '../../../common/protocol';
import { isSigmaValue, itemKey } from './detectionReader';
import type { DetectionItem, SigmaValue } from './sigmaRule';
import { compileItem, itemProblem, type RecordView } from './valueMatcher';

/** The lowest level exclusions never quiet. */
export const UNEXCLUDED_LEVEL: SigmaLevel = 'high';

/** Whether exclusions quiet a rule of this level. */
export function excludable(level: SigmaLevel): boolean {
  return SIGMA_LEVELS.indexOf(level) < SIGMA_LEVELS.indexOf(UNEXCLUDED_LEVEL);
}

/**
 * The setting's default, as package.json gives it: infrastructure-as-code tools, and AWS services. Console calls are
 * not automation, so `console.amazonaws.com` and `AWS Internal` user agents are not here.
 */
export const DEFAULT_EXCLUSIONS: readonly Readonly<Record<string, SigmaValue | readonly SigmaValue[]>>[] = [
  { 'userAgent|contains': 'Terraform/' },
  { 'userAgent|contains': 'aws-cdk/' },
  { userAgent: 'cloudformation.amazonaws.com' },
  { 'userIdentity.type': 'AWSService' },
  // Fields AWS writes: a service calling for a principal, and a service-linked role's session.
  { 'userIdentity.invokedBy|endswith': '.amazonaws.com' },
  { 'userIdentity.sessionContext.sessionIssuer.userName|startswith': 'AWSServiceRoleFor' },
];

export interface Exclusions {
  /** Whether a record is known automation; undefined when no entry could be read. */
  readonly test?: (view: RecordView) => boolean;
  /** Why entries were left out, one line each. */
  readonly problems: readonly string[];
}

/** One entry's items, or why it cannot run. */
function entryItems(entry: unknown): DetectionItem[] | string {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return 'an entry is an object of field|modifiers keys and values';
  const pairs = Object.entries(entry);
  if (pairs.length === 0) return 'an empty entry would exclude every record';
  const items: DetectionItem[] = [];
  for (const [key, raw] of pairs) {
    const read = itemKey(key);
    if (typeof read === 'string') return `${key}: ${read}`;
    if (read.field === '') return `${key}: an entry names a field`;
    const values: unknown[] = Array.isArray(raw) ? raw : [raw];
    if (!values.every(isSigmaValue)) return `${key}: values are strings, numbers, booleans or null`;
    const item: DetectionItem = { field: read.field, modifiers: read.modifiers, values };
    const problem = itemProblem(item);
    if (problem) return `${key}: ${problem}`;
    items.push(item);
  }
  return items;
}

/** The setting's entries as one test; an entry that cannot be read is left out and said. */
export function compileExclusions(entries: readonly unknown[]): Exclusions {
  const tests: ((view: RecordView) => boolean)[] = [];
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const items = entryItems(entry);
    if (typeof items === 'string') return void problems.push(`cloudtrail.detections.exclude entry ${i + 1}: ${items}; it is left out`);
    const matchers = items.map(compileItem);
    tests.push((view) => matchers.every((m) => m(view)));
  });
  return { ...(tests.length > 0 && { test: (view: RecordView) => tests.some((t) => t(view)) }), problems };
}
