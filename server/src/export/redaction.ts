/**
 * Redaction for sharing: a record with its account IDs, access keys and unique IDs, IP addresses (v4 and v6), user,
 * role, session and bucket names, and the names inside ARNs replaced by pseudonyms (pseudonyms.ts), wherever they
 * occur: userIdentity, requestParameters, responseElements, resources, error messages, policy documents held in
 * strings. The record keeps its structure, keys and every other value; ARNs stay ARNs of the same service and type,
 * an S3 host name keeps its form with its bucket replaced. AWS's own values are kept: service principals and host
 * names (`s3.amazonaws.com`), AWS-managed policy ARNs (account `aws`), service-linked roles and AWS's IAM paths,
 * AWS's placeholder names. Not replaced: S3 object keys, resource IDs outside ARNs, and the user agent (whose version
 * numbers read as IP addresses).
 */
import { isIPv6 } from 'node:net';
import { dataTable } from '../../../common/dataTable';
import { type JsonMember, type JsonNode, type JsonObject, type JsonString, stringNode } from './jsonTree';
import { Pseudonyms } from './pseudonyms';
import type { RecordSummary } from '../features/recordSummary';

/** Fields whose whole value is a name, and the word its pseudonym starts with. */
const NAME_KEYS = dataTable<string>({
  userName: 'user',
  roleName: 'role',
  roleSessionName: 'session',
  sourceIdentity: 'user',
  bucketName: 'bucket',
});

/** Fields of the form `<unique ID or account>:<session or user name>`. */
const PRINCIPAL_KEYS = new Set(['principalId', 'assumedRoleId']);

/** Fields kept as they are. */
const KEPT_KEYS = new Set(['userAgent']);

/** Names AWS writes in place of one. */
const AWS_NAMES = new Set(['HIDDEN_DUE_TO_SECURITY_REASONS', 'ANONYMOUS_PRINCIPAL', 'anonymous']);

/** IAM paths AWS owns or names. */
const AWS_PATHS = new Set(['aws-service-role', 'service-role', 'aws-reserved']);

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const PATTERNS = {
  arn: String.raw`(?<![A-Za-z0-9])arn:(?<partition>aws(?:-[a-z]+)*):(?<service>[A-Za-z0-9-]+):(?<region>[a-z0-9*-]*):(?<account>\d{12}|aws|\*|):(?<resource>[^\s"'<>(){}\[\],;|\\]+)`,
  host: String.raw`(?<![A-Za-z0-9.-])(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?<domain>\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com)(?![A-Za-z0-9-])`,
  key: String.raw`(?<![A-Za-z0-9])(?<key>(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|AIPA|ABIA|ACCA)[A-Z0-9]{12,124})(?![A-Za-z0-9])`,
  ipv4: String.raw`(?<![A-Za-z0-9.])(?<ipv4>(?:${OCTET}\.){3}${OCTET})(?![A-Za-z0-9]|\.\d)`,
  ipv6: String.raw`(?<![A-Za-z0-9:.])(?<ipv6>(?=[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]{2,45})(?![A-Za-z0-9:])`,
  account: String.raw`(?<![A-Za-z0-9_-])(?<account12>\d{12})(?![A-Za-z0-9_])`,
};

/** Each pattern, and a quick test of whether a text can hold what it finds (most texts hold nothing, and are left at once). */
const SIGNS: readonly [pattern: string, sign: RegExp][] = [
  [PATTERNS.arn, /arn:/],
  [PATTERNS.host, /\.s3[.-].*amazonaws\.com/],
  [PATTERNS.key, /A(?:KIA|SIA|IDA|ROA|GPA|NPA|NVA|PKA|IPA|BIA|CCA)/],
  [PATTERNS.ipv4, /\d\.\d+\.\d+\.\d/],
  [PATTERNS.ipv6, /:[0-9A-Fa-f.]*:/],
  [PATTERNS.account, /\d{12}/],
];

