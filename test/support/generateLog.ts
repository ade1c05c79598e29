/**
 * A deterministic, seeded generator of realistic CloudTrail logs, for tests and benchmarks.
 * Records are written the way CloudTrail writes them: field order, identity shapes, S3 management and
 * data events, other services' calls, errors, and fields that follow the record's eventVersion.
 * Arrays never hold two adjacent numbers or booleans, so deleting any comma is a syntax error.
 */
import {
  ACCOUNTS,
  AGENTS,
  BUCKETS,
  ERRORS,
  OTHER_EVENTS,
  REGIONS,
  ROLES,
  S3_ACCOUNT_EVENTS,
  S3_BUCKET_EVENTS,
  S3_OBJECT_EVENTS,
  USERS,
} from './logVocabulary';
import { Dice } from './random';
import { RealisticCast } from './realisticCast';

export type CloudTrailRecord = Record<string, unknown>;

/** How many distinct values records carry: the default's few callers and things, or a busy organisation's many. */
export type Cardinality = 'default' | 'realistic';

class Generator extends Dice {
  private time: number;
  /** Where the realistic profile's values come from; the default draws its own, exactly as it always has. */
  private readonly cast: RealisticCast | undefined;

  constructor(seed: number, cardinality: Cardinality = 'default') {
    super(seed);
    this.cast = cardinality === 'realistic' ? new RealisticCast() : undefined;
    this.time = Date.UTC(2024, 2, 5, 0, 0, 0) + Math.floor(this.random() * 3_600_000);
  }

  private timestamp(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private identity(account: string, service?: string): { identity: CloudTrailRecord; ip?: string; agent: string } {
    if (service) {
      return { identity: { type: 'AWSService', invokedBy: service }, ip: service, agent: service };
    }
    const roll = this.random();
    if (this.cast) return this.cast.identity(this, roll, this.time);
    if (roll < 0.3) {
      const user = this.pick(USERS);
      return {
        identity: {
          type: 'IAMUser',
          principalId: `AIDA${this.alnum(17)}`,
          arn: `arn:aws:iam::${account}:user/${user}`,
          accountId: account,
          accessKeyId: `AKIA${this.alnum(16)}`,
          userName: user,
        },
        agent: this.pick(AGENTS),
      };
    }
    if (roll < 0.75) {
      const role = this.pick(ROLES);
      const roleId = `AROA${this.alnum(17)}`;
      const session = this.pick([...USERS, `i-0${this.hex(16)}`, 'botocore-session-1709600000']);
      return {
        identity: {
          type: 'AssumedRole',
          principalId: `${roleId}:${session}`,
          arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
          accountId: account,
          accessKeyId: `ASIA${this.alnum(16)}`,
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              principalId: roleId,
              arn: `arn:aws:iam::${account}:role/${role}`,
              accountId: account,
              userName: role,
            },
            attributes: { creationDate: this.timestamp(this.time - 600_000), mfaAuthenticated: this.pick(['false', 'true']) },
          },
        },
        agent: this.pick(AGENTS),
      };
    }
    if (roll < 0.8) {
      return {
        identity: {
          type: 'Root',
          principalId: account,
          arn: `arn:aws:iam::${account}:root`,
          accountId: account,
          accessKeyId: `ASIA${this.alnum(16)}`,
        },
        agent: 'console.amazonaws.com',
      };
    }
    if (roll < 0.85) {
      const user = this.pick(USERS);
      return {
        identity: {
          type: 'FederatedUser',
          principalId: `${account}:${user}`,
          arn: `arn:aws:sts::${account}:federated-user/${user}`,
          accountId: account,
          accessKeyId: `ASIA${this.alnum(16)}`,
          sessionContext: {
            sessionIssuer: {
              type: 'IAMUser',
              principalId: `AIDA${this.alnum(17)}`,
              arn: `arn:aws:iam::${account}:user/${user}`,
              accountId: account,
              userName: user,
            },
            attributes: { creationDate: this.timestamp(this.time - 60_000), mfaAuthenticated: 'false' },
          },
        },
        agent: this.pick(AGENTS),
      };
    }
    if (roll < 0.9) {
      return {
        identity: {
          type: 'SAMLUser',
          principalId: `SAMLProviderExample:${this.pick(USERS)}@example.com`,
          userName: `${this.pick(USERS)}@example.com`,
          identityProvider: 'bdGOnTesti4+ExamplehYxYbK4l8=',
        },
        agent: this.pick(AGENTS),
      };
    }
    if (roll < 0.95) {
      return {
        identity: {
          type: 'WebIdentityUser',
          principalId: `accounts.google.com:${this.int(1e9)}`,
          userName: String(this.int(1e9)),
          identityProvider: 'accounts.google.com',
        },
        agent: this.pick(AGENTS),
      };
    }
    return { identity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' }, agent: this.pick(AGENTS) };
  }

