/**
 * The messages about who is behind a record, both sides use: a credential's session chain, and what each actor did
 * first (client → server). Kept apart from protocol.ts, which holds the events view's and the log's own messages.
 */
import { RequestType, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';
import type { EventCount } from './protocol';

export interface SessionChainParams {
  readonly textDocument: TextDocumentIdentifier;
  /** The credential to follow: its access key, its identity's ARN, or both. */
  readonly accessKeyId?: string;
  readonly arn?: string;
}

export interface SessionChainLink {
  /** The identity's ARN, or the name of one with none (`saml:…`, `web-identity:…`, `identity-center-user:…`, a service). */
  readonly arn: string;
  readonly accessKeyId?: string;
  /** The call in the loaded logs that issued this identity's credential; absent on a long-term identity or one issued outside them. */
  readonly issuedBy?: { readonly eventID: string; readonly eventName: string; readonly eventTime: string };
}

export interface SessionChainResult {
  /** The credential's identity first, then each identity that issued the one before; the origin last. Empty for an unknown credential. */
  readonly links: readonly SessionChainLink[];
}

/** client → server: the chain of a credential in the shown log (or folder); null when no such log is shown. */
export const SessionChainRequest = new RequestType<SessionChainParams, SessionChainResult | null, void>('cloudtrail/sessionChain');

/** The fields whose first appearances `cloudtrail/firstSeen` lists. */
export const FIRST_SEEN_FIELDS = ['eventName', 'sourceIPAddress', 'userAgent', 'awsRegion'] as const;

export type FirstSeenField = (typeof FIRST_SEEN_FIELDS)[number];

export interface FirstSeenParams {
  readonly textDocument: TextDocumentIdentifier;
  /** An ISO 8601 time: values first seen at or after it, with none before it in the loaded logs. */
  readonly since: string;
  readonly field: FirstSeenField;
}

export interface FirstSeenItem {
  /** The origin's ARN (or name) of the record's session chain, or the principal's own where there is no chain. */
  readonly actor: string;
  /** The field's value; for `eventName`, `eventSource:eventName`. */
  readonly value: string;
  /** The first record with it: its time and eventID. */
  readonly firstTime: string;
  readonly eventID: string;
  /** Records with it at or after `since`. */
  readonly count: number;
}

export interface FirstSeenResult {
  /** Sorted by firstTime. */
  readonly items: readonly FirstSeenItem[];
}

/** client → server: what each actor did first after a time; null when no such log is shown, or for a bad time or field. */
export const FirstSeenRequest = new RequestType<FirstSeenParams, FirstSeenResult | null, void>('cloudtrail/firstSeen');

/** Part of the events view's tree (cloudtrail/eventTree): where its New in this window group starts. */
export interface NewInWindow {
  /** The start of the last tenth of the log's span of time (ISO 8601); absent when no record has a time. */
  readonly newSince?: string;
}

/** What a record item of the events view (protocol.ts's RecordItem) says of who is behind it. */
export interface RecordActor {
  /** Whom the record's session chain leads back to (its origin's ARN or name), when it is not the record's own ARN. */
  readonly actor?: string;
}

/**
 * The sessions whose chains end at an actor, as a query of one table or one file can name them: the chains are
 * followed in the editor, and the query asks for these credentials (server/src/features/actorSessions.ts).
 */
export interface ActorSessions {
  /** Long-term identities (IAM users, the root user): every record they made is the actor's. */
  readonly arns: readonly string[];
  /** The keys the actor's sessions (and identities with no ARN) signed with. */
  readonly accessKeyIds: readonly string[];
  /** Sessions whose records carry no key, by ARN. */
  readonly keylessArns: readonly string[];
  /** Records with neither ARN nor key (a SAML subject's own call, a service), by the view's identity. */
  readonly keylessIdentities: readonly string[];
}

/** An `actor:` term's value, and the sessions of the loaded logs it stands for. */
export interface ResolvedActor {
  readonly term: string;
  readonly sessions: ActorSessions;
}

/** Part of the events view's tree: the sessions each `actor:` term of the filter stands for, for its jq program. */
export interface ActorsOfFilter {
  readonly actorSessions?: { readonly filter: string; readonly actors: readonly ResolvedActor[] };
}

/** One session under an actor in the events view's By actor grouping: a credential, and what it did. */
export interface ActorSession {
  /** The session's access key, or its identity's ARN (or name) where its records carry no key: RecordsParams.session. */
  readonly key: string;
  /** The identity the session acted as: its ARN, or the name of one with none. */
  readonly principal: string;
  readonly accessKeyId?: string;
  /** The name the user gave the identity's account (cloudtrail.accounts, cloudtrail.accountsFile), if any. */
  readonly accountName?: string;
  readonly count: number;
  readonly events: readonly EventCount[];
}

/** Part of an EventGroup under By actor: the actor's sessions, in the order they first acted. */
export interface GroupSessions {
  readonly sessions?: readonly ActorSession[];
}

/** Part of RecordsParams and RecordAtResult: one session of a By actor group (ActorSession.key). */
export interface SessionOfGroup {
  readonly session?: string;
}
