// Facts from the AWS CloudTrail User Guide pages "CloudTrail record contents for management, data, and network activity events", "CloudTrail record contents for Insights events" and "CloudTrail userIdentity element", and the Amazon S3 User Guide page "Identifying Amazon S3 requests using CloudTrail"; all wording is our own.

import { dataTable } from '../../../common/dataTable';

export interface FieldDoc {
  /** Dotted path inside a record, e.g. "eventTime" or "userIdentity.sessionContext.sessionIssuer.arn"; `[]` marks array elements. */
  readonly path: string;
  /** One to three sentences, plain Markdown, own words: what the field means and how to read it. */
  readonly doc: string;
  /** eventVersion that introduced it when the reference says, else omitted. */
  readonly since?: string;
}

export const FIELD_DOCS: readonly FieldDoc[] = [
  // ── Top-level fields ──────────────────────────────────────────────────────
  {
    path: 'eventTime',
    since: '1.00',
    doc: 'When the request finished, as an ISO 8601 timestamp in UTC. The clock is that of the AWS host serving the API endpoint, so events from different services can be a little out of order.',
  },
  {
    path: 'eventVersion',
    since: '1.00',
    doc: 'Version of the record format, written `major.minor` (for example `1.08`). The minor number grows when fields are added; compare the major number for equality and the minor number as a number, since newer fields only appear from the version that introduced them.',
  },
  {
    path: 'userIdentity',
    since: '1.00',
    doc: 'Who made the request: the kind of principal, its ARN and account, the access key used and, for temporary credentials, how the session was obtained. Service-initiated events may carry only `accountId` and `invokedBy`.',
  },
  {
    path: 'eventSource',
    since: '1.00',
    doc: "The service endpoint that received the request, usually the service's short name followed by `.amazonaws.com` (for example `ec2.amazonaws.com`). A few services differ: CloudWatch appears as `monitoring.amazonaws.com`.",
  },
  {
    path: 'eventName',
    since: '1.00',
    doc: "The API action that was requested, named as in that service's API reference (for example `PutObject` or `AssumeRole`). Console sign-ins appear as `ConsoleLogin`.",
  },
  {
    path: 'awsRegion',
    since: '1.00',
    doc: 'The Region code the request was sent to, such as `us-east-2`. Calls to global services are usually recorded in `us-east-1`.',
  },
  {
    path: 'sourceIPAddress',
    since: '1.00',
    doc: "Where the request came from. For actions started in the console it is the customer's own address, not the console web server's; when an AWS service made the call it is that service's DNS name or `AWS Internal`.",
  },
  {
    path: 'userAgent',
    since: '1.00',
    doc: 'The client that sent the request: an SDK or CLI version string, a browser, or the name of the AWS service that acted (for example `ec2.amazonaws.com`). Values from AWS itself may read `AWS Internal/N`; the field is cut off beyond 1 KB.',
  },
  {
    path: 'errorCode',
    since: '1.00',
    doc: "Present only when the request failed: the service's error code, such as `AccessDenied`. Network activity events that break a VPC endpoint policy show `VpceAccessDenied`.",
  },
  {
    path: 'errorMessage',
    since: '1.00',
    doc: "Present only when the request failed: the service's description of the error, including authorization failures. Some services put their error details in `responseElements` instead of these two fields.",
  },
  {
    path: 'requestParameters',
    since: '1.00',
    doc: "The parameters the caller sent, shaped as in the service's API reference; `null` when there were none. If the content exceeds 100 KB it is dropped and replaced by a marker.",
  },
  {
    path: 'responseElements',
    since: '1.00',
    doc: 'What the service returned for create, update and delete actions; `null` for read-only calls and for actions that return nothing. Content over 100 KB is dropped.',
  },
  {
    path: 'additionalEventData',
    since: '1.00',
    doc: 'Extra facts about the event that were neither request nor response, and different for every service: S3 records signature and TLS details here, console sign-ins record whether MFA was used. Content over 28 KB is dropped.',
  },
  {
    path: 'requestID',
    since: '1.01',
    doc: 'The identifier the called service gave this request. Quote it, with the `x-amz-id-2` value for S3, when asking AWS Support about a call.',
  },
  {
    path: 'eventID',
    since: '1.01',
    doc: 'A GUID that CloudTrail assigns to identify this one event; a good primary key. The same event can occasionally be delivered twice with the same ID.',
  },
  {
    path: 'eventType',
    since: '1.02',
    doc: 'What produced the record: an API call, a service-generated event, a console action or sign-in, a VPC endpoint network activity event, or an Insights event.',
  },
  {
    path: 'apiVersion',
    since: '1.01',
    doc: 'For `AwsApiCall` events, the version of the service API that handled the call (for example `2013-04-01`).',
  },
  {
    path: 'managementEvent',
    since: '1.06',
    doc: '`true` for management (control-plane) events and `false` for data events. Written for API calls, console actions, console sign-ins and service events.',
  },
  {
    path: 'readOnly',
    since: '1.01',
    doc: '`true` when the action only reads (like `DescribeTrails`), `false` when it changes something (like `DeleteTrail`).',
  },
  {
    path: 'resources',
    since: '1.01',
    doc: 'The AWS resources the event touched, each with its ARN, owning account and resource type. Not every service fills it in.',
  },
  {
    path: 'recipientAccountId',
    since: '1.02',
    doc: "The account this copy of the event was delivered to. In cross-account use it can differ from `userIdentity.accountId`: the caller's account and the resource owner's account each receive their own copy.",
  },
  {
    path: 'serviceEventDetails',
    since: '1.05',
    doc: 'For `AwsServiceEvent` records, what the service did and what triggered it; the contents depend on the service. Content over 100 KB is dropped.',
  },
  {
    path: 'sharedEventID',
    since: '1.03',
    doc: 'A GUID common to the copies of one action delivered to different accounts, such as a KMS key used by another account. Each copy still has its own `eventID` and `recipientAccountId`; the field is absent when only one account was involved.',
  },
  {
    path: 'vpcEndpointId',
    since: '1.04',
    doc: 'The VPC endpoint the request passed through when a VPC called an AWS service privately. Calls made by AWS through its own VPC may show `AWS Internal` or a service name.',
  },
  { path: 'vpcEndpointAccountId', since: '1.09', doc: 'The account that owns the VPC endpoint the request passed through.' },
  {
    path: 'eventCategory',
    since: '1.07',
    doc: 'The broad class of the event: `Management`, `Data`, `NetworkActivity` or `Insight`. It is the category `LookupEvents` filters on.',
  },
  {
    path: 'addendum',
    since: '1.08',
    doc: 'Added when an event was delivered late, or when CloudTrail learned something about an event after first logging it. Says why, and for corrections which fields changed and which original event and request they belong to.',
  },
  {
    path: 'sessionCredentialFromConsole',
    since: '1.08',
    doc: 'The string `"true"` when the credentials behind the call came from an AWS Management Console session; the field is left out otherwise. When a console proxy made the call, `tlsDetails` is absent.',
  },
  {
    path: 'eventContext',
    since: '1.11',
    doc: 'Enrichment written only in CloudTrail Lake event data stores set up to add resource tags or IAM global condition keys. Trail files, Event history and EventBridge copies never contain it.',
  },
  {
    path: 'edgeDeviceDetails',
    since: '1.08',
    doc: 'Details of the edge device that was the target of the request; at present only S3 on Outposts events include it. Content over 28 KB is cut off.',
  },
  {
    path: 'tlsDetails',
    since: '1.08',
    doc: 'How the client connection was secured: TLS version, cipher suite, the host name the client asked for, and the key exchange. Partial details are still logged; the block is absent when an AWS service called on your behalf.',
  },
  {
    path: 'insightDetails',
    since: '1.07',
    doc: 'Insights records only: the unusual API call rate or error rate that was detected, the event source and name it concerns, whether this record marks its start or end, and baseline versus observed statistics.',
  },

  // ── userIdentity ──────────────────────────────────────────────────────────
  {
    path: 'userIdentity.type',
    doc: 'The kind of principal that made the request, such as `IAMUser`, `AssumedRole`, `Root` or `AWSService`. It decides which of the other identity fields appear.',
  },
  {
    path: 'userIdentity.principalId',
    doc: 'A unique ID for the caller. For temporary credentials it combines the role or user ID with the session name, as in `AROA...:session-name`.',
  },
  {
    path: 'userIdentity.arn',
    doc: "The caller's ARN; its last part names the user or role session. Assumed-role sessions look like `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.",
  },
  {
    path: 'userIdentity.accountId',
    doc: 'The account owning the principal whose permissions were used: for temporary credentials, the account of the user or role that obtained them; for IAM Identity Center access tokens, the account of the Identity Center instance. Anonymous S3 requests show `anonymous`.',
  },
  {
    path: 'userIdentity.accessKeyId',
    doc: 'The access key that signed the request; keys starting `ASIA` are temporary and `AKIA` long-term. It can be empty or absent, notably for console sign-ins.',
  },
  {
    path: 'userIdentity.userName',
    doc: 'A friendly name whose meaning depends on `type`: the IAM user name, the account alias for `Root`, or the subject for SAML and web identity users. A failed sign-in with a mistyped user name shows `HIDDEN_DUE_TO_SECURITY_REASONS`.',
  },
  {
    path: 'userIdentity.invokedBy',
    doc: "The AWS service that made the request on someone's behalf, such as `elasticbeanstalk.amazonaws.com` or `AWS Internal`. Present only for calls made by a service, including forward access sessions and service-linked roles.",
  },
  { path: 'userIdentity.invokedByDelegate', doc: 'Present when a product provider acted in your account with temporary delegated access.' },
  { path: 'userIdentity.invokedByDelegate.accountId', doc: "The product provider's AWS account that made the delegated request." },
  {
    path: 'userIdentity.sessionContext',
    doc: 'Present when temporary credentials were used: who issued the session, when it began, whether MFA was used, and how the credentials reached the caller.',
  },
  {
    path: 'userIdentity.sessionContext.attributes',
    doc: 'When the temporary session started and whether the caller had signed in with MFA.',
  },
  {
    path: 'userIdentity.sessionContext.attributes.creationDate',
    doc: 'When the temporary credentials were issued, as an ISO 8601 timestamp in UTC. Compare it with `eventTime` to see how old the session was.',
  },
  {
    path: 'userIdentity.sessionContext.attributes.mfaAuthenticated',
    doc: 'The string `"true"` if the root or IAM user behind the session also authenticated with an MFA device, otherwise `"false"`.',
  },
  {
    path: 'userIdentity.sessionContext.sessionIssuer',
    doc: 'The principal the temporary credentials were obtained from: for an assumed role, the role; for `GetFederationToken`, the root user or IAM user that called it.',
  },
  { path: 'userIdentity.sessionContext.sessionIssuer.type', doc: 'What issued the session: `Role`, `IAMUser` or `Root`.' },
  {
    path: 'userIdentity.sessionContext.sessionIssuer.principalId',
    doc: 'The internal ID of the role or user the credentials were obtained from (for a role, the `AROA...` ID without the session name).',
  },
  {
    path: 'userIdentity.sessionContext.sessionIssuer.arn',
    doc: 'The ARN of the account, IAM user or role the temporary credentials came from. For a role this is the IAM role ARN, not the session ARN.',
  },
  {
    path: 'userIdentity.sessionContext.sessionIssuer.accountId',
    doc: "The account that owns the issuing role or user; it differs from the caller's account when a role in another account was assumed.",
  },
  { path: 'userIdentity.sessionContext.sessionIssuer.userName', doc: 'The friendly name of the role or IAM user that issued the session.' },
  {
    path: 'userIdentity.sessionContext.webIdFederationData',
    doc: 'For credentials obtained by web identity (OIDC) federation, the identity provider and what it reported. Missing or `{}` means no provider details are known.',
  },
  {
    path: 'userIdentity.sessionContext.webIdFederationData.federatedProvider',
    doc: "The identity provider's principal name, such as `accounts.google.com` or an OIDC provider ARN.",
  },
  {
    path: 'userIdentity.sessionContext.webIdFederationData.attributes',
    doc: 'Application and user identifiers as the identity provider reported them.',
  },
  {
    path: 'userIdentity.sessionContext.sourceIdentity',
    doc: 'The original person or workload behind an assumed-role session, set when an administrator requires STS source identity. It persists through role chaining, so it survives hops between roles.',
  },
  {
    path: 'userIdentity.sessionContext.ec2RoleDelivery',
    doc: 'How an EC2 instance got its role credentials: `1.0` for the Instance Metadata Service version 1, `2.0` for the token-based IMDSv2.',
  },
  {
    path: 'userIdentity.sessionContext.assumedRoot',
    doc: 'Set to true for a short privileged root session started with STS `AssumeRoot` by a management account or delegated administrator.',
  },
  {
    path: 'userIdentity.sessionContext.signInSessionArn',
    doc: 'The ARN of the sign-in session behind the request (`arn:aws:signin:REGION:ACCOUNT:session/ID`). It pins down a session more precisely than the principal ARN and equals the `aws:SignInSessionArn` condition key.',
  },
  {
    path: 'userIdentity.identityProvider',
    doc: 'For `SAMLUser` and `WebIdentityUser` calls, the external identity provider: the SAML name qualifier, or the web identity issuer such as `cognito-identity.amazon.com`.',
  },
  { path: 'userIdentity.onBehalfOf', doc: 'For IAM Identity Center callers, the Identity Center user the call was made for.' },
  { path: 'userIdentity.onBehalfOf.userId', doc: 'The ID of the IAM Identity Center user the call was made on behalf of.' },
  { path: 'userIdentity.onBehalfOf.identityStoreArn', doc: 'The ARN of the identity store that holds that IAM Identity Center user.' },
  {
    path: 'userIdentity.credentialId',
    doc: 'An identifier of the bearer token used, such as an IAM Identity Center access token; set only for bearer-token callers. Use it to tie calls to one user session.',
  },
  {
    path: 'userIdentity.inScopeOf',
    doc: 'Present when a service such as Lambda or ECS made the request within the scope of one of your resources: it names that resource and where the credentials were issued.',
  },
  { path: 'userIdentity.inScopeOf.sourceArn', doc: 'The ARN of the resource that triggered the service-to-service request.' },
  { path: 'userIdentity.inScopeOf.sourceAccount', doc: 'The account that owns `sourceArn`; appears together with it.' },
  { path: 'userIdentity.inScopeOf.issuerType', doc: 'The resource type of `credentialsIssuedTo`, for example `AWS::Lambda::Function`.' },
  { path: 'userIdentity.inScopeOf.credentialsIssuedTo', doc: 'The resource whose environment the credentials were issued to.' },

  // ── additionalEventData (S3 data events and console sign-ins) ─────────────
  {
    path: 'additionalEventData.SignatureVersion',
    doc: 'S3: the AWS signature version that signed the request, `SigV4` or the deprecated `SigV2`. Search for `SigV2` to find clients that still need upgrading.',
  },
  {
    path: 'additionalEventData.CipherSuite',
    doc: 'S3: the TLS cipher suite negotiated for the connection, for example `ECDHE-RSA-AES128-GCM-SHA256` or `TLS_AES_128_GCM_SHA256`.',
  },
  {
    path: 'additionalEventData.AuthenticationMethod',
    doc: 'S3: where the signature was carried: `AuthHeader` for the `Authorization` header, `QueryString` for a presigned URL.',
  },
  {
    path: 'additionalEventData.bytesTransferredIn',
    doc: 'S3: the number of request-body bytes the client sent, such as the size of an uploaded object; `0` for downloads.',
  },
  {
    path: 'additionalEventData.bytesTransferredOut',
    doc: 'S3: the number of response-body bytes sent back to the client, such as the size of a downloaded object; `0` for uploads.',
  },
  {
    path: 'additionalEventData.x-amz-id-2',
    doc: 'S3: the extended request ID (host ID) the S3 response carried. Together with `requestID` (the `x-amz-request-id`) it lets AWS Support trace the request.',
  },
  {
    path: 'additionalEventData.SSEApplied',
    doc: "S3: the server-side encryption applied to the object, such as `Default_SSE_S3` when the bucket's default encryption was used.",
  },
  {
    path: 'additionalEventData.aclRequired',
    doc: 'S3: `Yes` when an access control list was needed to authorize the request; useful before disabling ACLs on a bucket.',
  },
  {
    path: 'additionalEventData.MFAUsed',
    doc: 'Console sign-in: `Yes` if the root or IAM user signed in with multi-factor authentication, `No` otherwise.',
  },
  { path: 'additionalEventData.LoginTo', doc: 'Console sign-in: the console URL the user was signing in to.' },
  { path: 'additionalEventData.MobileVersion', doc: 'Console sign-in: whether the sign-in came from the mobile console (`Yes` or `No`).' },

  // ── tlsDetails ────────────────────────────────────────────────────────────
  { path: 'tlsDetails.tlsVersion', since: '1.08', doc: 'The TLS protocol version of the connection, such as `TLSv1.2` or `TLSv1.3`.' },
  { path: 'tlsDetails.cipherSuite', since: '1.08', doc: 'The cipher suite (the set of algorithms) the TLS connection used.' },
  {
    path: 'tlsDetails.clientProvidedHostHeader',
    since: '1.08',
    doc: 'The host name the client sent in its request, normally the fully qualified name of the service endpoint it called (for example `s3.us-west-2.amazonaws.com`).',
  },
  {
    path: 'tlsDetails.keyExchange',
    doc: 'The key exchange used in the TLS handshake, which tells classical from post-quantum connections: for example `X25519MLKEM768` (post-quantum TLS 1.3), `x25519` (TLS 1.3) or `secp256r1` (TLS 1.2).',
  },

  // ── resources[] ───────────────────────────────────────────────────────────
  { path: 'resources[].ARN', since: '1.01', doc: 'The ARN of a resource the event involved, such as a role, key, bucket or object.' },
  {
    path: 'resources[].accountId',
    since: '1.01',
    doc: 'The account that owns this resource; may be missing, for example on S3 object entries.',
  },
  {
    path: 'resources[].type',
    since: '1.01',
    doc: 'The resource type in `AWS::Service::Type` form, such as `AWS::IAM::Role` or `AWS::S3::Object`.',
  },

  // ── addendum ──────────────────────────────────────────────────────────────
  {
    path: 'addendum.reason',
    since: '1.08',
    doc: 'Why the addendum exists: `DELIVERY_DELAY` (the event arrived late), `UPDATED_DATA` (a field was missing or wrong) or `SERVICE_OUTAGE` (the service could not log to CloudTrail for a while; rare).',
  },
  { path: 'addendum.updatedFields', since: '1.08', doc: 'Which record fields the addendum corrects; only with reason `UPDATED_DATA`.' },
  {
    path: 'addendum.originalRequestID',
    since: '1.08',
    doc: 'The request ID of the event being corrected; only with reason `UPDATED_DATA`.',
  },
  { path: 'addendum.originalEventID', since: '1.08', doc: 'The event ID of the event being corrected; only with reason `UPDATED_DATA`.' },

  // ── eventContext (CloudTrail Lake enrichment) ─────────────────────────────
  {
    path: 'eventContext.requestContext',
    since: '1.11',
    doc: 'The IAM global condition keys evaluated while authorizing the call, describing the principal, session, network and request.',
  },
  {
    path: 'eventContext.tagContext',
    since: '1.11',
    doc: 'Tags on the resources involved and on the IAM principal. Events about deleted resources carry no resource tags.',
  },

  // ── S3 requestParameters ──────────────────────────────────────────────────
  { path: 'requestParameters.bucketName', doc: 'S3: the name of the bucket the request addressed.' },
  { path: 'requestParameters.key', doc: 'S3: the object key (its path inside the bucket) the request addressed.' },
  {
    path: 'requestParameters.Host',
    doc: 'S3: the `Host` header of the request, naming the endpoint, and for virtual-hosted-style requests also the bucket (for example `my-bucket.s3.us-east-1.amazonaws.com`). Some older records write it as a lowercase `host` array instead.',
  },
];

