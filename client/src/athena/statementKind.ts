/**
 * What a SQL text would do in Athena, read before it is sent: a query that only reads (`SELECT`, or
 * `WITH … SELECT`), or a statement that writes or changes something (`UNLOAD` and `CREATE TABLE … AS` write
 * to S3 wherever they say, past the output location; `INSERT`, `DROP`, `MSCK`, `ALTER` change tables), or
 * several statements. Comments, string literals, quoted names and parentheses are skipped as Athena skips
 * them, so a `SELECT` in a comment or a string does not make a statement a query. No `vscode` here.
 */

export interface StatementKind {
  /** Only a single `SELECT` or `WITH … SELECT` reads and nothing more. */
  readonly readOnly: boolean;
  /** The statement's kind as the user would name it: `SELECT`, `WITH … SELECT`, `UNLOAD`, `CREATE TABLE … AS`… */
  readonly name: string;
}

type Token =
  { readonly kind: 'word'; readonly text: string } | { readonly kind: 'punct'; readonly text: string } | { readonly kind: 'other' };

/**
 * One token at a time: white space and comments (skipped), string literals and quoted names (the quote doubled
 * inside; one left open runs to the end), words, the punctuation that shapes statements, and any other character.
 */
const TOKEN =
  /(\s+|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|('[^']*(?:''[^']*)*'?|"[^"]*(?:""[^"]*)*"?|`[^`]*(?:``[^`]*)*`?)|([A-Za-z_][A-Za-z0-9_]*)|([();,])|[\s\S]/gy;

function tokens(sql: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(sql); match; match = TOKEN.exec(sql)) {
    const [, skipped, , word, punct] = match;
    if (skipped !== undefined) continue;
    if (word !== undefined) out.push({ kind: 'word', text: word.toUpperCase() });
    else if (punct !== undefined) out.push({ kind: 'punct', text: punct });
    else out.push({ kind: 'other' });
  }
  return out;
}

/** The statements, split at `;` outside parentheses; empty ones (a trailing `;`) left out. */
function statements(all: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const token of all) {
    if (token.kind === 'punct' && token.text === ';' && depth === 0) {
      out.push([]);
      continue;
    }
    if (token.kind === 'punct') depth = Math.max(0, depth + (token.text === '(' ? 1 : token.text === ')' ? -1 : 0));
    out[out.length - 1]!.push(token);
  }
  return out.filter((s) => s.length > 0);
}

const is = (token: Token | undefined, kind: 'word' | 'punct', text: string) => token?.kind === kind && token.text === text;

/** The index after the parenthesised group that starts at `at`, or the end. */
function afterGroup(list: readonly Token[], at: number): number {
  let depth = 0;
  for (let i = at; i < list.length; i++) {
    const t = list[i]!;
    if (is(t, 'punct', '(')) depth++;
    else if (is(t, 'punct', ')') && --depth === 0) return i + 1;
  }
  return list.length;
}

/** Past `WITH [RECURSIVE] name [(columns)] AS (…) [, …]`: the index of the statement the common table expressions serve. */
function afterWith(list: readonly Token[]): number {
  let i = is(list[1], 'word', 'RECURSIVE') ? 2 : 1;
  for (;;) {
    i++; // the name
    if (is(list[i], 'punct', '(')) i = afterGroup(list, i);
    if (!is(list[i], 'word', 'AS')) return list.length;
    i = afterGroup(list, i + 1);
    if (!is(list[i], 'punct', ',')) return i;
    i++;
  }
}

/** Words that, after the first, say more of what a statement is (`CREATE EXTERNAL TABLE`, `INSERT INTO`). */
const NAME_WORDS = new Set(['EXTERNAL', 'TABLE', 'VIEW', 'DATABASE', 'SCHEMA', 'INTO', 'OVERWRITE', 'REPAIR', 'OR', 'REPLACE', 'ANALYZE']);

function nameOf(list: readonly Token[], at: number): string {
  const words: string[] = [];
  for (let i = at; i < list.length && words.length < 3; i++) {
    const t = list[i]!;
    if (t.kind !== 'word' || (words.length > 0 && !NAME_WORDS.has(t.text))) break;
    words.push(t.text);
  }
  return words.join(' ') || 'an unrecognised statement';
}

/** `CREATE TABLE … AS` (and its OR REPLACE form): AS at the top level, after the table's name. */
function isCreateAs(list: readonly Token[], at: number): boolean {
  let depth = 0;
  for (let i = at; i < list.length; i++) {
    const t = list[i]!;
    if (is(t, 'punct', '(')) depth++;
    else if (is(t, 'punct', ')')) depth--;
    else if (depth === 0 && is(t, 'word', 'AS')) return true;
  }
  return false;
}

export function statementKind(sql: string): StatementKind {
  const found = statements(tokens(sql));
  if (found.length === 0) return { readOnly: false, name: 'no statement' };
  if (found.length > 1) return { readOnly: false, name: `${found.length} statements` };
  const list = found[0]!;
  let at = 0;
  while (is(list[at], 'punct', '(')) at++;
  let prefix = '';
  if (is(list[at], 'word', 'WITH')) {
    at += afterWith(list.slice(at));
    while (is(list[at], 'punct', '(')) at++;
    prefix = 'WITH … ';
  }
  const name = nameOf(list, at);
  if (name === 'SELECT') return { readOnly: true, name: `${prefix}SELECT` };
  const createAs = name.startsWith('CREATE') && name.endsWith('TABLE') && isCreateAs(list, at);
  return { readOnly: false, name: `${prefix}${name}${createAs ? ' … AS' : ''}` };
}
