/**
 * What a record acts on, as an analyst notes it beside a finding: "trail management-events", "role Admin",
 * "snapshot snap-0a1b…". Each service names its target in a field of requestParameters (AWS's API references give
 * the request parameters; CloudTrail logs them under the same names, first letter lower-case). A table per event
 * overrides its service's where the event names something else first (RunInstances: the instance type, not the image).
 */
import { dataTable } from '../../../common/dataTable';

/** What the target is called, and the requestParameters field that names it. */
type TargetField = readonly [noun: string, field: string];

/** By event source: the fields that may name the target, the first one present wins. */
const BY_SOURCE = dataTable<readonly TargetField[]>({
  'cloudtrail.amazonaws.com': [
    ['trail', 'name'],
    ['trail', 'trailName'],
    ['event data store', 'eventDataStore'],
  ],
  's3.amazonaws.com': [['bucket', 'bucketName']],
  'iam.amazonaws.com': [
    ['role', 'roleName'],
    ['user', 'userName'],
    ['group', 'groupName'],
    ['instance profile', 'instanceProfileName'],
    ['policy', 'policyArn'],
    ['policy', 'policyName'],
    ['SAML provider', 'sAMLProviderArn'],
    ['OIDC provider', 'openIDConnectProviderArn'],
  ],
  'sts.amazonaws.com': [
    ['role', 'roleArn'],
    ['federated user', 'name'],
  ],
  'ec2.amazonaws.com': [
    ['snapshot', 'snapshotId'],
    ['image', 'imageId'],
    ['instance', 'instanceId'],
    ['volume', 'volumeId'],
    ['security group', 'groupId'],
    ['security group', 'groupName'],
    ['key pair', 'keyName'],
    ['VPC', 'vpcId'],
  ],
  'ec2-instance-connect.amazonaws.com': [['instance', 'instanceId']],
  'secretsmanager.amazonaws.com': [
    ['secret', 'secretId'],
    ['secret', 'name'],
  ],
  'kms.amazonaws.com': [['key', 'keyId']],
  'ssm.amazonaws.com': [
    ['parameter', 'name'],
    ['instance', 'target'],
    ['instance', 'instanceId'],
    ['document', 'documentName'],
  ],
  'lambda.amazonaws.com': [['function', 'functionName']],
  'rds.amazonaws.com': [
    ['snapshot', 'dBSnapshotIdentifier'],
    ['cluster snapshot', 'dBClusterSnapshotIdentifier'],
    ['DB instance', 'dBInstanceIdentifier'],
    ['DB cluster', 'dBClusterIdentifier'],
  ],
  'guardduty.amazonaws.com': [['detector', 'detectorId']],
  'organizations.amazonaws.com': [
    ['account', 'accountId'],
    ['policy', 'policyId'],
  ],
  'logs.amazonaws.com': [['log group', 'logGroupName']],
  'config.amazonaws.com': [
    ['recorder', 'configurationRecorderName'],
    ['delivery channel', 'deliveryChannelName'],
  ],
  'route53resolver.amazonaws.com': [['query log config', 'resolverQueryLogConfigId']],
  'rolesanywhere.amazonaws.com': [
    ['trust anchor', 'trustAnchorId'],
    ['profile', 'profileId'],
    ['trust anchor', 'name'],
  ],
  'bedrock.amazonaws.com': [['model', 'modelId']],
  'dynamodb.amazonaws.com': [['table', 'tableName']],
  'sns.amazonaws.com': [['topic', 'topicArn']],
  'sqs.amazonaws.com': [['queue', 'queueUrl']],
  'ecr.amazonaws.com': [['repository', 'repositoryName']],
  'eks.amazonaws.com': [['cluster', 'name']],
  'cloudformation.amazonaws.com': [['stack', 'stackName']],
  'securityhub.amazonaws.com': [['hub', 'hubArn']],
  'access-analyzer.amazonaws.com': [['analyzer', 'analyzerName']],
});

/** By event source and name (a space between): where the event names its target otherwise than its service. */
const BY_EVENT = dataTable<readonly TargetField[]>({
  'ec2.amazonaws.com RunInstances': [
    ['instance type', 'instanceType'],
    ['image', 'imageId'],
  ],
  'ec2.amazonaws.com CreateSnapshot': [['volume', 'volumeId']],
  'iam.amazonaws.com CreateAccessKey': [['user', 'userName']],
  'iam.amazonaws.com CreateLoginProfile': [['user', 'userName']],
  'iam.amazonaws.com UpdateLoginProfile': [['user', 'userName']],
  'iam.amazonaws.com AddUserToGroup': [
    ['user', 'userName'],
    ['group', 'groupName'],
  ],
  'ssm.amazonaws.com SendCommand': [['document', 'documentName']],
  'ssm.amazonaws.com StartSession': [['instance', 'target']],
});

/** Every requestParameters field the tables read: the parsers index them (cloudtrail/recordIndex.ts). */
export const TARGET_FIELDS: readonly string[] = [
  ...new Set([...BY_SOURCE.values(), ...BY_EVENT.values()].flatMap((fields) => fields.map(([, field]) => `requestParameters.${field}`))),
];

/** A name shown at most this long: a target is a few words, not a policy document. */
const MAX_NAME = 200;

/** An ARN by its resource's last part (the trail, role or policy name); anything else as it is, cut when long. */
function shortName(value: string): string {
  const name = value.startsWith('arn:') ? value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf(':')) + 1) || value : value;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name;
}

/** What a record acts on: what kind of thing ("trail"), and its name ("management-events"). */
export interface Target {
  readonly targetType: string;
  readonly target: string;
}

/**
 * What the record acts on, or undefined when its event names nothing the tables know. Kind and name are kept
 * apart: a log's records share a few kinds, and a name is often a string the record holds anyway (its bucket).
 * `read` gives a requestParameters field's string value (by its name under requestParameters).
 */
export function targetOf(eventSource: string, eventName: string, read: (field: string) => string | undefined): Target | undefined {
  const fields = BY_EVENT.get(`${eventSource} ${eventName}`) ?? BY_SOURCE.get(eventSource) ?? [];
  for (const [targetType, field] of fields) {
    const value = read(field)?.trim();
    if (value) return { targetType, target: shortName(value) };
  }
  return undefined;
}
