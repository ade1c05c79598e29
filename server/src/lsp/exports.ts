/**
 * cloudtrail/export: what a node of the events view holds (the records `cloudtrail/records` would page through, all
 * of them), or everything the view shows, written to a file the client names, with progress and cancellation.
 */
import { fileURLToPath } from 'node:url';
import { type CancellationToken, ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { ExportParams, ExportProgressParams, ExportResult } from '../../../common/protocol';
import type { LanguageService, RecordSummary, RuleSet, ShownLog } from '../languageService';
import { recordQuery, type ShownLogs } from './shownLogs';
import { errorText } from '../../../common/errorText';
import { guarded } from './guard';

export interface ExportHost {
  readonly service: LanguageService;
  readonly shownLogs: ShownLogs;
  /** The URIs of the open documents. */
  openUris(): readonly string[];
  rules(): Promise<RuleSet>;
  /** The accounts' names a document's settings give: an export keeps what the view's `account:` terms keep. */
  accountNames(uri: string): Promise<ReadonlyMap<string, string>>;
  progress(params: ExportProgressParams): void;
  log(message: string): void;
}

/** The records a node holds, in the order the view lists them: all of them, a page as long as the log. */
function selected(service: LanguageService, log: ShownLog, params: ExportParams): readonly RecordSummary[] {
  return service.nodeRecords(log, params, { ...recordQuery(params), offset: 0, limit: Math.max(1, log.summaries.length) }).items;
}

/** The file a target URI names; an error the client shows when it names none. */
function targetPath(target: string): string {
  try {
    if (new URL(target).protocol === 'file:') return fileURLToPath(target);
  } catch {
    // Not a URI: said below.
  }
  throw new ResponseError(ErrorCodes.InvalidParams, `Cannot export to ${target}: choose a file on this machine`);
}

/** The paths of `uris` that name files. */
function filePaths(uris: readonly string[]): string[] {
  return uris.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
}

/** Refuses a target that is a log the view shows (a folder's files too) or an open document's file, however its path is written. */
async function refuseSource(host: ExportHost, uri: string, target: string): Promise<void> {
  const sources = filePaths([uri, ...host.shownLogs.logFileUris(), ...host.openUris()]);
  // Writing over a log being read would lose it halfway; over evidence or an open file, lose it.
  if (await host.service.isOneOf(target, sources))
    throw new ResponseError(ErrorCodes.InvalidParams, 'Cannot export onto a log the events view shows or a file open in the editor');
}

/** The request's handler: a file that cannot be written is an error the client shows; any other failure is logged and answered null. */
export function exportHandler(host: ExportHost) {
  return guarded(host.log, 'export', (params: ExportParams, token?: CancellationToken) => exportRecords(host, params, token));
}

async function exportRecords(host: ExportHost, params: ExportParams, token?: CancellationToken): Promise<ExportResult | null> {
  const uri = params.textDocument.uri;
  const log = await host.shownLogs.get(uri, await host.rules());
  if (!log) return null;
  const path = targetPath(params.target);
  await refuseSource(host, uri, path);
  const accountNames = await host.accountNames(uri);
  const filter = host.service.withAccountNames(params.filter, accountNames);
  const records = selected(host.service, log, { ...params, ...(filter !== undefined ? { filter } : {}) });
  const { format, columns, redact, keepMapping, target } = params;
  const options = {
    format,
    path,
    ...(columns ? { columns } : {}),
    ...(redact ? { redact } : {}),
    ...(keepMapping ? { keepMapping } : {}),
    accountNames,
    onProgress: (done: number, total: number) => host.progress({ target, done, total }),
    isCancelled: () => token?.isCancellationRequested === true,
  };
  const written = await host.service.writeExport(records, log.recordTexts(records), options).catch((error: unknown) => {
    // The file could not be written: the client says why.
    const message = errorText(error);
    throw new ResponseError(ErrorCodes.InternalError, `Cannot write ${path}: ${message}`);
  });
  if (written && 'empty' in written)
    throw new ResponseError(ErrorCodes.InvalidRequest, `Nothing exported: ${written.empty}; ${path} was not written`);
  return written ?? null;
}
