/**
 * The events view's filter as a jq program, to run on the logs themselves outside the editor: `.Records[] | select(…)`
 * for CloudTrail's `{"Records":[…]}` files, `select(…)` for JSON Lines (one record a line). The filter is read by
 * parseFilter (filterSyntax.ts) and means here what it means in the view: a key's terms match its fields' values whole
 * and case-insensitively with `*` as any run of characters; the same key twice means either value; a negated term must
 * not hold; bare words are substrings of the event name, source IP, error code or identity; after:/before: bound
 * eventTime, or a shipper's `@timestamp` where a record has no eventTime (as server/src/cloudtrail/recordTime.ts reads
 * it). Every value becomes an escaped regular expression in an escaped jq string, and the program holds no `'`, so it
 * can be pasted between single quotes in a shell.
 */
import type { ActorSessions, ResolvedActor } from './actorProtocol';
import { ACTOR_NOT_EXPRESSIBLE, BARE_WORD_FIELDS, type FilterField, perKey } from './filterFields';
import { filterConjuncts, type FilterTerm, parseFilter } from './filterSyntax';

export type JqInput = 'cloudtrail' | 'jsonl';

/** A path's string, or null: what the view's summaries read (a number, array or object there is no string). */
const STRING_DEF = 'def ct_s(f): first(f | strings) // null;';
/** A path's string when it is not empty; nothing otherwise. */
const SET_DEF = 'def ct_set(f): first(f | strings | select(. != ""));';
/** The ARN's last `/` part when not empty: the user, or the role session. */
const LAST_DEF = 'def ct_last: split("/") | last | select(. != "");';

/** Who acted, in the words of the view's identity column (recordSummary.ts's identityOf), by identity type. */
const IDENTITY_DEF = [
  'def ct_identity: .userIdentity? as $u',
  '| ct_s($u | .type?) as $type | ct_s($u | .userName?) as $user | ct_s($u | .invokedBy?) as $by',
  '| ct_s($u | .sessionContext?.sessionIssuer?.userName?) as $role | ct_s($u | .accountId?) as $account',
  '| (first(ct_s($u | .arn?) | strings | ct_last) // null) as $session',
  '| (if $type == "Root" then "root"',
  'elif $type == "IAMUser" then $user // $session',
  'elif $type == "AssumedRole" then (if $role != null and $role != "" and $session != null then $role + "/" + $session else $role // $session end)',
  'elif $type == "FederatedUser" then $session',
  'elif $type == "AWSService" then $by',
  'elif $type == "AWSAccount" then (if $account == "anonymous" or $account == "" or $account == null then $account else "account " + $account end)',
  'else null end)',
  '// $user // $by // $session // (ct_s($u | .principalId?) | select(. != "")) // $type // "unknown";',
].join(' ');

/**
 * eventTime in milliseconds since 1970 as the view reads it (filterSyntax.ts's filterTime): a date, a time to the
 * minute or finer, UTC unless it gives its zone; null when it is none.
 */
const TIME_DEF = [
  'def ct_time: (if type == "string" then',
  'capture("\\\\A(?<d>\\\\d{4}-\\\\d{2}-\\\\d{2})(?:[T ](?<hm>\\\\d{2}:\\\\d{2})(?::(?<s>\\\\d{2})(?<f>\\\\.\\\\d{1,9})?)?(?<z>Z|[+-]\\\\d{2}:?\\\\d{2})?)?\\\\z"; "i")',
  '// null else null end) as $c | if $c == null then null else',
  '($c.z // "Z" | ascii_upcase | if . == "Z" then 0 else sub(":"; "") as $o',
  '| (($o[1:3] | tonumber) * 60 + ($o[3:5] | tonumber)) * (if $o[0:1] == "-" then -60000 else 60000 end) end) as $zone',
  '| (try ($c.d + "T" + ($c.hm // "00:00") + ":" + ($c.s // "00") + "Z" | fromdateiso8601) catch null) as $t',
  '| if $t == null then null else $t * 1000 + ((($c.f // ".") + "000")[1:4] | tonumber) - $zone end end;',
].join(' ');

/** The record's time to read: eventTime, or a shipper's `@timestamp` where the record has no eventTime. */
const RECORD_TIME_DEF = 'def ct_record_time: if type == "object" and (has("eventTime") | not) then .["@timestamp"] else .eventTime? end;';

/** The jq definitions a program may use, each after those it uses. */
const DEFS: readonly (readonly [string, string])[] = [
  ['ct_s', STRING_DEF],
  ['ct_set', SET_DEF],
  ['ct_last', LAST_DEF],
  ['ct_identity', IDENTITY_DEF],
  ['ct_time', TIME_DEF],
  ['ct_record_time', RECORD_TIME_DEF],
];

