/**
 * The events view's filter as the query model's predicate, term by term as features/eventFilter.ts reads it: values
 * whole and case-insensitive with `*` for any run, the same key twice either value, negated terms each must not
 * hold, a bare word a substring of the event name, identity, source IP or error code, after: inclusive and before:
 * exclusive. The filter is read once by parseFilter; a term it cannot read keeps nothing out here either.
 */
import type { ActorSessions, ResolvedActor } from '../../../common/actorProtocol';
import { filterConjuncts, type FilterTerm, filterTimeRange, type ParsedFilter } from '../../../common/filterSyntax';
import { ACTOR_NOT_EXPRESSIBLE, BARE_WORD_FIELDS, type FilterField, perKey } from '../../../common/filterFields';
import { and, type Expr, FALSE, not, or, type Predicate, type TimeRange } from './queryModel';
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

const oneOf = (expr: Expr, values: readonly string[]): Predicate => (values.length === 0 ? FALSE : { k: 'in', expr, values });

/** `actor:` as the sessions its chains lead from, which the editor listed: each record by what names its caller. */
function actorPredicate(sessions: ActorSessions): Predicate {
  const noKey: Predicate = { k: 'isNull', expr: SUMMARY.accessKeyId };
  return or([
    oneOf(SUMMARY.arn, sessions.arns),
    oneOf(SUMMARY.accessKeyId, sessions.accessKeyIds),
    and([noKey, oneOf(SUMMARY.arn, sessions.keylessArns)]),
    and([noKey, { k: 'isNull', expr: SUMMARY.arn }, oneOf(SUMMARY.identity, sessions.keylessIdentities)]),
  ]);
}

function termPredicate(term: FilterTerm, actors: readonly ResolvedActor[]): Predicate {
  if (term.key === 'after') return { k: 'time', op: '>=', ms: term.time! };
  if (term.key === 'before') return { k: 'time', op: '<', ms: term.time! };
  if (term.key === undefined) return anyOf(BARE, ['any', { text: term.value }, 'any']);
  if (term.key === 'resource') return { k: 'touches', parts: filterPattern(term.value) };
  if (term.key === 'actor') {
    const resolved = actors.find((a) => a.term === term.value);
    return resolved ? actorPredicate(resolved.sessions) : notExpressible(ACTOR_NOT_EXPRESSIBLE);
  }
  return anyOf(FIELDS[term.key], filterPattern(term.value));
}

/**
 * The filter's predicate, and the time range its after:/before: terms bound. `actors` are the sessions each
 * `actor:` term stands for in the loaded logs; without them, `actor:` cannot be written.
 */
export function filterQuery(filter: ParsedFilter, actors: readonly ResolvedActor[] = []): { where: Predicate; range: TimeRange } {
  const all = filterConjuncts(filter.terms, (term) => termPredicate(term, actors), or, not);
  return { where: and(all), range: filterTimeRange(filter.terms) };
}
