/**
 * The one door from the LSP layer to the features: every operation the server offers, as plain
 * functions on text, offsets and parse values. Nothing here knows LSP; lsp/ converts what comes back.
 */
import type { EventGroup, GroupBy } from '../../common/protocol';
import type { Problem } from './cloudtrail/problems';
import { type Completion, completionsAt } from './features/completion';
import { buildEventTree, placeAt, queryRecords, type RecordPlace, type RecordQuery, syntaxErrorsOf } from './features/eventGroups';
import { type FixAction, fixAll, quickFixes, type ReportedProblem } from './features/fixes';
import { foldingRanges, type LineFold } from './features/folding';
import { hoverAt, type HoverResult } from './features/hover';
import type { RecordSummary } from './features/recordSummary';
import { recordSymbols, type RecordSymbol } from './features/symbols';
import { type FolderIndex, indexFolder, type IndexOptions, readLogText } from './files/folderIndex';
import type { ParsedLog, Span } from './parse/parsedLog';

export type {
  Completion,
  FixAction,
  FolderIndex,
  HoverResult,
  LineFold,
  RecordPlace,
  RecordQuery,
  RecordSummary,
  RecordSymbol,
  ReportedProblem,
};
export type { FolderRecord } from './files/folderIndex';
// The per-version analysis the LSP layer caches, and the problem codes' severities it publishes.
export { type Analysis, LogAnalysis } from './features/logAnalysis';
export { type EditRegion, mergeEdit, type TextChange } from './parse/incremental';
export { PROBLEM_CODES, type Problem, type Severity } from './cloudtrail/problems';
export type { Span } from './parse/parsedLog';

export interface LanguageService {
  /** Quick fixes for the problems the editor reports, from every problem of the same text. */
  quickFixes<R extends ReportedProblem>(problems: readonly Problem[], reported: readonly R[]): FixAction<R>[];
  /** Every certain fix at once, or null when there is none. */
  fixAll(problems: readonly Problem[]): FixAction<never> | null;
  hover(text: string, parsed: ParsedLog, offset: number): HoverResult | null;
  complete(text: string, parsed: ParsedLog, offset: number): Completion[];
  /** The events view: groups and counts, one page of records, the record at an offset. */
  eventTree(summaries: readonly RecordSummary[], groupBy?: GroupBy, filter?: string): { groups: EventGroup[]; shown: number };
  records(summaries: readonly RecordSummary[], query: RecordQuery): { total: number; items: RecordSummary[] };
  recordAt(
    parsed: ParsedLog,
    summaries: readonly RecordSummary[],
    offset: number,
    groupBy?: GroupBy,
    filter?: string,
  ): RecordPlace | undefined;
  /** A broken file's JSON errors: how many, and the first. */
  syntaxErrors(parsed: ParsedLog): { readonly count: number; readonly first: Span } | undefined;
  documentSymbols(summaries: readonly RecordSummary[]): RecordSymbol[];
  /** At most `limit` folds, given the line of an offset. */
  foldingRanges(folds: readonly number[], limit: number, lineAt: (offset: number) => number): LineFold[];
  /** Reads every log under a folder on disk; undefined when cancelled. */
  readFolder<R>(root: string, options: IndexOptions<R>): Promise<FolderIndex<R> | undefined>;
  /** A log file's text from disk (decompressed), and why it could not be read to its end. */
  readLogText(file: string): Promise<{ readonly text: string; readonly error?: string }>;
}

export function getLanguageService(): LanguageService {
  return {
    quickFixes,
    fixAll,
    hover: hoverAt,
    complete: completionsAt,
    eventTree: buildEventTree,
    records: queryRecords,
    recordAt: placeAt,
    syntaxErrors: syntaxErrorsOf,
    documentSymbols: recordSymbols,
    foldingRanges,
    readFolder: indexFolder,
    readLogText,
  };
}
