/**
 * What the events view shows for a URI: an open document, or a folder or a file read from disk by
 * cloudtrail/openLog. The service makes each into one model (features/shownLog.ts); here it is kept per URI and
 * its places turned into the ranges each record's item carries. An open document wins over a file of the same
 * URI read from disk.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { DEFAULT_PAGE, MAX_PAGE, type RecordItem, type RecordsParams } from '../../../common/protocol';
import type {
  FolderIndex,
  LanguageService,
  RecordQuery,
  RecordSummary,
  RuleSet,
  ShownLog,
  ShownPlace,
  StreamedFile,
} from '../languageService';
import type { Analysis } from './documentCache';
import { toRecordItem, toShownRange } from './convert';

/** A shown log, with its places as the editor's ranges. */
export interface ViewLog extends ShownLog {
  item(summary: RecordSummary): RecordItem;
  range(place: ShownPlace): Range;
}

interface FromDisk<R> {
  readonly read: R;
  readonly shown: ShownLog;
}

export class ShownLogs {
  /** Folders read into the events view, by folder URI. */
  private readonly folders = new Map<string, FromDisk<FolderIndex>>();
  /** Files read from disk on their own, by file URI. */
  private readonly files = new Map<string, FromDisk<StreamedFile>>();

  constructor(
    private readonly service: LanguageService,
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly analyse: (document: TextDocument) => Analysis,
  ) {}

  addFolder(uri: string, index: FolderIndex): void {
    this.files.delete(uri);
    this.folders.set(uri, { read: index, shown: this.service.shownFolder(index) });
  }

  addFile(uri: string, log: StreamedFile): void {
    this.folders.delete(uri);
    this.files.set(uri, { read: log, shown: this.service.shownFile(log) });
  }

  /** The file read from disk on its own at `uri`, if any. */
  file(uri: string): StreamedFile | undefined {
    return this.files.get(uri)?.read;
  }

  /** Whether a folder or file read from disk is shown at `uri`. */
  shows(uri: string): boolean {
    return this.files.has(uri) || this.folders.has(uri);
  }

  /** The URIs of every folder and file read from disk. */
  diskUris(): string[] {
    return [...this.folders.keys(), ...this.files.keys()];
  }

  /** The URIs of the files read from disk on their own. */
  fileUris(): string[] {
    return [...this.files.keys()];
  }

  /** The URIs of every log file shown from disk: each file read on its own, and each file of a folder read (read or not). */
  logFileUris(): string[] {
    const folders = [...this.folders.values()].map((f) => f.read);
    return [...this.files.keys(), ...folders.flatMap((f) => [...f.stamps.keys(), ...f.failed.map((failed) => failed.uri)])];
  }

  /** The client no longer shows the folder or file: its records can go. */
  closeFolder(uri: string): void {
    this.folders.delete(uri);
    this.files.delete(uri);
  }

  /**
   * What the view shows at `uri`; an open document's findings are those of `rules` (a disk read's, of the rules it
   * was read with), worked out in slices that let other requests in.
   */
  async get(uri: string, rules?: RuleSet): Promise<ViewLog | undefined> {
    const open = this.document(uri);
    if (open) return inView(this.service, await this.ofDocument(open, this.analyse(open), rules), open);
    const shown = (this.files.get(uri) ?? this.folders.get(uri))?.shown;
    return shown && inView(this.service, shown);
  }

  private async ofDocument(document: TextDocument, analysis: Analysis, rules: RuleSet | undefined): Promise<ShownLog> {
    const version = document.version;
    // Edited meanwhile: the answer is of this version, without findings (the view asks again for the next).
    const found =
      rules && !rules.empty ? await analysis.detectionsInSlices(rules, document.getText(), () => document.version !== version) : undefined;
    // The document is updated in place: after an edit this analysis is not of its text.
    const text = () => (document.version === version ? document.getText() : undefined);
    return this.service.shownDocument({ version, text }, analysis, found);
  }
}

/** A shown log with its places as ranges: in the open document, or lines in a file on disk. */
function inView(service: LanguageService, log: ShownLog, document?: TextDocument): ViewLog {
  const range = (place: ShownPlace) => toShownRange(place, document);
  return {
    ...log,
    range,
    item: (s) => {
      // The summaries asked about are the log's own: each has its place.
      const place = log.place(s.index)!;
      return toRecordItem(s, range(place), 'uri' in place ? place.uri : undefined, service.actorOf(log.summaries, s));
    },
  };
}

/** A records request as the features take it: with groupBy `level` the level names the group; pages are capped. */
export function recordQuery(params: RecordsParams): RecordQuery {
  const groupBy = params.groupBy ?? 'level';
  const group = groupBy === 'level' ? (params.level ?? params.group) : params.group;
  return {
    groupBy,
    ...(group !== undefined ? { group } : {}),
    ...(params.eventName !== undefined ? { eventName: params.eventName } : {}),
    ...(params.eventSource !== undefined ? { eventSource: params.eventSource } : {}),
    ...(typeof params.session === 'string' ? { session: params.session } : {}),
    ...(params.filter ? { filter: params.filter } : {}),
    offset: params.offset ?? 0,
    limit: Math.min(Math.max(1, params.limit ?? DEFAULT_PAGE), MAX_PAGE),
  };
}
