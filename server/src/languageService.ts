/**
 * The one door from the LSP layer to the features: every operation the server offers, as plain
 * functions on text, offsets and parse values. Nothing here knows LSP; lsp/ converts what comes back.
 */
import { type LayoutOptions, prettyPrint } from '../../common/prettyPrint';
import type { FieldKey } from '../../common/filterSyntax';
import type { DetectionRule, EventGroup, ExportResult, FilterProblem, GroupBy, TimelineResult } from '../../common/protocol';
import type { OffsetEdit, Problem } from './cloudtrail/problems';
import type { Finding, RuleInfo } from './detections/ruleSet';
import { type Completion, completionsAt } from './features/completion';
import { type DetectionQuery, detectionRecords, detectionRules } from './features/detectionTree';
import { buildEventTree, placeAt, queryRecords, type RecordPlace, type RecordQuery, syntaxErrorsOf } from './features/eventGroups';
import { eventFilter } from './features/eventFilter';
import { type FilterValue, filterValues } from './features/filterValues';
import { type FixAction, fixAll, quickFixes, type ReportedProblem } from './features/fixes';
import type { IgnoredCodes } from './features/ignoredProblems';
import { foldingRanges, type LineFold } from './features/folding';
import { formatEdits, type FormatRequest } from './features/format';
import { findingsHover } from './features/findingHover';
import { hoverAt, type HoverResult } from './features/hover';
import type { LogFindings } from './detections/logFindings';
import type { RecordSummary } from './features/recordSummary';
import { recordJson, unquotedRecord } from './features/recordText';
import { recordSymbols, type RecordSymbol } from './features/symbols';
import { buildTimeline, type TimelineDetections, type TimelineQuery, timeSpan } from './features/timeline';
import { DiskDetections } from './files/diskDetections';
import { type DiskRecord, PlaceTable } from './files/diskRecord';
import type { RuleSet } from './detections/ruleSet';
import { Interner } from './files/recordColumns';
import { type FolderIndex, type FolderOptions, indexFolder } from './files/folderIndex';
import type { FileStamp } from './files/logSource';
import { readerThreads } from './files/readerPool';
import { InlineRunner, type JobRunner, type ThreadRules } from './files/readJobs';
import { readRecordText } from './files/recordText';
import { type LogRead, readStreamed } from './files/streamedLog';
import { recordAt } from './parse/locate';
import { diskRecordTexts } from './export/diskTexts';
import { type ExportOptions, writeExport } from './export/exportFile';
import type { LogShape, ParsedLog, Span } from './parse/parsedLog';

export type {
  Completion,
  DetectionQuery,
  DiskRecord,
  ExportOptions,
  FileStamp,
  FixAction,
  FolderIndex,
  FormatRequest,
  JobRunner,
  LogRead,
  ThreadRules,
  HoverResult,
  LayoutOptions,
  LineFold,
  OffsetEdit,
  RecordPlace,
  RecordQuery,
  RecordSummary,
  RecordSymbol,
  ReportedProblem,
  TimelineQuery,
};
export type { PlacedProblem } from './files/unitParse';
export { EmptyExport } from './export/exportFile';
export { isOneOf } from './export/exportTarget';
export { PieceLines, type TextPoint } from './files/textPoint';
// The per-version analysis the LSP layer caches, and the problem codes' severities it publishes.
export { type Analysis, LogAnalysis } from './features/logAnalysis';
export { type EditRegion, mergeEdit, type TextChange } from './parse/incremental';
export { PROBLEM_CODES, type Problem, type ProblemCode, type Severity } from './cloudtrail/problems';
export {
  hiddenCounts,
  hiddenProblemsMessage,
  hiddenProblemsNote,
  type IgnoredCodes,
  NO_IGNORED,
  readIgnoredCodes,
  unknownCodesNote,
  withoutIgnored,
} from './features/ignoredProblems';
export type { Span } from './parse/parsedLog';
// Detections: the rules in force, what they find, and where findings are shown.
export type { Finding, RuleInfo, RuleProblem, RuleSet } from './detections/ruleSet';
export type { LogFindings } from './detections/logFindings';
export { documentMarks, type FindingMark } from './detections/findingMarks';
export { type DetectionRulesLoaded, loadDetectionRules } from './detections/loadRules';
export type { Placeholders } from './detections/placeholders';
export { DEFAULT_EXCLUSIONS } from './detections/exclusions';
export { readRuleFile, RULE_FILE, ruleRootProblem } from './detections/ruleFiles';
// The same questions as SQL (issue 15): a filter, a grouping and a rule in Athena, CloudTrail Lake or DuckDB.
export { readRules } from './detections/ruleReader';
export type { SigmaRule } from './detections/sigmaRule';
export { PARTITIONINGS, type Partitioning } from './queries/partitions';
export { type SqlAnswer, sqlFor, type DefaultRange, type SqlTarget } from './queries/sqlQuery';

