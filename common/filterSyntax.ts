/**
 * The events view's filter, in the investigator's words: terms separated by spaces, all of which must hold.
 * `key:value` terms name a field (`event:Put*`, `ip:203.0.113.7`), `-` before a term negates it, a bare word is
 * a substring of the event name, identity, source IP or error code, and `after:`/`before:` bound the time.
 * Read here once for both sides: the server keeps or drops records by it, the client writes terms into it
 * (a pivot, the timeline's range) and says what it cannot read.
 */

/** The keys a term may have, and what each matches (the filter's own help, and completion's). */
export const FILTER_KEYS = {
  event: 'eventName',
  source: 'eventSource',
  user: 'the identity: user name, role or session name, or ARN',
  ip: 'sourceIPAddress',
  error: 'errorCode',
  region: 'awsRegion',
  bucket: 'requestParameters.bucketName',
  key: 'userIdentity.accessKeyId',
  account: 'the acting or recipient account ID',
  resource: 'an ARN in resources, or any string in requestParameters or responseElements (case-sensitive)',
  actor: 'whom the session chain leads back to: the origin’s ARN, or its last part',
  after: 'eventTime at or after a time (2026-11-01T01:00:00Z)',
  before: 'eventTime before a time',
} as const;

export type FilterKey = keyof typeof FILTER_KEYS;
/** The keys that match a field's value (all but the time bounds). */
export type FieldKey = Exclude<FilterKey, 'after' | 'before'>;

export interface FilterTerm {
  /** Absent for a bare word. */
  readonly key?: FilterKey;
  /** As written, quotes and escapes undone; for `after`/`before`, the time in milliseconds is in `time`. */
  readonly value: string;
  readonly negated: boolean;
  readonly time?: number;
  /** Where the term is in the filter text. */
  readonly start: number;
  readonly end: number;
}

