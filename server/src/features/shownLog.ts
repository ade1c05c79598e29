/**
 * What the events view shows for a URI, one model over its three sources: an open document's analysis, a log file
 * read from disk, and a folder of them. Each record is named by its index (its place in `summaries`), and where it
 * is comes back as offsets in the document or lines in its file; lsp/ turns those into ranges.
 */
import type { Finding, RuleInfo } from '../detections/ruleSet';
import type { LogFindings } from '../detections/logFindings';
import type { ProblemCode } from '../cloudtrail/problems';
import type { Span } from '../parse/parsedLog';
import { type DetectionQuery, detectionRecords } from './detectionTree';
import { queryRecords, type RecordQuery, syntaxErrorsOf } from './eventGroups';
import { hiddenCounts, type IgnoredCodes } from './ignoredProblems';
import type { Analysis } from './logAnalysis';
import type { RecordSummary } from './recordSummary';
import { recordJson } from './recordText';

export interface LinePoint {
  readonly line: number;
  readonly character: number;
}

/** Where something of a shown log is: offsets in the open document, or lines in a file on disk (`uri` when not the log's own). */
export type ShownPlace = { readonly span: Span } | { readonly from: LinePoint; readonly to: LinePoint; readonly uri?: string };

export interface ShownProblems {
  /** When the log has JSON errors: how many, and where the first one is. */
  readonly syntaxErrors?: { readonly count: number; readonly first: ShownPlace };
  /** How many problems of each ignored code the log has. */
  readonly hidden: ReadonlyMap<ProblemCode, number>;
}

/** A file a shown log's records come from: its URI when not the log's own, and its size (on disk; an open document's text in UTF-8). */
export interface ShownSource {
  readonly uri?: string;
  readonly bytes: number;
}

export interface ShownDetections {
  readonly rules: readonly RuleInfo[];
  /** Findings naming records by index. */
  readonly findings: readonly Finding<number>[];
}

export interface ShownLog {
  /** The document version the records are of; 0 for a log read from disk. */
  readonly version: number;
  readonly summaries: readonly RecordSummary[];
  /** What the rules found; absent when no rule ran. */
  readonly detections?: ShownDetections;
  /** Where record `index` is. */
  place(index: number): ShownPlace | undefined;
  /** Its problems as the view tells of them, those of `ignore`'s codes left out; a folder's files have none here. */
  problems(ignore: IgnoredCodes): ShownProblems;
  /** The JSON text of record `index`, in any layout: an open document's, or read back from disk. */
  recordText(index: number): Promise<string | undefined>;
  /** The JSON texts of many of its records, in the order given (an export's). */
  recordTexts(records: readonly RecordSummary[]): AsyncIterable<string | undefined>;
  /** The files its records come from: a folder's, or the log's own. */
  sources(): readonly ShownSource[];
}

/** An open document's version: its text while the editor still holds that version, undefined once it has moved on. */
export interface ShownText {
  readonly version: number;
  text(): string | undefined;
}

/** An open document's analysis as the view shows it, with what the rules found in it (when they ran). */
export function documentLog(document: ShownText, analysis: Analysis, found?: LogFindings): ShownLog {
  const textsOf = async function* (text: string | undefined, records: readonly RecordSummary[]) {
    for (const record of records) yield text === undefined ? undefined : recordJson(text, analysis.parsed, record.index);
  };
  return {
    version: document.version,
    summaries: analysis.summaries,
    ...(found ? { detections: { rules: found.set.rules, findings: found.findings } } : {}),
    place: (index) => {
      const s = analysis.summaries[index];
      return s && { span: { start: s.start, end: s.end } };
    },
    problems: (ignore) => {
      const errors = syntaxErrorsOf(analysis.parsed, ignore);
      // Counted from every problem only when some code is ignored: the check has worked them out already.
      const hidden = ignore.size > 0 ? hiddenCounts(analysis.allProblems, ignore) : new Map<ProblemCode, number>();
      return { hidden, ...(errors ? { syntaxErrors: { count: errors.count, first: { span: errors.first } } } : {}) };
    },
    recordText: async (index) => {
      const text = document.text();
      return text === undefined ? undefined : recordJson(text, analysis.parsed, index);
    },
    // The text is taken once: an edit meanwhile does not mix versions.
    recordTexts: (records) => textsOf(document.text(), records),
    sources: () => [{ bytes: Buffer.byteLength(document.text() ?? '') }],
  };
}

/** A log read from disk, one file or a folder: its records as read, each numbered by its place. */
export interface DiskSource<R extends RecordSummary> {
  readonly records: readonly R[];
  /** Where a record is in its file. */
  placeOf(record: R): ShownPlace;
  /** A file's problems; a folder's files have none here. */
  readonly problems?: {
    syntaxErrors(ignore: IgnoredCodes): { readonly count: number; readonly first: ShownPlace } | undefined;
    hidden(ignore: IgnoredCodes): ReadonlyMap<ProblemCode, number>;
  };
  /** What the rules matched, when the read asked them. */
  readonly detections?: { readonly set: { readonly rules: readonly RuleInfo[] }; findings(): readonly Finding<R>[] };
  recordText(record: R): Promise<string | undefined>;
  recordTexts(records: readonly R[]): AsyncIterable<string | undefined>;
  sources(): readonly ShownSource[];
}

/** A log read from disk as the view shows it, made once per read: its findings are numbered by record index here. */
export function diskLog<R extends RecordSummary>(source: DiskSource<R>): ShownLog {
  const { records } = source;
  const found = source.detections;
  const detections = found && {
    rules: found.set.rules,
    findings: found.findings().map((f) => ({ ...f, records: f.records.map((r) => r.index) })),
  };
  // The view's summaries are this read's records: each is found again by its index.
  const own = (summaries: readonly RecordSummary[]) => summaries.map((s) => records[s.index]!);
  return {
    version: 0,
    summaries: records,
    ...(detections ? { detections } : {}),
    place: (index) => {
      const record = records[index];
      return record && source.placeOf(record);
    },
    problems: (ignore) => {
      const errors = source.problems?.syntaxErrors(ignore);
      return { hidden: source.problems?.hidden(ignore) ?? new Map<ProblemCode, number>(), ...(errors ? { syntaxErrors: errors } : {}) };
    },
    recordText: async (index) => {
      const record = records[index];
      return record && source.recordText(record);
    },
    recordTexts: (summaries) => source.recordTexts(own(summaries)),
    sources: () => source.sources(),
  };
}

/** Which records a node of the view holds: a Detections rule's or correlation finding's (none when no rule ran), or a group's or event's. */
export interface ShownNode {
  readonly detection?: string;
  readonly finding?: number;
}

/**
 * The page `query` of the records a node holds, in the order the view lists them. The view pages through them; an
 * export takes them all.
 */
export function nodeRecords(log: ShownLog, node: ShownNode, query: RecordQuery): { total: number; items: RecordSummary[] } {
  const { detection, finding } = node;
  if (detection === undefined) return queryRecords(log.summaries, query);
  const found = log.detections;
  if (!found) return { total: 0, items: [] };
  const detectionQuery: DetectionQuery = { ...query, detection, ...(finding === undefined ? {} : { finding }) };
  return detectionRecords(found.rules, found.findings, log.summaries, detectionQuery);
}
