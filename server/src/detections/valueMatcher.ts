/**
 * One detection item (a field, its modifiers, its values) as a test on a record: checked once when the rule is read
 * (itemProblem), compiled once into closures (compileItem) with rule values lowercased and patterns built up front.
 * Strings compare case-insensitively unless `cased`; regular expressions case-sensitively unless `i`; a number or
 * boolean in the record compares as its string form; an object or array compares as its JSON text.
 * Keywords (items with no field) are matched against every scalar value in the record (not its keys), as a
 * substring unless a modifier says otherwise: the full-text search Sigma's keyword lists stand for.
 */
import { inCidr, parseCidr } from './cidr';
import { placeholderProblem } from './placeholders';
import { boundedJson, type FieldPath, fieldPath, leafTexts, recordSource, scalarText, type TreeRecord } from './fieldPath';
import { regexProblem, regexTest } from './sigmaRegex';
import type { DetectionItem, SigmaModifier, SigmaValue } from './sigmaRule';
import {
  compileWildcards,
  literalPattern,
  lowerPattern,
  parseWildcards,
  wrapPattern,
  type TextTest,
  type WildcardPattern,
} from './wildcard';

/** One record (a parsed value, or a TreeRecord) as the matchers read it, with what several items need computed once. */
export class RecordView {
  private leaves?: string[];
  /** Made when first needed: most records are never asked for a JSON text. */
  private json?: Map<object, string>;
  private readonly source: TreeRecord<unknown>;
  constructor(record: unknown) {
    this.source = recordSource(record);
  }
  leafTexts(): string[] {
    return (this.leaves ??= leafTexts(this.source.whole()));
  }
  /** The values a path reaches (valuesAt). */
  values(path: FieldPath): unknown[] {
    return this.source.values(path);
  }
  /** A top-level field's value (ownValue). */
  own(key: string): unknown {
    return this.source.own(key);
  }
  jsonOf(value: object): string {
    const json = (this.json ??= new Map());
    let text = json.get(value);
    if (text === undefined) json.set(value, (text = boundedJson(value)));
    return text;
  }
  text(value: unknown): string | undefined {
    const scalar = scalarText(value);
    return scalar !== undefined ? scalar : value !== null && typeof value === 'object' ? this.jsonOf(value) : undefined;
  }
}

export type ItemMatcher = (view: RecordView) => boolean;
type ValueTest = (candidate: unknown, view: RecordView) => boolean;

const SHAPES: readonly SigmaModifier[] = ['contains', 'startswith', 'endswith'];
const COMPARISONS: readonly SigmaModifier[] = ['lt', 'lte', 'gt', 'gte'];
const ENCODINGS: readonly SigmaModifier[] = ['base64', 'base64offset'];

/** The modifiers each kind of value may be combined with (besides its own). */
const ALLOWED: Record<string, readonly SigmaModifier[]> = {
  exists: [],
  re: ['i', 'm', 's', 'all', 'neq'],
  cidr: ['all', 'neq'],
  comparison: ['all'],
  fieldref: [...SHAPES, 'all', 'neq', 'cased'],
};

/** Why an item cannot run, or undefined. */
export function itemProblem(item: DetectionItem): string | undefined {
  const mods = item.modifiers;
  const has = (m: SigmaModifier): boolean => mods.includes(m);
  if (new Set(mods).size !== mods.length) return 'a modifier is repeated';
  if (item.values.length === 0) return 'no values';
  if (mods.filter((m) => SHAPES.includes(m)).length > 1) return 'contains, startswith and endswith exclude each other';
  if (mods.some((m) => m === 'i' || m === 'm' || m === 's') && !has('re')) return 'i, m and s are sub-modifiers of re';
  if (item.values.includes(null) && mods.length > 0) return 'null takes no modifiers';
  const kind = valueKind(mods);
  if (kind) {
    const extra = mods.find(
      (m) => m !== kind.own && !(kind.own === 'comparison' && COMPARISONS.includes(m)) && !ALLOWED[kind.own]!.includes(m),
    );
    if (extra) return `${extra} cannot be combined with ${kind.name}`;
  }
  if (mods.filter((m) => COMPARISONS.includes(m)).length > 1) return 'use one of lt, lte, gt, gte per item';
  if (has('base64') && has('base64offset')) return 'base64 and base64offset exclude each other';
  if (has('base64offset') && !has('contains')) return 'base64offset needs contains (the value sits inside the encoded text)';
  if (item.field === undefined && (has('exists') || has('fieldref'))) return 'keywords have no field for exists or fieldref';
  if (has('expand')) {
    const problem = item.values.map(placeholderProblem).find((p) => p !== undefined);
    if (problem) return problem;
  }
  return valuesProblem(item, kind?.own);
}

