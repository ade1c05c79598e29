/**
 * The events view's filter as the query model's predicate, term by term as features/eventFilter.ts reads it: values
 * whole and case-insensitive with `*` for any run, the same key twice either value, negated terms each must not
 * hold, a bare word a substring of the event name, identity, source IP or error code, after: inclusive and before:
 * exclusive. The filter is read once by parseFilter; a term it cannot read keeps nothing out here either.
 */
import { type FieldKey, type FilterTerm, type ParsedFilter } from '../../../common/filterSyntax';
import { and, type Expr, not, or, type Predicate, type TimeRange } from './queryModel';
import type { LikePart } from './sqlText';
import { arnName, SUMMARY } from './summaryFields';

/** What each key reads of a record: any of these values (the filter's FIELDS, as expressions). */
const FIELDS: Readonly<Record<FieldKey, readonly Expr[]>> = {
  event: [SUMMARY.eventName],
  source: [SUMMARY.eventSource],
  user: [SUMMARY.userName, SUMMARY.roleName, SUMMARY.arn, arnName(SUMMARY.arn), SUMMARY.identity],
  ip: [SUMMARY.sourceIPAddress],
  error: [SUMMARY.errorCode],
  region: [SUMMARY.awsRegion],
  bucket: [SUMMARY.bucketName],
  key: [SUMMARY.accessKeyId],
  account: [SUMMARY.accountId, SUMMARY.recipientAccountId],
};

const BARE: readonly Expr[] = [SUMMARY.eventName, SUMMARY.identity, SUMMARY.sourceIPAddress, SUMMARY.errorCode];

/** A filter value as a pattern: `*` any run, everything else itself. */
export function filterPattern(value: string): LikePart[] {
  const parts: LikePart[] = [];
  value.split('*').forEach((piece, i) => {
    if (i > 0) parts.push('any');
    if (piece !== '') parts.push({ text: piece });
  });
  return parts;
}

function anyOf(exprs: readonly Expr[], parts: readonly LikePart[]): Predicate {
  return or(exprs.map((expr) => ({ k: 'test', expr, test: { k: 'like', parts, cased: false } })));
}

function termPredicate(term: FilterTerm): Predicate {
  if (term.key === 'after') return { k: 'time', op: '>=', ms: term.time! };
  if (term.key === 'before') return { k: 'time', op: '<', ms: term.time! };
  if (term.key === undefined) return anyOf(BARE, ['any', { text: term.value }, 'any']);
  return anyOf(FIELDS[term.key], filterPattern(term.value));
}

/** The filter's predicate, and the time range its after:/before: terms bound. */
export function filterQuery(filter: ParsedFilter): { where: Predicate; range: TimeRange } {
  const all: Predicate[] = [];
  const alternatives = new Map<string, Predicate[]>();
  for (const term of filter.terms) {
    const predicate = termPredicate(term);
    if (term.negated) all.push(not(predicate));
    else if (term.key === undefined) all.push(predicate);
    else alternatives.set(term.key, [...(alternatives.get(term.key) ?? []), predicate]);
  }
  for (const either of alternatives.values()) all.push(or(either));
  // Two after: terms are alternatives (either may hold), so only one bound is sure: the earlier after, the later before.
  const afters = filter.terms.filter((t) => t.key === 'after' && !t.negated).map((t) => t.time!);
  const befores = filter.terms.filter((t) => t.key === 'before' && !t.negated).map((t) => t.time!);
  const after = afters.length > 0 ? Math.min(...afters) : undefined;
  const before = befores.length > 0 ? Math.max(...befores) : undefined;
  return { where: and(all), range: { ...(after !== undefined && { after }), ...(before !== undefined && { before }) } };
}