/** CloudTrail's times, and whole values that are one identifier: the commonest strings, told at once. */
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
const WHOLE_ACCOUNT = /^\d{12}$/;
const WHOLE_IPV4 = new RegExp(`^${PATTERNS.ipv4}$`);

/** One regular expression of the patterns a text may hold (in this order: an ARN before the account inside it), made once per set. */
const scanners = new Map<number, RegExp | undefined>();

function scannerFor(text: string): RegExp | undefined {
  let set = 0;
  SIGNS.forEach(([, sign], i) => {
    if (sign.test(text)) set |= 1 << i;
  });
  if (!scanners.has(set)) {
    const patterns = SIGNS.filter((_, i) => set & (1 << i)).map(([pattern]) => pattern);
    scanners.set(set, patterns.length > 0 ? new RegExp(patterns.join('|'), 'g') : undefined);
  }
  return scanners.get(set);
}

type Groups = Partial<Record<string, string>>;

/** An ARN segment AWS owns or that names no one: empty, a wildcard, a policy variable, a version, AWS's paths and service names. */
function ownedSegment(segment: string): boolean {
  return (
    segment === '' ||
    /^[*?]+$/.test(segment) ||
    segment.startsWith('$') ||
    AWS_PATHS.has(segment) ||
    segment.endsWith('.amazonaws.com') ||
    segment.startsWith('AWSServiceRoleFor')
  );
}

/** The word a name inside an ARN is called by, from its resource type and place. */
function arnLabel(type: string, position: number, last: boolean): string {
  if (type === 'assumed-role') return position === 1 ? 'role' : 'session';
  if (type === 'federated-user') return 'user';
  if (!last && (type === 'user' || type === 'role')) return 'path';
  return /^[a-z][a-z-]{0,19}$/.test(type) ? type : 'name';
}

export class Redactor {
  readonly pseudonyms = new Pseudonyms();

  /** A record (or any JSON value) with its identifiers replaced: a new tree, the original untouched. */
  redact(node: JsonNode): JsonNode {
    return this.node(node);
  }

  private node(node: JsonNode): JsonNode {
    switch (node.kind) {
      case 'string':
        return this.stringValue(node.value, node);
      case 'literal':
        return node;
      case 'array':
        return { kind: 'array', items: node.items.map((item) => this.node(item)) };
      case 'object':
        return { kind: 'object', members: node.members.map((member) => this.member(member, node)) };
    }
  }

  private member(member: JsonMember, parent: JsonObject): JsonMember {
    const { key, value } = member;
    if (KEPT_KEYS.has(key)) return member;
    if (value.kind !== 'string') return { ...member, value: this.node(value) };
    const label = NAME_KEYS.get(key);
    if (label !== undefined) return { ...member, value: this.nameValue(value, key === 'userName' && isRole(parent) ? 'role' : label) };
    if (PRINCIPAL_KEYS.has(key)) return { ...member, value: this.principal(value) };
    return { ...member, value: this.stringValue(value.value, value) };
  }

  /** A string with its identifiers replaced; the node itself when nothing changed (its escapes kept). */
  private stringValue(value: string, node: JsonNode): JsonNode {
    const scanned = this.scan(value);
    return scanned === value ? node : stringNode(scanned);
  }

  private nameValue(node: JsonString, label: string): JsonNode {
    const value = node.value;
    if (AWS_NAMES.has(value) || value === '' || value.endsWith('.amazonaws.com')) return node;
    return value.startsWith('arn:') ? this.stringValue(value, node) : stringNode(this.pseudonyms.name(value, label));
  }

  /** `AROA…:session`, `123456789012:user`, `AIDA…`: the ID scanned, the name after the colon replaced. */
  private principal(node: JsonString): JsonNode {
    const value = node.value;
    const colon = value.indexOf(':');
    if (colon < 0) return this.stringValue(value, node);
    const name = value.slice(colon + 1);
    const named = name === '' || AWS_NAMES.has(name) ? name : this.pseudonyms.name(name, 'session');
    return stringNode(`${this.scan(value.slice(0, colon))}:${named}`);
  }

