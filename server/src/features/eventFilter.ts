/**
 * The events view's filter (common/filterSyntax.ts) as a test on a record's summary. Values match whole and
 * case-insensitively (`resource:` keeps case: ARNs and resource names are case-sensitive), `*` standing for any run of characters; the same key twice means either value; each
 * negated term must not hold; everything else must all hold. A bare word keeps its first meaning: a substring
 * of the event name, identity, source IP or error code. A term the filter cannot read keeps nothing out.
 */
import { type FilterProblem, type FilterTerm, filterConjuncts, filterTime, parseFilter } from '../../../common/filterSyntax';
import { BARE_WORD_FIELDS, type FilterField, perKey } from '../../../common/filterFields';
import { arnName, type RecordSummary } from './recordSummary';
import { SessionIndex } from './sessionChain';

export interface EventFilter {
  /** Whether the filter keeps a record of `log` (the summaries it is one of: `actor:` follows chains through them). */
  readonly test: (summary: RecordSummary, log: readonly RecordSummary[]) => boolean;
  readonly problems: readonly FilterProblem[];
}

type Values = (s: RecordSummary) => string | undefined | readonly (string | undefined)[];

const read = (field: FilterField) => (s: RecordSummary) => (field === 'arnName' ? arnName(s.arn) : s[field]);

/** The fields' values of a summary: one field read as it is, no array made. */
function valuesOf(fields: readonly FilterField[]): Values {
  const readers = fields.map(read);
  return readers.length === 1 ? readers[0]! : (s) => readers.map((r) => r(s));
}

const FIELDS = perKey(valuesOf);

const BARE: Values = valuesOf(BARE_WORD_FIELDS);

type Test = (s: RecordSummary, log: readonly RecordSummary[]) => boolean;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole value, any case unless `cased`, `*` for any run of characters. */
export function wildcardPattern(value: string, cased = false): RegExp {
  return new RegExp(`^${value.split('*').map(escapeRegex).join('.*')}$`, cased ? 's' : 'is');
}

/** `resource:`: a value the record touched (features/touchedValues.ts), in its own case. */
const TOUCHED: Values = (s) => s.touched;

function anyValue(values: Values, pattern: RegExp): Test {
  return (s) => {
    const found = values(s);
    if (typeof found === 'string') return pattern.test(found);
    if (found === undefined) return false;
    for (const value of found) if (value !== undefined && pattern.test(value)) return true;
    return false;
  };
}

/**
 * A record's time, read as the filter's own times and the timeline's bars read it (UTC unless it says its zone),
 * remembering the last one read: records of a burst share a time.
 */
function timeReader(): (eventTime: string) => number {
  let last = '';
  let lastTime = NaN;
  return (eventTime) => (eventTime === last ? lastTime : ((last = eventTime), (lastTime = filterTime(eventTime) ?? NaN)));
}

/** Whether an actor (a chain's origin) is the term's, by ARN or its last part, as `user:` reads an ARN. */
export function actorPattern(value: string): (actor: string) => boolean {
  const pattern = wildcardPattern(value);
  return (actor) => pattern.test(actor) || pattern.test(arnName(actor) ?? '');
}

function actorTest(value: string): Test {
  const test = actorPattern(value);
  return (s, log) => test(SessionIndex.of(log).actorOf(s));
}

function termTest(term: FilterTerm, timeOf: (eventTime: string) => number): Test {
  if (term.key === 'after') return (s) => timeOf(s.eventTime) >= term.time!;
  if (term.key === 'before') return (s) => timeOf(s.eventTime) < term.time!;
  if (term.key === undefined) return anyValue(BARE, new RegExp(escapeRegex(term.value), 'i'));
  if (term.key === 'resource') return anyValue(TOUCHED, wildcardPattern(term.value, true));
  if (term.key === 'actor') return actorTest(term.value);
  return anyValue(FIELDS[term.key], wildcardPattern(term.value));
}

/** Compiles a filter's text; an empty filter keeps every record. */
export function compileFilter(text: string | undefined): EventFilter {
  const { terms, problems } = parseFilter(text ?? '');
  const timeOf = timeReader();
  const all = filterConjuncts<Test>(
    terms,
    (term) => termTest(term, timeOf),
    (tests) => (tests.length === 1 ? tests[0]! : (s, log) => tests.some((t) => t(s, log))),
    (test) => (s, log) => !test(s, log),
  );
  const test: Test = all.length === 0 ? () => true : all.length === 1 ? all[0]! : (s, log) => all.every((t) => t(s, log));
  return { test, problems };
}

/** Compiled filters by text, the few in use (the view's as it is typed, a pivot's, an export's): the oldest goes first. */
const compiled = new Map<string, EventFilter>();
const MAX_COMPILED = 32;

/** The filter of `text`, compiled once while it is in use. */
export function eventFilter(text: string | undefined): EventFilter {
  const key = text ?? '';
  const known = compiled.get(key);
  if (known) return known;
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  const filter = compileFilter(key);
  compiled.set(key, filter);
  return filter;
}
