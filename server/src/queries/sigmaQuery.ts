/**
 * A Sigma rule on one record (detections/sigmaRule.ts) as the query model's predicate, item by item as
 * valueMatcher.ts runs it: strings case-insensitive unless `cased`, `*` and `?` wildcards with `\` escapes,
 * contains/startswith/endswith, `all`, `exists`, null, `neq`, numbers compared as numbers, IPv4 CIDR ranges,
 * base64 and base64offset (case-sensitive), `fieldref`, `expand` once its placeholders are filled in (a list of
 * values, read as an IN list), and regular expressions in the syntax the engines share.
 * Keywords (values matched anywhere in the record) have no column to search and are not expressible.
 */
import { itemProblem, valuePatterns } from '../detections/valueMatcher';
import { parseCidr } from '../detections/cidr';
import type { ConditionNode, DetectionItem, SigmaDetectionRule, SigmaModifier, SigmaValue } from '../detections/sigmaRule';
import { type WildcardPattern, wrapPattern } from '../detections/wildcard';
import { and, FALSE, not, or, type Predicate, type RecordValues, type TextTest } from './queryModel';
import { type LikePart, notExpressible } from './sqlText';

/** A Sigma pattern (its literal text and wildcard mask) as LIKE parts. */
export function patternParts(pattern: WildcardPattern): LikePart[] {
  const parts: LikePart[] = [];
  let literal = '';
  for (let i = 0; i < pattern.text.length; i++) {
    const mask = pattern.mask[i];
    if (mask === 0) {
      literal += pattern.text[i];
      continue;
    }
    if (literal !== '') parts.push({ text: literal });
    literal = '';
    parts.push(mask === 1 ? 'any' : 'one');
  }
  if (literal !== '') parts.push({ text: literal });
  return parts;
}

function shapeOf(mods: readonly SigmaModifier[]): { before: boolean; after: boolean } {
  const contains = mods.includes('contains');
  return { before: contains || mods.includes('endswith'), after: contains || mods.includes('startswith') };
}

/**
 * The syntax Java's, RE2's and JavaScript's regular expressions read alike: no lookaround, named or inline-flag
 * groups, backreferences, Unicode classes or escapes only one of them knows. `$` (without `m`) becomes `\z`: in
 * Java it also matches before a final line break, in JavaScript only at the end.
 */
function portableRegex(source: string, mods: readonly SigmaModifier[]): string {
  if (/\(\?(?!:)|\\[0-9kpPuc]|\[:/.test(source.replace(/\\\\/g, '')))
    return notExpressible(`the regular expression ${JSON.stringify(source)} uses syntax the engines read differently`);
  const multiline = mods.includes('m');
  const anchored = multiline
    ? source
    : source.replace(/(\\.)|(\[(?:\\.|[^\]\\])*\])|\$/g, (_match, escape?: string, klass?: string) => escape ?? klass ?? '\\z');
  const flags = (['i', 'm', 's'] as const).filter((f) => mods.includes(f)).join('');
  return flags ? `(?${flags})${anchored}` : anchored;
}

/** The tests one value of an item makes (any of them holds). */
function valueTests(item: DetectionItem, value: Exclude<SigmaValue, null>): TextTest[] {
  const mods = item.modifiers;
  const comparison = mods.find((m) => m === 'lt' || m === 'lte' || m === 'gt' || m === 'gte');
  if (comparison) {
    const op = ({ lt: '<', lte: '<=', gt: '>', gte: '>=' } as const)[comparison];
    return [{ k: 'number', op, bound: Number(value) }];
  }
  if (mods.includes('cidr')) {
    const range = parseCidr(String(value))!;
    if (range.bytes.length !== 4) return notExpressible(`the IPv6 range ${String(value)} (IPv4 ranges only)`);
    const base = range.bytes.reduce((n, b) => n * 256 + b, 0);
    const size = 2 ** (32 - range.prefix);
    const lo = base - (base % size);
    return [{ k: 'ipv4', lo, hi: lo + size - 1 }];
  }
  if (mods.includes('re')) return [{ k: 'regex', source: portableRegex(String(value), mods) }];
  const shape = shapeOf(mods);
  if (mods.includes('fieldref')) {
    const kind = shape.before && shape.after ? 'contains' : shape.after ? 'startswith' : shape.before ? 'endswith' : 'equals';
    return [{ k: 'field', other: { path: String(value).split('.') }, shape: kind, cased: mods.includes('cased') }];
  }
  const { patterns, cased } = valuePatterns(mods, value);
  return patterns.map((p) => ({ k: 'like', parts: patternParts(wrapPattern(p, shape.before, shape.after)), cased }));
}

/** One item as a predicate. */
export function itemPredicate(item: DetectionItem): Predicate {
  // A placeholder the settings fill with nothing.
  if (item.values.length === 0) return FALSE;
  if (item.modifiers.includes('expand')) return notExpressible('a %placeholder% is filled from the settings, and none were given');
  const problem = itemProblem(item);
  if (problem) return notExpressible(`the rule's item ${item.field ?? '(keywords)'}: ${problem}`);
  if (item.field === undefined)
    return notExpressible('keywords search every value of a record, and the table has no one column that holds them all');
  const values: RecordValues = { path: item.field.split('.') };
  const mods = item.modifiers;
  if (mods.includes('exists')) return item.values[0] === true ? { k: 'exists', values } : not({ k: 'exists', values });
  const negate = mods.includes('neq');
  const some = (tests: readonly TextTest[]): Predicate => ({ k: 'some', values, test: { k: 'any', tests } });
  const each = item.values.map((value): Predicate =>
    value === null ? { k: 'absentOrNull', values } : valuePredicate(some(valueTests(item, value)), negate, values),
  );
  if (mods.includes('all') || negate) return mods.includes('all') ? and(each) : or(each);
  // Any of the values: one pass over what the field reaches.
  const present = item.values.filter((v): v is Exclude<SigmaValue, null> => v !== null);
  const nulls: Predicate[] = present.length < item.values.length ? [{ k: 'absentOrNull', values }] : [];
  return or([...nulls, ...(present.length > 0 ? [some(present.flatMap((value) => valueTests(item, value)))] : [])]);
}

/** One value's test on a field, or with `neq` its negation: the field has a value, and none passes. */
function valuePredicate(some: Predicate, negate: boolean, values: RecordValues): Predicate {
  return negate ? and([{ k: 'notNull', values }, not(some)]) : some;
}

/** A rule's condition as a predicate over its searches. */
export function detectionPredicate(rule: SigmaDetectionRule): Predicate {
  const searches = new Map<string, Predicate>();
  for (const search of rule.searches) searches.set(search.name, or(search.alternatives.map((items) => and(items.map(itemPredicate)))));
  const walk = (node: ConditionNode): Predicate => {
    switch (node.kind) {
      case 'search':
        return searches.get(node.name)!;
      case 'not':
        return not(walk(node.operand));
      case 'and':
        return and(node.operands.map(walk));
      case 'or':
        return or(node.operands.map(walk));
      case 'of': {
        const operands = node.names.map((name) => searches.get(name)!);
        if (node.quantifier === 'all') return and(operands);
        return node.quantifier === 1 ? or(operands) : { k: 'atLeast', n: node.quantifier, operands };
      }
    }
  };
  return walk(rule.condition);
}