  /** Replaces every identifier in a text. */
  scan(text: string): string {
    if (TIME.test(text)) return text;
    if (WHOLE_ACCOUNT.test(text)) return this.pseudonyms.account(text);
    if (WHOLE_IPV4.test(text)) return this.replace(text, { ipv4: text });
    const pattern = scannerFor(text);
    if (!pattern) return text;
    return text.replace(pattern, (match: string, ...args: unknown[]) => this.replace(match, args[args.length - 1] as Groups));
  }

  private replace(match: string, g: Groups): string {
    const p = this.pseudonyms;
    if (g.resource !== undefined) return this.arn(match, g);
    if (g.bucket !== undefined) return `${/^\d{12}$/.test(g.bucket) ? p.account(g.bucket) : p.name(g.bucket, 'bucket')}${g.domain}`;
    if (g.key !== undefined) return p.accessKey(g.key);
    if (g.ipv4 !== undefined) return g.ipv4 === '0.0.0.0' || g.ipv4.startsWith('127.') ? match : p.ip(g.ipv4, 4);
    if (g.ipv6 !== undefined) return this.ipv6(g.ipv6);
    if (g.account12 !== undefined) return p.account(g.account12);
    return match;
  }

  /** An IPv6 address, found by its characters and confirmed here (a time like 10:20:30 is not one); a trailing `.` or `:` stays. */
  private ipv6(candidate: string): string {
    const address = isIPv6(candidate) ? candidate : candidate.replace(/[.:]+$/, '');
    if (!isIPv6(address) || address === '::' || address === '::1') return candidate;
    return `${this.pseudonyms.ip(address, 6)}${candidate.slice(address.length)}`;
  }

  private arn(match: string, g: Groups): string {
    const { partition, service, region, account, resource } = g as Record<string, string>;
    // AWS-managed policies and the like: AWS's own.
    if (account === 'aws') return match;
    const id = /^\d{12}$/.test(account) ? this.pseudonyms.account(account) : account;
    return `arn:${partition}:${service}:${region}:${id}:${this.resource(service, region === '' && account === '', resource)}`;
  }

  /** An ARN's resource: its type kept, each name after it replaced; an S3 ARN's bucket replaced, its object key kept. */
  private resource(service: string, global: boolean, resource: string): string {
    const parts = resource.split(/([/:])/);
    const segments = (parts.length + 1) / 2;
    const name = (i: number, label: string) => {
      const segment = parts[2 * i]!;
      if (!ownedSegment(segment)) parts[2 * i] = this.pseudonyms.name(segment, label);
    };
    if (service === 's3' && global) name(0, 'bucket');
    else if (segments === 1) {
      if (!(service === 'iam' && resource === 'root')) name(0, 'name');
    } else {
      const type = parts[0]!;
      // A service-linked role, its path and name all AWS's.
      if (parts[2] === 'aws-service-role') return resource;
      for (let i = 1; i < segments; i++) name(i, arnLabel(type, i, i === segments - 1));
    }
    return parts.join('');
  }
}

/** An identity object that is a role's (sessionIssuer): its userName is the role's name. */
function isRole(node: JsonObject): boolean {
  return node.members.some((m) => m.key === 'type' && m.value.kind === 'string' && m.value.value === 'Role');
}

/** The identifiers a record's summary names (its source IP, and once the summary carries them its identity's fields). */
export function identifiersOf(summary: RecordSummary): string[] {
  const { sourceIPAddress, userName, roleName, arn, accessKeyId, accountId, recipientAccountId, bucketName } = summary;
  const values = [sourceIPAddress, userName, roleName, accessKeyId, accountId, recipientAccountId, bucketName];
  return [...values, ...(arn?.split(/[/:]/) ?? [])].filter((v): v is string => v !== undefined && v !== '');
}