export const USER_IDENTITY_TYPE_DOCS = dataTable<string>({
  Root: "The account's root user signed the request with its own credentials. `userName` holds the account alias when one is set.",
  IAMUser: 'An IAM user made the request with its own long-term credentials (password or access key).',
  AssumedRole:
    'The request used temporary credentials obtained by assuming an IAM role, for example through STS `AssumeRole`, an EC2 instance role or cross-account access. `sessionContext.sessionIssuer` names the role.',
  Role: 'The request was made by a persistent IAM identity with its own permissions, a role, which is always the issuer of its own sessions.',
  FederatedUser:
    'The request used temporary credentials from STS `GetFederationToken`; `sessionContext.sessionIssuer` shows whether the root user or an IAM user requested them.',
  Directory: "The request went to a directory-backed service (such as Amazon WorkDocs or Amazon Quick) and the caller's type is not known.",
  AWSAccount:
    'Another AWS account made the request, for example by assuming a role you own. Anonymous S3 requests also appear this way, with `accountId` set to `anonymous`.',
  AWSService: 'An account belonging to an AWS service made the request, typically by assuming a role you own to act for you.',
  IdentityCenterUser:
    'The request was made on behalf of an IAM Identity Center user; `onBehalfOf` and `credentialId` identify the user and session.',
  Unknown: 'CloudTrail could not determine the kind of identity that made the request.',
  SAMLUser:
    'The request came through SAML federation (`AssumeRoleWithSAML`). `principalId` combines the SAML name qualifier and subject, and `identityProvider` names the issuer.',
  WebIdentityUser:
    'The request came through web identity (OIDC) federation (`AssumeRoleWithWebIdentity`). `principalId` combines issuer, application and user ID, and `identityProvider` names the issuer.',
});