export interface LanguageService {
  /** Quick fixes for the problems the editor reports, from every problem of the same text. */
  quickFixes<R extends ReportedProblem>(problems: readonly Problem[], reported: readonly R[]): FixAction<R>[];
  /** Every certain fix at once, or null when there is none. */
  fixAll(problems: readonly Problem[]): FixAction<never> | null;
  /** The hover at an offset; on a flagged record's eventName, its findings too. */
  hover(text: string, parsed: ParsedLog, offset: number, findings?: LogFindings): HoverResult | null;
  complete(text: string, parsed: ParsedLog, offset: number): Completion[];
  /** The events view: groups and counts, one page of records, the record at an offset. */
  eventTree(summaries: readonly RecordSummary[], groupBy?: GroupBy, filter?: string): { groups: EventGroup[]; shown: number };
  /** The view filter's terms it cannot read (they keep no record out). */
  filterProblems(filter: string | undefined): readonly FilterProblem[];
  /** The values a log holds for a filter key, most frequent first, for the filter input. */
  filterValues(summaries: readonly RecordSummary[], key: FieldKey, prefix: string, limit: number): FilterValue[];
  records(summaries: readonly RecordSummary[], query: RecordQuery): { total: number; items: RecordSummary[] };
  recordAt(
    parsed: ParsedLog,
    summaries: readonly RecordSummary[],
    offset: number,
    groupBy?: GroupBy,
    filter?: string,
  ): RecordPlace | undefined;
  /** The Detections group: the rules with findings the filter keeps (findings name records by index in `summaries`), highest level first. */
  detections(
    rules: readonly RuleInfo[],
    findings: readonly Finding<number>[],
    summaries: readonly RecordSummary[],
    filter?: string,
  ): DetectionRule[];
  /** One page of the records a rule, or one of its correlation findings, flagged. */
  detectionRecords(
    rules: readonly RuleInfo[],
    findings: readonly Finding<number>[],
    summaries: readonly RecordSummary[],
    query: DetectionQuery,
  ): { total: number; items: RecordSummary[] };
  /** The timeline: the records the filter keeps, counted per interval and stacked; findings name records by index in `summaries`. */
  /** Marks the findings of rules at TIMELINE_MIN_LEVEL or above. */
  timeline(summaries: readonly RecordSummary[], query: TimelineQuery, detections?: TimelineDetections): TimelineResult;
  /** The records' span of time (after: the first, before: just after the last), for a rule's SQL; undefined when none has a time. */
  timeSpan(summaries: readonly RecordSummary[]): { after: number; before: number } | undefined;
  /** A broken file's JSON errors: how many, and the first. */
  syntaxErrors(parsed: ParsedLog, ignore?: IgnoredCodes): { readonly count: number; readonly first: Span } | undefined;
  documentSymbols(summaries: readonly RecordSummary[]): RecordSymbol[];
  /** At most `limit` folds, given the line of an offset. */
  foldingRanges(folds: readonly number[], limit: number, lineAt: (offset: number) => number): LineFold[];
  /** Format Document and Format Selection: edits that change white space only; undefined when cancelled. */
  format(text: string, shape: LogShape, request: FormatRequest): Promise<OffsetEdit[] | undefined>;
  /** A text laid out one value a line, white space only changed (the formatter's layout). */
  layout(text: string, options: LayoutOptions): string;
  /** The JSON text of the record at an index (RecordItem.index), as the log holds it. */
  recordJson(text: string, parsed: ParsedLog, index: number): string | undefined;
  /** The index of the record at an offset. */
  recordIndexAt(parsed: ParsedLog, offset: number): number | undefined;
  /** Threads to read logs from disk on (one per core), for one read of `bytes` (if known), asking `rules` of each record; close them after it. */
  readerThreads(bytes?: number, rules?: ThreadRules): JobRunner;
  /** Reads every log under a folder on disk, records sorted by time; undefined when cancelled. */
  readFolder(root: string, options: FolderReadOptions): Promise<FolderIndex | undefined>;
  /** Reads one log file from disk, streamed, its records checked; undefined when cancelled. */
  readLogFile(file: string, options: ReadFileOptions): Promise<LogRead | undefined>;
  /** A record's text, read back from its file (decoded when the log carries it in a string); undefined when the file has changed since. */
  recordText(stamp: FileStamp, record: DiskRecord): Promise<string | undefined>;
  /** Records' texts read back from their files, in the order given, each file read forward once; undefined for a record whose file has changed. */
  diskRecordTexts(records: readonly DiskRecord[], stamp: (uri: string) => FileStamp | undefined): AsyncIterable<string | undefined>;
  /** Writes records (their texts come in the same order) as CSV, JSON Lines or a CloudTrail log, redacted if asked; undefined when cancelled. */
  writeExport(
    selected: readonly RecordSummary[],
    texts: AsyncIterable<string | undefined>,
    options: ExportOptions,
  ): Promise<ExportResult | undefined>;
}

