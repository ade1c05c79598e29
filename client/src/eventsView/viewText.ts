/** The words around the events view: the groupings' names, the view's description, and its one-line message. */
import type { EventTreeResult, GroupBy, OpenFolderResult } from '../../../common/protocol';
import { type DiskStatus, formatBytes, type LargeFile, progressText, SHARE_LIMIT } from '../largeFiles/largeFile';

export const GROUP_BY_LABELS: Readonly<Record<GroupBy, string>> = {
  level: 'Event level',
  identity: 'Identity',
  sourceIPAddress: 'Source IP',
  eventSource: 'Event source',
  errorCode: 'Error code',
  hour: 'Hour',
  actor: 'Actor',
};

export interface ViewState {
  readonly groupBy: GroupBy;
  readonly filter: string | undefined;
  /** The name of the folder, or of the file read from disk, when the view shows one rather than an editor's log. */
  readonly name?: string | undefined;
}

/** What the view shows, as far as its message goes. */
export type ViewSource =
  /** Nothing: the welcome view says so and offers to open a log. */
  | { readonly kind: 'none' }
  | { readonly kind: 'document' }
  /**
   * A folder; `activeElsewhere` when the active editor shows a log that is not in it; `skipped`, its entries named
   * like logs that were not read (by name, with what they are).
   */
  | {
      readonly kind: 'folder';
      readonly name: string;
      readonly activeElsewhere: boolean;
      readonly skipped?: readonly { readonly name: string; readonly message: string }[];
    }
  /** A file VS Code does not share, read from disk. */
  | { readonly kind: 'disk'; readonly name: string; readonly file: LargeFile; readonly status: DiskStatus };

/** What the view's description calls a folder or a file: the last name in its path. */
export function folderName(path: string): string | undefined {
  return path.split('/').pop();
}

/** Beside the view's title: the folder or file, if any, the grouping, and the filter. */
export function viewDescription({ groupBy, filter, name }: ViewState): string {
  const grouping = name ? `${name} · ${GROUP_BY_LABELS[groupBy]}` : GROUP_BY_LABELS[groupBy];
  return filter ? `${grouping} · filter: ${filter}` : grouping;
}

// As VS Code's own message says it ("Files above 50MB…").
const LIMIT = `${SHARE_LIMIT / 1024 / 1024} MB`;

/** Above the tree, on one line: what the view shows when that is not plain, and how many records the filter kept. */
export function viewMessage(source: ViewSource, result: EventTreeResult | null, filter: string | undefined): string | undefined {
  const kept = result && filter ? `${result.shown} of ${result.total} records match the filter.` : undefined;
  // A term the filter cannot read keeps nothing out: said, so a typo is not taken for an answer.
  const unread = result?.filterProblems?.map((p) => `Cannot read ${p.text}: ${p.message}.`).join(' ');
  // Hidden problems are said where the tree is too, so an ignored code is never silent.
  const hidden = result?.hiddenProblems ? `${result.hiddenProblems.message}.` : undefined;
  const about = sourceLine(source);
  return [unread, kept, hidden, about].filter(Boolean).join(' ') || undefined;
}

function sourceLine(source: ViewSource): string | undefined {
  switch (source.kind) {
    case 'none':
    case 'document':
      return undefined;
    case 'folder': {
      const elsewhere = source.activeElsewhere
        ? `Showing the folder ${source.name}, not the active editor's log: "Show the active log's events" in the title bar goes back to it.`
        : undefined;
      return [skippedLine(source.skipped ?? []), elsewhere].filter(Boolean).join(' ') || undefined;
    }
    case 'disk':
      return diskLine(source.name, source.file, source.status);
  }
}

/** Entries named at most, in the folder's line; the rest are counted. */
const SKIPPED_NAMED = 5;

/** A folder's entries that were not read: how many, and the first few by name with what they are. */
export function skippedLine(skipped: readonly { readonly name: string; readonly message: string }[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const named = skipped.slice(0, SKIPPED_NAMED).map((s) => `${s.name}: ${s.message}`);
  const more = skipped.length > SKIPPED_NAMED ? `; and ${skipped.length - SKIPPED_NAMED} more` : '';
  const entries = skipped.length === 1 ? '1 entry was' : `${skipped.length} entries were`;
  return `${entries} not read (${named.join('; ')}${more}).`;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What a folder's read says when it is done: how many records from how many files, then (counts only: the entries'
 * names are the folder's, so anyone's, and the view names them as text) what could not be read.
 */
export function folderReadLine(result: OpenFolderResult): { readonly text: string; readonly warn: boolean } {
  const { records, files, failed } = result;
  const skipped = result.skipped?.length ?? 0;
  const notes = [
    `Read ${count(records, 'record', 'records')} from ${count(files, 'file', 'files')}.`,
    failed.length > 0 ? `${failed.length} of ${count(files, 'file', 'files')} could not be read whole.` : '',
    skipped === 1 ? '1 entry is not a regular file and was not read (the events view names it).' : '',
    skipped > 1 ? `${count(skipped, '', 'entries')} are not regular files and were not read (the events view names them).` : '',
  ];
  return { text: notes.filter(Boolean).join(' '), warn: failed.length > 0 || skipped > 0 };
}

/** A large file's line: how its read is going, or, once read, what works at that size and why. */
export function diskLine(name: string, file: LargeFile, status: DiskStatus): string {
  switch (status.kind) {
    case 'reading':
      return status.total
        ? `Reading ${name} from disk: ${progressText(status.done ?? 0, status.total, 'bytes')}…`
        : `Reading ${name} from disk (${formatBytes(file.bytes)})…`;
    case 'failed':
      return `Could not read ${name}: ${sentence(status.message)}`;
    case 'cancelled':
      return `Reading ${name} was cancelled: Refresh reads it again.`;
    case 'read': {
      const works = file.gzip
        ? `Read from disk (${formatBytes(file.bytes)} decompressed): events, filters and problems work; hovers, completion, fixes and opening a record need VS Code to share the text, which it does not above ${LIMIT}.`
        : `Read from disk (${formatBytes(file.bytes)}): events, filters and problems work; hovers, completion and fixes need VS Code to share the file, which it does not above ${LIMIT}.`;
      return status.incomplete ? `${works} Not all of it could be read: ${sentence(status.incomplete)}` : works;
    }
  }
}

/** A message as a sentence: one line, ending in a full stop. */
function sentence(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return /[.!?…]$/.test(line) ? line : `${line}.`;
}
