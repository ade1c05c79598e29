/**
 * The investigation report both sides use (client → server): what the events view shows, written as one
 * self-contained HTML page or as Markdown. Kept apart from protocol.ts, which holds the events view's own messages.
 */
import { RequestType, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';

export const REPORT_FORMATS = ['html', 'markdown'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportParams {
  /** The open log, file or folder the events view shows. */
  readonly textDocument: TextDocumentIdentifier;
  readonly format: ReportFormat;
  /** Account IDs, access keys, IP addresses and names replaced by pseudonyms, as an export's redaction does. */
  readonly redact?: boolean;
  /** The events view's filter: the report tells of the records it keeps, with the view's counts. */
  readonly filter?: string;
}

export interface ReportResult {
  /** The whole report: an HTML page that loads nothing, or Markdown. */
  readonly text: string;
}

/** client → server: the report of a shown log; null when no such log is shown. */
export const ReportRequest = new RequestType<ReportParams, ReportResult | null, void>('cloudtrail/report');

/** What a check of the folder against its digests found (cloudtrail/verifyIntegrity), counted for the report's scope. */
export interface IntegritySummary {
  readonly logs: { readonly valid: number; readonly modified: number; readonly missing: number; readonly unlisted: number };
  readonly digests: { readonly valid: number; readonly invalid: number; readonly unverified: number; readonly missing: number };
  /** Spans of time with no digest. */
  readonly gaps?: number;
}
