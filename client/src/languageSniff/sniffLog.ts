/**
 * Whether the first few KB of a document are a CloudTrail log, and in which shape: the shapes the server
 * reads (server/src/cloudtrail/logShape.ts, server/src/parse/embedded.ts), judged on a prefix that may be
 * cut anywhere. A log is told by its first record; JSON that merely looks like one (a package.json, an
 * array of numbers, Lambda's S3 or DynamoDB event payloads, which also say eventVersion) is not a log.
 * No vscode import: unit tests reach it.
 */
import { entryOf, keysOf, type PrefixValue, readJsonPrefix } from './jsonPrefix';

/** How much of a document is read to decide: a delivered log's first record fits many times over. */
export const SNIFF_CHARS = 8192;

export type SniffedShape =
  /** {"Records":[…]}, as CloudTrail delivers it, minified or pretty. */
  | 'records'
  /** A bare array of records. */
  | 'array'
  /** One record per line (CloudWatch Logs, Athena and Lake exports). */
  | 'lines'
  /** A single record. */
  | 'record'
  /** `aws cloudtrail lookup-events` output: {"Events":[{…,"CloudTrailEvent":"{…}"}]}. */
  | 'lookup-events'
  /** A CloudWatch Logs export: {"events":[{…,"message":"{…}"}]}. */
  | 'cloudwatch-export'
  /** A digest file: CloudTrail's signed list of the log files it delivered. */
  | 'digest';

/** Besides eventVersion, fields every CloudTrail record has: one of them, seen before the prefix ends, says "record". */
const RECORD_FIELDS = ['userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'eventID', 'eventType'];

/** CloudTrail names a service by its endpoint (s3.amazonaws.com); Lambda's event payloads name it aws:s3, aws:dynamodb. */
const NOT_CLOUDTRAIL_SOURCE = /^aws:/;

/** Besides digestStartTime, fields of a digest file seen before its list of log files. */
const DIGEST_FIELDS = ['awsAccountId', 'digestEndTime', 'digestS3Bucket', 'digestS3Object', 'logFiles'];

/** The wrappers that carry records in JSON strings: the array's property and each element's property (as embedded.ts). */
const CARRIERS: readonly { readonly array: string; readonly item: string; readonly shape: SniffedShape }[] = [
  { array: 'Events', item: 'CloudTrailEvent', shape: 'lookup-events' },
  { array: 'events', item: 'message', shape: 'cloudwatch-export' },
];

/**
 * A CloudTrail record: eventVersion and what happened, as the server's looksLikeRecord asks of a whole
 * record; an object the prefix cut short needs eventVersion and one other record field seen so far.
 */
function isRecord(value: PrefixValue | undefined): boolean {
  if (value?.kind !== 'object') return false;
  const keys = keysOf(value);
  if (!keys.has('eventVersion')) return false;
  const source = entryOf(value, 'eventSource');
  if (source?.kind === 'string' && NOT_CLOUDTRAIL_SOURCE.test(source.text)) return false;
  if (value.closed) return keys.has('eventName') || keys.has('eventSource');
  return RECORD_FIELDS.some((field) => keys.has(field));
}

/** A digest: digestStartTime and its log files, as the server asks; cut short, digestStartTime and another digest field. */
function isDigest(value: PrefixValue & { kind: 'object' }): boolean {
  const keys = keysOf(value);
  if (!keys.has('digestStartTime')) return false;
  return value.closed ? keys.has('logFiles') : DIGEST_FIELDS.some((field) => keys.has(field));
}

/** The first element of the array at `key`. */
function firstItem(wrapper: PrefixValue, key: string): PrefixValue | undefined {
  const array = entryOf(wrapper, key);
  return array?.kind === 'array' ? array.items[0] : undefined;
}

/** A record carried in a JSON string, itself perhaps cut short. */
function carriesRecord(value: PrefixValue | undefined): boolean {
  return value?.kind === 'string' && isRecord(readJsonPrefix(value.text, 1)[0]);
}

/** The shape of a top-level object that wraps records, null when it wraps something else, undefined when it wraps nothing. */
function wrapperShape(top: PrefixValue & { kind: 'object' }): SniffedShape | null | undefined {
  const keys = keysOf(top);
  if (keys.has('Records')) return isRecord(firstItem(top, 'Records')) ? 'records' : null;
  const carrier = CARRIERS.find((c) => entryOf(top, c.array)?.kind === 'array');
  if (!carrier) return undefined;
  return carriesRecord(entryOf(firstItem(top, carrier.array), carrier.item)) ? carrier.shape : null;
}

/** The shape of the CloudTrail log `prefix` starts, or undefined when it does not start one. */
export function sniffLog(prefix: string): SniffedShape | undefined {
  const [first, second] = readJsonPrefix(prefix, 2);
  if (first?.kind === 'array') return isRecord(first.items[0]) ? 'array' : undefined;
  if (first?.kind !== 'object') return undefined;
  const wrapped = wrapperShape(first);
  if (wrapped !== undefined) return wrapped ?? undefined;
  if (isDigest(first)) return 'digest';
  if (!isRecord(first)) return undefined;
  return second === undefined ? 'record' : 'lines';
}
