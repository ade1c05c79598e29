/**
 * The columns of the CloudTrail table of AWS's "Querying AWS CloudTrail logs" (Amazon Athena), each with the
 * record field it holds and how a query's answer holds it: as text, as JSON text (the request and response
 * columns are JSON strings in the table), or as a struct or array (useridentity, resources…), which a record
 * query selects as JSON text. Both sides read it: the server renders SQL from it, the client turns the rows of
 * an answer back into records.
 */

/** `text`: a string column; `json`: a string column holding JSON; `nested`: a struct or array, selected as JSON text. */
export type ColumnKind = 'text' | 'json' | 'nested';

export interface CloudTrailColumn {
  /** The column's name in the table (lowercase, as Athena's JSON SerDe maps the record's keys). */
  readonly column: string;
  /** The record's field. */
  readonly field: string;
  readonly kind: ColumnKind;
}

const column = (field: string, kind: ColumnKind = 'text'): CloudTrailColumn => ({ column: field.toLowerCase(), field, kind });

/** In the table's order. */
export const CLOUDTRAIL_COLUMNS: readonly CloudTrailColumn[] = [
  column('eventVersion'),
  column('userIdentity', 'nested'),
  column('eventTime'),
  column('eventSource'),
  column('eventName'),
  column('awsRegion'),
  column('sourceIPAddress'),
  column('userAgent'),
  column('errorCode'),
  column('errorMessage'),
  column('requestParameters', 'json'),
  column('responseElements', 'json'),
  column('additionalEventData', 'json'),
  column('requestID'),
  column('eventID'),
  column('resources', 'nested'),
  column('eventType'),
  column('apiVersion'),
  column('readOnly'),
  column('recipientAccountId'),
  column('serviceEventDetails', 'json'),
  column('sharedEventID'),
  column('vpcEndpointId'),
  column('vpcEndpointAccountId'),
  column('eventCategory'),
  column('addendum', 'nested'),
  column('sessionCredentialFromConsole'),
  column('edgeDeviceDetails', 'json'),
  column('tlsDetails', 'nested'),
];

/**
 * The record's own spelling of the keys inside the nested columns, which the table holds in lowercase
 * (useridentity.sessioncontext.sessionissuer.username): an answer's JSON text gets them back by this table.
 */
export const NESTED_KEYS: readonly string[] = [
  'type',
  'principalId',
  'arn',
  'accountId',
  'invokedBy',
  'accessKeyId',
  'userName',
  'onBehalfOf',
  'userId',
  'identityStoreArn',
  'sessionContext',
  'attributes',
  'mfaAuthenticated',
  'creationDate',
  'sessionIssuer',
  'ec2RoleDelivery',
  'webIdFederationData',
  'federatedProvider',
  // resources[]: CloudTrail writes the resource's ARN in capitals.
  'ARN',
  'reason',
  'updatedFields',
  'originalRequestID',
  'originalEventID',
  'tlsVersion',
  'cipherSuite',
  'clientProvidedHostHeader',
  // userIdentity's fields that CloudTrail Lake's table holds and Athena's does not.
  'sourceIdentity',
  'ec2IssuedInVpc',
  'identityProvider',
];
