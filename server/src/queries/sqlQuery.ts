/**
 * The SQL for a question the extension asks of one file, asked of a whole trail: the events view's filter and
 * grouping, a Sigma rule, or both (the rule's records the filter keeps). Either the SQL, or why it cannot be
 * written: never a query that means something else.
 */
import type { ResolvedActor } from '../../../common/actorProtocol';
import { parseFilter } from '../../../common/filterSyntax';
import type { GroupBy } from '../../../common/protocol';
import { expandRule, NO_PLACEHOLDERS, type Placeholders } from '../detections/placeholders';
import type { SigmaDetectionRule, SigmaRule } from '../detections/sigmaRule';
import { correlationModel } from './correlationQuery';
import { DIALECTS, type SqlDialect } from './dialects';
import { filterQuery } from './filterQuery';
import { and, type Predicate, type QueryModel, type TimeRange } from './queryModel';
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
  /**
   * For a rule, when the filter bounds no time: the range to ask of instead of the whole trail (the view's time
   * span, or the last day), and a few words saying which, for the comment the SQL starts with.
   */
  readonly defaultRange?: DefaultRange;
  /** The sessions each `actor:` term of the filter stands for, its chains followed through the loaded logs. */
  readonly actors?: readonly ResolvedActor[];
}

/** A range to ask of, and a few words saying what it is. */
export interface DefaultRange {
  readonly range: TimeRange;
  readonly what: string;
}

export type SqlAnswer = { readonly sql: string; readonly reason?: never } | { readonly sql?: never; readonly reason: string };

/** Athena takes a query of at most 262,144 bytes. */
export const MAX_SQL_BYTES = 262_144;

/** The query model for a request. */
export function queryModel(request: Omit<SqlRequest, 'dialect' | 'target'>): QueryModel {
  const filter = rangeOf(request, filterQuery(parseFilter(request.filter ?? ''), request.actors));
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

/** The range a request asks of instead of its filter's: a rule's default range, when the filter bounds no time. */
function defaultRange(request: Omit<SqlRequest, 'dialect' | 'target'>, range: TimeRange): DefaultRange | undefined {
  const unbounded = range.after === undefined && range.before === undefined;
  const used = request.rule && unbounded ? request.defaultRange : undefined;
  const valid = (ms: number | undefined) => ms === undefined || (Number.isFinite(ms) && Math.abs(ms) < 8.64e15);
  return used && valid(used.range.after) && valid(used.range.before) ? used : undefined;
}

/** The filter's predicate and range, with a rule's default range in both when it applies. */
function rangeOf(request: Omit<SqlRequest, 'dialect' | 'target'>, filter: { where: Predicate; range: TimeRange }) {
  const range = defaultRange(request, filter.range)?.range;
  if (!range) return filter;
  const bounds: Predicate[] = [
    ...(range.after !== undefined ? [{ k: 'time', op: '>=', ms: range.after } as const] : []),
    ...(range.before !== undefined ? [{ k: 'time', op: '<', ms: range.before } as const] : []),
  ];
  return { where: and([...bounds, filter.where]), range };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The comment a query with a default range starts with: which range, and how to ask another. */
function rangeComment(request: SqlRequest): string {
  const used = defaultRange(request, filterQuery(parseFilter(request.filter ?? ''), request.actors).range);
  if (!used) return '';
  const { after, before } = used.range;
  const span = [after !== undefined && `from ${iso(after)}`, before !== undefined && `before ${iso(before)}`].filter(Boolean).join(' ');
  return `-- The rule's records ${span}: ${used.what}. Write after: and before: in the view's filter to ask of another range.\n`;
}

/** The SQL for a request, or why it cannot be written. */
export function sqlFor(request: SqlRequest): SqlAnswer {
  try {
    const sql = rangeComment(request) + sqlStatement(queryModel(request), DIALECTS[request.dialect], request.target);
    if (Buffer.byteLength(sql, 'utf8') > MAX_SQL_BYTES)
      return { reason: `the query is longer than the ${MAX_SQL_BYTES} bytes Athena takes` };
    return { sql };
  } catch (error) {
    if (error instanceof NotExpressible) return { reason: error.reason };
    throw error;
  }
}