  record(): CloudTrailRecord {
    this.time += 50 + this.int(2_000);
    const version = `1.${String(5 + this.int(6)).padStart(2, '0')}`;
    const minor = Number(version.slice(2));
    const account = this.cast?.account(this) ?? this.pick(ACCOUNTS);
    const region = this.pick(REGIONS);
    const roll = this.random();

    let eventSource: string;
    let eventName: string;
    let eventType = 'AwsApiCall';
    let category = 'Management';
    let readOnly: boolean;
    let service: string | undefined;
    let requestParameters: unknown = null;
    let responseElements: unknown = null;
    let additionalEventData: CloudTrailRecord | undefined;
    let resources: CloudTrailRecord[] | undefined;

    if (roll < 0.5) {
      eventSource = 's3.amazonaws.com';
      const bucket = this.cast?.bucket(this) ?? this.pick(BUCKETS);
      const host = `${bucket}.s3.${region}.amazonaws.com`;
      additionalEventData = {
        SignatureVersion: 'SigV4',
        CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
        bytesTransferredIn: this.int(4096),
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': `${this.alnum(40)}=`,
      };
      const level = this.random();
      if (level < 0.55) {
        eventName = this.pick(S3_OBJECT_EVENTS);
        category = 'Data';
        readOnly = /^(Get|Head|List)/.test(eventName);
        const key =
          this.cast?.objectKey(this, this.time) ??
          `${this.pick(['reports', 'uploads', 'tmp', 'exports'])}/${this.hex(8)}.${this.pick(['json', 'csv', 'gz', 'png'])}`;
        requestParameters =
          eventName.startsWith('List') || eventName === 'HeadBucket'
            ? { bucketName: bucket, Host: host, prefix: '' }
            : { bucketName: bucket, Host: host, key };
        additionalEventData.bytesTransferredOut = this.int(1_000_000);
        resources = [
          { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
          { accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
        ];
      } else if (level < 0.9) {
        eventName = this.pick(S3_BUCKET_EVENTS);
        readOnly = eventName.startsWith('Get');
        requestParameters = eventName === 'ListBuckets' ? { Host: `s3.${region}.amazonaws.com` } : { bucketName: bucket, Host: host };
        resources = [{ accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }];
      } else {
        eventName = this.pick(S3_ACCOUNT_EVENTS);
        readOnly = eventName.startsWith('Get');
        requestParameters = { 'x-amz-account-id': account, Host: `${account}.s3-control.${region}.amazonaws.com` };
      }
    } else if (roll < 0.93) {
      const [source, name, ro] = this.pick(OTHER_EVENTS);
      eventSource = source;
      eventName = name;
      readOnly = ro;
      if (source === 'kms.amazonaws.com' && this.chance(0.7))
        service = this.pick(['s3.amazonaws.com', 'lambda.amazonaws.com', 'secretsmanager.amazonaws.com']);
      const call = this.cast?.otherCall(this, name, account, region);
      if (call) ({ requestParameters, responseElements, resources } = call);
      else if (name === 'AssumeRole') {
        const role = this.pick(ROLES);
        requestParameters = { roleArn: `arn:aws:iam::${account}:role/${role}`, roleSessionName: this.pick(USERS), durationSeconds: 3600 };
        responseElements = {
          credentials: { accessKeyId: `ASIA${this.alnum(16)}`, sessionToken: this.alnum(60), expiration: 'Mar 5, 2024, 11:00:00 AM' },
          assumedRoleUser: {
            assumedRoleId: `AROA${this.alnum(17)}:${this.pick(USERS)}`,
            arn: `arn:aws:sts::${account}:assumed-role/${role}/session`,
          },
        };
        resources = [{ ARN: `arn:aws:iam::${account}:role/${role}`, accountId: account, type: 'AWS::IAM::Role' }];
      } else if (source === 'kms.amazonaws.com') {
        requestParameters = { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', keyId: `arn:aws:kms:${region}:${account}:key/${this.uuid()}` };
        resources = [{ accountId: account, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${region}:${account}:key/${this.uuid()}` }];
      } else if (name === 'DescribeInstances') {
        requestParameters = { instancesSet: {}, filterSet: {} };
      } else if (name === 'CreateUser') {
        requestParameters = { userName: this.pick(USERS) };
        responseElements = {
          user: {
            path: '/',
            userName: this.pick(USERS),
            userId: `AIDA${this.alnum(17)}`,
            arn: `arn:aws:iam::${account}:user/${this.pick(USERS)}`,
            createDate: 'Mar 5, 2024, 10:00:00 AM',
          },
        };
      }
    } else if (roll < 0.97) {
      eventSource = 'signin.amazonaws.com';
      eventName = 'ConsoleLogin';
      eventType = 'AwsConsoleSignIn';
      readOnly = false;
      responseElements = { ConsoleLogin: this.pick(['Success', 'Success', 'Failure']) };
      additionalEventData = {
        LoginTo: 'https://console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: this.pick(['Yes', 'No']),
      };
    } else {
      eventSource = 'health.amazonaws.com';
      eventName = 'AWSHealthEvent';
      eventType = 'AwsServiceEvent';
      readOnly = true;
      service = 'health.amazonaws.com';
    }

    const who = this.identity(account, service);
    const record: CloudTrailRecord = {
      eventVersion: version,
      userIdentity: who.identity,
      eventTime: this.timestamp(this.time),
      eventSource,
      eventName,
      awsRegion: region,
      sourceIPAddress: who.ip ?? this.ip(),
      userAgent: who.agent,
    };
    if (eventType === 'AwsApiCall' && this.chance(0.1)) {
      const [code, message] = this.pick(ERRORS);
      record.errorCode = code;
      record.errorMessage = this.cast?.errorMessage(code, message, record) ?? message;
      responseElements = null;
    }
    if (eventType === 'AwsServiceEvent') {
      delete record.sourceIPAddress;
      delete record.userAgent;
      record.serviceEventDetails = { eventScopeCode: 'ACCOUNT_SPECIFIC', eventStatusCode: 'open' };
    } else {
      record.requestParameters = requestParameters;
      record.responseElements = responseElements;
    }
    if (additionalEventData) record.additionalEventData = additionalEventData;
    if (eventType !== 'AwsServiceEvent' && eventType !== 'AwsConsoleSignIn') record.requestID = this.hex(16, true);
    record.eventID = this.uuid();
    record.readOnly = readOnly;
    if (resources) record.resources = resources;
    record.eventType = eventType;
    if (minor >= 6) record.managementEvent = category === 'Management';
    record.recipientAccountId = account;
    if (service && eventType === 'AwsApiCall') record.sharedEventID = this.uuid();
    if (category === 'Data' && this.chance(0.2)) {
      record.vpcEndpointId = `vpce-${this.hex(17)}`;
      if (minor >= 9) record.vpcEndpointAccountId = account;
    }
    if (minor >= 7) record.eventCategory = category;
    if (minor >= 8 && eventType === 'AwsApiCall' && !service) {
      record.tlsDetails = {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: `${eventSource.split('.')[0]}.${region}.amazonaws.com`,
      };
    }
    return record;
  }
}

/** `count` records, deterministic for a seed. */
export function generateRecords(seed: number, count: number, cardinality: Cardinality = 'default'): CloudTrailRecord[] {
  const generator = new Generator(seed, cardinality);
  return Array.from({ length: count }, () => generator.record());
}

export interface GenerateLogOptions {
  readonly seed: number;
  /** Exactly this many records... */
  readonly records?: number;
  /** ...or records until the text reaches this many bytes (for benchmark files). */
  readonly targetBytes?: number;
  /** false (default): minified on one line, as CloudTrail delivers; true: two-space indentation. */
  readonly pretty?: boolean;
  /** 'default': a handful of callers, agents and things; 'realistic': thousands (realisticCast.ts). */
  readonly cardinality?: Cardinality;
}

/** The text of a log file: {"Records":[...]} */
export function generateLog(options: GenerateLogOptions): string {
  const generator = new Generator(options.seed, options.cardinality);
  const pretty = options.pretty ?? false;
  const parts: string[] = [];
  let bytes = 0;
  const done = (n: number): boolean => (options.records !== undefined ? n >= options.records : bytes >= (options.targetBytes ?? 0));
  for (let n = 0; !done(n); n++) {
    const json = pretty ? JSON.stringify(generator.record(), null, 2).replace(/\n/g, '\n    ') : JSON.stringify(generator.record());
    parts.push(pretty ? `    ${json}` : json);
    bytes += json.length + 1;
  }
  return pretty ? `{\n  "Records": [\n${parts.join(',\n')}\n  ]\n}\n` : `{"Records":[${parts.join(',')}]}`;
}
