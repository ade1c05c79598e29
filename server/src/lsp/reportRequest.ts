/**
 * cloudtrail/report: the investigation report of what the events view shows for a URI (an open log, a file or a
 * folder read from disk) with the view's filter, as the view counts it (the rules in force, `account:` names
 * resolved). The integrity summary comes from the host when the folder was checked against its digests.
 */
import type { CancellationToken } from 'vscode-languageserver';
import { type IntegritySummary, REPORT_FORMATS, type ReportParams, type ReportResult } from '../../../common/reportProtocol';
import type { LanguageService, RuleSet } from '../languageService';
import { guarded, type Log } from './guard';
import type { ShownLogs } from './shownLogs';

export interface ReportHost {
  readonly service: LanguageService;
  readonly shownLogs: ShownLogs;
  rules(): Promise<RuleSet>;
  /** Resolves once an open document's pending edits are checked, so the report counts what the view shows. */
  settled(uri: string): Promise<void>;
  accountNames(uri: string): Promise<ReadonlyMap<string, string>>;
  /** What the last integrity check of the URI found; undefined when it was not checked (the report says so). */
  integrity?(uri: string): Promise<IntegritySummary | undefined>;
  readonly log: Log;
}

async function report(host: ReportHost, params: ReportParams, token?: CancellationToken): Promise<ReportResult | null> {
  if (!REPORT_FORMATS.includes(params.format)) return null;
  const uri = params.textDocument.uri;
  await host.settled(uri);
  const log = await host.shownLogs.get(uri, await host.rules());
  if (!log || token?.isCancellationRequested) return null;
  const filter = typeof params.filter === 'string' ? params.filter : undefined;
  const resolvedFilter = host.service.withAccountNames(filter, await host.accountNames(uri));
  const integrity = await host.integrity?.(uri);
  const text = await host.service.report(log, params.format, {
    uri,
    ...(filter !== undefined ? { filter } : {}),
    ...(resolvedFilter !== undefined ? { resolvedFilter } : {}),
    redact: params.redact === true,
    ...(integrity ? { integrity } : {}),
    written: new Date().toISOString(),
  });
  return { text };
}

/** The request's handler: a failure is logged and answered null. */
export function reportHandler(host: ReportHost) {
  return guarded(host.log, 'report', (params: ReportParams, token?: CancellationToken) => report(host, params, token));
}
