/**
 * The one door from the LSP layer to the features: every operation the server offers, as plain
 * functions on text, offsets and parse values. Nothing here knows LSP; lsp/ converts what comes back.
 */
import { type LayoutOptions, prettyPrint } from '../../common/prettyPrint';
import type { FieldKey } from '../../common/filterSyntax';
import type { DetectionRule, EventGroup, ExportResult, FilterProblem, GroupBy, TimelineResult } from '../../common/protocol';
import { type OffsetEdit, type Problem, PROBLEM_CODES, type ProblemCode, type Severity } from './cloudtrail/problems';
import { type Completion, completionsAt } from './features/completion';
import { detectionRules } from './features/detectionTree';
import { buildEventTree, placeAt, type RecordPlace, type RecordQuery, syntaxErrorsOf } from './features/eventGroups';
import { eventFilter } from './features/eventFilter';
import { type FilterValue, filterValues } from './features/filterValues';
import { type FixAction, fixAll, quickFixes, type ReportedProblem } from './features/fixes';
import { hiddenCounts, hiddenProblemsMessage, type IgnoredCodes } from './features/ignoredProblems';
import { foldingRanges, type LineFold } from './features/folding';
import { formatEdits, type FormatRequest } from './features/format';
import type { HoverResult } from './features/hover';
import { type HoverAbout, hoverWithFindings } from './features/logHover';
import { defaultSince, firstSeenWithIds } from './features/firstSeen';
import type { FirstSeenField, FirstSeenItem, ResolvedActor } from '../../common/actorProtocol';
import { resolveActors } from './features/actorSessions';
import type { LogFindings } from './detections/logFindings';
import { documentMarks, type FindingMark } from './detections/findingMarks';
import { type DetectionRulesLoaded, loadDetectionRules, type RuleOptions, rulesOfFile } from './detections/loadRules';
import type { Placeholders } from './detections/placeholders';
import { type RuleWatch, ruleWatches } from './detections/ruleFiles';
import type { Finding, RuleInfo, RuleProblem, RuleSet } from './detections/ruleSet';
import type { SigmaRule } from './detections/sigmaRule';
import type { RecordSummary } from './features/recordSummary';
import { unquotedRecord } from './features/recordText';
import { diskLog, documentLog, nodeRecords, type ShownLog, type ShownNode, type ShownPlace, type ShownText } from './features/shownLog';
import { recordSymbols, type RecordSymbol } from './features/symbols';
import { type ChainLink, type Credential, principalOf, SessionIndex } from './features/sessionChain';
import { buildTimeline, type TimelineQuery, timeSpan } from './features/timeline';
import { DiskDetections } from './files/diskDetections';
import { type DiskRecord, PlaceTable } from './files/diskRecord';
import { Interner } from './files/recordColumns';
import { type FolderIndex, type FolderOptions, indexFolder } from './files/folderIndex';
import type { FileStamp } from './files/logSource';
import { readerThreads } from './files/readerPool';
import { InlineRunner, type JobRunner, type ThreadRules } from './files/readJobs';
import { readRecordText } from './files/recordReadBack';
import { onJsReader, type StreamedFile, readStreamed } from './files/streamedLog';
import { recordAt } from './parse/locate';
import { diskRecordTexts } from './export/diskTexts';
import { EmptyExport, type ExportOptions, writeExport } from './export/exportFile';
import { isOneOf } from './export/exportTarget';
import { type Analysis, LogAnalysis } from './features/logAnalysis';
import { PieceLines, type TextPoint } from './files/textPoint';
import { type EditRegion, mergeEdit, type TextChange } from './parse/incremental';
import { type DefaultRange, type SqlAnswer, sqlFor, type SqlRequest, type SqlTarget } from './queries/sqlQuery';
import { type DetectionSettings, MAX_ACCOUNTS, readServerSettings, type ServerSettings } from './settings/serverSettings';
import { withAccountsFile } from './settings/accountNames';
import { type IntegrityRun, verifyWithKeyFile } from './integrity/folderIntegrity';
import type { VerifyIntegrityResult } from '../../common/integrityProtocol';
import { accountNamesOf, withAccountNames, withGroupAccountNames } from './features/accountTerms';
import type { LogShape, ParsedLog, Span } from './parse/parsedLog';
import { type ReportOptions, writeReport } from './report/writeReport';
import type { ReportFormat } from '../../common/reportProtocol';

