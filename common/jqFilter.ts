/**
 * The events view's filter as a jq program, to run on the logs themselves outside the editor: `.Records[] | select(…)`
 * for CloudTrail's `{"Records":[…]}` files, `select(…)` for JSON Lines (one record a line). The filter is read by
 * parseFilter (filterSyntax.ts) and means here what it means in the view: a key's terms match its fields' values whole
 * and case-insensitively with `*` as any run of characters; the same key twice means either value; a negated term must
 * not hold; bare words are substrings of the event name, source IP, error code or identity; after:/before: bound
 * eventTime, or a shipper's `@timestamp` where a record has no eventTime (as server/src/cloudtrail/recordTime.ts reads it). Every value becomes an escaped regular expression in an escaped jq string, and the program holds no `'`,
 * so it can be pasted between single quotes in a shell.
 */
import { type FieldKey, filterConjuncts, type FilterTerm, parseFilter } from './filterSyntax';

export type JqInput = 'cloudtrail' | 'jsonl';

/** The fields each key reads, as jq paths that yield nothing (never fail) where a record lacks them. */
const KEY_FIELDS: Readonly<Record<Exclude<FieldKey, 'user'>, readonly string[]>> = {
  event: ['.eventName?'],
  source: ['.eventSource?'],
  ip: ['.sourceIPAddress?'],
  error: ['.errorCode?'],
  region: ['.awsRegion?'],
  bucket: ['.requestParameters?.bucketName?'],
  key: ['.userIdentity?.accessKeyId?'],
  account: ['.userIdentity?.accountId?', '.recipientAccountId?'],
};

const IDENTITY_FIELDS = ['.userIdentity?.userName?', '.userIdentity?.sessionContext?.sessionIssuer?.userName?', '.userIdentity?.arn?'];

/** `user:` also matches the ARN's last `/` segment: the user, or the role session. */
const USER_FIELDS = [...IDENTITY_FIELDS, '(.userIdentity?.arn? | strings | split("/") | last)'];

/** Bare words are substrings of these. */
const WORD_FIELDS = ['.eventName?', '.sourceIPAddress?', '.errorCode?', ...IDENTITY_FIELDS];

/**
 * A time in seconds since 1970 (fractions kept), null when it is not CloudTrail's `YYYY-MM-DDTHH:MM:SS[.fff]Z`; and the
 * record's time it is read from: eventTime, or a shipper's `@timestamp` where the record has no eventTime.
 */
const TIME_DEF =
  'def ct_time: if type == "string" then (capture("\\\\A(?<s>\\\\d{4}-\\\\d\\\\d-\\\\d\\\\dT\\\\d\\\\d:\\\\d\\\\d:\\\\d\\\\d)(?<f>\\\\.\\\\d+)?Z\\\\z") // null' +
  ' | if . == null then null else (.s + "Z" | fromdateiso8601) + ("0" + (.f // "") | tonumber) end) else null end;' +
  ' def ct_record_time: if type == "object" and (has("eventTime") | not) then .["@timestamp"] else .eventTime? end;';

/** A value as a jq string literal: JSON's escapes (jq reads them the same), and no `'` to end a shell quote. */
export function jqString(value: string): string {
  return JSON.stringify(value).replace(/'/g, '\\u0027');
}

/** Text matched literally by a regular expression (jq's Oniguruma, as JavaScript's). */
export function regexEscape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** A value with `*` wildcards as a whole-value regular expression: anchored at both ends, `*` any run of characters, line breaks too. */
export function wildcardRegex(value: string): string {
  return `\\A${value.split('*').map(regexEscape).join('[\\s\\S]*')}\\z`;
}

/** Whether any of the fields is a string the regular expression matches, ignoring case. */
function anyMatches(fields: readonly string[], regex: string): string {
  return `any(${fields.join(', ')}; type == "string" and test(${jqString(regex)}; "i"))`;
}

function fieldTerm(key: FieldKey, value: string): string {
  return anyMatches(key === 'user' ? USER_FIELDS : KEY_FIELDS[key], wildcardRegex(value));
}

function timeTerm(term: FilterTerm): string {
  const seconds = (term.time ?? 0) / 1000;
  return `((ct_record_time | ct_time) as $t | $t != null and $t ${term.key === 'after' ? '>=' : '<'} ${seconds})`;
}

/** One term's condition, before negation. */
function condition(term: FilterTerm): string {
  if (term.key === undefined) return anyMatches(WORD_FIELDS, regexEscape(term.value));
  if (term.key === 'after' || term.key === 'before') return timeTerm(term);
  return fieldTerm(term.key, term.value);
}

/** The whole filter's condition: each key's terms either way, negated terms each not, all of them together; undefined for none. */
export function jqCondition(filter: string): string | undefined {
  const parts = filterConjuncts(
    parseFilter(filter).terms,
    condition,
    (tests) => (tests.length === 1 ? tests[0]! : `(${tests.join(' or ')})`),
    (test) => `(${test} | not)`,
  );
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** The jq program that keeps the records the filter keeps, from a CloudTrail log or from JSON Lines. */
export function jqProgram(filter: string, input: JqInput): string {
  const test = jqCondition(filter);
  const records = input === 'cloudtrail' ? '.Records[]' : '.';
  if (test === undefined) return records;
  const select = `select(${test})`;
  const program = input === 'cloudtrail' ? `${records} | ${select}` : select;
  return test.includes('ct_time') ? `${TIME_DEF} ${program}` : program;
}
