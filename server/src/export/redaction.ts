/**
 * Redaction for sharing: a record with its account IDs (12 digits, hyphenated, or a JSON number), access keys and
 * unique IDs, IP addresses (v4 and v6, and in `ip-10-1-2-3` host names), emails, user, role, session and bucket names,
 * the names inside ARNs and `s3://` URIs, OIDC subjects (`repo:org/repo`, `sub`) and external IDs replaced by
 * pseudonyms (pseudonyms.ts), wherever they occur: userIdentity, requestParameters, responseElements, resources, error
 * messages, the user agent (its product versions kept), S3 object keys, the keys of maps (tags), policy documents held
 * in strings as JSON or URL-encoded (decoded, redacted, written back the same way). The record keeps its structure,
 * every other key and value; ARNs stay ARNs of the same service and type, an S3 host name keeps its form with its
 * bucket replaced. AWS's own values are kept: service principals and host names (`s3.amazonaws.com`), AWS-managed
 * policy ARNs (account `aws`), service-linked roles and AWS's IAM paths, AWS's placeholder names. Not replaced:
 * resource IDs outside ARNs.
 */
import { isIPv6 } from 'node:net';
import { dataTable } from '../../../common/dataTable';
import { embeddedJson, urlDecoded, urlEncodedLike, writeLike } from './embeddedText';
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

/** Fields whose whole value is someone's and not a name above (an OIDC subject, a shared secret), and its pseudonym's word. */
const WHOLE_KEYS = new Map([
  ['UserName', 'user'],
  ['externalId', 'external-id'],
  ['sts:ExternalId', 'external-id'],
  ['sub', 'subject'],
  ['subject', 'subject'],
  ['subjectFromWebIdentityToken', 'subject'],
]);

/** Names that hold identifiers of their own, redacted as such rather than named whole: ARNs, GitHub's OIDC subjects. */
const STRUCTURED = /^(?:arn|repo):/;

/** In a user agent, the products whose `product/1.2.3.4` is an address, not a version. */
const ADDRESS_PRODUCTS = new Set(['ip', 'ipv4', 'addr', 'address', 'host', 'client', 'source', 'from']);

/** How deep strings held in strings (JSON in a string, URL-encoded, in turn) are read. */
const MAX_NESTING = 8;

/** Names AWS writes in place of one. */
const AWS_NAMES = new Set(['HIDDEN_DUE_TO_SECURITY_REASONS', 'ANONYMOUS_PRINCIPAL', 'anonymous']);

/** IAM paths AWS owns or names. */
const AWS_PATHS = new Set(['aws-service-role', 'service-role', 'aws-reserved']);

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const PATTERNS = {
  arn: String.raw`(?<![A-Za-z0-9])arn:(?<partition>aws(?:-[a-z]+)*):(?<service>[A-Za-z0-9-]+):(?<region>[a-z0-9*-]*):(?<account>\d{12}|aws|\*|):(?<resource>[^\s"'<>(){}\[\],;|\\]+)`,
  s3uri: String.raw`(?<![A-Za-z0-9])s3://(?<s3bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?<s3key>/[^\s"'<>]*)?`,
  oidc: String.raw`(?<![A-Za-z0-9])repo:(?<org>[A-Za-z0-9_.-]+)/(?<repo>[A-Za-z0-9_.*-]+)`,
  email: String.raw`(?<![A-Za-z0-9._%+-])(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9-])`,
  host: String.raw`(?<![A-Za-z0-9.-])(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?<domain>\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com)(?![A-Za-z0-9-])`,
  key: String.raw`(?<![A-Za-z0-9])(?<key>(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|AIPA|ABIA|ACCA)[A-Z0-9]{12,124})(?![A-Za-z0-9])`,
  ipHost: String.raw`(?<![A-Za-z0-9-])ip-(?<ipHost>(?:${OCTET}-){3}${OCTET})(?![A-Za-z0-9]|-\d)`,
  ipv4: String.raw`(?<![A-Za-z0-9.])(?<ipv4>(?:${OCTET}\.){3}${OCTET})(?![A-Za-z0-9]|\.\d)`,
  ipv6: String.raw`(?<![A-Za-z0-9:.])(?<ipv6>(?=[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]{2,45})(?![A-Za-z0-9:])`,
  hyphenated: String.raw`(?<![A-Za-z0-9_-])(?<hyphenated>\d{4}-\d{4}-\d{4})(?![A-Za-z0-9_]|-\d)`,
  // CloudTrail names its log objects `<account>_CloudTrail_…`.
  account: String.raw`(?<![A-Za-z0-9_-])(?<account12>\d{12})(?![A-Za-z0-9]|_(?!CloudTrail))`,
};

