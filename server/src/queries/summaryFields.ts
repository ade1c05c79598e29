/**
 * The record summaries of the events view (features/recordSummary.ts) as SQL expressions: the same fallbacks, the
 * same identity label, the same S3 event level from the event catalogue, and the grouping keys of eventGroups.ts.
 * What the filter's keys and the view's groupings read, so a query groups and filters as the view does.
 */
import type { GroupBy } from '../../../common/protocol';
import { S3_EVENT_SOURCE, S3_EVENTS } from '../cloudtrail/eventCatalogue';
import { and, type Expr, literal, not, type Predicate, text } from './queryModel';

const coalesce = (...args: Expr[]): Expr => ({ k: 'coalesce', args });
const nonEmpty = (arg: Expr): Expr => ({ k: 'nonEmpty', arg });
const isSet = (expr: Expr): Predicate => not({ k: 'isNull', expr });
const is = (expr: Expr, ...values: string[]): Predicate => ({ k: 'in', expr, values });

/** The last part of an ARN's resource, or NULL when that is empty. */
export const arnName = (arn: Expr): Expr => nonEmpty({ k: 'afterLastSlash', arg: arn });

const arn = text('userIdentity.arn');
const accountId = text('userIdentity.accountId');
const role = text('userIdentity.sessionContext.sessionIssuer.userName');

/** The summary's fields that the filter and the groupings read, by their names in RecordSummary. */
export const SUMMARY = {
  eventName: coalesce(text('eventName'), literal('(no eventName)')),
  eventSource: coalesce(text('eventSource'), literal('(no eventSource)')),
  eventTime: coalesce(text('eventTime'), literal('')),
  sourceIPAddress: coalesce(text('sourceIPAddress'), literal('')),
  errorCode: nonEmpty(text('errorCode')),
  awsRegion: nonEmpty(text('awsRegion')),
  userName: nonEmpty(text('userIdentity.userName')),
  roleName: nonEmpty(role),
  arn: nonEmpty(arn),
  accessKeyId: nonEmpty(text('userIdentity.accessKeyId')),
  accountId: nonEmpty(accountId),
  recipientAccountId: nonEmpty(text('recipientAccountId')),
  bucketName: nonEmpty(text('requestParameters.bucketName')),
  identity: identityLabel(),
} as const satisfies Record<string, Expr>;

/** Who acted, by identity type, as recordSummary.ts's identityOf words it. */
function identityLabel(): Expr {
  const type = text('userIdentity.type');
  const userName = text('userIdentity.userName');
  const invokedBy = text('userIdentity.invokedBy');
  const session = arnName(arn);
  // An empty role name counts as none before the `/`, but is itself the label when it is all there is.
  const assumedRole: Expr = {
    k: 'case',
    whens: [[and([isSet(role), not(is(role, '')), isSet(session)]), { k: 'concat', args: [role, literal('/'), session] }]],
    otherwise: coalesce(role, session),
  };
  const awsAccount: Expr = {
    k: 'case',
    whens: [
      [is(accountId, 'anonymous'), literal('anonymous')],
      [is(accountId, ''), literal('')],
    ],
    otherwise: { k: 'concat', args: [literal('account '), accountId] },
  };
  const specific: Expr = {
    k: 'case',
    whens: [
      [is(type, 'Root'), literal('root')],
      [is(type, 'IAMUser'), coalesce(userName, session)],
      [is(type, 'AssumedRole'), assumedRole],
      [is(type, 'FederatedUser'), session],
      [is(type, 'AWSService'), invokedBy],
      [is(type, 'AWSAccount'), awsAccount],
    ],
  };
  return coalesce(specific, userName, invokedBy, session, nonEmpty(text('userIdentity.principalId')), type, literal('unknown'));
}

const named = (expr: Expr): Predicate => isSet(nonEmpty(expr));

/** The S3 event level, as classifyEvent gives it for the summary's event name and source. */
function eventLevel(): Expr {
  const name = SUMMARY.eventName;
  const bucket = text('requestParameters.bucketName');
  const names = (level: string) => S3_EVENTS.filter((e) => e.level === level).map((e) => e.name);
  const bucketForms = S3_EVENTS.filter((e) => e.bucketApi !== undefined).map((e) => e.name);
  return {
    k: 'case',
    whens: [
      [not(is(SUMMARY.eventSource, S3_EVENT_SOURCE)), literal('other')],
      [and([is(name, ...bucketForms), named(bucket)]), literal('bucket')],
      [is(name, ...names('account')), literal('account')],
      [is(name, ...names('bucket')), literal('bucket')],
      [is(name, ...names('object')), literal('object')],
      [named(text('requestParameters.key')), literal('object')],
      [named(bucket), literal('bucket')],
    ],
    otherwise: literal('account'),
  };
}

/** Each grouping's key, as eventGroups.ts's GROUPINGS work it out. */
export const GROUP_KEYS: Readonly<Record<Exclude<GroupBy, 'actor'>, Expr>> = {
  level: eventLevel(),
  identity: SUMMARY.identity,
  sourceIPAddress: SUMMARY.sourceIPAddress,
  eventSource: SUMMARY.eventSource,
  errorCode: coalesce(SUMMARY.errorCode, literal('')),
  hour: { k: 'hour', arg: SUMMARY.eventTime },
};