/** A term the filter cannot read: it keeps no record out, and the view says so. */
export interface FilterProblem {
  readonly text: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedFilter {
  readonly terms: readonly FilterTerm[];
  readonly problems: readonly FilterProblem[];
}

function isKey(key: string): key is FilterKey {
  return Object.prototype.hasOwnProperty.call(FILTER_KEYS, key);
}

/** Whether `key` is a key that matches a field's value (a request's JSON may say anything). */
export function isFieldKey(key: unknown): key is FieldKey {
  return typeof key === 'string' && isKey(key) && key !== 'after' && key !== 'before';
}

/** The filter's words, each with its place: quotes group spaces (`user:"a b"`), `\"` and `\\` escape inside them. */
function words(text: string): { raw: string; start: number; end: number; value: string; unclosed: boolean }[] {
  const out: { raw: string; start: number; end: number; value: string; unclosed: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let value = '';
    let quoted = false;
    for (; i < text.length && (quoted || !/\s/.test(text[i]!)); i++) {
      const c = text[i]!;
      if (c === '"') quoted = !quoted;
      else if (quoted && c === '\\' && i + 1 < text.length) value += text[++i];
      else value += c;
    }
    out.push({ raw: text.slice(start, i), start, end: i, value, unclosed: quoted });
  }
  return out;
}

/**
 * A time for `after:`/`before:`: an ISO 8601 date or date and time, UTC unless it says its zone (CloudTrail's
 * own times are UTC, and a filter means the same on every machine). Undefined when it is not one.
 */
export function filterTime(value: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (!m) return undefined;
  const time = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`);
  return Number.isNaN(time) ? undefined : time;
}

/** Reads a filter's text: every term it can read, and why it cannot read the others. */
export function parseFilter(text: string): ParsedFilter {
  const terms: FilterTerm[] = [];
  const problems: FilterProblem[] = [];
  for (const word of words(text)) {
    const problem = (message: string) => problems.push({ text: word.raw, message, start: word.start, end: word.end });
    if (word.unclosed) {
      problem('a quote is not closed');
      continue;
    }
    const negated = word.raw.startsWith('-');
    const body = negated ? word.value.slice(1) : word.value;
    const colon = body.indexOf(':');
    const name = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
    const place = { negated, start: word.start, end: word.end };
    if (body === '') problem(negated ? '- needs a term after it' : 'empty quotes match nothing');
    else if (colon > 0 && isKey(name)) term(name, body.slice(colon + 1), place, terms, problem);
    else if (colon > 0 && /^[a-z]+$/i.test(name) && name !== 'arn')
      problem(`no key "${name}:" (keys: ${Object.keys(FILTER_KEYS).join(', ')})`);
    else terms.push({ value: body, ...place });
  }
  return { terms, problems };
}

function term(
  key: FilterKey,
  value: string,
  place: { negated: boolean; start: number; end: number },
  terms: FilterTerm[],
  problem: (message: string) => void,
): void {
  if (value === '') return void problem(`${key}: needs a value`);
  if (key !== 'after' && key !== 'before') return void terms.push({ key, value, ...place });
  const time = filterTime(value);
  if (time === undefined) return void problem(`${key}: takes a time, as 2026-11-01T01:00:00Z or 2026-11-01`);
  if (place.negated) return void problem(`-${key}: cannot be negated: use ${key === 'after' ? 'before' : 'after'}:`);
  terms.push({ key, value, time, ...place });
}

/**
 * The tests that must all hold, made of the terms' own tests as the filter means them: the terms of one key, not
 * negated, are alternatives (`either`); a negated term must not hold (`negate`); a bare word stands alone. Negated
 * terms and bare words come in the filter's order, then one entry per key. The view, the SQL and jq each combine
 * their own kind of test through this.
 */
export function filterConjuncts<T>(
  terms: readonly FilterTerm[],
  test: (term: FilterTerm) => T,
  either: (tests: T[]) => T,
  negate: (test: T) => T,
): T[] {
  const all: T[] = [];
  const alternatives = new Map<FilterKey, T[]>();
  for (const term of terms) {
    const one = test(term);
    if (term.negated) all.push(negate(one));
    else if (term.key === undefined) all.push(one);
    else alternatives.set(term.key, [...(alternatives.get(term.key) ?? []), one]);
  }
  for (const tests of alternatives.values()) all.push(either(tests));
  return all;
}

/** A term as the filter's text writes it: quoted when its value has a space or a quote. */
export function formatTerm(key: FilterKey | undefined, value: string, negated = false): string {
  const plain = value !== '' && !/[\s"\\]/.test(value);
  const written = plain ? value : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `${negated ? '-' : ''}${key ? `${key}:` : ''}${written}`;
}

/** The filter with every term of these keys taken out (negated ones too), and `added` written at its end. */
export function replaceTerms(text: string, keys: readonly FilterKey[], added: readonly string[]): string {
  const dropped = new Set(
    parseFilter(text)
      .terms.filter((t) => t.key !== undefined && keys.includes(t.key))
      .map((t) => t.start),
  );
  const kept = words(text).filter((w) => !dropped.has(w.start));
  return [...kept.map((w) => w.raw), ...added].join(' ');
}

/**
 * The time range a filter's after:/before: terms are sure to bound (ms since the epoch): two after: terms are
 * alternatives (either may hold), so the earlier after and the later before; negated terms bound nothing.
 */
export function filterTimeRange(terms: readonly FilterTerm[]): { after?: number; before?: number } {
  const afters = terms.filter((t) => t.key === 'after' && !t.negated).map((t) => t.time!);
  const befores = terms.filter((t) => t.key === 'before' && !t.negated).map((t) => t.time!);
  return {
    ...(afters.length > 0 && { after: Math.min(...afters) }),
    ...(befores.length > 0 && { before: Math.max(...befores) }),
  };
}

/** The filter with its time bounds set to [after, before) (ms since the epoch), or taken out when absent. */
export function withTimeRange(text: string, after?: number, before?: number): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return replaceTerms(
    text,
    ['after', 'before'],
    [
      ...(after !== undefined ? [formatTerm('after', iso(after))] : []),
      ...(before !== undefined ? [formatTerm('before', iso(before))] : []),
    ],
  );
}
