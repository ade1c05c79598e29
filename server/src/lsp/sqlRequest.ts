/**
 * `cloudtrail/sql`: the events view's filter and grouping, and a Sigma rule, as one SQL query for Athena,
 * CloudTrail Lake or DuckDB. The rule is found among the rules in force (by id, name or the Detections group's
 * key, in the file named if one is), else read from its file on disk; the table, its partitions and the event
 * data store come from the `cloudtrail.athena.*` and `cloudtrail.lake.*` settings of the document asked about.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_DEFAULTS } from '../../../common/athenaTable';
import { GROUP_BY_VALUES, SQL_DIALECTS, type SqlParams, type SqlResult } from '../../../common/protocol';
import {
  type DetectionRulesLoaded,
  PARTITIONINGS,
  type Placeholders,
  type Partitioning,
  readRuleFile,
  readRules,
  RULE_FILE,
  type SigmaRule,
  sqlFor,
  type DefaultRange,
  type SqlTarget,
} from '../languageService';

export interface SqlHost {
  /** The `cloudtrail` settings for a document; undefined when the client has none to give. */
  settings(uri: string): Promise<unknown>;
  rules(): Promise<DetectionRulesLoaded>;
  /** The span of time of the records shown for a URI (a log, a folder); undefined when none is shown or none has a time. */
  timeSpan(uri: string): Promise<{ after: number; before: number } | undefined>;
  /** Now, in ms since 1970. */
  now(): number;
}

const DAY_MS = 86_400_000;

/** The range a rule's SQL asks of when the filter bounds no time: the view's records' span, else the last day. */
async function ruleRange(uri: string, host: SqlHost): Promise<DefaultRange> {
  const span = await host.timeSpan(uri).catch(() => undefined);
  if (span) return { range: span, what: "the view's time span" };
  return { range: { after: host.now() - DAY_MS }, what: 'the last 24 hours' };
}

const DEFAULT_TARGET: SqlTarget = {
  athena: { ...TABLE_DEFAULTS, partitioning: 'projection' },
  lake: { eventDataStore: '' },
};

/** The settings `cloudtrail/sql` reads, defaults for anything missing or of the wrong type. */
export function readSqlTarget(raw: unknown): SqlTarget {
  const r = (raw ?? {}) as { athena?: Record<string, unknown>; lake?: Record<string, unknown> };
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);
  const partitioning = r.athena?.['partitioning'];
  return {
    athena: {
      database: text(r.athena?.['database'], DEFAULT_TARGET.athena.database),
      table: text(r.athena?.['table'], DEFAULT_TARGET.athena.table),
      partitioning: PARTITIONINGS.includes(partitioning as Partitioning) ? (partitioning as Partitioning) : 'projection',
    },
    lake: { eventDataStore: text(r.lake?.['eventDataStore'], '') },
  };
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? path.resolve(fileURLToPath(uri)) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a position (line, character) is inside a rule's YAML document. */
function holds(rule: SigmaRule, at: { line: number; character: number }): boolean {
  const { start, end } = rule.range ?? {};
  if (!start || !end) return false;
  const after = at.line > start.line || (at.line === start.line && at.character >= start.character);
  const before = at.line < end.line || (at.line === end.line && at.character <= end.character);
  return after && before;
}

/** The rules a request may name: those in force, or a file's own when it names a file not among them. */
async function rulesOf(loaded: DetectionRulesLoaded, file: string | undefined): Promise<readonly SigmaRule[] | string> {
  const inForce = loaded.reads.flatMap((read) => read.rules);
  if (file === undefined || inForce.some((rule) => path.resolve(rule.file) === file)) return inForce;
  if (!RULE_FILE.test(file)) return 'a rule file is a .yml or .yaml file';
  // Read as the rules in force are: a regular file only (never a pipe or a device behind a link), at most 1 MB.
  const source = await readRuleFile(file);
  if (!('text' in source)) return `the rule file cannot be read: ${source.message}`;
  const read = readRules(source.text, file);
  return read.rules.length > 0
    ? read.rules
    : `no rule of ${path.basename(file)} can be read: ${read.problems[0]?.message ?? 'none is for CloudTrail'}`;
}

type Found =
  | { readonly reason: string }
  | { readonly rule: SigmaRule; readonly resolve: (ref: string) => SigmaRule | undefined; readonly placeholders: Placeholders };

/** The rule a request names, or why there is none. */
async function findRule(loaded: DetectionRulesLoaded, named: NonNullable<SqlParams['rule']>): Promise<Found> {
  const file = named.uri === undefined ? undefined : filePath(named.uri);
  if (named.uri !== undefined && file === undefined) return { reason: 'a rule is named by the URI of a file on disk' };
  const rules = await rulesOf(loaded, file);
  if (typeof rules === 'string') return { reason: rules };
  const inFile = file === undefined ? rules : rules.filter((rule) => path.resolve(rule.file) === file);
  // The Detections group names a rule without an id by the key its RuleInfo has.
  const keyed = loaded.set.rules.find((info) => info.key === named.id);
  const rule =
    named.position !== undefined
      ? inFile.find((r) => holds(r, named.position!))
      : (inFile.find((r) => r.id === named.id || r.name === named.id) ??
        (keyed && inFile.find((r) => r.file === keyed.file && r.title === keyed.title && r.id === keyed.id)));
  if (!rule)
    return {
      reason: named.position !== undefined ? 'no rule is under the cursor' : `no rule has the id ${JSON.stringify(named.id ?? '')}`,
    };
  const resolve = (ref: string) => inFile.find((r) => r.id === ref || r.name === ref) ?? rules.find((r) => r.id === ref || r.name === ref);
  return { rule, resolve, placeholders: loaded.placeholders };
}

/** The answer to a `cloudtrail/sql` request: the SQL, or null (`{ reason }` when asked to explain) when none can be written. */
export async function answerSql(params: SqlParams, host: SqlHost): Promise<SqlResult | null> {
  const answer = await sqlOrReason(params, host);
  return answer?.sql !== undefined || params.explain === true ? answer : null;
}

async function sqlOrReason(params: SqlParams, host: SqlHost): Promise<SqlResult | null> {
  if (!SQL_DIALECTS.includes(params.dialect)) return null;
  if (params.groupBy !== undefined && !GROUP_BY_VALUES.includes(params.groupBy)) return null;
  const target = readSqlTarget(await host.settings(params.textDocument.uri).catch(() => undefined));
  const found = params.rule ? await findRule(await host.rules(), params.rule) : undefined;
  if (found && 'reason' in found) return { reason: found.reason };
  const answer = sqlFor({
    dialect: params.dialect,
    target,
    ...(typeof params.filter === 'string' && { filter: params.filter }),
    ...(params.groupBy !== undefined && { groupBy: params.groupBy }),
    ...(found && { rule: found.rule, resolve: found.resolve, placeholders: found.placeholders }),
    ...(found && { defaultRange: await ruleRange(params.textDocument.uri, host) }),
  });
  return answer.sql !== undefined ? { sql: answer.sql } : { reason: answer.reason };
}
