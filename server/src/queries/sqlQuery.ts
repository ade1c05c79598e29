/**
 * The SQL for a question the extension asks of one file, asked of a whole trail: the events view's filter and
 * grouping, a Sigma rule, or both (the rule's records the filter keeps). Either the SQL, or why it cannot be
 * written: never a query that means something else.
 */
import { parseFilter } from '../../../common/filterSyntax';
import type { GroupBy } from '../../../common/protocol';
import { expandRule, NO_PLACEHOLDERS, type Placeholders } from '../detections/placeholders';
import type { SigmaDetectionRule, SigmaRule } from '../detections/sigmaRule';
import { correlationModel } from './correlationQuery';
import { DIALECTS, type SqlDialect } from './dialects';
import { filterQuery } from './filterQuery';
import { and, type QueryModel } from './queryModel';
import { detectionPredicate } from './sigmaQuery';
import { NotExpressible, notExpressible } from './sqlText';
import { type SqlTarget, sqlStatement } from './sqlStatement';

export type { SqlDialect } from './dialects';
export type { SqlTarget } from './sqlStatement';

export interface SqlRequest {
  readonly dialect: SqlDialect;
  readonly filter?: string;
  readonly groupBy?: GroupBy;
  readonly rule?: SigmaRule;
  /** The rule a correlation refers to, by its id or name. */
  readonly resolve?: (ref: string) => SigmaRule | undefined;
  /** What the rules' `expand` placeholders stand for, as when they run on logs: an IN list of the values. */
  readonly placeholders?: Placeholders;
  readonly target: SqlTarget;
}

export type SqlAnswer = { readonly sql: string; readonly reason?: never } | { readonly sql?: never; readonly reason: string };

/** Athena takes a query of at most 262,144 bytes. */
export const MAX_SQL_BYTES = 262_144;

/** The query model for a request. */
export function queryModel(request: Omit<SqlRequest, 'dialect' | 'target'>): QueryModel {
  const filter = filterQuery(parseFilter(request.filter ?? ''));
  const placeholders = request.placeholders ?? NO_PLACEHOLDERS;
  const rule = request.rule;
  const groupBy = request.groupBy === undefined ? {} : { groupBy: request.groupBy };
  if (!rule) return { where: filter.where, range: filter.range, ...groupBy };
  if (rule.kind === 'detection')
    return { where: and([detectionPredicate(expandRule(rule, placeholders)), filter.where]), range: filter.range, ...groupBy };
  const bases = rule.rules.map((ref) => {
    const base = request.resolve?.(ref);
    if (!base) return notExpressible(`the rule ${JSON.stringify(ref)} the correlation counts is not among the rules`);
    if (base.kind !== 'detection') return notExpressible(`${JSON.stringify(ref)} is itself a correlation`);
    return expandRule(base, placeholders) satisfies SigmaDetectionRule;
  });
  return { where: filter.where, range: filter.range, ...groupBy, correlation: correlationModel(rule, bases, filter.range) };
}

/** The SQL for a request, or why it cannot be written. */
export function sqlFor(request: SqlRequest): SqlAnswer {
  try {
    const sql = sqlStatement(queryModel(request), DIALECTS[request.dialect], request.target);
    if (Buffer.byteLength(sql, 'utf8') > MAX_SQL_BYTES)
      return { reason: `the query is longer than the ${MAX_SQL_BYTES} bytes Athena takes` };
    return { sql };
  } catch (error) {
    if (error instanceof NotExpressible) return { reason: error.reason };
    throw error;
  }
}
