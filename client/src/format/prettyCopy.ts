/**
 * A log too large to format in place, read instead as a read-only pretty-printed copy: the copy's URI, what
 * the user is told, and whether a copy fits in what VS Code shares with extensions. No `vscode` here, so
 * plain Node tests reach it.
 */
import { FORMAT_LIMIT } from '../../../common/formatLimit';
import { prettyPrint, type LayoutOptions } from '../../../common/prettyPrint';
import { formatBytes, SHARE_LIMIT } from '../largeFiles/largeFile';

/** A `cloudtrail-pretty:` document holds the pretty-printed text of the log its query names. */
export const PRETTY_SCHEME = 'cloudtrail-pretty';

export const OPEN_PRETTY_COPY = 'Open pretty-printed copy';

/** The copy's URI, as components: the log's path (the tab shows its name), and the log's URI in the query. */
export function prettyCopyParts(source: { readonly path: string; readonly uri: string }): { path: string; query: string } {
  return { path: source.path, query: new URLSearchParams({ log: source.uri }).toString() };
}

/** The log a copy's query names; undefined when it names none. */
export function sourceOfCopy(query: string): string | undefined {
  return new URLSearchParams(query).get('log') || undefined;
}

/** Why Format Document did nothing, said when it declines a text of `chars` characters. */
export function declinedMessage(chars: number): string {
  return (
    `This log is ${formatBytes(chars)}: Format Document lays out at most ${formatBytes(FORMAT_LIMIT)}, ` +
    'because the editor keeps every change of a larger one for undo and can run out of memory. ' +
    'The log is left as it is; a read-only pretty-printed copy can be opened beside it.'
  );
}

/** The copy's text, laid out as Format Document would; undefined when it is more than VS Code shares with extensions. */
export function prettyCopyText(text: string, layout: LayoutOptions): string | undefined {
  if (text.length > SHARE_LIMIT) return undefined;
  const pretty = prettyPrint(text, layout);
  return pretty.length > SHARE_LIMIT ? undefined : pretty;
}

export const COPY_TOO_LARGE =
  'Pretty-printed, this log is more than the 50 MB VS Code shares with extensions. ' +
  'Its events are in the CloudTrail view; "CloudTrail: Open record at cursor pretty-printed" opens one record.';
