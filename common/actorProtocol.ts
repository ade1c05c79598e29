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
