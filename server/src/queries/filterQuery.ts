/**
 * The events view's filter as the query model's predicate, term by term as features/eventFilter.ts reads it: values
 * whole and case-insensitive with `*` for any run, the same key twice either value, negated terms each must not
 * hold, a bare word a substring of the event name, identity, source IP or error code, after: inclusive and before:
 * exclusive. The filter is read once by parseFilter; a term it cannot read keeps nothing out here either.
 */
import { filterConjuncts, type FilterTerm, type ParsedFilter } from '../../../common/filterSyntax';
import { ACTOR_NOT_EXPRESSIBLE, BARE_WORD_FIELDS, type FilterField, perKey } from '../../../common/filterFields';
import { and, type Expr, not, or, type Predicate, type TimeRange } from './queryModel';
import { type LikePart, notExpressible } from './sqlText';
import { arnName, SUMMARY } from './summaryFields';

/** A summary field as an expression; the fields each key reads are the view filter's own table. */
const exprOf = (field: FilterField): Expr => (field === 'arnName' ? arnName(SUMMARY.arn) : SUMMARY[field]);

const FIELDS = perKey((fields) => fields.map(exprOf));

const BARE: readonly Expr[] = BARE_WORD_FIELDS.map(exprOf);

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
  if (term.key === 'resource') return { k: 'touches', parts: filterPattern(term.value) };
  if (term.key === 'actor') notExpressible(ACTOR_NOT_EXPRESSIBLE);
  return anyOf(FIELDS[term.key], filterPattern(term.value));
}

/** The filter's predicate, and the time range its after:/before: terms bound. */
export function filterQuery(filter: ParsedFilter): { where: Predicate; range: TimeRange } {
  const all = filterConjuncts(filter.terms, termPredicate, or, not);
  // Two after: terms are alternatives (either may hold), so only one bound is sure: the earlier after, the later before.
  const afters = filter.terms.filter((t) => t.key === 'after' && !t.negated).map((t) => t.time!);
  const befores = filter.terms.filter((t) => t.key === 'before' && !t.negated).map((t) => t.time!);
  const after = afters.length > 0 ? Math.min(...afters) : undefined;
  const before = befores.length > 0 ? Math.max(...befores) : undefined;
  return { where: and(all), range: { ...(after !== undefined && { after }), ...(before !== undefined && { before }) } };
}