export const EVENT_TYPE_DOCS = dataTable<string>({
  AwsApiCall: 'A call to an AWS API, from the console, an SDK, the CLI or another service.',
  AwsServiceEvent:
    'An event the service produced itself rather than in answer to your call, for example a scheduled key rotation or a call another account made against a resource you own. Details are in `serviceEventDetails`.',
  AwsConsoleAction: 'Something done in the AWS Management Console that was not an API call.',
  AwsConsoleSignIn:
    'A user of your account (root, IAM, federated, SAML or switched role) signed in to the AWS Management Console, or tried to.',
  AwsVpceEvent:
    'A network activity event: an AWS API call that went through a VPC endpoint, recorded for the endpoint owner who enabled network activity events.',
  AwsVpceEvents:
    'A network activity event (the plural form the record reference lists; logs write `AwsVpceEvent`): an AWS API call that went through a VPC endpoint, recorded for the endpoint owner who enabled network activity events.',
  AwsCloudTrailInsight:
    'A CloudTrail Insights event marking the start or end of unusual API call or error rates; details are in `insightDetails`.',
});

export const EVENT_CATEGORY_DOCS = dataTable<string>({
  Management:
    'A management (control-plane) event: an operation that configures or manages resources, such as creating a bucket or changing a policy.',
  Data: 'A data event: an operation on or inside a resource, such as reading an S3 object or invoking a Lambda function. Only recorded when a trail or event data store enables data events.',
  NetworkActivity: 'A network activity event: an API call that passed through a VPC endpoint, recorded for the endpoint owner.',
  Insight: "An Insights event: CloudTrail Insights noticed API call or error rates that differ from the account's usual baseline.",
});
