/**
 * What each key of the events view's filter reads of a record: fields of the record's summary as the view shows
 * it (server/src/features/recordSummary.ts), by their names there. One table for the three places a filter runs:
 * the view's test (features/eventFilter.ts), its SQL (queries/filterQuery.ts) and its jq program (jqFilter.ts).
 */
import type { FieldKey } from './filterSyntax';

/** The keys that read fields of the summary; `resource:` reads the values a record touched, each place its own way. */
export type SummaryKey = Exclude<FieldKey, 'resource'>;

/** A summary's field a term reads, or `arnName`: the ARN's last part, the user or the role session. */
export type FilterField =
  | 'eventName'
  | 'eventSource'
  | 'sourceIPAddress'
  | 'errorCode'
  | 'awsRegion'
  | 'identity'
  | 'userName'
  | 'roleName'
  | 'arn'
  | 'arnName'
  | 'accessKeyId'
  | 'accountId'
  | 'recipientAccountId'
  | 'bucketName';

/** What each key reads (data, as the syntax's FILTER_KEYS describes it). `user:` reads the identity the view shows too. */
export const FILTER_FIELDS: Readonly<Record<SummaryKey, readonly FilterField[]>> = {
  event: ['eventName'],
  source: ['eventSource'],
  user: ['userName', 'roleName', 'arn', 'arnName', 'identity'],
  ip: ['sourceIPAddress'],
  error: ['errorCode'],
  region: ['awsRegion'],
  bucket: ['bucketName'],
  key: ['accessKeyId'],
  account: ['accountId', 'recipientAccountId'],
  // Not a summary's field: the view follows each record's session chain (features/sessionChain.ts); SQL and jq cannot.
  actor: [],
};

/**
 * Why the SQL and jq of a filter cannot say `actor:` with no log shown: a chain is followed through the loaded logs,
 * in the editor, and the query lists the sessions it found there.
 */
export const ACTOR_NOT_EXPRESSIBLE =
  'actor: follows session chains through the logs loaded in the editor: show the log or folder in the events view, and the query lists the sessions whose chains end at the actor';

/** Why the SQL cannot group by actor: each record's group is a chain followed through the loaded logs. */
export const ACTOR_GROUP_NOT_EXPRESSIBLE =
  'By actor follows session chains through the logs loaded in the editor, which a query of one table cannot: filter by actor: to ask for one actor’s sessions';

/** One thing made for each key from the fields it reads: the view's tests, the SQL's expressions, jq's paths. */
export function perKey<T>(make: (fields: readonly FilterField[]) => T): Record<SummaryKey, T> {
  const out = {} as Record<SummaryKey, T>;
  for (const key of Object.keys(FILTER_FIELDS) as SummaryKey[]) out[key] = make(FILTER_FIELDS[key]);
  return out;
}

/** What a bare word is a substring of. */
export const BARE_WORD_FIELDS: readonly FilterField[] = ['eventName', 'identity', 'sourceIPAddress', 'errorCode'];