/** A folder's read: its threads and progress, and the rule set the threads were started with. */
export type FolderReadOptions = Omit<FolderOptions, 'detections'> & { readonly rules?: RuleSet };

export interface ReadFileOptions {
  /** The rule set the runner's threads were started with: their matches are collected against it. */
  readonly rules?: RuleSet;
  readonly runner: JobRunner;
  /** The file's URI, which its records carry. */
  readonly uri: string;
  onBytes?(read: number, total: number): void;
  isCancelled?(): boolean;
}

function hoverWithFindings(text: string, parsed: ParsedLog, offset: number, findings?: LogFindings): HoverResult | null {
  const hover = hoverAt(text, parsed, offset);
  const found = findings && findingsHover(text, parsed, findings, offset);
  if (!found) return hover;
  return hover ? { ...hover, markdown: `${hover.markdown}\n\n---\n\n${found.markdown}` } : found;
}

/** Where a disk read's matches go, when it asks rules. */
function detectionsFor(rules: RuleSet | undefined): { detections?: DiskDetections } {
  return rules && !rules.empty ? { detections: new DiskDetections(rules) } : {};
}

/** A file smaller than this is read on the main thread. */
const SMALL_FILE_BYTES = 1024 * 1024;

export function getLanguageService(): LanguageService {
  return {
    quickFixes,
    fixAll,
    hover: hoverWithFindings,
    complete: completionsAt,
    eventTree: buildEventTree,
    filterProblems: (filter) => eventFilter(filter).problems,
    filterValues,
    records: queryRecords,
    recordAt: placeAt,
    detections: detectionRules,
    detectionRecords,
    timeline: buildTimeline,
    timeSpan,
    syntaxErrors: syntaxErrorsOf,
    documentSymbols: recordSymbols,
    foldingRanges,
    format: formatEdits,
    layout: prettyPrint,
    recordJson,
    recordIndexAt: (parsed, offset) => recordAt(parsed, offset)?.index,
    // Starting threads costs more than reading a small file on this one.
    readerThreads: (bytes, rules) =>
      bytes !== undefined && bytes < SMALL_FILE_BYTES ? new InlineRunner(rules?.set) : readerThreads(rules),
    readFolder: (root, { rules, ...options }) => indexFolder(root, { ...options, ...detectionsFor(rules) }),
    readLogFile: (file, { rules, ...options }) =>
      readStreamed(file, { ...options, interner: new Interner(), table: new PlaceTable(), validate: true, ...detectionsFor(rules) }),
    recordText: async (stamp, record) => {
      const raw = await readRecordText(stamp, record);
      return raw === undefined ? undefined : unquotedRecord(raw);
    },
    diskRecordTexts,
    writeExport,
  };
}