export type {
  Analysis,
  ChainLink,
  Credential,
  Completion,
  DetectionRulesLoaded,
  DetectionSettings,
  DiskRecord,
  EditRegion,
  ExportOptions,
  FileStamp,
  Finding,
  FindingMark,
  FixAction,
  FolderIndex,
  FormatRequest,
  HoverResult,
  IgnoredCodes,
  JobRunner,
  LayoutOptions,
  LineFold,
  LogFindings,
  StreamedFile,
  OffsetEdit,
  Placeholders,
  Problem,
  ProblemCode,
  RecordPlace,
  RecordQuery,
  RecordSummary,
  RecordSymbol,
  ReportedProblem,
  ReportOptions,
  RuleInfo,
  RuleOptions,
  RuleProblem,
  RuleSet,
  RuleWatch,
  ServerSettings,
  Severity,
  SigmaRule,
  Span,
  SqlAnswer,
  SqlRequest,
  DefaultRange,
  ShownLog,
  ShownNode,
  ShownPlace,
  ShownText,
  SqlTarget,
  TextChange,
  TextPoint,
  ThreadRules,
  TimelineQuery,
};
export type { PlacedProblem } from './files/unitParse';
export type { HoverAbout } from './features/logHover';

/** An export that wrote no record (the target left as it was), and why. */
export interface EmptyExportResult {
  readonly empty: string;
}

