/**
 * The generator's realistic cardinality (generateLog.ts, `cardinality: 'realistic'`): the callers and things of
 * a busy organisation rather than the default's handful. Thousands of IAM users and role sessions, each with its
 * own key, home address and tool; tens of thousands of source addresses; hundreds of user agents with their
 * versions; and request parameters that name many distinct objects, instances, keys and functions. The cast is
 * drawn once from a seed of its own, so every log of the profile shares one organisation; which member acts in a
 * record is drawn from the log's own seed.
 */
import type { CloudTrailRecord } from './generateLog';
import { APPS, type Caller, ENVS, EXTENSIONS, INSTANCE_TYPES, Organisation, PROVIDERS } from './realisticOrganisation';
import { Dice } from './random';

/** Who acted in a record: its userIdentity, the address it called from and its user agent. */
export interface Who {
  readonly identity: CloudTrailRecord;
  readonly ip?: string;
  readonly agent: string;
}

/** The parts of a call the event decides. */
export interface Call {
  readonly requestParameters: unknown;
  readonly responseElements: unknown;
  readonly resources?: CloudTrailRecord[];
}

let organisation: Organisation | undefined;

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Draws a record's values from the organisation, with the dice of the log being generated. */
export class RealisticCast {
  private readonly org = (organisation ??= new Organisation(new Dice(2024)));

  account(d: Dice): string {
    return d.skewed(this.org.accounts);
  }

  bucket(d: Dice): string {
    return d.skewed(this.org.buckets);
  }

  /** Half the objects are written once (dated, with a fresh name); half are read again and again. */
  objectKey(d: Dice, time: number): string {
    if (d.chance(0.5)) return d.skewed(this.org.keys);
    const day = stamp(time).slice(0, 13).replace(/[-T]/g, '/');
    return `${d.pick(APPS)}/${d.pick(['raw', 'uploads', 'exports', 'tmp'])}/${day}/${d.uuid()}.${d.pick(EXTENSIONS)}`;
  }

