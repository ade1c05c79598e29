/**
 * `cloudtrail/sql`: the events view's filter and grouping, and a Sigma rule, as one SQL query for Athena,
 * CloudTrail Lake or DuckDB. The rule is found among the rules in force (by id, name or the Detections group's
 * key, in the file named if one is), else read from its file on disk; the table, its partitions and the event
 * data store come from the `cloudtrail.athena.*` and `cloudtrail.lake.*` settings of the document asked about.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUP_BY_VALUES, SQL_DIALECTS, type SqlParams, type SqlResult } from '../../../common/protocol';
import type { DefaultRange, DetectionRulesLoaded, LanguageService, Placeholders, ServerSettings, SigmaRule } from '../languageService';
import type { ResolvedActor } from '../../../common/actorProtocol';

export interface SqlHost {
  readonly service: LanguageService;
  /** A document's settings: the table and event data store they name, and the accounts' names for `account:`. */
  settings(uri: string): Promise<Pick<ServerSettings, 'sql' | 'accountNames'>>;
  rules(): Promise<DetectionRulesLoaded>;
  /** The span of time of the records shown for a URI (a log, a folder); undefined when none is shown or none has a time. */
  timeSpan(uri: string): Promise<{ after: number; before: number } | undefined>;
  /** The sessions each `actor:` term stands for in the records shown for a URI; none when none is shown. */
  actors(uri: string, filter: string): Promise<readonly ResolvedActor[]>;
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
async function rulesOf(
  service: LanguageService,
  loaded: DetectionRulesLoaded,
  file: string | undefined,
): Promise<readonly SigmaRule[] | string> {
  const inForce = loaded.reads.flatMap((read) => read.rules);
  if (file === undefined || inForce.some((rule) => path.resolve(rule.file) === file)) return inForce;
  return service.rulesOfFile(file);
}

type Found =
  | { readonly reason: string }
  | { readonly rule: SigmaRule; readonly resolve: (ref: string) => SigmaRule | undefined; readonly placeholders: Placeholders };

/** The rule a request names, or why there is none. */
async function findRule(service: LanguageService, loaded: DetectionRulesLoaded, named: NonNullable<SqlParams['rule']>): Promise<Found> {
  const file = named.uri === undefined ? undefined : filePath(named.uri);
  if (named.uri !== undefined && file === undefined) return { reason: 'a rule is named by the URI of a file on disk' };
  const rules = await rulesOf(service, loaded, file);
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
  const { sql: target, accountNames } = await host.settings(params.textDocument.uri);
  const found = params.rule ? await findRule(host.service, await host.rules(), params.rule) : undefined;
  if (found && 'reason' in found) return { reason: found.reason };
  const answer = host.service.sql({
    dialect: params.dialect,
    target,
    ...(typeof params.filter === 'string' && {
      filter: host.service.withAccountNames(params.filter, accountNames)!,
      // The chains are followed in the editor: the SQL lists the sessions they lead from.
      actors: await host.actors(params.textDocument.uri, params.filter).catch(() => []),
    }),
    ...(params.groupBy !== undefined && { groupBy: params.groupBy }),
    ...(found && { rule: found.rule, resolve: found.resolve, placeholders: found.placeholders }),
    ...(found && { defaultRange: await ruleRange(params.textDocument.uri, host) }),
  });
  return answer.sql !== undefined ? { sql: answer.sql } : { reason: answer.reason };
}
