/**
 * Rules shaped like SigmaHQ's CloudTrail folder (rules/cloud/aws/cloudtrail: 57 rules), generated here, none copied:
 * mostly an eventSource and a list of its eventNames; some narrowed with `|contains` on the user agent or a request
 * parameter; some with `not 1 of filter_main_*` exclusions; some with `1 of selection_status_*` on the outcome; a few
 * with `|endswith` and `|startswith`; and three correlations, two in the old `| count()` syntax SigmaHQ keeps under
 * unsupported/ and one written as a correlation rule.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AGENTS, BUCKETS, ERRORS, ROLES, S3_BUCKET_EVENTS } from '../test/support/logVocabulary';

export const SIGMAHQ_SHAPED_DETECTIONS = 57;

/** Services and event names from AWS's API references, as the folder's rules pick them. */
const SERVICES: readonly [string, readonly string[]][] = [
  ['s3.amazonaws.com', S3_BUCKET_EVENTS],
  ['iam.amazonaws.com', ['CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile', 'DeleteUser', 'PutUserPolicy', 'CreateUser']],
  ['ec2.amazonaws.com', ['DescribeInstances', 'ModifyInstanceAttribute', 'CreateKeyPair', 'DeleteFlowLogs', 'RunInstances']],
  ['cloudtrail.amazonaws.com', ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors']],
  ['guardduty.amazonaws.com', ['DeleteDetector', 'UpdateDetector', 'CreateIPSet']],
  ['kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy']],
  ['sts.amazonaws.com', ['AssumeRole', 'GetSessionToken', 'GetFederationToken']],
  ['signin.amazonaws.com', ['ConsoleLogin', 'GetSigninToken']],
  ['lambda.amazonaws.com', ['CreateFunction20150331', 'UpdateFunctionCode20150331v2', 'AddPermission20150331v2']],
  ['bedrock.amazonaws.com', ['InvokeModel', 'DeleteModelInvocationLoggingConfiguration', 'GetFoundationModelAvailability']],
];

const LOGSOURCE = 'logsource:\n  product: aws\n  service: cloudtrail\n';

function names(i: number, count: number): readonly [string, readonly string[]] {
  const [source, events] = SERVICES[i % SERVICES.length]!;
  return [source, Array.from({ length: Math.min(count, events.length) }, (_, k) => events[(i + k) % events.length]!)];
}

const list = (values: readonly string[], indent: string): string => values.map((v) => `\n${indent}- '${v}'`).join('');

/** The folder's shapes, in the proportions its rules have them (of every 19: 11, 3, 2, 2, 1). */
const SHAPES: readonly ((i: number) => string)[] = [
  ...Array.from({ length: 11 }, () => (i: number) => {
    const [source, events] = names(i, 1 + (i % 4));
    return `  selection:\n    eventSource: ${source}\n    eventName:${list(events, '      ')}\n  condition: selection\n`;
  }),
  ...Array.from({ length: 3 }, (_, k) => (i: number) => {
    const [source, events] = names(i, 2);
    const narrow =
      k === 0
        ? `userAgent|contains: '${AGENTS[i % AGENTS.length]!.slice(1, 8)}'`
        : `requestParameters.bucketName|contains: '${BUCKETS[i % BUCKETS.length]!.slice(0, 6)}'`;
    return `  selection:\n    eventSource: ${source}\n    eventName:${list(events, '      ')}\n    ${narrow}\n  condition: selection\n`;
  }),
  ...Array.from({ length: 2 }, () => (i: number) => {
    const [source, events] = names(i, 3);
    return (
      `  selection:\n    eventSource: ${source}\n    eventName:${list(events, '      ')}\n` +
      `  filter_main_service:\n    userIdentity.type: AWSService\n` +
      `  filter_main_agent:\n    userAgent|contains:\n      - 'cloudformation'\n      - 'terraform'\n` +
      `  condition: selection and not 1 of filter_main_*\n`
    );
  }),
  ...Array.from({ length: 2 }, () => (i: number) => {
    const [source, events] = names(i, 2);
    return (
      `  selection_event:\n    eventSource: ${source}\n    eventName:${list(events, '      ')}\n` +
      `  selection_status_denied:\n    errorCode:${list([ERRORS[0]![0], ERRORS[4]![0]], '      ')}\n` +
      `  selection_status_failure:\n    responseElements.ConsoleLogin: Failure\n` +
      `  condition: selection_event and 1 of selection_status_*\n`
    );
  }),
  (i) =>
    `  selection:\n    userIdentity.arn|endswith: ':assumed-role/${ROLES[i % ROLES.length]}'\n    eventName|startswith: '${names(i, 1)[1][0]!.slice(0, 4)}'\n` +
    `  condition: selection\n`,
];

function detectionRule(i: number): string {
  const id = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
  const level = ['low', 'medium', 'high'][i % 3];
  return `title: SigmaHQ-shaped rule ${i}\nid: ${id}\nname: sigmahq_shaped_${i}\nstatus: test\n${LOGSOURCE}detection:\n${SHAPES[i % SHAPES.length]!(i)}level: ${level}\n`;
}

/** Two old-syntax aggregations like the unsupported/ folder's, and one correlation rule over a rule above. */
const CORRELATIONS: readonly string[] = [
  `title: SigmaHQ-shaped enumeration burst\nid: 00000000-0000-4000-9001-000000000001\n${LOGSOURCE}detection:\n  selection:\n    eventSource: ec2.amazonaws.com\n    eventName|startswith: 'Describe'\n  timeframe: 10m\n  condition: selection | count() by userIdentity.arn > 20\nlevel: low\n`,
  `title: SigmaHQ-shaped many calls from one address\nid: 00000000-0000-4000-9001-000000000002\n${LOGSOURCE}detection:\n  selection:\n    eventSource: s3.amazonaws.com\n  timeframe: 10m\n  condition: selection | count(eventName) by sourceIPAddress > 8\nlevel: medium\n`,
  `title: SigmaHQ-shaped repeated failures\nid: 00000000-0000-4000-9001-000000000003\ncorrelation:\n  type: event_count\n  rules: [sigmahq_shaped_16]\n  group-by: [userIdentity.arn]\n  timespan: 15m\n  condition:\n    gte: 5\nlevel: medium\n`,
];

/** The rules in a folder of their own, written afresh: 57 detections and 3 correlations. */
export function writeSigmaHqShapedRules(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < SIGMAHQ_SHAPED_DETECTIONS; i++) writeFileSync(path.join(dir, `aws_shaped_${i}.yml`), detectionRule(i));
  CORRELATIONS.forEach((text, i) => writeFileSync(path.join(dir, `aws_shaped_correlation_${i}.yml`), text));
  return dir;
}
