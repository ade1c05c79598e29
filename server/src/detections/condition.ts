/**
 * Sigma conditions: a tokenizer and a recursive-descent parser into ConditionNode trees, and their compilation into
 * a test over the searches' tests. Precedence, loosest first: or, and, not, `x of`, parentheses. `1 of` / `all of`
 * take a search name pattern (`*` for any run of characters) or `them` (every search not starting with `_`).
 */
import type { ConditionNode } from './sigmaRule';

type Token = { readonly text: string; readonly at: number };

/** A condition that does not parse: why, and the character offset in the condition text. */
export class ConditionError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const MAX_CONDITION = 4096;
const MAX_DEPTH = 64;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([()])|([A-Za-z0-9_\-.*]+)|(\S))/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[3] !== undefined) {
      const at = match.index + match[0].length - 1;
      if (match[3] === '|') throw new ConditionError('aggregations after | are obsolete: write a correlation rule', at);
      throw new ConditionError(`unexpected ${JSON.stringify(match[3])}`, at);
    }
    const word = match[1] ?? match[2];
    if (word !== undefined) tokens.push({ text: word, at: match.index + match[0].length - word.length });
    if (pattern.lastIndex >= text.length) break;
  }
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly names: readonly string[],
    private readonly end: number,
  ) {}

  parse(): ConditionNode {
    const node = this.or();
    const extra = this.tokens[this.index];
    if (extra) throw new ConditionError(`unexpected ${JSON.stringify(extra.text)}`, extra.at);
    return node;
  }

  private peek(): string | undefined {
    return this.tokens[this.index]?.text.toLowerCase();
  }

  private take(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new ConditionError('the condition ends too early', this.end);
    return token;
  }

  private or(): ConditionNode {
    const operands = [this.and()];
    while (this.peek() === 'or') {
      this.index++;
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private and(): ConditionNode {
    const operands = [this.not()];
    while (this.peek() === 'and') {
      this.index++;
      operands.push(this.not());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private not(): ConditionNode {
    if (this.peek() !== 'not') return this.primary();
    this.index++;
    return { kind: 'not', operand: this.nested(() => this.not()) };
  }

  private nested(inner: () => ConditionNode): ConditionNode {
    if (++this.depth > MAX_DEPTH) throw new ConditionError('the condition nests too deeply', this.tokens[this.index]?.at ?? this.end);
    const node = inner();
    this.depth--;
    return node;
  }

  private primary(): ConditionNode {
    const token = this.take();
    const word = token.text.toLowerCase();
    if (token.text === '(') {
      const node = this.nested(() => this.or());
      const close = this.take();
      if (close.text !== ')') throw new ConditionError('expected )', close.at);
      return node;
    }
    if (this.tokens[this.index]?.text.toLowerCase() === 'of' && (word === 'all' || /^[0-9]+$/.test(word))) {
      this.index++;
      return this.of(word === 'all' ? 'all' : Number(word), token);
    }
    if (token.text === ')' || ['and', 'or', 'not', 'of', 'them'].includes(word))
      throw new ConditionError(`unexpected ${JSON.stringify(token.text)}`, token.at);
    if (token.text.includes('*')) throw new ConditionError('a name pattern needs "1 of" or "all of"', token.at);
    if (!this.names.includes(token.text)) throw new ConditionError(`no search is named ${JSON.stringify(token.text)}`, token.at);
    return { kind: 'search', name: token.text };
  }

  private of(quantifier: number | 'all', at: Token): ConditionNode {
    const target = this.take();
    if (quantifier === 0) throw new ConditionError('"0 of" never holds: use 1 or all', at.at);
    const pattern = target.text;
    const names =
      pattern.toLowerCase() === 'them'
        ? this.names.filter((n) => !n.startsWith('_'))
        : this.names.filter((n) => namePattern(pattern).test(n));
    if (names.length === 0) throw new ConditionError(`${JSON.stringify(pattern)} names no search`, target.at);
    return { kind: 'of', quantifier, pattern, names };
  }
}

function namePattern(pattern: string): RegExp {
  return new RegExp(
    '^' +
      pattern
        .split('*')
        .map((part) => part.replace(/[.-]/g, '\\$&'))
        .join('.*') +
      '$',
  );
}

/** The condition's tree, given the rule's search names; throws ConditionError. */
export function parseCondition(text: string, names: readonly string[]): ConditionNode {
  if (text.length > MAX_CONDITION) throw new ConditionError('the condition is too long', 0);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ConditionError('the condition is empty', 0);
  return new Parser(tokens, names, text.length).parse();
}

export type Test<T> = (input: T) => boolean;

/** The condition as one test over the record, from each search's test. */
export function compileCondition<T>(node: ConditionNode, searches: ReadonlyMap<string, Test<T>>): Test<T> {
  switch (node.kind) {
    case 'search':
      return searches.get(node.name)!;
    case 'not': {
      const operand = compileCondition(node.operand, searches);
      return (input) => !operand(input);
    }
    case 'and': {
      const operands = node.operands.map((o) => compileCondition(o, searches));
      return (input) => operands.every((o) => o(input));
    }
    case 'or': {
      const operands = node.operands.map((o) => compileCondition(o, searches));
      return (input) => operands.some((o) => o(input));
    }
    case 'of': {
      const operands = node.names.map((name) => searches.get(name)!);
      if (node.quantifier === 'all') return (input) => operands.every((o) => o(input));
      const needed = node.quantifier;
      return (input) => {
        let count = 0;
        for (const o of operands) if (o(input) && ++count >= needed) return true;
        return false;
      };
    }
  }
}
