/**
 * What the events view shows for a URI: an open document's records, or a folder's or a file's read from
 * disk by cloudtrail/openLog, with the ranges each record's item carries. An open document wins over
 * a file of the same URI read from disk.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { DEFAULT_PAGE, MAX_PAGE, type RecordItem, type RecordsParams } from '../../../common/protocol';
import type {
  DiskRecord,
  Finding,
  FolderIndex,
  IgnoredCodes,
  LanguageService,
  StreamedFile,
  ProblemCode,
  RecordQuery,
  RecordSummary,
  RuleInfo,
  RuleSet,
} from '../languageService';
import type { Analysis } from './documentCache';
import { diskRange, placedRange, toRange, toRecordItem } from './convert';

export interface ShownLog {
  /** The document version the records are of; 0 for a log read from disk. */
  readonly version: number;
  readonly summaries: readonly RecordSummary[];
  item(summary: RecordSummary): RecordItem;
  /** Its problems as the view tells of them, those of `ignore`'s codes left out; a folder's files have none here. */
  problems(ignore: IgnoredCodes): ShownProblems;
  /** The JSON text of record `index` (as RecordItem.index numbers them), in any layout: an open document's, or read back from disk. */
  recordText?(index: number): Promise<string | undefined>;
  /** The JSON texts of many of its records, in the order given (an export's): a document's as it is now, a disk read's each file read once. */
  recordTexts(records: readonly RecordSummary[]): AsyncIterable<string | undefined>;
  /** What the rules found, findings naming records by index; absent when no rule ran. */
  readonly detections?: ShownDetections;
}

export interface ShownProblems {
  /** When the file has JSON errors: how many, and where the first one is. */
  readonly syntaxErrors?: { readonly count: number; readonly first: Range };
  /** How many problems of each ignored code the log has. */
  readonly hidden: ReadonlyMap<ProblemCode, number>;
}

export interface ShownDetections {
  readonly rules: readonly RuleInfo[];
  readonly findings: readonly Finding[];
}

type DiskFindings = StreamedFile['detections'];

/** A disk read's findings by record index (a folder's records are indexed once sorted), worked out once. */
const indexed = new WeakMap<NonNullable<DiskFindings>, ShownDetections>();

function byIndex(detections: DiskFindings): ShownDetections | undefined {
  if (!detections) return undefined;
  let shown = indexed.get(detections);
  if (!shown) {
    const findings = detections.findings().map((f) => ({ ...f, records: f.records.map((r) => r.index) }));
    indexed.set(detections, (shown = { rules: detections.set.rules, findings }));
  }
  return shown;
}

export class ShownLogs {
  /** Folders read into the events view, by folder URI. */
  private readonly folders = new Map<string, FolderIndex>();
  /** Files read from disk on their own, by file URI. */
  private readonly files = new Map<string, StreamedFile>();

  constructor(
    private readonly service: LanguageService,
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly analyse: (document: TextDocument) => Analysis,
  ) {}

  addFolder(uri: string, index: FolderIndex): void {
    this.files.delete(uri);
    this.folders.set(uri, index);
  }

  addFile(uri: string, log: StreamedFile): void {
    this.folders.delete(uri);
    this.files.set(uri, log);
  }

  /** The file read from disk on its own at `uri`, if any. */
  file(uri: string): StreamedFile | undefined {
    return this.files.get(uri);
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
    const folders = [...this.folders.values()];
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
  async get(uri: string, rules?: RuleSet): Promise<ShownLog | undefined> {
    const open = this.document(uri);
    if (open) return this.ofDocument(open, this.analyse(open), rules);
    const file = this.files.get(uri);
    if (file) return this.ofFile(file);
    const folder = this.folders.get(uri);
    return folder && this.ofFolder(folder);
  }

  private ofFile(read: StreamedFile): ShownLog {
    const detections = byIndex(read.detections);
    return {
      version: 0,
      summaries: read.records,
      ...(detections ? { detections } : {}),
      item: (s) => toRecordItem(s, diskRange(s as DiskRecord)),
      problems: (ignore) => {
        const errors = read.problems.syntaxErrors(ignore);
        return {
          hidden: read.problems.hidden(ignore),
          ...(errors ? { syntaxErrors: { count: errors.count, first: placedRange(errors.first) } } : {}),
        };
      },
      recordText: async (index) => {
        const record = read.records[index];
        return record && this.service.recordText(read.stamp, record);
      },
      recordTexts: (records) => this.service.diskRecordTexts(records as DiskRecord[], () => read.stamp),
    };
  }

  private ofFolder(folder: FolderIndex): ShownLog {
    // A folder's records each carry the file they are in; their ranges are in that file.
    const item = (s: RecordSummary) => {
      const record = s as DiskRecord;
      return toRecordItem(record, diskRange(record), record.uri);
    };
    const recordText = async (index: number) => {
      const record = folder.records[index];
      const stamp = record && folder.stamps.get(record.uri);
      return stamp && this.service.recordText(stamp, record);
    };
    const recordTexts = (records: readonly RecordSummary[]) =>
      this.service.diskRecordTexts(records as DiskRecord[], (uri) => folder.stamps.get(uri));
    const detections = byIndex(folder.detections);
    const problems = () => ({ hidden: new Map<ProblemCode, number>() });
    return { version: 0, summaries: folder.records, item, problems, recordText, recordTexts, ...(detections ? { detections } : {}) };
  }

  private async ofDocument(document: TextDocument, analysis: Analysis, rules: RuleSet | undefined): Promise<ShownLog> {
    const version = document.version;
    // Edited meanwhile: the answer is of this version, without findings (the view asks again for the next).
    const found =
      rules && !rules.empty ? await analysis.detectionsInSlices(rules, document.getText(), () => document.version !== version) : undefined;
    return {
      version,
      summaries: analysis.summaries,
      ...(found ? { detections: { rules: found.set.rules, findings: found.findings } } : {}),
      item: (s) => toRecordItem(s, toRange(document, s)),
      // The document is updated in place: after an edit this analysis is not of its text.
      recordText: async (index) =>
        document.version === version ? this.service.recordJson(document.getText(), analysis.parsed, index) : undefined,
      recordTexts: (records) =>
        documentTexts(this.service, document.version === version ? document.getText() : undefined, analysis, records),
      problems: (ignore) => {
        const errors = this.service.syntaxErrors(analysis.parsed, ignore);
        // Counted from every problem only when some code is ignored: the check has worked them out already.
        const hidden = ignore.size > 0 ? this.service.hiddenCounts(analysis.allProblems, ignore) : new Map<ProblemCode, number>();
        return { hidden, ...(errors ? { syntaxErrors: { count: errors.count, first: toRange(document, errors.first) } } : {}) };
      },
    };
  }
}

/** Records' texts from a document's text (taken once: an edit meanwhile does not mix versions); none when it has moved on. */
async function* documentTexts(
  service: LanguageService,
  text: string | undefined,
  analysis: Analysis,
  records: readonly RecordSummary[],
): AsyncGenerator<string | undefined> {
  for (const record of records) yield text === undefined ? undefined : service.recordJson(text, analysis.parsed, record.index);
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
    ...(params.filter ? { filter: params.filter } : {}),
    offset: params.offset ?? 0,
    limit: Math.min(Math.max(1, params.limit ?? DEFAULT_PAGE), MAX_PAGE),
  };
}
