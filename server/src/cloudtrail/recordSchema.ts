// Facts from the AWS CloudTrail User Guide pages "CloudTrail record contents for management, data, and network activity events", "CloudTrail record contents for Insights events" and "CloudTrail userIdentity element", checked against real delivered logs.

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface RecordFieldSpec {
  /** Top-level record field name, e.g. "eventTime". */
  readonly name: string;
  /** eventVersion that introduced the field, as "1.NN" (e.g. "1.00", "1.01", "1.02", "1.07"). */
  readonly since: string;
  /** True only when a record of that version or later that lacks it is really broken. */
  readonly required: boolean;
  /** JSON kinds that real logs use for this field; a value of another kind is reported as wrong type. */
  readonly types: readonly JsonKind[];
  /** Event types whose records are whole without this field, though it is required for the rest. */
  readonly notForEventTypes?: readonly string[];
}

/** Insights records describe unusual activity, not one call: no caller, service or event name. */
const INSIGHTS: readonly string[] = ['AwsCloudTrailInsight'];

/**
 * Every documented top-level field, in the reference's order (the Insights-only field last).
 * Note for callers: Insights records (eventType AwsCloudTrailInsight) carry none of
 * userIdentity, eventSource, eventName or sourceIPAddress at the top level; their subject sits in
 * insightDetails. The required flags below describe management, data and network activity events.
 */
export const RECORD_FIELDS: readonly RecordFieldSpec[] = [
  { name: 'eventTime', since: '1.00', required: true, types: ['string'] },
  { name: 'eventVersion', since: '1.00', required: true, types: ['string'] },
  // Reference: Optional False. Service events can carry a sparse object (only accountId/invokedBy), but it is there.
  { name: 'userIdentity', since: '1.00', required: true, types: ['object'], notForEventTypes: INSIGHTS },
  { name: 'eventSource', since: '1.00', required: true, types: ['string'], notForEventTypes: INSIGHTS },
  { name: 'eventName', since: '1.00', required: true, types: ['string'], notForEventTypes: INSIGHTS },
  { name: 'awsRegion', since: '1.00', required: true, types: ['string'] },
  // Reference: Optional False, but some AwsServiceEvent records are delivered without it
  // (the AWS documentation's own AppStream CreateImage service event has none). Not required.
  { name: 'sourceIPAddress', since: '1.00', required: false, types: ['string'] },
  // Reference: Optional True; service events often omit it.
  { name: 'userAgent', since: '1.00', required: false, types: ['string'] },
  { name: 'errorCode', since: '1.00', required: false, types: ['string'] },
  { name: 'errorMessage', since: '1.00', required: false, types: ['string'] },
  // Reference: Optional False, but AwsServiceEvent and some console records omit it entirely;
  // null when the call had no parameters; {"omitted": true, ...} when oversized. Not required.
  { name: 'requestParameters', since: '1.00', required: false, types: ['object', 'null'] },
  // Reference: Optional False, but missing on many service events; null for read-only calls and
  // calls with no response body; an object otherwise (ConsoleLogin writes {"ConsoleLogin": "Success"}). Not required.
  { name: 'responseElements', since: '1.00', required: false, types: ['object', 'null'] },
  // Content varies by service: usually an object, but Route 53 Domains writes a plain sentence string here.
  { name: 'additionalEventData', since: '1.00', required: false, types: ['object', 'string'] },
  // Reference: Optional True (older editions said False); AwsServiceEvent records regularly lack it.
  { name: 'requestID', since: '1.01', required: false, types: ['string'] },
  { name: 'eventID', since: '1.01', required: true, types: ['string'] },
  { name: 'eventType', since: '1.02', required: true, types: ['string'] },
  // The current reference says 1.01 (older editions said 1.02).
  { name: 'apiVersion', since: '1.01', required: false, types: ['string'] },
  // Only written for some event types (not for network activity or Insights records).
  { name: 'managementEvent', since: '1.06', required: false, types: ['boolean'] },
  { name: 'readOnly', since: '1.01', required: false, types: ['boolean'] },
  { name: 'resources', since: '1.01', required: false, types: ['array'] },
  // Reference: Optional True; some service and sign-in records lack it.
  { name: 'recipientAccountId', since: '1.02', required: false, types: ['string'] },
  { name: 'serviceEventDetails', since: '1.05', required: false, types: ['object'] },
  { name: 'sharedEventID', since: '1.03', required: false, types: ['string'] },
  { name: 'vpcEndpointId', since: '1.04', required: false, types: ['string'] },
  { name: 'vpcEndpointAccountId', since: '1.09', required: false, types: ['string'] },
  // Reference: Optional False from 1.07 on, and real logs agree (Management, Data, NetworkActivity, Insight).
  { name: 'eventCategory', since: '1.07', required: true, types: ['string'] },
  { name: 'addendum', since: '1.08', required: false, types: ['object'] },
  // A string "true"/"false", not a JSON boolean; only written when true.
  { name: 'sessionCredentialFromConsole', since: '1.08', required: false, types: ['string'] },
  // Only in CloudTrail Lake event data stores configured for enrichment; never in trail files.
  { name: 'eventContext', since: '1.11', required: false, types: ['object'] },
  { name: 'edgeDeviceDetails', since: '1.08', required: false, types: ['object'] },
  { name: 'tlsDetails', since: '1.08', required: false, types: ['object'] },
  // Insights records only ("CloudTrail record contents for Insights events").
  { name: 'insightDetails', since: '1.07', required: false, types: ['object'] },
];

/** Every documented eventType value. */
export const EVENT_TYPES: readonly string[] = [
  'AwsApiCall',
  'AwsServiceEvent',
  'AwsConsoleAction',
  'AwsConsoleSignIn',
  // Network activity events: logs and AWS's examples write the singular; the record reference lists the plural.
  'AwsVpceEvent',
  'AwsVpceEvents',
  // Insights records.
  'AwsCloudTrailInsight',
];

/** Every documented eventCategory value. */
export const EVENT_CATEGORIES: readonly string[] = ['Management', 'Data', 'NetworkActivity', 'Insight'];

/** Every documented userIdentity.type value. */
export const USER_IDENTITY_TYPES: readonly string[] = [
  'Root',
  'IAMUser',
  'AssumedRole',
  'Role',
  'FederatedUser',
  'Directory',
  'AWSAccount',
  'AWSService',
  'IdentityCenterUser',
  'Unknown',
  // Documented under "Values for AWS STS APIs with SAML and web identity federation".
  'SAMLUser',
  'WebIdentityUser',
];

/** Region codes, for completion (validation accepts any well-formed code, so new Regions are not flagged). */
export const AWS_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
];

/** eventVersion values CloudTrail has written. */
export const EVENT_VERSIONS: readonly string[] = [
  '1.0',
  '1.01',
  '1.02',
  '1.03',
  '1.04',
  '1.05',
  '1.06',
  '1.07',
  '1.08',
  '1.09',
  '1.10',
  '1.11',
];
