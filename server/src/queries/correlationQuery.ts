/**
 * A Sigma correlation rule as the query model's CorrelationModel, where SQL can say what correlator.ts does: an
 * event_count or value_count over one rule's records, per group, in a window of `timespan` ending at each record,
 * with a least count (gte, gt). Such a count only grows as the window takes in more records, so a window's
 * records are those of every window that qualifies, however records with the same time are ordered. An upper
 * bound (lt, lte, eq) would count records of the same second differently, and temporal rules are not written.
 */
import { DERIVED_FIELDS } from '../detections/derivedFields';
import type { SigmaCorrelationRule, SigmaDetectionRule } from '../detections/sigmaRule';
import type { CorrelationModel, RecordValues, TimeRange } from './queryModel';
import { detectionPredicate } from './sigmaQuery';
import { notExpressible } from './sqlText';

/** The record field a group-by field or the counted field names for this referred rule (aliases resolved). */
function fieldFor(rule: SigmaCorrelationRule, base: SigmaDetectionRule, field: string): RecordValues {
  const byRule = Object.prototype.hasOwnProperty.call(rule.aliases, field) ? rule.aliases[field] : undefined;
  const own = byRule && [base.name, base.id].find((ref) => ref !== undefined && Object.prototype.hasOwnProperty.call(byRule, ref));
  const named = own ? byRule[own]! : field;
  if (DERIVED_FIELDS.has(named)) return notExpressible(`${named} is read from another field by the extension, and is not written as SQL`);
  return { path: named.split('.') };
}

function leastCount(rule: SigmaCorrelationRule): number {
  const { gt, gte, lt, lte, eq } = rule.condition;
  if (lt !== undefined || lte !== undefined || eq !== undefined)
    return notExpressible('a correlation count with an upper bound (lt, lte, eq) is not written as SQL: only gte and gt');
  return Math.max(Math.ceil(gte ?? 1), gt === undefined ? 1 : Math.floor(gt) + 1, 1);
}

/**
 * The correlation's model over its referred rules (already resolved by id or name), reading `range` widened by the
 * timespan on both sides: a window that ends inside the range may begin before it, and a record near its end may
 * belong to a window that ends after it.
 */
export function correlationModel(rule: SigmaCorrelationRule, bases: readonly SigmaDetectionRule[], range: TimeRange): CorrelationModel {
  if (rule.type !== 'event_count' && rule.type !== 'value_count')
    return notExpressible(`${rule.type} correlations (rules in turn within a window) are not written as SQL`);
  if (bases.length !== 1) return notExpressible('a correlation over more than one rule is not written as SQL');
  const base = bases[0]!;
  if (rule.type === 'value_count' && rule.field === undefined) return notExpressible('a value_count correlation without a field');
  const spanMs = rule.timespanMs;
  return {
    type: rule.type,
    base: detectionPredicate(base),
    groupBy: rule.groupBy.map((field) => fieldFor(rule, base, field)),
    ...(rule.field !== undefined && rule.type === 'value_count' && { value: fieldFor(rule, base, rule.field) }),
    spanMs,
    least: leastCount(rule),
    scan: {
      ...(range.after !== undefined && { after: range.after - spanMs }),
      ...(range.before !== undefined && { before: range.before + spanMs }),
    },
  };
}