/** Each pattern, and a quick test of whether a text can hold what it finds (most texts hold nothing, and are left at once). */
const SIGNS: readonly [pattern: string, sign: RegExp][] = [
  [PATTERNS.arn, /arn:/],
  [PATTERNS.s3uri, /s3:\/\//],
  [PATTERNS.oidc, /repo:/],
  [PATTERNS.email, /@/],
  [PATTERNS.host, /\.s3[.-].*amazonaws\.com/],
  [PATTERNS.key, /A(?:KIA|SIA|IDA|ROA|GPA|NPA|NVA|PKA|IPA|BIA|CCA)/],
  [PATTERNS.ipHost, /ip-\d/],
  [PATTERNS.ipv4, /\d\.\d+\.\d+\.\d/],
  [PATTERNS.ipv6, /:[0-9A-Fa-f.]*:/],
  [PATTERNS.hyphenated, /\d{4}-\d{4}-\d{4}/],
  [PATTERNS.account, /\d{12}/],
];

/** CloudTrail's times, and whole values that are one identifier: the commonest strings, told at once. */
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
const WHOLE_ACCOUNT = /^\d{12}$/;
const WHOLE_IPV4 = new RegExp(`^${PATTERNS.ipv4}$`);
/** Object keys that can hold no identifier (camelCase words): most keys, left at once. */
const PLAIN_KEY = /^[a-z][A-Za-z0-9]*$/;

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
  /** How many strings held in strings are being read. */
  private nesting = 0;

  /** A record (or any JSON value) with its identifiers replaced: a new tree, the original untouched. */
  redact(node: JsonNode): JsonNode {
    return this.node(node);
  }

  private node(node: JsonNode): JsonNode {
    switch (node.kind) {
      case 'string':
        return this.stringValue(node.value, node);
      case 'literal':
        // An account ID written as a number: its pseudonym's number (000000000001 is 1).
        return WHOLE_ACCOUNT.test(node.text) ? { kind: 'literal', text: String(Number(this.pseudonyms.account(node.text))) } : node;
      case 'array':
        return { kind: 'array', items: node.items.map((item) => this.node(item)) };
      case 'object':
        return { kind: 'object', members: node.members.map((member) => this.key(this.member(member, node))) };
    }
  }

  private member(member: JsonMember, parent: JsonObject): JsonMember {
    const { key, value } = member;
    if (key === 'userAgent' && value.kind === 'string') return { ...member, value: this.userAgent(value) };
    const whole = WHOLE_KEYS.get(key);
    if (whole !== undefined) return { ...member, value: this.wholeValues(value, whole) };
    if (value.kind !== 'string') return { ...member, value: this.node(value) };
    const label = NAME_KEYS.get(key);
    if (label !== undefined) return { ...member, value: this.nameValue(value, key === 'userName' && isRole(parent) ? 'role' : label) };
    if (PRINCIPAL_KEYS.has(key)) return { ...member, value: this.principal(value) };
    return { ...member, value: this.stringValue(value.value, value) };
  }

  /** A member whose key is an identifier (a tag's, a map's) with its key replaced too. */
  private key(member: JsonMember): JsonMember {
    if (PLAIN_KEY.test(member.key)) return member;
    const key = this.scan(member.key);
    return key === member.key ? member : { ...member, key, keyText: JSON.stringify(key) };
  }

  /** A string with its identifiers replaced; the node itself when nothing changed (its escapes kept). */
  private stringValue(value: string, node: JsonNode): JsonNode {
    const redacted = this.text(value);
    return redacted === value ? node : stringNode(redacted);
  }

  /** A string's text redacted: JSON or URL-encoded text held in it read as such, and written back the same way. */
  private text(value: string): string {
    if (this.nesting >= MAX_NESTING) return this.scan(value);
    this.nesting++;
    try {
      const json = embeddedJson(value);
      if (json) return writeLike(value, this.node(json));
      const decoded = urlDecoded(value);
      if (decoded === undefined || decoded === value) return this.scan(value);
      const redacted = this.text(decoded);
      return redacted === decoded ? value : urlEncodedLike(redacted, value);
    } finally {
      this.nesting--;
    }
  }

  private nameValue(node: JsonString, label: string): JsonNode {
    const value = node.value;
    if (AWS_NAMES.has(value) || value === '' || value.endsWith('.amazonaws.com')) return node;
    return STRUCTURED.test(value) ? this.stringValue(value, node) : stringNode(this.pseudonyms.name(value, label));
  }

  /** A field named in WHOLE_KEYS: its string, or each string of its list (a policy's condition), replaced whole. */
  private wholeValues(node: JsonNode, label: string): JsonNode {
    if (node.kind === 'string') return this.nameValue(node, label);
    if (node.kind === 'array') return { kind: 'array', items: node.items.map((item) => this.wholeValues(item, label)) };
    return this.node(node);
  }

  /** A user agent: its identifiers replaced, but `Product/1.2.3.4` is a version, not an address. */
  private userAgent(node: JsonString): JsonNode {
    const scanned = this.scan(node.value, true);
    return scanned === node.value ? node : stringNode(scanned);
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

  /** Replaces every identifier in a text; in a user agent, an IPv4 address after `Product/` is a version, and kept. */
  scan(text: string, userAgent = false): string {
    if (TIME.test(text)) return text;
    if (WHOLE_ACCOUNT.test(text)) return this.pseudonyms.account(text);
    if (WHOLE_IPV4.test(text)) return this.replace(text, { ipv4: text });
    const pattern = scannerFor(text);
    if (!pattern) return text;
    return text.replace(pattern, (match: string, ...args: unknown[]) => {
      const groups = args[args.length - 1] as Groups;
      if (userAgent && groups.ipv4 !== undefined && isVersion(text, args[args.length - 3] as number)) return match;
      return this.replace(match, groups);
    });
  }

  private replace(match: string, g: Groups): string {
    const p = this.pseudonyms;
    if (g.resource !== undefined) return this.arn(match, g);
    if (g.s3bucket !== undefined) return `s3://${this.bucket(g.s3bucket)}${g.s3key === undefined ? '' : this.scan(g.s3key)}`;
    if (g.org !== undefined) return `repo:${this.owned(g.org, 'org')}/${this.owned(g.repo!, 'repo')}`;
    if (g.email !== undefined) return p.name(g.email, 'user');
    if (g.bucket !== undefined) return `${this.bucket(g.bucket)}${g.domain}`;
    if (g.key !== undefined) return p.accessKey(g.key);
    if (g.ipHost !== undefined) return `ip-${p.ip(g.ipHost.replace(/-/g, '.'), 4).replace(/\./g, '-')}`;
    if (g.ipv4 !== undefined) return g.ipv4 === '0.0.0.0' || g.ipv4.startsWith('127.') ? match : p.ip(g.ipv4, 4);
    if (g.ipv6 !== undefined) return this.ipv6(g.ipv6);
    if (g.hyphenated !== undefined) return p.account(g.hyphenated.replace(/-/g, '')).replace(/^(\d{4})(\d{4})/, '$1-$2-');
    if (g.account12 !== undefined) return p.account(g.account12);
    return match;
  }

  /** A bucket's name, or the account ID some buckets are named by. */
  private bucket(name: string): string {
    return /^\d{12}$/.test(name) ? this.pseudonyms.account(name) : this.pseudonyms.name(name, 'bucket');
  }

  /** A name, unless it is a wildcard or AWS's. */
  private owned(segment: string, label: string): string {
    return ownedSegment(segment) ? segment : this.pseudonyms.name(segment, label);
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
    if (service === 's3' && global) {
      // An object's key is kept, but not the identifiers written in it (an email, an account's AWSLogs folder).
      name(0, 'bucket');
      return `${parts[0]}${this.scan(parts.slice(1).join(''))}`;
    } else if (segments === 1) {
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

/** Whether the IPv4 address at `at` in a user agent is a product's version (`Chrome/120.0.0.0`), not an address (`ip/10.1.2.3`). */
function isVersion(text: string, at: number): boolean {
  const product = /([A-Za-z][\w.-]*)\/$/.exec(text.slice(Math.max(0, at - 64), at))?.[1];
  return product !== undefined && !ADDRESS_PRODUCTS.has(product.toLowerCase());
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
