/**
 * The query model as one SQL statement in a dialect. A record query selects the columns of CLOUDTRAIL_COLUMNS by
 * their names, in order, nested ones as JSON text, ordered by eventTime; a grouped query selects `group_key` and
 * `count`, most records first. A correlation reads its rule's records (the range widened by the timespan), counts
 * each group's window ending at each record, and keeps the records of every window whose count is enough.
 */
import { CLOUDTRAIL_COLUMNS } from '../../../common/cloudtrailColumns';
import type { Dialect } from './dialects';
import { type Partitioning, partitionPredicates } from './partitions';
import { and, type CorrelationModel, type Predicate, type QueryModel, type TimeRange } from './queryModel';
import { SqlWriter } from './renderSql';
import { notExpressible, sqlIdentifier } from './sqlText';
import { GROUP_KEYS } from './summaryFields';
import { ACTOR_GROUP_NOT_EXPRESSIBLE } from '../../../common/filterFields';

/** Where each dialect's records are: Athena's table and its partitions, Lake's event data store. DuckDB's is `cloudtrail_logs`. */
export interface SqlTarget {
  readonly athena: { readonly database: string; readonly table: string; readonly partitioning: Partitioning };
  /** An event data store's ID or ARN; empty for the CloudTrail console's own placeholder, `$EDS_ID`. */
  readonly lake: { readonly eventDataStore: string };
}

function fromTable(dialect: Dialect, target: SqlTarget): string {
  if (dialect.name === 'duckdb') return 'cloudtrail_logs';
  if (dialect.name === 'athena') return `${sqlIdentifier(target.athena.database)}.${sqlIdentifier(target.athena.table)}`;
  const store = target.lake.eventDataStore.trim().split('/').pop() ?? '';
  if (store === '') return '$EDS_ID';
  if (!/^[A-Za-z0-9-]{1,128}$/.test(store)) return notExpressible(`${JSON.stringify(store)} is not an event data store ID`);
  return store;
}

/** The record query's select list: every column by its name, as text. */
function recordColumns(dialect: Dialect): string {
  const f = dialect.functions;
  return CLOUDTRAIL_COLUMNS.map(({ column }) => {
    const stored = dialect.columns[column]!;
    if (stored.kind === 'nested' || stored.kind === 'map') return `${f.nestedJson(column)} AS ${column}`;
    if (stored.kind === 'timestamp') return `date_format(${column}, '%Y-%m-%dT%H:%i:%sZ') AS ${column}`;
    if (stored.kind === 'boolean') return `CAST(${column} AS VARCHAR) AS ${column}`;
    return column;
  }).join(',\n  ');
}

/** A WHERE clause, one condition a line, `level` levels in; none when everything holds. */
function whereClause(writer: SqlWriter, predicate: Predicate, extra: readonly string[] = [], level = 0): string {
  const operands = predicate.k === 'and' ? predicate.operands : predicate.k === 'const' && predicate.value ? [] : [predicate];
  const conditions = [...extra, ...writer.at(level + 1, () => operands.map((p) => writer.predicate(p)))];
  const pad = '  '.repeat(level);
  return conditions.length === 0 ? '' : `\n${pad}WHERE ${conditions.join(`\n${pad}  AND `)}`;
}

function partitionsOf(dialect: Dialect, target: SqlTarget, range: TimeRange): string[] {
  return dialect.name === 'athena' ? partitionPredicates(range, target.athena.partitioning) : [];
}

/** The answer's shape: the records, or one row per group. */
function selectFrom(writer: SqlWriter, model: QueryModel, source: string, conditions: Predicate, extra: readonly string[]): string {
  const where = whereClause(writer, conditions, extra);
  if (model.groupBy === undefined) return `SELECT\n  ${recordColumns(writer.dialect)}\nFROM ${source}${where}\nORDER BY eventtime`;
  const groupBy = model.groupBy === 'actor' ? notExpressible(ACTOR_GROUP_NOT_EXPRESSIBLE) : model.groupBy;
  const key = writer.at(1, () => writer.expr(GROUP_KEYS[groupBy]));
  return `SELECT\n  ${key} AS group_key,\n  count(*) AS "count"\nFROM ${source}${where}\nGROUP BY 1\nORDER BY 2 DESC, 1`;
}