export interface LanguageService {
  /** A document's version, read whole: its parse, problems, summaries and what rules find in it. */
  analyse(version: number, text: string): Analysis;
  /** The region the edits since an analysed version cover, with one more edit. */
  mergeEdit(region: EditRegion | undefined, change: TextChange): EditRegion;
  /** Places (line, character) of offsets in a text, its line breaks found once, on first use. */
  lines(text: string): { pointAt(offset: number): TextPoint };
  /** How serious a problem of a code is. */
  severity(code: ProblemCode): Severity;
  /** How many problems of each ignored code there are, and the note that says so. */
  hiddenCounts(problems: readonly Pick<Problem, 'code'>[], ignore: IgnoredCodes): Map<ProblemCode, number>;
  hiddenProblemsMessage(hidden: ReadonlyMap<ProblemCode, number>): string;
  /** Where an open document's findings are shown, at most `limit`. */
  findingMarks(findings: LogFindings, parsed: ParsedLog, text: string, limit: number): FindingMark[];
  /** The `cloudtrail` settings as the client sent them, typed, defaults for the rest; `note` hears of entries left out. */
  readSettings(raw: unknown, note?: (message: string) => void): ServerSettings;
  /** The settings with `cloudtrail.accountsFile`'s account names added; `resolve` makes its path absolute. */
  withAccountsFile(
    settings: ServerSettings,
    resolve: (written: string) => string,
    note: (message: string) => void,
  ): Promise<ServerSettings>;
  /** A filter whose `account:` terms also match the accounts' names (features/accountTerms.ts). */
  withAccountNames(filter: string | undefined, names: ReadonlyMap<string, string>): string | undefined;
  /** The names of a record's accounts, for the view's tooltip. */
  accountNamesOf(record: RecordSummary, names: ReadonlyMap<string, string>): { accountNames?: { account?: string; recipient?: string } };
  /** The tree's groups with account names beside the IDs their labels show (an AWS account, an actor's ARN). */
  withGroupAccountNames(groups: readonly EventGroup[], groupBy: GroupBy, names: ReadonlyMap<string, string>): EventGroup[];
  /** The rules in force: the pack's and the user's files, read and compiled. */
  loadRules(options: RuleOptions): Promise<DetectionRulesLoaded>;
  /** What to watch for the rule files and folders named. */
  ruleWatches(paths: readonly string[]): RuleWatch[];
  /** The rules of a file not among those in force, read as they are, or why there are none. */
  rulesOfFile(file: string): Promise<readonly SigmaRule[] | string>;
  /** A filter, a grouping and a rule as SQL in one dialect, or why it cannot be written. */
  sql(request: SqlRequest): SqlAnswer;
  /** Whether `target` is one of `files`, however either path is written (links followed). */
  isOneOf(target: string, files: readonly string[]): Promise<boolean>;
  /** Quick fixes for the problems the editor reports, from every problem of the same text. */
  quickFixes<R extends ReportedProblem>(problems: readonly Problem[], reported: readonly R[]): FixAction<R>[];
  /** Every certain fix at once, or null when there is none. */
  fixAll(problems: readonly Problem[]): FixAction<never> | null;
  /** The hover at an offset; on a flagged record's eventName, its findings too; on a touched value, the records touching it; on a credential, its session chain. */
  hover(text: string, parsed: ParsedLog, offset: number, findings?: LogFindings, about?: HoverAbout): HoverResult | null;
  complete(text: string, parsed: ParsedLog, offset: number): Completion[];
  /** What the events view shows of an open document's version, with what the rules found in it. */
  shownDocument(document: ShownText, analysis: Analysis, found?: LogFindings): ShownLog;
  /** What the events view shows of a log file read from disk, made once per read. */
  shownFile(read: StreamedFile): ShownLog;
  /** What the events view shows of a folder read from disk, made once per read. */
  shownFolder(folder: FolderIndex): ShownLog;
  /** The events view: groups and counts, one page of records, the record at an offset. */
  eventTree(log: ShownLog, groupBy?: GroupBy, filter?: string): { groups: EventGroup[]; shown: number };
  /** The view filter's terms it cannot read (they keep no record out). */
  filterProblems(filter: string | undefined): readonly FilterProblem[];
  /** The values a log holds for a filter key, most frequent first, for the filter input. */
  filterValues(log: ShownLog, key: FieldKey, prefix: string, limit: number): FilterValue[];
  /** One page of the records a node of the view holds: a Detections rule's or finding's, or a group's or event's. */
  nodeRecords(log: ShownLog, node: ShownNode, query: RecordQuery): { total: number; items: RecordSummary[] };
  recordAt(
    parsed: ParsedLog,
    summaries: readonly RecordSummary[],
    offset: number,
    groupBy?: GroupBy,
    filter?: string,
  ): RecordPlace | undefined;
  /** The Detections group: the rules with findings the filter keeps, highest level first; none when no rule ran. */
  detections(log: ShownLog, filter?: string): DetectionRule[];
  /** The timeline: the records the filter keeps, counted per interval and stacked; marks the findings of rules at TIMELINE_MIN_LEVEL or above. */
  timeline(log: ShownLog, query: TimelineQuery): TimelineResult;
  /** The log's span of time (after: the first record, before: just after the last), for a rule's SQL; undefined when none has a time. */
  timeSpan(log: ShownLog): { after: number; before: number } | undefined;
  /** A credential's session chain in a shown log: its identity, each issuer, the origin last; empty when unknown. */
  sessionChain(log: ShownLog, credential: Credential): ChainLink[];
  /** Whom a record's session chain leads back to, when that is not its own ARN (or name); undefined otherwise. */
  actorOf(summaries: readonly RecordSummary[], summary: RecordSummary): string | undefined;
  /** Each actor's values of a field first seen at or after `since` (ms), none before, with the first record's eventID. */
  firstSeen(log: ShownLog, field: FirstSeenField, since: number): Promise<FirstSeenItem[]>;
  /** The investigation report of what the view shows of a log with its filter, as an HTML page or Markdown. */
  report(log: ShownLog, format: ReportFormat, options: ReportOptions): Promise<string>;
  /** The start of the last tenth of a log's span of time: what "new" means by default; undefined when nothing has a time. */
  newSince(log: ShownLog): number | undefined;
  /** The sessions each `actor:` term of a filter stands for in a shown log, for its SQL and jq; none without such terms. */
  actorSessions(log: ShownLog, filter: string | undefined): ResolvedActor[];
  /** A broken file's JSON errors: how many, and the first. */
  syntaxErrors(parsed: ParsedLog, ignore?: IgnoredCodes): { readonly count: number; readonly first: Span } | undefined;
  documentSymbols(summaries: readonly RecordSummary[]): RecordSymbol[];
  /** At most `limit` folds, given the line of an offset. */
  foldingRanges(folds: ArrayLike<number>, limit: number, lineAt: (offset: number) => number): LineFold[];
  /** Format Document and Format Selection: edits that change white space only; undefined when cancelled. */
  format(text: string, shape: LogShape, request: FormatRequest): Promise<OffsetEdit[] | undefined>;
  /** A text laid out one value a line, white space only changed (the formatter's layout). */
  layout(text: string, options: LayoutOptions): string;
  /** The index of the record at an offset. */
  recordIndexAt(parsed: ParsedLog, offset: number): number | undefined;
  /** Threads to read logs from disk on (one per core), for one read of `bytes` (if known), asking `rules` of each record; close them after it. */
  readerThreads(bytes?: number, rules?: ThreadRules): JobRunner;
  /** Reads every log under a folder on disk, records sorted by time; undefined when cancelled. */
  readFolder(root: string, options: FolderReadOptions): Promise<FolderIndex | undefined>;
  /** An evidence folder checked offline against its digests with a list-public-keys file's keys; undefined when cancelled. */
  verifyIntegrity(folder: string, keysFile: string | undefined, options: IntegrityRun): Promise<VerifyIntegrityResult | undefined>;
  /** Reads one log file from disk, streamed, its records checked; undefined when cancelled. */
  readLogFile(file: string, options: ReadFileOptions): Promise<StreamedFile | undefined>;
  /** Where the server says, once, that a log was read by the JavaScript reader rather than the WebAssembly scanner. */
  onJsReader(say: (message: string) => void): void;
  /**
   * Writes records (their texts come in the same order) as CSV, JSON Lines or a CloudTrail log, redacted if asked; undefined
   * when cancelled, `empty` when no record could be written; throws when the file cannot be.
   */
  writeExport(
    selected: readonly RecordSummary[],
    texts: AsyncIterable<string | undefined>,
    options: ExportOptions,
  ): Promise<ExportResult | EmptyExportResult | undefined>;
}

