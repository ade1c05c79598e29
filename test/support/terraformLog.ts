/**
 * A Terraform-heavy log, generated: a CI role's `terraform plan` and `apply` (hundreds of Describe, List and Get calls
 * across services, some refused, then the writes the plan asked for: an open load balancer security group, a user
 * with an inline policy, a role's trust policy), a CloudFormation stack's calls made for its caller, AWS services'
 * own calls and a service-linked role's, among ordinary activity from generateLog.ts. Deterministic for a seed.
 */
import { type CloudTrailRecord, generateRecords } from './generateLog';
import { Dice } from './random';

const ACCOUNT = '111122223333';
const ROLE = 'terraform-deployer';

/** Terraform's AWS provider writes its name and version into every call's user agent. */
const TERRAFORM_AGENT =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.64.0 ' +
  '(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.4 ua/2.1 os/linux lang/go#1.22.6';

/** What a plan refreshes: each resource type's read calls, by service. */
const READS: readonly [string, string][] = [
  ['ec2', 'DescribeVpcs'],
  ['ec2', 'DescribeSubnets'],
  ['ec2', 'DescribeSecurityGroups'],
  ['ec2', 'DescribeSecurityGroupRules'],
  ['ec2', 'DescribeRouteTables'],
  ['ec2', 'DescribeInternetGateways'],
  ['ec2', 'DescribeNatGateways'],
  ['ec2', 'DescribeInstances'],
  ['ec2', 'DescribeInstanceAttribute'],
  ['ec2', 'DescribeVolumes'],
  ['ec2', 'DescribeLaunchTemplates'],
  ['ec2', 'DescribeNetworkInterfaces'],
  ['iam', 'GetRole'],
  ['iam', 'ListRolePolicies'],
  ['iam', 'ListAttachedRolePolicies'],
  ['iam', 'GetPolicy'],
  ['iam', 'GetPolicyVersion'],
  ['iam', 'ListPolicyVersions'],
  ['iam', 'GetUser'],
  ['iam', 'ListAccessKeys'],
  ['iam', 'ListInstanceProfilesForRole'],
  ['s3', 'GetBucketPolicy'],
  ['s3', 'GetBucketAcl'],
  ['s3', 'GetBucketVersioning'],
  ['s3', 'GetBucketLogging'],
  ['s3', 'ListBuckets'],
  ['rds', 'DescribeDBInstances'],
  ['rds', 'DescribeDBSubnetGroups'],
  ['rds', 'ListTagsForResource'],
  ['kms', 'DescribeKey'],
  ['kms', 'GetKeyPolicy'],
  ['kms', 'ListAliases'],
  ['logs', 'DescribeLogGroups'],
  ['logs', 'ListTagsLogGroup'],
  ['lambda', 'GetFunction'],
  ['lambda', 'ListVersionsByFunction'],
  ['elasticloadbalancing', 'DescribeLoadBalancers'],
  ['elasticloadbalancing', 'DescribeTargetGroups'],
  ['elasticloadbalancing', 'DescribeListeners'],
];

class TerraformRun extends Dice {
  private time = Date.UTC(2026, 10, 12, 9, 0, 0);

  private stamp(): string {
    this.time += 200 + this.int(1200);
    return new Date(this.time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private terraformIdentity(run: number): CloudTrailRecord {
    const session = `terraform-run-${run}`;
    return {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLETERRAFORM:${session}`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE}/${session}`,
      accountId: ACCOUNT,
      accessKeyId: `ASIA${this.alnum(16)}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLETERRAFORM',
          arn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
          accountId: ACCOUNT,
          userName: ROLE,
        },
        attributes: { creationDate: '2026-11-12T08:59:00Z', mfaAuthenticated: 'false' },
      },
    };
  }

  record(identity: CloudTrailRecord, service: string, eventName: string, extra: CloudTrailRecord = {}): CloudTrailRecord {
    return {
      eventVersion: '1.10',
      userIdentity: identity,
      eventTime: this.stamp(),
      eventSource: `${service}.amazonaws.com`,
      eventName,
      awsRegion: 'eu-west-1',
      sourceIPAddress: '198.51.100.40',
      userAgent: TERRAFORM_AGENT,
      requestParameters: null,
      responseElements: null,
      requestID: this.uuid(),
      eventID: this.uuid(),
      readOnly: /^(Describe|List|Get)/.test(eventName),
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
      ...extra,
    };
  }

  /** One plan: every read call for each of `resources` resources, some refused for lack of permission. */
  plan(run: number, resources: number): CloudTrailRecord[] {
    const identity = this.terraformIdentity(run);
    const out: CloudTrailRecord[] = [];
    for (let r = 0; r < resources; r++) {
      const [service, eventName] = this.pick(READS);
      const denied = this.chance(0.12);
      out.push(this.record(identity, service, eventName, denied ? { errorCode: 'AccessDenied', errorMessage: 'not authorized' } : {}));
    }
    return out;
  }

  /** The apply's writes that a quieter rule would flag if Terraform were not known automation. */
  apply(run: number): CloudTrailRecord[] {
    const identity = this.terraformIdentity(run);
    const openToWorld = {
      groupId: 'sg-0a1b2c3d4e5f60001',
      ipPermissions: {
        items: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }],
      },
    };
    return [
      this.record(identity, 'ec2', 'AuthorizeSecurityGroupIngress', { requestParameters: openToWorld, readOnly: false }),
      this.record(identity, 'iam', 'CreateUser', { requestParameters: { userName: 'ci-artifacts' }, readOnly: false }),
      this.record(identity, 'iam', 'PutUserPolicy', {
        requestParameters: { userName: 'ci-artifacts', policyName: 'artifacts', policyDocument: '{}' },
        readOnly: false,
      }),
      this.record(identity, 'iam', 'UpdateAssumeRolePolicy', {
        requestParameters: { roleName: 'app-runtime', policyDocument: '{}' },
        readOnly: false,
      }),
    ];
  }

  /** A stack's calls, which CloudFormation makes with its caller's credentials. */
  stack(count: number): CloudTrailRecord[] {
    const identity = { ...this.terraformIdentity(0), invokedBy: 'cloudformation.amazonaws.com' };
    return Array.from({ length: count }, () => {
      const [service, eventName] = this.pick(READS);
      return this.record(identity, service, eventName, {
        userAgent: 'cloudformation.amazonaws.com',
        sourceIPAddress: 'cloudformation.amazonaws.com',
      });
    });
  }

  /** An Auto Scaling group at work through its service-linked role. */
  serviceLinked(count: number): CloudTrailRecord[] {
    const identity = {
      ...this.terraformIdentity(0),
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling`,
      sessionContext: { sessionIssuer: { type: 'Role', userName: 'AWSServiceRoleForAutoScaling', accountId: ACCOUNT } },
    };
    return Array.from({ length: count }, () =>
      this.record(identity, 'ec2', this.pick(['DescribeInstances', 'DescribeInstanceStatus', 'DescribeLaunchTemplateVersions']), {
        userAgent: 'autoscaling.amazonaws.com',
        sourceIPAddress: 'autoscaling.amazonaws.com',
      }),
    );
  }
}

/** The records: three plan-and-apply runs, a stack, a service-linked role, and `normal` records of everyday activity. */
export function terraformHeavyRecords(seed: number, normal = 300): CloudTrailRecord[] {
  const run = new TerraformRun(seed);
  const records: CloudTrailRecord[] = [];
  for (let n = 1; n <= 3; n++) records.push(...run.plan(n, 250), ...run.apply(n));
  records.push(...run.stack(60), ...run.serviceLinked(60), ...generateRecords(seed, normal));
  return records;
}
