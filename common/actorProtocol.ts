/**
 * The messages about who is behind a record, both sides use: a credential's session chain, and what each actor did
 * first (client → server). Kept apart from protocol.ts, which holds the events view's and the log's own messages.
 */
import { RequestType, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';

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