  /** The caller of a record whose identity type `roll` picked, as generateLog.ts's thresholds pick it. */
  identity(d: Dice, roll: number, time: number): Who {
    const org = this.org;
    const from = (c: Caller) => ({ ip: d.chance(0.7) ? c.ip : d.skewed(org.ips), agent: d.chance(0.85) ? c.agent : d.skewed(org.agents) });
    if (roll < 0.3) {
      const user = d.skewed(org.users);
      const arn = `arn:aws:iam::${user.account}:user/${user.name}`;
      const identity = { type: 'IAMUser', principalId: user.id, arn, accountId: user.account, accessKeyId: user.key, userName: user.name };
      return { identity, ...from(user) };
    }
    if (roll < 0.75) {
      const s = d.skewed(org.sessions);
      const { role } = s;
      const identity = {
        type: 'AssumedRole',
        principalId: `${role.id}:${s.name}`,
        arn: `arn:aws:sts::${s.account}:assumed-role/${role.name}/${s.name}`,
        accountId: s.account,
        accessKeyId: s.key,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: role.id,
            arn: `arn:aws:iam::${role.account}:role/${role.name}`,
            accountId: role.account,
            userName: role.name,
          },
          attributes: { creationDate: stamp(time - s.age), mfaAuthenticated: s.mfa },
          ...(s.sourceIdentity ? { sourceIdentity: s.sourceIdentity } : {}),
        },
      };
      return { identity, ...from(s) };
    }
    if (roll < 0.8) {
      const account = d.skewed(org.accounts);
      const identity = {
        type: 'Root',
        principalId: account,
        arn: `arn:aws:iam::${account}:root`,
        accountId: account,
        accessKeyId: `ASIA${d.alnum(16)}`,
      };
      return { identity, ip: d.skewed(org.ips), agent: 'console.amazonaws.com' };
    }
    if (roll < 0.85) {
      const user = d.skewed(org.users);
      const name = d.pick(org.people);
      const issuer = {
        type: 'IAMUser',
        principalId: user.id,
        arn: `arn:aws:iam::${user.account}:user/${user.name}`,
        accountId: user.account,
        userName: user.name,
      };
      const identity = {
        type: 'FederatedUser',
        principalId: `${user.account}:${name}`,
        arn: `arn:aws:sts::${user.account}:federated-user/${name}`,
        accountId: user.account,
        accessKeyId: `ASIA${d.alnum(16)}`,
        sessionContext: { sessionIssuer: issuer, attributes: { creationDate: stamp(time - 60_000), mfaAuthenticated: 'false' } },
      };
      return { identity, ...from(user) };
    }
    if (roll < 0.9) {
      const provider = d.pick(PROVIDERS);
      const email = `${d.skewed(org.people)}@example.com`;
      return {
        identity: { type: 'SAMLUser', principalId: `${provider}:${email}`, userName: email, identityProvider: provider },
        ip: d.skewed(org.ips),
        agent: d.skewed(org.agents),
      };
    }
    if (roll < 0.95) {
      const subject = d.skewed(org.subjects);
      const identity = {
        type: 'WebIdentityUser',
        principalId: `accounts.google.com:${subject}`,
        userName: subject,
        identityProvider: 'accounts.google.com',
      };
      return { identity, ip: d.skewed(org.ips), agent: d.skewed(org.agents) };
    }
    return { identity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' }, ip: d.pick(org.ips), agent: d.skewed(org.agents) };
  }

  /** A call other than S3's, with parameters as the service logs them; undefined leaves it to the default. */
  otherCall(d: Dice, name: string, account: string, region: string): Call | undefined {
    const org = this.org;
    const role = () => d.skewed(org.roles);
    switch (name) {
      case 'AssumeRole': {
        const r = role();
        const session = d.skewed(org.sessions).name;
        const roleArn = `arn:aws:iam::${r.account}:role/${r.name}`;
        return {
          requestParameters: { roleArn, roleSessionName: session, durationSeconds: d.pick([900, 3600, 43200]) },
          responseElements: {
            credentials: { accessKeyId: `ASIA${d.alnum(16)}`, sessionToken: d.alnum(356), expiration: 'Mar 5, 2024, 11:00:00 AM' },
            assumedRoleUser: { assumedRoleId: `${r.id}:${session}`, arn: `arn:aws:sts::${r.account}:assumed-role/${r.name}/${session}` },
          },
          resources: [{ ARN: roleArn, accountId: r.account, type: 'AWS::IAM::Role' }],
        };
      }
      case 'Decrypt':
      case 'GenerateDataKey': {
        const keyId = d.skewed(org.kmsKeys);
        const context = d.chance(0.6)
          ? { 'aws:s3:arn': `arn:aws:s3:::${d.skewed(org.buckets)}/${this.objectKey(d, Date.UTC(2024, 2, 5))}` }
          : { 'aws:lambda:FunctionArn': `arn:aws:lambda:${region}:${account}:function:${d.skewed(org.functions)}` };
        return {
          requestParameters: {
            encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
            keyId,
            encryptionContext: context,
            ...(name === 'GenerateDataKey' ? { keySpec: 'AES_256' } : {}),
          },
          responseElements: null,
          resources: [{ accountId: account, type: 'AWS::KMS::Key', ARN: keyId }],
        };
      }
      case 'DescribeInstances': {
        const items = Array.from({ length: 1 + d.int(4) }, () => ({ instanceId: d.skewed(org.instances) }));
        return { requestParameters: { instancesSet: { items }, filterSet: {} }, responseElements: null };
      }
      case 'RunInstances':
        return this.runInstances(d, account, region);
      case 'CreateUser': {
        const userName = d.pick(org.people);
        const user = {
          path: '/',
          userName,
          userId: `AIDA${d.alnum(17)}`,
          arn: `arn:aws:iam::${account}:user/${userName}`,
          createDate: 'Mar 5, 2024, 10:00:00 AM',
        };
        return { requestParameters: { userName }, responseElements: { user } };
      }
      case 'AttachRolePolicy':
        return {
          requestParameters: {
            roleName: role().name,
            policyArn: `arn:aws:iam::${account}:policy/${d.pick(APPS)}-${d.pick(ENVS)}-access-${d.int(30)}`,
          },
          responseElements: null,
        };
      case 'Invoke': {
        const arn = `arn:aws:lambda:${region}:${account}:function:${d.skewed(org.functions)}`;
        return {
          requestParameters: { functionName: arn, invocationType: 'RequestResponse' },
          responseElements: null,
          resources: [{ accountId: account, type: 'AWS::Lambda::Function', ARN: arn }],
        };
      }
      default:
        return undefined;
    }
  }

  private runInstances(d: Dice, account: string, region: string): Call {
    const subnetId = d.skewed(this.org.subnets);
    const imageId = `ami-0${d.hex(16)}`;
    const instanceType = d.pick(INSTANCE_TYPES);
    const privateIp = `10.${d.int(256)}.${d.int(256)}.${1 + d.int(254)}`;
    const privateDns = `ip-${privateIp.replace(/\./g, '-')}.${region}.compute.internal`;
    const vpcId = `vpc-0${d.hex(16)}`;
    const instance = {
      instanceId: `i-0${d.hex(16)}`,
      imageId,
      instanceState: { code: 0, name: 'pending' },
      privateDnsName: privateDns,
      instanceType,
      placement: { availabilityZone: `${region}${d.pick(['a', 'b', 'c'])}`, tenancy: 'default' },
      subnetId,
      vpcId,
      privateIpAddress: privateIp,
      groupSet: { items: [{ groupId: `sg-0${d.hex(16)}`, groupName: `${d.pick(APPS)}-${d.pick(ENVS)}` }] },
      networkInterfaceSet: {
        items: [
          {
            networkInterfaceId: `eni-0${d.hex(16)}`,
            subnetId,
            vpcId,
            ownerId: account,
            status: 'in-use',
            macAddress: `0a:${d.hex(2)}:${d.hex(2)}:${d.hex(2)}:${d.hex(2)}:${d.hex(2)}`,
            privateIpAddress: privateIp,
            privateDnsName: privateDns,
          },
        ],
      },
      iamInstanceProfile: { arn: `arn:aws:iam::${account}:instance-profile/${d.skewed(this.org.roles).name}`, id: `AIPA${d.alnum(17)}` },
    };
    return {
      requestParameters: {
        instancesSet: { items: [{ imageId, minCount: 1, maxCount: 1 }] },
        instanceType,
        subnetId,
        monitoring: { enabled: false },
        disableApiTermination: false,
      },
      responseElements: {
        requestId: d.uuid(),
        reservationId: `r-0${d.hex(16)}`,
        ownerId: account,
        groupSet: {},
        instancesSet: { items: [instance] },
      },
    };
  }

  /** An access error as services word it: who was refused what. */
  errorMessage(code: string, message: string, record: CloudTrailRecord): string {
    const arn = (record.userIdentity as { arn?: string }).arn;
    if (!arn || (code !== 'AccessDenied' && code !== 'Client.UnauthorizedOperation')) return message;
    const action = `${String(record.eventSource).split('.')[0]}:${String(record.eventName)}`;
    return `User: ${arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  }
}