/** A folder's read: its threads (which carry the rules they ask) and progress. */
export type FolderReadOptions = Omit<FolderOptions, 'detections'>;

export interface ReadFileOptions {
  /** The threads, which carry the rules they ask: their matches are collected against that set. */
  readonly runner: JobRunner;
  /** The file's URI, which its records carry. */
  readonly uri: string;
  onBytes?(read: number, total: number): void;
  isCancelled?(): boolean;
}

/** Where a disk read's matches go, when it asks rules. */
function detectionsFor(rules: RuleSet | undefined): { detections?: DiskDetections } {
  return rules && !rules.empty ? { detections: new DiskDetections(rules) } : {};
}

/** Where a record of a log read from disk is: lines in its file. */
function linesOf(record: DiskRecord): ShownPlace {
  return { from: { line: record.fromLine, character: record.fromCharacter }, to: { line: record.toLine, character: record.toCharacter } };
}

/** A record's text read back from its file (decoded when the log carries it in a string); undefined when the file has changed since. */
async function readBack(stamp: FileStamp, record: DiskRecord): Promise<string | undefined> {
  const raw = await readRecordText(stamp, record);
  return raw === undefined ? undefined : unquotedRecord(raw);
}

function shownFile(read: StreamedFile): ShownLog {
  return diskLog({
    records: read.records,
    placeOf: linesOf,
    problems: {
      syntaxErrors: (ignore) => {
        const errors = read.problems.syntaxErrors(ignore);
        return errors && { count: errors.count, first: { from: errors.first.from, to: errors.first.to } };
      },
      hidden: (ignore) => read.problems.hidden(ignore),
    },
    ...(read.detections ? { detections: read.detections } : {}),
    recordText: (record) => readBack(read.stamp, record),
    recordTexts: (records) => diskRecordTexts(records, () => read.stamp),
    sources: () => [{ bytes: read.stamp.size }],
  });
}

