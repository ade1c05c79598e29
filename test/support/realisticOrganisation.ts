/**
 * The busy organisation of the generator's realistic profile (realisticCast.ts): its accounts, callers (IAM
 * users, roles and their sessions, each with a key, a home address and a tool), addresses, user agents with
 * their versions, and the buckets, objects, instances, functions and keys they act on. Drawn once from a seed.
 */
import { Dice } from './random';

export interface Caller {
  readonly account: string;
  readonly ip: string;
  readonly agent: string;
}
interface User extends Caller {
  readonly name: string;
  readonly id: string;
  readonly key: string;
}
interface Role {
  readonly account: string;
  readonly name: string;
  readonly id: string;
}
interface Session extends Caller {
  readonly role: Role;
  readonly name: string;
  readonly key: string;
  /** How long before its calls the session began, in ms. */
  readonly age: number;
  readonly mfa: string;
  readonly sourceIdentity?: string;
}

const FIRST = [
  'ana',
  'ben',
  'chen',
  'dara',
  'eli',
  'fatima',
  'george',
  'hana',
  'ivan',
  'jo',
  'kofi',
  'lena',
  'mateo',
  'nia',
  'omar',
  'priya',
];
const LAST = ['ng', 'okafor', 'silva', 'tanaka', 'weber', 'kowalski', 'haddad', 'larsen', 'moreau', 'rossi', 'singh', 'novak', 'park'];
export const APPS = [
  'billing',
  'checkout',
  'search',
  'ledger',
  'ingest',
  'reports',
  'auth',
  'media',
  'orders',
  'catalog',
  'etl',
  'ml-train',
];
export const ENVS = ['prod', 'staging', 'dev', 'qa', 'sandbox'];
const PERMISSION_SETS = ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess', 'DataEngineer', 'SecurityAudit', 'Billing'];
const ROLE_KINDS = ['deploy', 'lambda-exec', 'ecs-task', 'ec2-instance', 'github-oidc', 'glue-job', 'backup', 'breakglass'];
export const EXTENSIONS = ['json', 'csv', 'parquet', 'gz', 'png', 'pdf', 'log'];
export const INSTANCE_TYPES = ['t3.micro', 't3.large', 'm6i.xlarge', 'c6g.2xlarge', 'r5.4xlarge', 'g5.xlarge'];
export const PROVIDERS = ['OktaProd', 'AzureAD', 'PingFederate'];

/** `n` distinct values of `make`, in the order first made. */
function distinct(n: number, make: () => string): string[] {
  const found = new Set<string>();
  while (found.size < n) found.add(make());
  return [...found];
}

/** User agents of the tools people call AWS with, each with versions. */
function agents(d: Dice, n: number): string[] {
  const v = (major: number, minors: number, patches: number) => `${major}.${d.int(minors)}.${d.int(patches)}`;
  const linux = () => `5.10.${100 + d.int(120)}-${d.int(200)}.${d.int(800)}.amzn2.x86_64`;
  const tools: (() => string)[] = [
    () =>
      `aws-cli/${v(2, 16, 40)} Python/3.11.${d.int(9)} ${d.pick([`Linux/${linux()}`, `Darwin/23.${d.int(6)}.0`, 'Windows/10'])} exe/x86_64 prompt/off command/${d.pick(['s3.cp', 's3.ls', 'sts.get-caller-identity', 'ec2.describe-instances', 'iam.list-roles'])}`,
    () => {
      const core = v(1, 35, 90);
      return `Boto3/${core} md/Botocore#${core} ua/2.0 os/linux#${linux()} md/arch#x86_64 lang/python#3.${9 + d.int(4)}.${d.int(15)} md/pyimpl#CPython cfg/retry-mode#${d.pick(['legacy', 'standard', 'adaptive'])} Botocore/${core}`;
    },
    () =>
      `aws-sdk-go-v2/${v(1, 26, 10)} os/linux lang/go#1.${20 + d.int(3)}.${d.int(12)} md/GOOS#linux md/GOARCH#amd64 api/${d.pick(['s3', 'ec2', 'sts', 'kms'])}#${v(1, 50, 12)}`,
    () =>
      `aws-sdk-java/2.${20 + d.int(2)}.${d.int(160)} Linux/${linux()} OpenJDK_64-Bit_Server_VM/17.0.${d.int(10)}+${d.int(9)}-LTS Java/17.0.${d.int(10)} vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy`,
    () =>
      `aws-sdk-js/3.${400 + d.int(120)}.0 ua/2.0 os/linux#${linux()} lang/js md/nodejs#${d.pick([18, 20])}.${d.int(20)}.${d.int(3)} api/${d.pick(['s3', 'dynamodb', 'lambda', 'sqs'])}#3.${400 + d.int(120)}.0`,
    () =>
      `APN/1.0 HashiCorp/1.0 Terraform/1.${4 + d.int(4)}.${d.int(7)} (+https://www.terraform.io) terraform-provider-aws/5.${d.int(40)}.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/${v(1, 26, 10)}`,
    () =>
      `Mozilla/5.0 (${d.pick(['Windows NT 10.0; Win64; x64', 'Macintosh; Intel Mac OS X 10_15_7', 'X11; Linux x86_64'])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${118 + d.int(5)}.0.${6000 + d.int(200)}.${d.int(200)} Safari/537.36`,
  ];
  return ['console.amazonaws.com', 'AWS Internal', ...distinct(n - 2, () => d.pick(tools)())];
}

