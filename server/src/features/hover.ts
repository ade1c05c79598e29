/**
 * Hovers: what an event name, a field or a value means, from the parse the server already holds.
 * Everything taken from the log goes through markdown.text(); links are built only from the catalogue.
 */
import { findNodeAtLocation, type Node, type Segment } from 'jsonc-parser';
import { dataTable } from '../../../common/dataTable';
import { accessKeyKind, parseArn } from '../cloudtrail/arn';
import { classifyEvent, type EventLevel, SEED_PAGE_URL } from '../cloudtrail/eventCatalogue';
import { DIGEST_FIELD_DOCS } from '../cloudtrail/digestDocs';
import { EVENT_CATEGORY_DOCS, EVENT_TYPE_DOCS, FIELD_DOCS, type FieldDoc, USER_IDENTITY_TYPE_DOCS } from '../cloudtrail/fieldDocs';
import { docPath, locate, type Located, treeStringAt } from '../parse/locate';
import { link, table, text } from './markdown';
import type { ParsedLog } from '../parse/parsedLog';
import { EVENT_TIME, SHIPPER_TIME } from '../cloudtrail/recordTime';
import { timeFieldOfRecord, timeOfRecord } from './recordSummary';
import { serviceName } from '../cloudtrail/serviceNames';
import type { RecordSummary } from './recordSummary';
import { accountLabel } from './accountTerms';
import { resourceHover } from './resourceHover';
import { isTouchingPath } from './touchedValues';

export interface HoverResult {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

const FIELD_DOC_BY_PATH: ReadonlyMap<string, FieldDoc> = new Map(FIELD_DOCS.map((d) => [d.path, d]));
const DIGEST_DOC_BY_PATH: ReadonlyMap<string, FieldDoc> = new Map(DIGEST_FIELD_DOCS.map((d) => [d.path, d]));

const LEVEL_NAMES: Record<EventLevel, string> = {
  account: 'S3 account-level action',
  bucket: 'S3 bucket-level action',
  object: 'S3 object-level action',
  other: 'not an S3 action',
};

interface ValueContext {
  readonly text: string;
  readonly parsed: ParsedLog;
  readonly at: Located;
  readonly accountNames: ReadonlyMap<string, string> | undefined;
}

type Describe = (value: string, context: ValueContext) => string | undefined;

/** Value hovers by field path (data): each says what this particular value means. */
const VALUE_HOVERS = dataTable<Describe>({
  eventName: describeEventName,
  eventTime: describeEventTime,
  [SHIPPER_TIME]: describeShipperTime,
  eventSource: (v) => (serviceName(v) ? `Service: ${text(serviceName(v)!)}` : undefined),
  'userIdentity.type': (v) => USER_IDENTITY_TYPE_DOCS.get(v),
  'userIdentity.sessionContext.sessionIssuer.type': (v) => USER_IDENTITY_TYPE_DOCS.get(v),
  eventType: (v) => EVENT_TYPE_DOCS.get(v),
  eventCategory: (v) => EVENT_CATEGORY_DOCS.get(v),
  sourceIPAddress: describeSource,
});

/** What a hover may say beyond the record: the log's records, and the user's names for accounts. */
export interface HoverContext {
  /** The log's summaries: a touched value says which records touch it. */
  readonly summaries?: readonly RecordSummary[];
  readonly accountNames?: ReadonlyMap<string, string>;
}

/** The hover at `offset`. */
export function hoverAt(source: string, parsed: ParsedLog, offset: number, more: HoverContext = {}): HoverResult | null {
  const { summaries } = more;
  const at = locate(source, parsed, offset);
  if (!at || at.path.length === 0) return null;
  const field = docPath(at.path);
  const doc = (parsed.shape === 'digest' ? DIGEST_DOC_BY_PATH : FIELD_DOC_BY_PATH).get(field);
  const sections: string[] = [];

  if (at.onKey) {
    sections.push(`**${text(field)}**${doc?.since ? ` · since eventVersion ${text(doc.since)}` : ''}`);
    if (doc) sections.push(doc.doc);
  } else if (at.node.type === 'string') {
    const value = at.node.value as string;
    const context: ValueContext = { text: source, parsed, at, accountNames: more.accountNames };
    const specific = VALUE_HOVERS.get(field)?.(value, context);
    if (specific) sections.push(specific);
    const general = describeString(value, context);
    if (general) sections.push(general);
    const touching = summaries && isTouchingPath(at.path) ? resourceHover(summaries, value) : undefined;
    if (touching) sections.push(touching);
    if (doc) sections.push(`**${text(field)}**: ${doc.doc}`);
  } else if (doc) {
    sections.push(`**${text(field)}**: ${doc.doc}`);
  }
  if (sections.length === 0) return null;
  return { markdown: sections.join('\n\n'), start: at.start, end: at.end };
}

function describeEventName(name: string, { at }: ValueContext): string {
  const root = at.tree.root;
  const source = treeStringAt(root, ['eventSource']);
  const request = {
    bucketName: treeStringAt(root, ['requestParameters', 'bucketName']),
    key: treeStringAt(root, ['requestParameters', 'key']),
  };
  const c = classifyEvent(name, source, request);
  if (c.level === 'other') {
    const service = source ? serviceName(source) : undefined;
    const lines = [`**${text(name)}** · ${service ? text(service) : 'another AWS service'}${source ? ` (${text(source)})` : ''}`];
    if (source === undefined) lines.push('This record names no eventSource.');
    return lines.join('\n\n');
  }
  if (!c.event) {
    const lines = [`**${text(name)}** · S3 event not in the catalogue, classified as ${LEVEL_NAMES[c.level]} from its request`];
    lines.push(link('Logging Amazon S3 API calls with CloudTrail', SEED_PAGE_URL));
    return lines.join('\n\n');
  }
  const lines = [`**${text(c.event.name)}** · ${LEVEL_NAMES[c.level]} · ${c.event.kind} event`, text(c.event.description)];
  if (c.event.soap?.length)
    lines.push(`Also logged for the SOAP operation${c.event.soap.length > 1 ? 's' : ''} ${c.event.soap.map(text).join(', ')}.`);
  const links = [link('CloudTrail logging for Amazon S3', SEED_PAGE_URL)];
  if (c.url && c.api) links.unshift(link(`${c.api.replace(/^control_/, '')} in the Amazon S3 API Reference`, c.url));
  lines.push(links.join(' · '));
  return lines.join('\n\n');
}

function describeEventTime(value: string, { parsed, at }: ValueContext): string | undefined {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/Z$/.test(value)) return undefined;
  const date = new Date(ms);
  const rows: [string, string][] = [
    ['UTC', text(value)],
    ['Local time', text(date.toLocaleString(undefined, { timeZoneName: 'short' }))],
  ];
  const before = parsed.records[at.tree.record.index - 1];
  const previous = before && timeOfRecord(before);
  const previousMs = previous ? Date.parse(previous) : NaN;
  if (!Number.isNaN(previousMs)) {
    const gap = ms - previousMs;
    const when = gap === 0 ? 'the same second as' : `${formatDuration(Math.abs(gap))} ${gap > 0 ? 'after' : 'before'}`;
    rows.push(['Gap', text(`${when} the previous record${gap < 0 ? ' (log files are not in time order)' : ''}`)]);
  }
  return table(rows);
}

