/**
 * Reading Sigma rule files: every YAML document in a file is a rule (a rule on one record or a correlation rule).
 * A rule that cannot be read or uses something this evaluator does not run gives a RuleProblem placed in the file;
 * a rule whose logsource is not AWS CloudTrail is skipped (counted, not a problem).
 */
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import { SIGMA_LEVELS, type SigmaLevel } from '../../../common/protocol';
import { readDetection, type Detection } from './detectionReader';
import type { RuleProblem } from './ruleSet';
import { parseTimespan } from './timespan';
import {
  CORRELATION_TYPES,
  type CorrelationType,
  type CountCondition,
  type SigmaCorrelationRule,
  type SigmaDetectionRule,
  type SigmaRule,
} from './sigmaRule';
import { keyOf, mapEntries, RuleContext, scalarValue, stringOf, stringsOf, valueOf, type YamlNode } from './yamlNodes';

/** A rule left out because it is for another log source: correlation rules that name it are left out too. */
export interface SkippedRule {
  readonly id?: string;
  readonly name?: string;
}

export interface ReadRules {
  readonly rules: SigmaRule[];
  readonly problems: RuleProblem[];
  readonly skipped: SkippedRule[];
}

const MAX_RULE_TEXT = 4 << 20;

/** A Sigma rule has one of these at the top level; a file with none is no rule, and its text is never quoted. */
const RULE_KEY = /(?:^|[{,])[ \t]*["']?(?:detection|logsource|correlation)["']?[ \t]*:/m;

export function readRules(text: string, file: string): ReadRules {
  const out: ReadRules = { rules: [], problems: [], skipped: [] };
  if (text.length > MAX_RULE_TEXT) {
    out.problems.push({ file, message: 'the rule file is too large to read (over 4 MB)', severity: 'error' });
    return out;
  }
  if (!RULE_KEY.test(text)) {
    // Named by mistake (or by a workspace): a credentials or settings file's values must not reach a problem.
    out.problems.push({ file, message: 'not a Sigma rule (no detection, logsource or correlation): not read', severity: 'warning' });
    return out;
  }
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(documents)) return out;
  for (const document of documents) {
    const ctx = new RuleContext(file, lines);
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        out.problems.push({
          file,
          message: `YAML: ${error.message.split('\n')[0]}`,
          severity: 'error',
          start: ctx.point(error.pos[0]),
          end: ctx.point(error.pos[1]),
        });
      }
      continue;
    }
    const contents = document.contents;
    if (contents === null || (scalarValue(contents) === null && !isMap(contents))) continue;
    const rules = readRule(contents, ctx, out.skipped);
    out.problems.push(...ctx.problems);
    if (rules && !ctx.failed) out.rules.push(...rules);
  }
  return out;
}

/** A document's rule; an old-syntax aggregation gives two: the correlation, then the detection it counts. */
function readRule(node: YamlNode, ctx: RuleContext, skipped: SkippedRule[]): SigmaRule[] | undefined {
  if (!isMap(node)) {
    ctx.problem('a rule is a YAML map', node);
    return undefined;
  }
  const action = stringOf(valueOf(node, 'action'));
  if (action !== undefined) {
    ctx.problem(`action: ${action} collections are not supported: write each rule whole in its own document`, keyOf(node, 'action'));
    return undefined;
  }
  const correlation = valueOf(node, 'correlation');
  const id = stringOf(valueOf(node, 'id'));
  const name = stringOf(valueOf(node, 'name'));
  if (correlation === undefined && !isCloudTrail(valueOf(node, 'logsource'))) {
    skipped.push({ ...(id !== undefined && { id }), ...(name !== undefined && { name }) });
    return undefined;
  }
  const title = stringOf(valueOf(node, 'title'));
  if (!title) ctx.problem('the rule has no title', node);
  const meta = { ...readMeta(node, ctx), title: title ?? '' };
  if (correlation !== undefined) {
    const rule = readCorrelation(node, correlation, meta, ctx);
    return rule && [rule];
  }
  const detectionNode = valueOf(node, 'detection');
  if (detectionNode === undefined) {
    ctx.problem('the rule has no detection', node);
    return undefined;
  }
  const detection = readDetection(detectionNode, ctx);
  if (!detection || !title) return undefined;
  const logsource = valueOf(node, 'logsource');
  const field = (key: string): { [k: string]: string } | undefined => {
    const value = stringOf(valueOf(logsource, key));
    return value === undefined ? undefined : { [key]: value };
  };
  const { aggregation, ...searches } = detection;
  const logsourceFields = { ...field('product'), ...field('service'), ...field('category') };
  if (aggregation) return aggregated(meta, { kind: 'detection', logsource: logsourceFields, ...searches }, aggregation);
  return [{ kind: 'detection', ...meta, logsource: logsourceFields, ...searches }];
}

/**
 * An old `| count()` rule as the correlation it means, over its own detection. The detection keeps the rule's
 * title but not its id (the correlation has it), and is named by the rule's place, which no other rule shares.
 */
function aggregated(
  meta: Meta,
  detection: Pick<SigmaDetectionRule, 'kind' | 'logsource' | 'searches' | 'condition'>,
  aggregation: NonNullable<Detection['aggregation']>,
): SigmaRule[] {
  const { id, name, ...common } = meta;
  const base: SigmaDetectionRule = {
    ...common,
    ...detection,
    name: `${meta.file}:${(meta.range?.start.line ?? 0) + 1}: the search before |`,
  };
  const correlation: SigmaCorrelationRule = {
    ...common,
    ...(id !== undefined && { id }),
    ...(name !== undefined && { name }),
    kind: 'correlation',
    type: aggregation.type,
    rules: [base.name!],
    refRanges: [aggregation.conditionRange],
    groupBy: aggregation.groupBy,
    timespanMs: aggregation.timespanMs,
    condition: aggregation.condition,
    ...(aggregation.field !== undefined && { field: aggregation.field }),
    generate: false,
    aliases: {},
  };
  return [correlation, base];
}

