/**
 * What the events view should show for the editor area as it is now: the active tab's log, a large file to
 * read from disk, or nothing (and why). No `vscode` here: follow.ts gathers the state, plain tests reach this.
 */
import { LANGUAGE_ID } from '../../../common/language';
import type { LargeFile } from '../largeFiles/largeFile';
import type { Probe } from '../largeFiles/probe';

/** The active tab of the active group: the resource it shows, and in which kind of editor. */
export interface ActiveTab {
  readonly uri: string;
  /** A text editor, the extension's gzip editor, or another (diff, notebook, image, webview…). */
  readonly editor: 'text' | 'gzip' | 'other';
}

export interface EditorState {
  readonly tab: ActiveTab | undefined;
  /** The document VS Code shares for the tab (for another kind of editor, the active text editor's), if any. */
  readonly document: { readonly uri: string; readonly languageId: string } | undefined;
  /** What the tab's file is on disk, when VS Code shares no document for it and it is a file. */
  readonly probe: Probe | undefined;
  /** The user said the tab's file is a CloudTrail log (Treat this file…, Open log file…). */
  readonly forced: boolean;
}

export type Target =
  /** Nothing to show: no editor, an editor of something else, or a document VS Code has not handed over yet. */
  | { readonly kind: 'none'; readonly why: 'noEditor' | 'notLog' | 'pending' }
  | { readonly kind: 'document'; readonly uri: string }
  /** A file VS Code does not share: the server reads it from disk. */
  | { readonly kind: 'disk'; readonly uri: string; readonly file: LargeFile };

export function targetOf({ tab, document, probe, forced }: EditorState): Target {
  if (document) return document.languageId === LANGUAGE_ID ? { kind: 'document', uri: document.uri } : { kind: 'none', why: 'notLog' };
  if (!tab) return { kind: 'none', why: 'noEditor' };
  if (tab.editor === 'other') return { kind: 'none', why: 'notLog' };
  switch (probe?.kind) {
    case 'large':
      return probe.file.log || forced ? { kind: 'disk', uri: tab.uri, file: probe.file } : { kind: 'none', why: 'notLog' };
    case 'unreadable':
      return { kind: 'none', why: 'notLog' };
    default:
      // Small: VS Code hands the document over in a moment (or, for gzip, the decompressed editor opens).
      return { kind: 'none', why: 'pending' };
  }
}

/**
 * A folder the view shows, and the log that was active when it was shown, if any: the user just chose the folder
 * over that log, so it does not take the view back until the editor area has shown something else.
 */
export interface ShownFolder {
  readonly folder: string;
  readonly beside: string | undefined;
}

/**
 * What a new look at the editor area does to a shown folder: keeps it, or leaves it for the active log (the view
 * follows the editor, as VS Code's own views do, once a log outside the folder becomes active).
 */
export function folderAfter(shown: ShownFolder, target: Target): ShownFolder | 'leave' {
  if (target.kind === 'none') return target.why === 'pending' ? shown : { folder: shown.folder, beside: undefined };
  if (inFolder(shown.folder, target.uri)) return { folder: shown.folder, beside: undefined };
  return target.uri === shown.beside ? shown : 'leave';
}

/** Whether `uri` (a file, or its decompressed `cloudtrail-gz:` twin) lies in the folder at `folder`. */
export function inFolder(folder: string, uri: string): boolean {
  const base = pathOf(folder).replace(/\/$/, '');
  return pathOf(uri).startsWith(`${base}/`);
}

function pathOf(uri: string): string {
  try {
    return new URL(uri).pathname;
  } catch {
    return uri;
  }
}
