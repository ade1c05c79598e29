/**
 * Sigma's `re` on hostile log text, run by RE2 (re2js, a JavaScript port): its time grows with the value's length
 * and the pattern's size, never exponentially, so no pattern (`(a+)+$`, `^[a-z]{0,16}` seven times…) can freeze the
 * server. RE2 cannot express what needs backtracking: a pattern using it is a problem in the rule, which names the
 * construct, and the rule does not run (running it without that item would find what its author excluded).
 * Values are cut to MAX_REGEX_INPUT characters before a pattern runs on them: linear is still slow on megabytes.
 */
import { RE2JS } from 're2js';
import type { SigmaModifier } from './sigmaRule';

export const MAX_REGEX_INPUT = 4096;

/** A compiled `re` value: whether it matches anywhere in a text. */
export type RegexTest = (text: string) => boolean;

/** Sigma's sub-modifiers of `re` as RE2's flags. */
const FLAGS: readonly (readonly [SigmaModifier, number])[] = [
  ['i', RE2JS.CASE_INSENSITIVE],
  ['m', RE2JS.MULTILINE],
  ['s', RE2JS.DOTALL],
];

/** What RE2 refuses that PCRE reads, by the start of the fragment RE2's parser stopped at. */
const UNSUPPORTED: readonly (readonly [RegExp, string])[] = [
  [/^\(\?[=!]/, 'a lookahead, (?=…) or (?!…)'],
  [/^\(\?<[=!]/, 'a lookbehind, (?<=…) or (?<!…)'],
  [/^\\(?:[1-9]|k|g)/, 'a back-reference'],
  [/^(?:[*+?]|\{[\d,]*\})\+$/, 'a possessive quantifier'],
  [/^\(\?>/, 'an atomic group, (?>…)'],
  [/^\(\?\(/, 'a conditional, (?(…)…)'],
  [/^\(\?(?:R|[+-]?\d)/, 'recursion'],
  [/^\(\?\|/, 'a branch reset group, (?|…)'],
  [/^\(\?#/, 'a comment group, (?#…)'],
  [/^\\[GKZRXhHvVcu]/, 'the escape'],
];

function compile(source: string, mods: readonly SigmaModifier[]): RE2JS {
  let flags = 0;
  for (const [mod, flag] of FLAGS) if (mods.includes(mod)) flags |= flag;
  return RE2JS.compile(source, flags);
}

/** Why RE2 cannot run the pattern, naming what it lacks; undefined when it can. */
export function regexProblem(source: string, mods: readonly SigmaModifier[] = []): string | undefined {
  try {
    compile(source, mods);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // RE2's messages end with the fragment it stopped at, in backquotes.
    const fragment = /`([^]*)`$/.exec(message)?.[1] ?? '';
    const construct = UNSUPPORTED.find(([shape]) => shape.test(fragment))?.[1];
    if (construct) {
      const quoted = construct === 'the escape' ? `${construct} ${fragment.slice(0, 2)}` : construct;
      return `RE2, the linear-time engine re runs on, cannot express ${quoted}`;
    }
    return `invalid regular expression: ${message.replace(/^error parsing regexp: /, '')}`;
  }
}

/** The pattern as a test; assumes regexProblem found nothing. */
export function regexTest(source: string, mods: readonly SigmaModifier[]): RegexTest {
  const regex = compile(source, mods);
  return (text) => regex.test(text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text);
}
