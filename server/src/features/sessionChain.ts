/**
 * Session chains: for a temporary credential, the call that issued it, the identity that made that call, the call
 * that issued that identity's credential, and so on back to the origin: an IAM user, the root user, a SAML or
 * web-identity subject, an Identity Center user, an AWS service, or a credential issued outside the loaded logs.
 * Worked out from the records' summaries once per shown log, its issuing calls indexed by the key they issued.
 */
import { parseArn } from '../cloudtrail/arn';
import { identityCenterSessionOfArn, identityCenterUser } from '../cloudtrail/issuingCalls';
import type { RecordSummary } from './recordSummary';

/** One identity of a chain, and the call that issued its credential when that call is in the logs. */
export interface ChainLink {
  readonly arn: string;
  readonly accessKeyId?: string;
  readonly issuedBy?: { readonly index: number; readonly eventID: string; readonly eventName: string; readonly eventTime: string };
}

/** A credential to follow: its key, its identity's ARN (or the name an ARN-less identity goes by), or both. */
export interface Credential {
  readonly accessKeyId?: string | undefined;
  readonly arn?: string | undefined;
}

/** Longer chains than this are not followed: real role chains are a few hops, and a crafted log can hold thousands. */
const MAX_LINKS = 32;

/** Who a record's caller is: its ARN, or the name of an identity that has none (a SAML subject, a service). */
export function principalOf(s: RecordSummary): string {
  return s.arn ?? s.session?.caller ?? s.identity;
}

/** A record's session, as the By actor grouping lists them: its access key, or its caller where it carries none. */
export function sessionOf(s: RecordSummary): string {
  return s.accessKeyId ?? principalOf(s);
}

/** Whether an identity's credential is issued by a call: a role or federated session, or an Identity Center one. */
export function isSession(arn: string): boolean {
  const resource = parseArn(arn)?.resource;
  return resource !== undefined && (resource.startsWith('assumed-role/') || resource.startsWith('federated-user/'));
}

/** Records by strings they carry, in one pass: for each getter, the first record of each value, in log order. */
function firstOf(
  summaries: readonly RecordSummary[],
  values: readonly ((s: RecordSummary) => string | undefined)[],
): Map<string, number>[] {
  const firsts = values.map(() => new Map<string, number>());
  for (const s of summaries)
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!(s);
      if (v !== undefined && !firsts[i]!.has(v)) firsts[i]!.set(v, s.index);
    }
  return firsts;
}

export class SessionIndex {
  /** Issuing calls by the key they issued, and by the identity they issued (for a credential known by its ARN alone). */
  private readonly byKey: Map<string, number>;
  private readonly byArn: Map<string, number>;
  /**
   * A record acting with each key, and as each identity: what names a key's identity and says whom it acts for.
   * Made when first asked (a chain's start, or an identity acting for another): a record's actor needs neither, and a
   * folder's keys are hundreds of thousands.
   */
  private users: [keyUsers: Map<string, number>, arnUsers: Map<string, number>] | undefined;
  /**
   * Each credential's origin, by key then identity: a key used as one identity (nearly every key) holds that pair
   * rather than a map of its own, and no string is built per record (a folder's records are half a million).
   */
  private readonly actors = new Map<string | undefined, { arn: string; actor: string } | Map<string, string>>();
  /** Each record's origin, by index, once the first is asked. */
  private recordActors: string[] | undefined;
  /** The keys, and the identities, whose first user (keyUsers, arnUsers) says whom it acts for: few or none. */
  private readonly behindKeys = new Set<string>();
  private readonly behindArns = new Set<string>();

  private constructor(private readonly summaries: readonly RecordSummary[]) {
    [this.byKey, this.byArn] = firstOf(summaries, [(s) => s.session?.issuedKey, (s) => s.session?.issuedArn]);
    for (const s of summaries) {
      if (!s.session?.onBehalfOf && !s.session?.sourceIdentity) continue;
      const [keyUsers, arnUsers] = this.usersOf();
      if (s.accessKeyId !== undefined && keyUsers.get(s.accessKeyId) === s.index) this.behindKeys.add(s.accessKeyId);
      if (arnUsers.get(principalOf(s)) === s.index) this.behindArns.add(principalOf(s));
    }
  }

  private usersOf(): [Map<string, number>, Map<string, number>] {
    return (this.users ??= firstOf(this.summaries, [(s) => s.accessKeyId, principalOf]) as [Map<string, number>, Map<string, number>]);
  }

  private static readonly made = new WeakMap<readonly RecordSummary[], SessionIndex>();

  /** The index of a log's summaries, made once while they are in use. */
  static of(summaries: readonly RecordSummary[]): SessionIndex {
    let index = SessionIndex.made.get(summaries);
    if (!index) SessionIndex.made.set(summaries, (index = new SessionIndex(summaries)));
    return index;
  }

