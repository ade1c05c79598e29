/**
 * A rule's `detection` section: its named searches (maps of field|modifiers keys to values, lists of maps, keyword
 * lists) and its condition, read from YAML nodes into the plain model, with every problem placed on its key.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { parseAggregation, splitAggregation, type Aggregation } from './aggregation';
import { ConditionError, parseCondition } from './condition';
import {
  SIGMA_MODIFIERS,
  type ConditionNode,
  type DetectionItem,
  type RuleRange,
  type SigmaModifier,
  type SigmaSearch,
  type SigmaValue,
} from './sigmaRule';
import { parseTimespan } from './timespan';
import { itemProblem } from './valueMatcher';
import { mapEntries, RuleContext, type YamlNode } from './yamlNodes';

/** Modifiers of the specification this evaluator does not run (Windows command lines, UTF-16, dates). */
const UNSUPPORTED = ['windash', 'utf16le', 'utf16be', 'utf16', 'wide', 'minute', 'hour', 'day', 'week', 'month', 'year'];

export interface Detection {
  readonly searches: readonly SigmaSearch[];
  readonly condition: ConditionNode;
  /** An old `| count() ...` aggregation with its `timeframe`: the rule is read as a correlation on this detection. */
  readonly aggregation?: Aggregation & { readonly timespanMs: number; readonly conditionRange?: RuleRange };
}

export function readDetection(node: YamlNode, ctx: RuleContext): Detection | undefined {
  if (!isMap(node)) {
    ctx.problem('detection must be a map of searches and a condition', node);
    return undefined;
  }
  const searches: SigmaSearch[] = [];
  let conditionNode: YamlNode;
  let timeframe: { readonly keyNode: YamlNode; readonly value: YamlNode } | undefined;
  for (const { key, keyNode, value } of mapEntries(node)) {
    if (key === 'condition') conditionNode = value;
    else if (key === 'timeframe') timeframe = { keyNode, value };
    else {
      const search = readSearch(key, value, keyNode, ctx);
      if (search) searches.push(search);
    }
  }
  if (conditionNode === undefined) {
    ctx.problem('detection has no condition', node);
    return undefined;
  }
  // Every search's name, read or not, so one bad search gives one problem.
  const names = mapEntries(node)
    .map((e) => e.key)
    .filter((key) => key !== 'condition' && key !== 'timeframe');
  const read = readCondition(conditionNode, names, ctx);
  if (!read) return undefined;
  const aggregation = read.aggregation && withTimeframe(read.aggregation, timeframe, conditionNode, ctx);
  if (!read.aggregation && timeframe)
    ctx.problem(
      'timeframe belongs to an aggregation (| count() > n); a condition on one record has no window: for searches met within a time, write a temporal correlation rule',
      timeframe.keyNode,
    );
  return !ctx.failed ? { searches, condition: read.condition, ...(aggregation && { aggregation }) } : undefined;
}

/** An aggregation counts within its timeframe: without one, it would count whatever a search covers. */
function withTimeframe(
  aggregation: Aggregation,
  timeframe: { readonly keyNode: YamlNode; readonly value: YamlNode } | undefined,
  conditionNode: YamlNode,
  ctx: RuleContext,
): Detection['aggregation'] {
  if (!timeframe) {
    ctx.problem(
      'condition: an aggregation without timeframe counts over no set window, so it is not read: add timeframe (10m, 1h)',
      conditionNode,
    );
    return undefined;
  }
  const value = isScalar(timeframe.value) ? timeframe.value.value : undefined;
  const timespanMs = parseTimespan(typeof value === 'string' ? value : undefined);
  if (!timespanMs) {
    ctx.problem('timeframe must be a number and s, m, h or d (5m, 1h)', timeframe.value ?? timeframe.keyNode);
    return undefined;
  }
  return { ...aggregation, timespanMs, ...(ctx.rangeOf(conditionNode) && { conditionRange: ctx.rangeOf(conditionNode)! }) };
}

