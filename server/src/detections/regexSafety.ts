/**
 * Whether a rule's regular expression is safe to run on hostile log text. JavaScript's engine backtracks, so a
 * pattern like `(a+)+$` can take exponential time, and each unbounded quantifier in an unanchored pattern multiplies
 * the work by the value's length. We refuse what can blow up (a repeated group holding a quantifier or an
 * alternation, back-references, look-arounds) and too many unbounded quantifiers; values are also cut to
 * MAX_REGEX_INPUT characters before a pattern runs on them. Sigma's regex flavour has none of what we refuse
 * except nested repetition, so rules that keep to the specification pass.
 */

export const MAX_REGEX_INPUT = 4096;
/** Unbounded quantifiers allowed, counting an unanchored start as one (the engine tries every start position). */
const MAX_UNBOUNDED = 2;
/** `{n,m}` with m above this counts as unbounded. */
const LARGE_REPEAT = 16;

interface Group {
  quantified: boolean;
  alternation: boolean;
}

/** Why a pattern is refused, or undefined when it is safe. */
export function regexProblem(pattern: string): string | undefined {
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let unbounded = pattern.startsWith('^') ? 0 : 1;
  let lastGroup: Group | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const top = stack[stack.length - 1]!;
    let closed: Group | undefined;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return 'back-references are not supported';
      i++;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(') {
      if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) {
        return 'look-arounds are not supported';
      }
      stack.push({ quantified: false, alternation: false });
      // Skip a group's `?:` or `?<name>` so its `?` is not read as a quantifier.
      if (pattern[i + 1] === '?') i = pattern[i + 2] === '<' ? Math.max(i + 2, pattern.indexOf('>', i)) : i + 2;
    } else if (c === ')') {
      if (stack.length === 1) return 'unbalanced parenthesis';
      closed = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= closed.quantified;
    } else if (c === '|') {
      top.alternation = true;
    } else {
      const repeat = quantifierAt(pattern, i);
      if (repeat) {
        if (repeat.unbounded) unbounded++;
        if (repeat.many && lastGroup && (lastGroup.quantified || lastGroup.alternation)) {
          return 'a repeated group holds a quantifier or an alternation (catastrophic backtracking)';
        }
        stack[stack.length - 1]!.quantified = true;
        i = repeat.end;
        // A lazy or possessive mark after the quantifier.
        if (pattern[i + 1] === '?' || pattern[i + 1] === '+') i++;
      }
    }
    lastGroup = closed;
  }
  if (stack.length > 1) return 'unbalanced parenthesis';
  if (unbounded > MAX_UNBOUNDED) {
    return `too many unbounded repetitions (${pattern.startsWith('^') ? '' : 'an unanchored start counts as one; '}at most ${MAX_UNBOUNDED})`;
  }
  return undefined;
}

function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

function quantifierAt(pattern: string, i: number): { end: number; unbounded: boolean; many: boolean } | undefined {
  const c = pattern[i];
  if (c === '*' || c === '+') return { end: i, unbounded: true, many: true };
  if (c === '?') return { end: i, unbounded: false, many: false };
  if (c !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : match[3] === '' ? Infinity : Number(match[3]);
  return { end: i + match[0].length - 1, unbounded: high > LARGE_REPEAT, many: high > 1 };
}