function isCloudTrail(logsource: YamlNode): boolean {
  return (
    stringOf(valueOf(logsource, 'product'))?.toLowerCase() === 'aws' &&
    stringOf(valueOf(logsource, 'service'))?.toLowerCase() === 'cloudtrail'
  );
}

function readMeta(node: YamlNode, ctx: RuleContext) {
  const levelText = stringOf(valueOf(node, 'level'));
  let level: SigmaLevel = 'medium';
  if (levelText !== undefined) {
    if ((SIGMA_LEVELS as readonly string[]).includes(levelText.toLowerCase())) level = levelText.toLowerCase() as SigmaLevel;
    else ctx.problem(`unknown level ${JSON.stringify(levelText)}: read as medium`, valueOf(node, 'level'), 'warning');
  }
  const optional = (key: string): { [k: string]: string } => {
    const value = stringOf(valueOf(node, key));
    return value === undefined ? {} : { [key]: value };
  };
  return {
    file: ctx.file,
    ...optional('id'),
    ...optional('name'),
    ...optional('description'),
    ...optional('status'),
    level,
    tags: stringsOf(valueOf(node, 'tags')),
    falsepositives: stringsOf(valueOf(node, 'falsepositives')),
    references: stringsOf(valueOf(node, 'references')),
    ...(ctx.rangeOf(node) && { range: ctx.rangeOf(node)! }),
  };
}

type Meta = ReturnType<typeof readMeta> & { title: string; id?: string; name?: string };

function readCorrelation(node: YamlNode, body: YamlNode, meta: Meta, ctx: RuleContext): SigmaCorrelationRule | undefined {
  if (!isMap(body)) {
    ctx.problem('correlation must be a map', body);
    return undefined;
  }
  const typeText = stringOf(valueOf(body, 'type'));
  const type = CORRELATION_TYPES.find((t) => t === typeText);
  if (!type)
    ctx.problem(
      typeText === undefined ? 'the correlation has no type' : `correlation type ${typeText} is not supported`,
      valueOf(body, 'type') ?? body,
    );
  const rulesNode = valueOf(body, 'rules');
  const rules = stringsOf(rulesNode);
  if (rules.length === 0) ctx.problem('the correlation refers to no rules', rulesNode ?? body);
  const timespanNode = valueOf(body, 'timespan');
  const timespanMs = parseTimespan(stringOf(timespanNode));
  if (!timespanMs) ctx.problem('timespan must be a number and s, m, h or d (5m, 1h)', timespanNode ?? body);
  const condition = readCount(valueOf(body, 'condition'), type, rules.length, ctx, body);
  const conditionNode = valueOf(body, 'condition');
  const field = stringOf(valueOf(conditionNode, 'field')) ?? stringOf(valueOf(body, 'field'));
  if (type === 'value_count' && !field) ctx.problem('value_count needs the field whose values it counts', conditionNode ?? body);
  const generate = scalarValue(valueOf(node, 'generate') ?? valueOf(body, 'generate'));
  if (generate !== undefined && typeof generate !== 'boolean')
    ctx.problem('generate is true or false', valueOf(node, 'generate') ?? valueOf(body, 'generate'));
  if (!type || !timespanMs || !condition || ctx.failed || !meta.title) return undefined;
  const refRanges = (
    Array.isArray((rulesNode as { items?: unknown[] })?.items) ? (rulesNode as { items: unknown[] }).items : [rulesNode]
  ).map((n) => ctx.rangeOf(n));
  return {
    kind: 'correlation',
    ...meta,
    type,
    rules,
    refRanges,
    groupBy: stringsOf(valueOf(body, 'group-by')),
    timespanMs,
    condition,
    ...(field !== undefined && { field }),
    generate: generate === true,
    aliases: readAliases(valueOf(body, 'aliases')),
  };
}

const BOUNDS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

function readCount(
  node: YamlNode,
  type: CorrelationType | undefined,
  ruleCount: number,
  ctx: RuleContext,
  body: YamlNode,
): CountCondition | undefined {
  if (node === undefined && (type === 'temporal' || type === 'temporal_ordered')) return { gte: ruleCount };
  if (!isMap(node)) {
    ctx.problem('the correlation needs a condition such as gte: 10', node ?? body);
    return undefined;
  }
  const condition: { -readonly [K in keyof CountCondition]: number } = {};
  for (const { key, keyNode, value } of mapEntries(node)) {
    if (key === 'field') continue;
    const bound = BOUNDS.find((b) => b === key);
    const n = scalarValue(value);
    if (!bound) ctx.problem(`unknown condition ${JSON.stringify(key)}: use gt, gte, lt, lte or eq`, keyNode);
    else if (typeof n !== 'number' || !Number.isFinite(n)) ctx.problem(`${key} takes a number`, value ?? keyNode);
    else condition[bound] = n;
  }
  if (Object.keys(condition).length === 0) {
    ctx.problem('the condition has no gt, gte, lt, lte or eq', node);
    return undefined;
  }
  return condition;
}

function readAliases(node: YamlNode): Record<string, Record<string, string>> {
  const aliases: Record<string, Record<string, string>> = Object.create(null);
  for (const { key, value } of mapEntries(node)) {
    const fields: Record<string, string> = Object.create(null);
    for (const entry of mapEntries(value)) {
      const field = stringOf(entry.value);
      if (field !== undefined) fields[entry.key] = field;
    }
    aliases[key] = fields;
  }
  return aliases;
}