function shownFolder(folder: FolderIndex): ShownLog {
  return diskLog({
    records: folder.records,
    // A folder's records each carry the file they are in; their places are in that file.
    placeOf: (record) => ({ ...linesOf(record), uri: record.uri }),
    ...(folder.detections ? { detections: folder.detections } : {}),
    recordText: async (record) => {
      const stamp = folder.stamps.get(record.uri);
      return stamp && readBack(stamp, record);
    },
    recordTexts: (records) => diskRecordTexts(records, (uri) => folder.stamps.get(uri)),
    sources: () => [...folder.stamps].map(([uri, stamp]) => ({ uri, bytes: stamp.size })),
  });
}

/** The export, or why nothing was written. */
async function exportOrEmpty(
  selected: readonly RecordSummary[],
  texts: AsyncIterable<string | undefined>,
  options: ExportOptions,
): Promise<ExportResult | EmptyExportResult | undefined> {
  try {
    return await writeExport(selected, texts, options);
  } catch (error) {
    if (error instanceof EmptyExport) return { empty: error.message };
    throw error;
  }
}

const LINE_START = { line: 0, character: 0 };

/** A file smaller than this is read on the main thread. */
const SMALL_FILE_BYTES = 1024 * 1024;

export function getLanguageService(): LanguageService {
  return {
    analyse: (version, text) => LogAnalysis.of(version, text),
    mergeEdit,
    lines: (text) => new PieceLines(text, LINE_START),
    severity: (code) => PROBLEM_CODES[code].severity,
    hiddenCounts,
    hiddenProblemsMessage,
    findingMarks: documentMarks,
    readSettings: readServerSettings,
    withAccountsFile: (settings, resolve, note) => withAccountsFile(settings, resolve, note, MAX_ACCOUNTS),
    withAccountNames,
    accountNamesOf,
    withGroupAccountNames,
    loadRules: loadDetectionRules,
    ruleWatches,
    rulesOfFile,
    sql: sqlFor,
    isOneOf,
    quickFixes,
    fixAll,
    hover: hoverWithFindings,
    complete: completionsAt,
    shownDocument: documentLog,
    shownFile,
    shownFolder,
    eventTree: (log, groupBy, filter) => buildEventTree(log.summaries, groupBy, filter),
    filterProblems: (filter) => eventFilter(filter).problems,
    filterValues: (log, key, prefix, limit) => filterValues(log.summaries, key, prefix, limit),
    nodeRecords,
    recordAt: placeAt,
    detections: (log, filter) =>
      log.detections ? detectionRules(log.detections.rules, log.detections.findings, log.summaries, filter) : [],
    timeline: (log, query) => buildTimeline(log.summaries, query, log.detections),
    timeSpan: (log) => timeSpan(log.summaries),
    sessionChain: (log, credential) => SessionIndex.of(log.summaries).chain(credential),
    firstSeen: firstSeenWithIds,
    newSince: (log) => defaultSince(timeSpan(log.summaries)),
    report: writeReport,
    actorSessions: (log, filter) => resolveActors(log.summaries, filter),
    actorOf: (summaries, summary) => {
      const actor = SessionIndex.of(summaries).actorOf(summary);
      return actor === principalOf(summary) ? undefined : actor;
    },
    syntaxErrors: syntaxErrorsOf,
    documentSymbols: recordSymbols,
    foldingRanges,
    format: formatEdits,
    layout: prettyPrint,
    recordIndexAt: (parsed, offset) => recordAt(parsed, offset)?.index,
    // Starting threads costs more than reading a small file on this one.
    readerThreads: (bytes, rules) =>
      bytes !== undefined && bytes < SMALL_FILE_BYTES ? new InlineRunner(rules?.set) : readerThreads(rules),
    readFolder: (root, options) => indexFolder(root, { ...options, ...detectionsFor(options.runner.rules) }),
    readLogFile: (file, options) =>
      readStreamed(file, {
        ...options,
        interner: new Interner(),
        table: new PlaceTable(),
        validate: true,
        ...detectionsFor(options.runner.rules),
      }),
    onJsReader,
    // Digests read and logs hashed on reading threads of their own, closed when the check ends.
    verifyIntegrity: async (folder, keysFile, run) => {
      const runner = readerThreads();
      try {
        return await verifyWithKeyFile(folder, keysFile, { ...run, runner });
      } finally {
        runner.close();
      }
    },
    writeExport: exportOrEmpty,
  };
}