function readCondition(
  node: YamlNode,
  names: readonly string[],
  ctx: RuleContext,
): { readonly condition: ConditionNode; readonly aggregation?: Aggregation } | undefined {
  const texts = isSeq(node) ? node.items : [node];
  const parsed: ConditionNode[] = [];
  let aggregation: Aggregation | undefined;
  for (const item of texts) {
    const text = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
    if (text === undefined) {
      ctx.problem('a condition is a string', item);
      continue;
    }
    try {
      const split = splitAggregation(text);
      if (split.aggregation !== undefined && texts.length > 1)
        throw new ConditionError('an aggregation in a list of conditions is not read: its meaning is not clear', split.at);
      const condition = parseCondition(split.search, names);
      if (split.aggregation !== undefined) aggregation = parseAggregation(split.aggregation, split.at);
      parsed.push(condition);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      ctx.problem(`condition: ${error.message}`, item);
    }
  }
  if (parsed.length !== texts.length || parsed.length === 0) return undefined;
  // A list of conditions: any of them.
  const condition: ConditionNode = parsed.length === 1 ? parsed[0]! : { kind: 'or', operands: parsed };
  return aggregation ? { condition, aggregation } : { condition };
}

function readSearch(name: string, node: YamlNode, keyNode: YamlNode, ctx: RuleContext): SigmaSearch | undefined {
  if (isMap(node)) {
    const items = readMap(node, ctx);
    return items && { name, alternatives: [items] };
  }
  if (!isSeq(node) || node.items.length === 0) {
    ctx.problem(`search ${name} must be a map, a list of maps or a list of keywords`, keyNode);
    return undefined;
  }
  const alternatives: DetectionItem[][] = [];
  const keywords: SigmaValue[] = [];
  for (const item of node.items) {
    if (isMap(item)) {
      const items = readMap(item, ctx);
      if (items) alternatives.push(items);
    } else if (isScalar(item) && isSigmaValue(item.value) && item.value !== null) keywords.push(item.value);
    else ctx.problem(`search ${name}: each item is a map or a keyword`, item);
  }
  if (keywords.length > 0) alternatives.push([{ modifiers: [], values: keywords }]);
  return { name, alternatives };
}

function readMap(node: YamlNode, ctx: RuleContext): DetectionItem[] | undefined {
  const entries = mapEntries(node);
  if (entries.length === 0) {
    ctx.problem('a search map is empty', node);
    return undefined;
  }
  const items: DetectionItem[] = [];
  for (const { key, keyNode, value } of entries) {
    const item = readItem(key, value, ctx, keyNode);
    if (item) items.push(item);
  }
  return items.length === entries.length ? items : undefined;
}

/** A search key's field and modifiers (`userAgent|contains`), or why a modifier cannot be read. */
export function itemKey(key: string): { field: string; modifiers: SigmaModifier[] } | string {
  const [field = '', ...names] = key.split('|');
  const modifiers: SigmaModifier[] = [];
  for (const name of names) {
    if ((SIGMA_MODIFIERS as readonly string[]).includes(name)) modifiers.push(name as SigmaModifier);
    else return UNSUPPORTED.includes(name) ? `modifier ${name} is not supported` : `unknown modifier ${JSON.stringify(name)}`;
  }
  return { field, modifiers };
}

export function isSigmaValue(value: unknown): value is SigmaValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function readItem(key: string, node: YamlNode, ctx: RuleContext, keyNode: YamlNode): DetectionItem | undefined {
  const read = itemKey(key);
  if (typeof read === 'string') {
    ctx.problem(read, keyNode);
    return undefined;
  }
  const { field, modifiers } = read;
  const nodes = isSeq(node) ? node.items : [node];
  const values: SigmaValue[] = [];
  for (const valueNode of nodes) {
    const value = isScalar(valueNode) ? valueNode.value : valueNode === null ? null : undefined;
    if (!isSigmaValue(value)) {
      ctx.problem(`${key}: values are strings, numbers, booleans or null`, valueNode ?? keyNode);
      return undefined;
    }
    values.push(value);
  }
  const item: DetectionItem = field === '' ? { modifiers, values } : { field, modifiers, values };
  const problem = itemProblem(item);
  if (problem) {
    ctx.problem(`${key}: ${problem}`, keyNode);
    return undefined;
  }
  if (modifiers.includes('all') && values.length === 1) ctx.problem(`${key}: all with a single value does nothing`, keyNode, 'warning');
  return item;
}
