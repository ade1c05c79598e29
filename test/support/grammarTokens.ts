/**
 * Tokenizes text with the extension's TextMate grammar, the way VS Code does (vscode-textmate +
 * vscode-oniguruma), and the assertions on the scopes a user would notice.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoPath } from './paths';

export const GRAMMAR_PATH = repoPath('syntaxes', 'cloudtrail.tmLanguage.json');
export const SCOPE_NAME = 'source.json.cloudtrail';

export const EVENT_NAME = 'entity.name.function.event-name.cloudtrail';
export const ERROR_CODE = 'invalid.deprecated.error-code.cloudtrail';
export const ARN = 'constant.other.arn.cloudtrail';
export const ACCOUNT_ID = 'constant.numeric.account-id.cloudtrail';
export const ACCESS_KEY_ID = 'constant.other.access-key-id.cloudtrail';
export const IP_ADDRESS = 'constant.numeric.ip-address.cloudtrail';
export const TIMESTAMP = 'constant.numeric.timestamp.cloudtrail';
export const STRING = 'string.quoted.double.json';
export const PROPERTY_NAME = 'support.type.property-name.json';
export const RECORD_FIELD = 'support.type.property-name.record-field.cloudtrail';
const CLOUDTRAIL_VALUE_SCOPES = [EVENT_NAME, ERROR_CODE, ARN, ACCOUNT_ID, ACCESS_KEY_ID, IP_ADDRESS, TIMESTAMP];

let grammarPromise: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    // Resolved at run time from the bundle's location (a plain `require.resolve` makes esbuild warn).
    const nodeRequire = require;
    const wasm = readFileSync(nodeRequire.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM({ data: wasm });
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === SCOPE_NAME ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const grammar = await registry.loadGrammar(SCOPE_NAME);
    assert.ok(grammar, 'the grammar loads');
    return grammar;
  })();
  return grammarPromise;
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

export interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

export async function tokenize(text: string): Promise<TokenizedLine[]> {
  const grammar = await loadGrammar();
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return {
      text: line,
      tokens: result.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: t.endIndex,
        scopes: t.scopes,
      })),
    };
  });
}

/** The tokens covering the `occurrence`-th appearance of `needle` anywhere in the lines. */
export function tokensOf(lines: readonly TokenizedLine[], needle: string, occurrence = 0): Token[] {
  let seen = 0;
  for (const line of lines) {
    let at = line.text.indexOf(needle);
    while (at >= 0) {
      if (seen++ === occurrence) {
        const end = at + needle.length;
        const covering = line.tokens.filter((t) => t.start < end && t.end > at);
        assert.equal(covering[0]!.start <= at && covering[covering.length - 1]!.end >= end, true);
        return covering;
      }
      at = line.text.indexOf(needle, at + 1);
    }
  }
  assert.fail(`${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
}

export function describeTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => `${JSON.stringify(t.text)} [${t.scopes.join(' ')}]`).join('\n');
}

/** Every token of `needle` carries `scope`, and the token boundaries match the needle exactly. */
export function assertScoped(lines: readonly TokenizedLine[], needle: string, scope: string, occurrence = 0): void {
  const tokens = tokensOf(lines, needle, occurrence);
  const joined = tokens.map((t) => t.text).join('');
  assert.equal(joined, needle, `${JSON.stringify(needle)} is tokenized on its own:\n${describeTokens(tokens)}`);
  for (const token of tokens) {
    assert.ok(token.scopes.includes(scope), `${JSON.stringify(token.text)} has ${scope}:\n${describeTokens(tokens)}`);
  }
}

/** A string value: its quotes are plain JSON string punctuation, its inside carries `scope` too. */
export function assertStringValue(lines: readonly TokenizedLine[], value: string, scope: string, occurrence = 0): void {
  const quoted = `"${value}"`;
  const tokens = tokensOf(lines, quoted, occurrence);
  const [open, close] = [tokens[0]!, tokens[tokens.length - 1]!];
  for (const [quote, role] of [
    [open, 'begin'],
    [close, 'end'],
  ] as const) {
    assert.equal(quote.text, '"');
    assert.ok(quote.scopes.includes(STRING), `the ${role} quote of ${quoted} is a string`);
    assert.ok(quote.scopes.includes(`punctuation.definition.string.${role}.json`));
    assert.ok(!quote.scopes.includes(scope), `the ${role} quote of ${quoted} does not get ${scope}`);
  }
  const inside = tokens.slice(1, -1);
  assert.equal(inside.map((t) => t.text).join(''), value);
  for (const token of inside) {
    assert.ok(token.scopes.includes(STRING), `${JSON.stringify(token.text)} stays a string`);
    assert.ok(token.scopes.includes(scope), `${JSON.stringify(token.text)} has ${scope}:\n${describeTokens(tokens)}`);
  }
}

export function assertNoCloudTrailScope(lines: readonly TokenizedLine[], needle: string): void {
  for (const token of tokensOf(lines, needle)) {
    const extra = token.scopes.filter((s) => CLOUDTRAIL_VALUE_SCOPES.includes(s));
    assert.deepEqual(extra, [], `${JSON.stringify(token.text)} in ${JSON.stringify(needle)} gets no CloudTrail value scope`);
  }
}
