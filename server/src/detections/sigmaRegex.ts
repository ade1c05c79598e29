/**
 * Sigma's `re` on hostile log text, run by RE2 (re2js, a JavaScript port): its time grows with the value's length
 * and the pattern's size, never exponentially, so no pattern (`(a+)+$`, `^[a-z]{0,16}` seven times…) can freeze the
 * server. RE2 cannot express what needs backtracking: a pattern using it is a problem in the rule, which names the
 * construct, and the rule does not run (running it without that item would find what its author excluded).
 * Values are cut to MAX_REGEX_INPUT characters before a pattern runs on them: linear is still slow on megabytes.
 * RE2's time per character grows with the compiled program, which counted repeats multiply (`(a|b){0,1000}` is
 * four thousand instructions, a second on a 4 KB value): programs are held to MAX_PROGRAM instructions, and a
 * pattern whose repeats promise many more is refused before it is compiled, which would itself take seconds.
 */
import { RE2JS } from 're2js';
import type { SigmaModifier } from './sigmaRule';
import { errorText } from '../../../common/errorText';

export const MAX_REGEX_INPUT = 4096;
/** Far above what rules write (`^[a-z]{0,16}` seven times is 230), far below a second per value. */
export const MAX_PROGRAM = 1000;

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

/**
 * About how many instructions the pattern compiles to, from its counted repeats (each multiplies what it repeats),
 * read without parsing it fully: escapes, classes and characters count one each, a repeat `{n,m}` of a group
 * multiplies the group's count by twice m (n+1 when unbounded), `*`, `+` and `?` by two.
 */
function promisedSize(source: string): number {
  const sums: number[] = [0];
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const repeat = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i, i + 16));
    if (repeat) {
      const high = repeat[3] ? Number(repeat[3]) : repeat[2] ? Number(repeat[1]) + 1 : Number(repeat[1]);
      sums[sums.length - 1]! += last * (2 * Math.max(high, 1) - 1);
      i += repeat[0].length - 1;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      sums[sums.length - 1]! += last;
      continue;
    }
    if (c === '(') {
      sums.push(0);
      continue;
    }
    if (c === ')' && sums.length > 1) {
      last = sums.pop()! + 1;
    } else {
      if (c === '\\') i++;
      else if (c === '[') while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      last = 1;
    }
    sums[sums.length - 1]! += last;
  }
  return sums.reduce((a, b) => a + b, 0);
}

const TOO_LARGE = `too large: its counted repeats compile to more than ${MAX_PROGRAM} RE2 instructions`;

/** Why RE2 cannot run the pattern, naming what it lacks; undefined when it can. */
export function regexProblem(source: string, mods: readonly SigmaModifier[] = []): string | undefined {
  if (promisedSize(source) > 4 * MAX_PROGRAM) return TOO_LARGE;
  try {
    return compile(source, mods).programSize() > MAX_PROGRAM ? TOO_LARGE : undefined;
  } catch (error) {
    const message = errorText(error);
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