/** Each field of the view's summary (common/filterFields.ts) as jq: its value, or nothing where the summary has none. */
const FIELD_JQ: Readonly<Record<FilterField, string>> = {
  eventName: '(ct_s(.eventName?) // "(no eventName)")',
  eventSource: '(ct_s(.eventSource?) // "(no eventSource)")',
  sourceIPAddress: '(ct_s(.sourceIPAddress?) // "")',
  errorCode: 'ct_set(.errorCode?)',
  awsRegion: 'ct_set(.awsRegion?)',
  identity: 'ct_identity',
  userName: 'ct_set(.userIdentity?.userName?)',
  roleName: 'ct_set(.userIdentity?.sessionContext?.sessionIssuer?.userName?)',
  arn: 'ct_set(.userIdentity?.arn?)',
  arnName: '(ct_set(.userIdentity?.arn?) | ct_last)',
  accessKeyId: 'ct_set(.userIdentity?.accessKeyId?)',
  accountId: 'ct_set(.userIdentity?.accountId?)',
  recipientAccountId: 'ct_set(.recipientAccountId?)',
  bucketName: 'ct_set(.requestParameters?.bucketName?)',
};

const KEY_FIELDS = perKey((fields) => fields.map((field) => FIELD_JQ[field]));

const WORD_FIELDS = BARE_WORD_FIELDS.map((field) => FIELD_JQ[field]);

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

/**
 * `resource:`: an ARN of resources, or a string anywhere in requestParameters or responseElements, as
 * features/touchedValues.ts reads them (strings up to 4096 characters), matched in their own case.
 */
function touches(regex: string): string {
  const arns = '(.resources? | arrays | .[] | objects | .ARN? | strings)';
  const values = '((.requestParameters?, .responseElements?) | .. | strings)';
  return `any(${arns}, ${values}; length <= 4096 and test(${jqString(regex)}))`;
}

function timeTerm(term: FilterTerm): string {
  return `((ct_record_time | ct_time) as $t | $t != null and $t ${term.key === 'after' ? '>=' : '<'} ${term.time ?? 0})`;
}

/** Whether `value` (a string or null) is one of `values`: a lookup in an object, as long lists of keys need. */
function oneOf(value: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `(${value} != null and ({${values.map((v) => `${jqString(v)}:true`).join(',')}} | has(${value})))`;
}

/** `actor:` as the sessions the editor found its chains lead from, each record by what names its caller (as the SQL). */
function actorCondition(sessions: ActorSessions): string {
  const named = `(${FIELD_JQ.arn} // null) as $arn | (${FIELD_JQ.accessKeyId} // null) as $key`;
  const keyless = `($key == null and ${oneOf('$arn', sessions.keylessArns)})`;
  // The identity is worked out only where some record is listed by it (and bound: `has` reads the object as `.`).
  const nameless =
    sessions.keylessIdentities.length === 0
      ? 'false'
      : `($key == null and $arn == null and (ct_identity as $who | ${oneOf('$who', sessions.keylessIdentities)}))`;
  return `(${named} | ${oneOf('$arn', sessions.arns)} or ${oneOf('$key', sessions.accessKeyIds)} or ${keyless} or ${nameless})`;
}

/** One term's condition, before negation. */
function condition(term: FilterTerm, actors: readonly ResolvedActor[]): string {
  if (term.key === undefined) return anyMatches(WORD_FIELDS, regexEscape(term.value));
  if (term.key === 'after' || term.key === 'before') return timeTerm(term);
  if (term.key === 'resource') return touches(wildcardRegex(term.value));
  if (term.key === 'actor') {
    const resolved = actors.find((a) => a.term === term.value);
    // Without the sessions, jq stops with the reason rather than keep records the view would not.
    return resolved ? actorCondition(resolved.sessions) : `error(${jqString(ACTOR_NOT_EXPRESSIBLE)})`;
  }
  return anyMatches(KEY_FIELDS[term.key], wildcardRegex(term.value));
}

/**
 * The whole filter's condition: each key's terms either way, negated terms each not, all of them together; undefined
 * for none. `actors`: the sessions each `actor:` term stands for in the loaded logs (the events view's tree gives them).
 */
export function jqCondition(filter: string, actors: readonly ResolvedActor[] = []): string | undefined {
  const parts = filterConjuncts(
    parseFilter(filter).terms,
    (term) => condition(term, actors),
    (tests) => (tests.length === 1 ? tests[0]! : `(${tests.join(' or ')})`),
    (test) => `(${test} | not)`,
  );
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** The jq program that keeps the records the filter keeps, from a CloudTrail log or from JSON Lines. */
export function jqProgram(filter: string, input: JqInput, actors: readonly ResolvedActor[] = []): string {
  const test = jqCondition(filter, actors);
  const records = input === 'cloudtrail' ? '.Records[]' : '.';
  if (test === undefined) return records;
  const select = `select(${test})`;
  const program = input === 'cloudtrail' ? `${records} | ${select}` : select;
  return [...definitions(program), program].join(' ');
}

/** The definitions a program uses, and those they use, in the order jq needs them. */
function definitions(program: string): string[] {
  const used: string[] = [];
  let text = program;
  for (const [name, def] of [...DEFS].reverse()) {
    if (!new RegExp(`\\b${name}\\b`).test(text)) continue;
    used.unshift(def);
    text += def;
  }
  return used;
}