  /** The call that issued a credential, if it is in the logs. */
  private issuer(key: string | undefined, arn: string): RecordSummary | undefined {
    const byKey = key === undefined ? undefined : this.byKey.get(key);
    if (byKey !== undefined) return this.summaries[byKey];
    // A long-term key, or a user's own ARN, was issued by no call: only a session is looked up by its identity. Most
    // identities were issued by no loaded call, which the map says before the ARN is parsed.
    if (key?.startsWith('AKIA')) return undefined;
    const direct = this.byArn.get(arn);
    const sso = direct === undefined && arn.includes('AWSReservedSSO_') ? identityCenterSessionOfArn(arn) : undefined;
    const byArn = direct ?? (sso === undefined ? undefined : this.byArn.get(sso));
    return byArn === undefined || !isSession(arn) ? undefined : this.summaries[byArn];
  }

  /** A record acting as the credential, for what it says of the identity. */
  private user(key: string | undefined, arn: string | undefined): RecordSummary | undefined {
    const [keyUsers, arnUsers] = this.usersOf();
    const at = (key !== undefined ? keyUsers.get(key) : undefined) ?? (arn !== undefined ? arnUsers.get(arn) : undefined);
    return at === undefined ? undefined : this.summaries[at];
  }

  /**
   * The chain of a credential: its identity first, then each identity that issued the one before, the origin last.
   * Empty for a credential no loaded record carries or issued.
   */
  chain(credential: Credential): ChainLink[] {
    let key = credential.accessKeyId || undefined;
    const issued = key === undefined ? undefined : this.byKey.get(key);
    // Whether a record carries the credential is asked only where its issuing call does not already say it is known.
    const issuedKnown = issued !== undefined || (!!credential.arn && this.byArn.has(credential.arn));
    const known = credential.arn && issuedKnown ? undefined : this.user(key, credential.arn);
    let arn =
      credential.arn || (known && principalOf(known)) || (issued !== undefined ? this.summaries[issued]!.session!.issuedArn : undefined);
    if (arn === undefined || (!known && !issuedKnown)) return [];
    const links: ChainLink[] = [];
    const seen = new Set<string>();
    while (links.length < MAX_LINKS && !seen.has(key ?? arn)) {
      seen.add(key ?? arn);
      const by = this.issuer(key, arn);
      if (!by) return [...links, ...this.originOf(key, arn)];
      const { index, eventName, eventTime } = by;
      // Known by its ARN alone, a session's key is the one its issuing call gave out.
      key ??= by.session!.issuedKey;
      links.push({
        arn,
        ...(key ? { accessKeyId: key } : {}),
        issuedBy: { index, eventID: by.session!.eventID ?? '', eventName, eventTime },
      });
      key = by.accessKeyId;
      arn = principalOf(by);
    }
    return links;
  }

  /**
   * The last links where no issuing call is loaded: the identity itself, then whom it says it acts for (an Identity
   * Center user, a source identity its issuer set), as an origin with no issuing event.
   */
  private originOf(key: string | undefined, arn: string): ChainLink[] {
    const own: ChainLink = { arn, ...(key ? { accessKeyId: key } : {}) };
    // Only a key's or an identity's first user that acts for another (behindKeys, behindArns) says whom it acts for.
    const acting = (key !== undefined && this.behindKeys.has(key)) || this.behindArns.has(arn);
    const facts = acting ? this.user(key, arn)?.session : undefined;
    const behind = facts?.onBehalfOf
      ? identityCenterUser(facts.onBehalfOf)
      : facts?.sourceIdentity && `source-identity:${facts.sourceIdentity}`;
    return behind ? [own, { arn: behind }] : [own];
  }

  /** The origin a record's chain ends at: whom the record is really of (its own caller where there is no chain). */
  actorOf(s: RecordSummary): string {
    // Every record's, worked out at the first question: the tree, the filter and firstSeen each ask of every record.
    this.recordActors ??= this.summaries.map((r) => this.credentialActor(r));
    return this.summaries[s.index] === s ? this.recordActors[s.index]! : this.credentialActor(s);
  }

  /** The origin of a record's credential, followed once per credential: many records share one. */
  private credentialActor(s: RecordSummary): string {
    const key = s.accessKeyId || undefined;
    const arn = principalOf(s);
    // Nearly every credential was issued by no loaded call and acts for no one else: its chain is itself (as chain() finds).
    if (!this.issuer(key, arn) && !(key !== undefined ? this.behindKeys.has(key) : this.behindArns.has(arn))) return arn;
    const known = this.actors.get(key);
    if (known instanceof Map) {
      let actor = known.get(arn);
      if (actor === undefined) known.set(arn, (actor = this.originArn(key, arn)));
      return actor;
    }
    if (known?.arn === arn) return known.actor;
    const actor = this.originArn(key, arn);
    this.actors.set(
      key,
      known
        ? new Map([
            [known.arn, known.actor],
            [arn, actor],
          ])
        : { arn, actor },
    );
    return actor;
  }

  private originArn(accessKeyId: string | undefined, arn: string): string {
    return this.chain({ accessKeyId, arn }).at(-1)?.arn ?? arn;
  }
}
