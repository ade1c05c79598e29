/**
 * Which values of one field a rule needs: most CloudTrail rules select on eventName or eventSource, others on an
 * error code or an identity type, so a record need only meet the rules its own values can satisfy. Derived from
 * the condition tree: a value set is returned only when every way the condition can hold requires the field to
 * equal one of the values (lowercased), so the index never hides a match.
 */
import type { ConditionNode, DetectionItem, SigmaDetectionRule, SigmaSearch } from './sigmaRule';
import { parseWildcards } from './wildcard';

/** Fields tried first: they narrow a record's rules the most. */
const PREFERRED_FIELDS = ['eventName', 'eventSource'];

type IndexedField = string;

/** The field a rule is indexed by and the values it requires there; undefined when the rule requires no value of any field. */
export function indexKey(rule: SigmaDetectionRule): { readonly field: string; readonly values: ReadonlySet<string> } | undefined {
  const named = rule.searches.flatMap((s) => s.alternatives.flat().flatMap((item) => (item.field === undefined ? [] : [item.field])));
  for (const field of new Set([...PREFERRED_FIELDS, ...named])) {
    const values = requiredValues(rule, field);
    if (values) return { field, values };
  }
  return undefined;
}

/** undefined: any value may match. */
type Values = ReadonlySet<string> | undefined;

export function requiredValues(rule: SigmaDetectionRule, field: IndexedField): ReadonlySet<string> | undefined {
  return required(rule, { item: (item) => itemValues(item, field), and: intersect });
}

/** How a kind of requirement reads one item, and combines the operands of an `and`. */
interface Requirement {
  item(item: DetectionItem): Values;
  and(sets: readonly Values[]): Values;
}

/** What a rule's whole condition requires, read through its searches. */
function required(rule: SigmaDetectionRule, requirement: Requirement): Values {
  const searches = new Map(rule.searches.map((s) => [s.name, s]));
  return nodeValues(rule.condition, searches, requirement);
}

function nodeValues(node: ConditionNode, searches: ReadonlyMap<string, SigmaSearch>, requirement: Requirement): Values {
  switch (node.kind) {
    case 'search':
      return searchValues(searches.get(node.name)!, requirement);
    case 'not':
      return undefined;
    case 'and':
      return requirement.and(node.operands.map((o) => nodeValues(o, searches, requirement)));
    case 'or':
      return union(node.operands.map((o) => nodeValues(o, searches, requirement)));
    case 'of': {
      const each = node.names.map((name) => searchValues(searches.get(name)!, requirement));
      return node.quantifier === 'all' || node.quantifier >= node.names.length ? requirement.and(each) : union(each);
    }
  }
}

function searchValues(search: SigmaSearch, requirement: Requirement): Values {
  return union(search.alternatives.map((items) => requirement.and(items.map((item) => requirement.item(item)))));
}

function itemValues(item: DetectionItem, field: IndexedField): Values {
  if (item.field !== field || item.modifiers.some((m) => m !== 'cased')) return undefined;
  const values = new Set<string>();
  for (const value of item.values) {
    if (value === null) return undefined;
    if (typeof value === 'string') {
      const pattern = parseWildcards(value);
      if (pattern.wild) return undefined;
      values.add(pattern.text.toLowerCase());
    } else values.add(String(value).toLowerCase());
  }
  return values;
}

/** AND: the constrained sets' common values (any unconstrained operand adds nothing). */
function intersect(sets: readonly Values[]): Values {
  let out: Set<string> | undefined;
  for (const set of sets) {
    if (!set) continue;
    out = out ? new Set([...out].filter((v) => set.has(v))) : new Set(set);
  }
  return out;
}

/** OR: every operand must be constrained. */
function union(sets: readonly Values[]): Values {
  const out = new Set<string>();
  for (const set of sets) {
    if (!set) return undefined;
    for (const v of set) out.add(v);
  }
  return out;
}

/**
 * The prefixes a preferred field's value must start with for a rule to match (lowercased), for a rule no value
 * indexes (`eventName|startswith: [List, Describe]`); undefined when none are required. Sound, if looser than
 * requiredValues: under `and` one constrained operand is enough to require.
 */
export function prefixKey(rule: SigmaDetectionRule): { readonly field: string; readonly prefixes: ReadonlySet<string> } | undefined {
  for (const field of PREFERRED_FIELDS) {
    const prefixes = required(rule, { item: (item) => itemPrefixes(item, field), and: narrowest });
    if (prefixes) return { field, prefixes };
  }
  return undefined;
}

/** An equality's values or a startswith's, as prefixes; undefined for anything else. */
function itemPrefixes(item: DetectionItem, field: string): Values {
  const shape = item.modifiers.filter((m) => m !== 'cased');
  if (item.field !== field || !(shape.length === 0 || (shape.length === 1 && shape[0] === 'startswith'))) return undefined;
  const prefixes = new Set<string>();
  for (const value of item.values) {
    if (value === null) return undefined;
    const pattern = typeof value === 'string' ? parseWildcards(value) : { wild: false, text: String(value) };
    if (pattern.wild) return undefined;
    prefixes.add(pattern.text.toLowerCase());
  }
  return prefixes;
}

/** AND: the smallest constrained operand's set (any one of them must hold). */
function narrowest(sets: readonly Values[]): Values {
  let best: ReadonlySet<string> | undefined;
  for (const set of sets) if (set && (!best || set.size < best.size)) best = set;
  return best;
}