/** A shipper's `@timestamp`: the record's time only where it has no eventTime, which the hover says. */
function describeShipperTime(value: string, context: ValueContext): string | undefined {
  const record = context.parsed.records[context.at.tree.record.index];
  if (!record || timeFieldOfRecord(record) !== SHIPPER_TIME) {
    return `A shipper's field (Logstash, Elastic); this record's time is its \`${EVENT_TIME}\`.`;
  }
  const when = describeEventTime(value, context);
  return [`Time from \`${SHIPPER_TIME}\` (${EVENT_TIME} absent; a shipper's field)`, ...(when ? [when] : [])].join('\n\n');
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.length ? parts.join(' ') : `${ms} ms`;
}

function describeSource(value: string): string | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return 'An IPv4 address: where the request came from.';
  if (/^[0-9a-f:]+$/i.test(value) && value.includes(':')) return 'An IPv6 address: where the request came from.';
  if (/\.amazonaws\.com$/.test(value)) return `An AWS service made this call for the caller: ${text(serviceName(value) ?? value)}.`;
  if (/^AWS Internal/i.test(value)) return 'AWS made this call from inside its own network.';
  return undefined;
}

/** What any string value is by its shape: an ARN, an access key ID, an account ID. */
function describeString(value: string, { at, accountNames }: ValueContext): string | undefined {
  const arn = parseArn(value);
  if (arn) {
    return table([
      ['Partition', text(arn.partition)],
      ['Service', text(arn.service)],
      ['Region', arn.region ? text(arn.region) : 'global'],
      ['Account', arn.account ? text(accountLabel(arn.account, accountNames ?? new Map())) : 'none'],
      ['Resource', text(arn.resource)],
    ]);
  }
  const key = accessKeyKind(value);
  if (key === 'long-term') return 'Access key ID (`AKIA`): a long-term key of an IAM user or the root user.';
  if (key === 'temporary')
    return 'Access key ID (`ASIA`): temporary credentials from AWS STS (an assumed role, a federated or console session).';
  if (/^\d{12}$/.test(value)) {
    const roles = accountRoles(value, at.tree.root);
    const name = accountNames?.get(value);
    return `Account ID${name !== undefined ? ` of **${text(name)}**` : ''}${roles.length ? `: ${roles.join(', ')} in this record` : ''}.`;
  }
  return undefined;
}

/** The parts an account plays in a record (data: where CloudTrail writes account IDs). */
const ACCOUNT_ROLES: readonly [string, Segment[]][] = [
  ['the caller', ['userIdentity', 'accountId']],
  ['the session issuer', ['userIdentity', 'sessionContext', 'sessionIssuer', 'accountId']],
  ['the recipient of this copy of the event', ['recipientAccountId']],
  ['the VPC endpoint owner', ['vpcEndpointAccountId']],
];

function accountRoles(account: string, root: Node): string[] {
  const roles = ACCOUNT_ROLES.filter(([, path]) => treeStringAt(root, path) === account).map(([role]) => role);
  const resources = findNodeAtLocation(root, ['resources']);
  if (resources?.children?.some((_, i) => treeStringAt(resources, [i, 'accountId']) === account)) roles.push('a resource owner');
  return roles;
}