function valueKind(mods: readonly SigmaModifier[]): { own: string; name: string } | undefined {
  for (const own of ['exists', 're', 'cidr', 'fieldref'] as const) if (mods.includes(own)) return { own, name: own };
  const comparison = mods.find((m) => COMPARISONS.includes(m));
  return comparison ? { own: 'comparison', name: comparison } : undefined;
}

function valuesProblem(item: DetectionItem, kind: string | undefined): string | undefined {
  for (const value of item.values) {
    if (kind === 'exists') {
      if (item.values.length !== 1 || typeof value !== 'boolean') return 'exists takes one value, true or false';
    } else if (kind === 'comparison') {
      if (numberOf(value) === undefined) return `${JSON.stringify(value)} is not a number`;
    } else if (kind === 're') {
      if (typeof value !== 'string') return 'a regular expression must be a string';
      const problem = regexProblem(value, item.modifiers);
      if (problem) return problem;
    } else if (kind === 'cidr') {
      if (typeof value !== 'string' || !parseCidr(value)) return `${JSON.stringify(value)} is not an IPv4 or IPv6 CIDR range`;
    } else if (kind === 'fieldref') {
      if (typeof value !== 'string' || value === '') return 'fieldref takes field names';
    } else if (item.modifiers.some((m) => ENCODINGS.includes(m)) && typeof value !== 'string') {
      return 'base64 encodes strings';
    }
  }
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The item as a test; assumes itemProblem found nothing. */
const NO_VALUES: readonly unknown[] = [];

/**
 * What a path reaches in a record. A top-level field holding a scalar, as most fields rules test do, is read
 * without walking, into an array of this item's own: no array is made per record.
 */
function valuesOf(path: FieldPath): (view: RecordView) => readonly unknown[] {
  if (path.segments.length !== 1) return (view) => view.values(path);
  const one: unknown[] = [undefined];
  return (view) => {
    const value = view.own(path.text);
    if (value === undefined) return NO_VALUES;
    if (value !== null && typeof value === 'object') return view.values(path);
    one[0] = value;
    return one;
  };
}

export function compileItem(item: DetectionItem): ItemMatcher {
  // A placeholder the settings fill with nothing (placeholders.ts).
  if (item.values.length === 0) return () => false;
  const path = item.field === undefined ? undefined : fieldPath(item.field);
  const candidates = path ? valuesOf(path) : (view: RecordView) => view.leafTexts();
  const mods = item.modifiers;
  if (mods.includes('exists')) {
    const wanted = item.values[0] === true;
    return (view) => candidates(view).length > 0 === wanted;
  }
  const negate = mods.includes('neq');
  const tests = item.values.map((value) => valueHolds(value, value === null ? undefined : compileValue(item, value), negate));
  const all = mods.includes('all');
  return (view) => {
    const found = candidates(view);
    return all ? tests.every((test) => test(found, view)) : tests.some((test) => test(found, view));
  };
}

type Holds = (found: readonly unknown[], view: RecordView) => boolean;

function valueHolds(value: SigmaValue, test: ValueTest | undefined, negate: boolean): Holds {
  // null: the field is absent, or null.
  if (value === null || !test) return (found) => found.length === 0 || found.includes(null);
  // neq: the field has a value, and none equals this one.
  if (negate) return (found, view) => found.some((c) => c !== null) && !found.some((c) => test(c, view));
  return (found, view) => found.some((c) => test(c, view));
}

function compileValue(item: DetectionItem, value: Exclude<SigmaValue, null>): ValueTest {
  const mods = item.modifiers;
  const comparison = mods.find((m) => COMPARISONS.includes(m));
  if (comparison) return compareTest(comparison, numberOf(value)!);
  if (mods.includes('cidr')) {
    const range = parseCidr(String(value))!;
    return (c) => typeof c === 'string' && inCidr(range, c);
  }
  if (mods.includes('re')) {
    const test = regexTest(String(value), mods);
    return (c, view) => {
      const text = view.text(c);
      return text !== undefined && test(text);
    };
  }
  if (mods.includes('fieldref')) return fieldrefTest(String(value), mods);
  return textTest(item, value);
}

function compareTest(op: SigmaModifier, bound: number): ValueTest {
  const holds: Record<string, (n: number) => boolean> = {
    lt: (n) => n < bound,
    lte: (n) => n <= bound,
    gt: (n) => n > bound,
    gte: (n) => n >= bound,
  };
  const test = holds[op]!;
  return (c) => {
    const n = numberOf(c);
    return n !== undefined && test(n);
  };
}

function shapeOf(mods: readonly SigmaModifier[], keyword: boolean): { before: boolean; after: boolean } {
  const contains = mods.includes('contains') || (keyword && !mods.some((m) => SHAPES.includes(m)));
  return { before: contains || mods.includes('endswith'), after: contains || mods.includes('startswith') };
}

function fieldrefTest(field: string, mods: readonly SigmaModifier[]): ValueTest {
  const path = fieldPath(field);
  const cased = mods.includes('cased');
  const { before, after } = shapeOf(mods, false);
  const fold = (s: string): string => (cased ? s : s.toLowerCase());
  const compare = (s: string, ref: string): boolean =>
    before && after ? s.includes(ref) : after ? s.startsWith(ref) : before ? s.endsWith(ref) : s === ref;
  return (c, view) => {
    const text = view.text(c);
    if (text === undefined) return false;
    const s = fold(text);
    return view.values(path).some((r) => {
      const ref = view.text(r);
      return ref !== undefined && compare(s, fold(ref));
    });
  };
}

function textTest(item: DetectionItem, value: string | number | boolean): ValueTest {
  const mods = item.modifiers;
  const { before, after } = shapeOf(mods, item.field === undefined);
  const { patterns, cased } = valuePatterns(mods, value);
  const tests: TextTest[] = patterns.map((p) =>
    compileWildcards(cased ? wrapPattern(p, before, after) : lowerPattern(wrapPattern(p, before, after))),
  );
  const test: TextTest = tests.length === 1 ? tests[0]! : (s) => tests.some((t) => t(s));
  return (c, view) => {
    const text = view.text(c);
    return text !== undefined && test(cased ? text : text.toLowerCase());
  };
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The patterns a rule's value stands for, before its shape (contains, startswith…) wraps them: its wildcards, or
 * its base64 forms, which are literal and compare with their case, since the letters' case carries the bits.
 * The evaluator and the SQL renderings both read a value through this.
 */
export function valuePatterns(
  mods: readonly SigmaModifier[],
  value: string | number | boolean,
): { patterns: WildcardPattern[]; cased: boolean } {
  const encoded = mods.includes('base64')
    ? [base64(String(value))]
    : mods.includes('base64offset')
      ? base64Offsets(String(value))
      : undefined;
  const cased = mods.includes('cased') || encoded !== undefined;
  const patterns = encoded
    ? encoded.map(literalPattern)
    : [typeof value === 'string' ? parseWildcards(value) : literalPattern(String(value))];
  return { patterns, cased };
}

/**
 * The three forms a value takes inside longer base64 text, for the three byte offsets it can start at: encode it
 * after 0, 1 or 2 filler bytes, then drop the characters that also depend on the filler or on what follows.
 */
export function base64Offsets(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const dropStart = [0, 2, 3];
  const dropEnd = [0, 3, 2];
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    return encoded.slice(dropStart[shift], encoded.length - dropEnd[(bytes.length + shift) % 3]!);
  });
}