/** The statement for a model in a dialect. */
export function sqlStatement(model: QueryModel, dialect: Dialect, target: SqlTarget): string {
  const writer = new SqlWriter(dialect);
  const table = fromTable(dialect, target);
  if (!model.correlation) return selectFrom(writer, model, table, model.where, partitionsOf(dialect, target, model.range));
  return correlationStatement(writer, model, model.correlation, table, target);
}

function correlationStatement(writer: SqlWriter, model: QueryModel, c: CorrelationModel, table: string, target: SqlTarget): string {
  const f = writer.dialect.functions;
  const groups = c.groupBy.map((_, i) => `group_${i + 1}`);
  const derived = [
    `${f.epochMs(writer.eventTime())} AS event_ms`,
    ...c.groupBy.map((values, i) => `COALESCE(${writer.firstText(values)}, '') AS ${groups[i]}`),
    ...(c.value ? [`${writer.firstText(c.value)} AS counted_value`] : []),
  ];
  const scanTime: Predicate[] = [
    ...(c.scan.after !== undefined ? [{ k: 'time', op: '>=', ms: c.scan.after } as const] : []),
    ...(c.scan.before !== undefined ? [{ k: 'time', op: '<', ms: c.scan.before } as const] : []),
  ];
  const present = [`${writer.eventTime()} IS NOT NULL`, ...(c.value ? [`${writer.firstText(c.value)} IS NOT NULL`] : [])];
  // Indented as it is written, never by rewriting its text afterwards: a rule's value may hold a line break.
  const where = whereClause(writer, and([...scanTime, c.base]), [...partitionsOf(writer.dialect, target, c.scan), ...present], 1);
  const events = `events AS (\n  SELECT *, ${derived.join(', ')}\n  FROM ${table}${where}\n)`;
  const windows = c.type === 'event_count' ? eventCountWindows(groups, c) : valueCountWindows(groups, c);
  return `WITH ${events},\n${windows}\n${selectFrom(writer, model, 'kept', model.where, [])}`;
}

/** Each record's window count, then whether some window that qualifies holds it (one ending within a span after it). */
function eventCountWindows(groups: readonly string[], c: CorrelationModel): string {
  const partition = groups.length > 0 ? `PARTITION BY ${groups.join(', ')} ` : '';
  const before = `OVER (${partition}ORDER BY event_ms RANGE BETWEEN ${c.spanMs} PRECEDING AND CURRENT ROW)`;
  const after = `OVER (${partition}ORDER BY event_ms RANGE BETWEEN CURRENT ROW AND ${c.spanMs} FOLLOWING)`;
  return [
    `counted AS (\n  SELECT *, count(*) ${before} AS window_count\n  FROM events\n),`,
    `flagged AS (\n  SELECT *, max(CASE WHEN window_count >= ${c.least} THEN 1 ELSE 0 END) ${after} AS in_window\n  FROM counted\n),`,
    `kept AS (\n  SELECT * FROM flagged WHERE in_window = 1\n)`,
  ].join('\n');
}

/** The ends of the windows whose distinct values are enough (a join: no engine counts distinct values over a sliding window), then their records. */
function valueCountWindows(groups: readonly string[], c: CorrelationModel): string {
  const same = (x: string, y: string) => groups.map((g) => `${x}.${g} = ${y}.${g}`);
  const keys = [...groups.map((g) => `a.${g}`), 'a.event_ms'].join(', ');
  const join = [...same('b', 'a'), `b.event_ms BETWEEN a.event_ms - ${c.spanMs} AND a.event_ms`].join(' AND ');
  const inWindow = [...same('x', 'e'), `x.event_ms BETWEEN e.event_ms AND e.event_ms + ${c.spanMs}`].join(' AND ');
  return [
    `ends AS (\n  SELECT ${keys}\n  FROM events a JOIN events b ON ${join}\n  GROUP BY ${keys}\n  HAVING count(DISTINCT b.counted_value) >= ${c.least}\n),`,
    `kept AS (\n  SELECT * FROM events e WHERE EXISTS (SELECT 1 FROM ends x WHERE ${inWindow})\n)`,
  ].join('\n');
}