function ipv4(d: Dice): string {
  return `${d.pick([3, 13, 18, 34, 35, 44, 52, 54, 81, 100, 176, 198, 203])}.${d.int(256)}.${d.int(256)}.${1 + d.int(254)}`;
}

/** A busy organisation: its accounts, callers, addresses, agents and resources. */
export class Organisation {
  readonly accounts: string[];
  readonly ips: string[];
  readonly agents: string[];
  readonly users: User[];
  readonly roles: Role[];
  readonly sessions: Session[];
  readonly buckets: string[];
  readonly keys: string[];
  readonly instances: string[];
  readonly subnets: string[];
  readonly functions: string[];
  readonly kmsKeys: string[];
  readonly people: string[];
  readonly subjects: string[];

  constructor(d: Dice) {
    const id17 = (prefix: string) => `${prefix}${d.alnum(17)}`;
    this.accounts = distinct(40, () => String(100_000_000_000 + d.int(899_999_999_999)));
    this.ips = distinct(40_000, () => (d.chance(0.1) ? `2001:db8:${d.hex(4)}:${d.hex(4)}::${d.hex(3)}` : ipv4(d)));
    this.agents = agents(d, 400);
    const caller = (): Caller => ({ account: d.skewed(this.accounts), ip: d.pick(this.ips), agent: d.skewed(this.agents) });
    this.people = distinct(3000, () => `${d.pick(FIRST)}.${d.pick(LAST)}${d.chance(0.5) ? d.int(100) : ''}`);
    this.subjects = distinct(2000, () => String(100_000_000_000_000 + d.int(899_999_999_999_999)));
    this.users = distinct(2000, () => (d.chance(0.7) ? d.pick(this.people) : `svc-${d.pick(APPS)}-${d.pick(ENVS)}-${d.int(50)}`)).map(
      (name) => ({ ...caller(), name, id: id17('AIDA'), key: `AKIA${d.alnum(16)}` }),
    );
    this.roles = distinct(600, () =>
      d.chance(0.3)
        ? `AWSReservedSSO_${d.pick(PERMISSION_SETS)}_${d.hex(16)}`
        : `${d.pick(APPS)}-${d.pick(ENVS)}-${d.pick(ROLE_KINDS)}${d.chance(0.3) ? `-${d.int(20)}` : ''}`,
    ).map((name) => ({ account: d.skewed(this.accounts), name, id: id17('AROA') }));
    this.sessions = Array.from({ length: 8000 }, () => {
      const role = d.skewed(this.roles);
      const person = d.pick(this.people);
      const name = role.name.startsWith('AWSReserved')
        ? `${person}@example.com`
        : d.pick([
            `i-0${d.hex(17)}`,
            `botocore-session-${1_709_000_000 + d.int(1e6)}`,
            `GitHubActions-${d.int(1e10)}`,
            `${role.name}-${d.hex(8)}`,
          ]);
      const sourceIdentity = d.chance(0.1) ? person : undefined;
      return {
        ...caller(),
        account: role.account,
        role,
        name,
        key: `ASIA${d.alnum(16)}`,
        age: d.int(3_600_000),
        mfa: d.pick(['false', 'true']),
        ...(sourceIdentity ? { sourceIdentity } : {}),
      };
    });
    this.buckets = distinct(
      400,
      () => `${d.pick(APPS)}-${d.pick(ENVS)}-${d.pick(['data', 'logs', 'assets', 'backups', 'exports'])}-${d.int(1000)}`,
    );
    this.keys = distinct(
      10_000,
      () =>
        `${d.pick(APPS)}/${d.pick(['config', 'builds', 'models', 'static'])}/${d.hex(6)}/${d.pick(['index', 'manifest', 'v2', 'latest'])}.${d.pick(EXTENSIONS)}`,
    );
    this.instances = distinct(20_000, () => `i-0${d.hex(16)}`);
    this.subnets = distinct(400, () => `subnet-0${d.hex(16)}`);
    this.functions = distinct(
      1000,
      () => `${d.pick(APPS)}-${d.pick(ENVS)}-${d.pick(['handler', 'worker', 'cron', 'api', 'resize'])}-${d.int(40)}`,
    );
    this.kmsKeys = distinct(
      600,
      () => `arn:aws:kms:${d.pick(['us-east-1', 'eu-west-1', 'us-west-2'])}:${d.pick(this.accounts)}:key/${d.uuid()}`,
    );
  }
}
