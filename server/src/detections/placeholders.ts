/**
 * Sigma's `expand` modifier: a `%name%` placeholder in a value stands for a list of values the user's settings
 * give, filled in when rules are compiled (the reading threads are given the same lists). The one placeholder
 * known is `%cloudtrail.accounts%`, the account IDs of `cloudtrail.accounts`: what "one of my accounts" means.
 * A placeholder with no values makes its item match nothing.
 */
import type { DetectionItem, SigmaDetectionRule, SigmaSearch } from './sigmaRule';

/** Each placeholder's name (without its `%`s) and its values. */
export type Placeholders = ReadonlyMap<string, readonly string[]>;

export const ACCOUNTS_PLACEHOLDER = 'cloudtrail.accounts';
export const PLACEHOLDER_NAMES: readonly string[] = [ACCOUNTS_PLACEHOLDER];
export const NO_PLACEHOLDERS: Placeholders = new Map();

/** The placeholders for the settings that fill them. */
export function placeholdersOf(accounts: readonly string[]): Placeholders {
  return new Map([[ACCOUNTS_PLACEHOLDER, accounts]]);
}

const PLACEHOLDER = /%([^%]*)%/g;

/** Why a value cannot be expanded, or undefined: one known placeholder per value. */
export function placeholderProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'expand takes strings holding a %placeholder%';
  const names = [...value.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  if (names.length === 0) return `${JSON.stringify(value)} holds no %placeholder%`;
  if (names.length > 1) return `${JSON.stringify(value)} holds more than one placeholder`;
  if (!PLACEHOLDER_NAMES.includes(names[0]!)) return `unknown placeholder %${names[0]!}%: the one known is %${ACCOUNTS_PLACEHOLDER}%`;
  return undefined;
}

/** A setting's value as literal text in a Sigma value: its wildcards and backslashes escaped. */
function literal(text: string): string {
  return text.replace(/[*?\\]/g, '\\$&');
}

/** An item with its placeholders filled in and `expand` dropped; assumes placeholderProblem found nothing. */
export function expandItem(item: DetectionItem, placeholders: Placeholders): DetectionItem {
  if (!item.modifiers.includes('expand')) return item;
  const values = item.values.flatMap((value) => {
    const text = String(value);
    const match = /%([^%]*)%/.exec(text)!;
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    return (placeholders.get(match[1]!) ?? []).map((filled) => before + literal(filled) + after);
  });
  return { ...item, modifiers: item.modifiers.filter((m) => m !== 'expand'), values: [...new Set(values)] };
}

/** A rule with its placeholders filled in: the same object when it has none. */
export function expandRule(rule: SigmaDetectionRule, placeholders: Placeholders): SigmaDetectionRule {
  const expands = rule.searches.some((s) => s.alternatives.some((items) => items.some((i) => i.modifiers.includes('expand'))));
  if (!expands) return rule;
  const searches = rule.searches.map((search): SigmaSearch => ({
    ...search,
    alternatives: search.alternatives.map((items) => items.map((i) => expandItem(i, placeholders))),
  }));
  return { ...rule, searches };
}
