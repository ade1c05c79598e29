/**
 * Where offsets become LSP: everything the features answer, turned into the types the editor speaks,
 * for one version of one document. Nothing else in the server builds LSP values from feature results.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction,
  type CompletionItem,
  CompletionItemKind,
  type Diagnostic,
  DiagnosticSeverity,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  InsertTextFormat,
  MarkupKind,
  type Position,
  type Range,
  SymbolKind,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { RecordAtResult, RecordItem, SigmaLevel } from '../../../common/protocol';
import { COMMANDS } from '../../../common/commands';
import type { PivotRecord } from '../../../common/pivots';
import type { Positions } from './positions';
import {
  type Completion,
  getLanguageService,
  type FixAction,
  type HoverResult,
  type LayoutOptions,
  type LineFold,
  type OffsetEdit,
  type PlacedProblem,
  type Problem,
  type RecordPlace,
  type RecordSummary,
  type RecordSymbol,
  type ReportedProblem,
  type RuleInfo,
  type RuleProblem,
  type Severity,
  type HoverAbout,
  type ShownPlace,
  type Span,
  type TextPoint,
} from '../languageService';

const service = getLanguageService();

/** The source of every diagnostic the server publishes about a log's text; fixes are offered for these only. */
export const SOURCE = 'cloudtrail';
/** The source of detection findings and of problems in rule files. */
export const SIGMA_SOURCE = 'sigma';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** An editor's range as offsets into the document. */
export function toSpan(document: TextDocument, range: Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/** A place in a log read from disk, kept as a line and character. */
function toPosition(point: TextPoint): Position {
  return { line: point.line, character: point.character };
}

const START: Position = { line: 0, character: 0 };

/** The range of a place in a shown log: offsets in the open document (only a document's log has them), or lines in a file on disk. */
export function toShownRange(place: ShownPlace, document: TextDocument | undefined): Range {
  if ('span' in place) return document ? toRange(document, place.span) : { start: START, end: START };
  return { start: toPosition(place.from), end: toPosition(place.to) };
}

/** The range of a problem, or any placed span, of a log read from disk. */
export function placedRange(problem: Pick<PlacedProblem, 'from' | 'to'>): Range {
  return { start: toPosition(problem.from), end: toPosition(problem.to) };
}

const LEVEL_SEVERITY: Record<SigmaLevel, DiagnosticSeverity> = {
  informational: DiagnosticSeverity.Hint,
  low: DiagnosticSeverity.Information,
  medium: DiagnosticSeverity.Warning,
  high: DiagnosticSeverity.Warning,
  critical: DiagnosticSeverity.Warning,
};

/** The first of a rule's references that is a web address: rule text is hostile, so nothing else becomes a link. */
function ruleLink(references: readonly string[]): string | undefined {
  for (const reference of references) {
    if (!/^https?:\/\/\S+$/i.test(reference)) continue;
    try {
      return new URL(reference).toString();
    } catch {
      // Not a URL after all: the next one.
    }
  }
  return undefined;
}

/** A finding as a diagnostic at `range` of `uri`, a correlation's other records related to it. */
export function toFindingDiagnostic(
  uri: string,
  range: Range,
  finding: { rule: RuleInfo; message: string },
  related: readonly Range[],
): Diagnostic {
  const { rule, message } = finding;
  const href = ruleLink(rule.references);
  return {
    range,
    severity: LEVEL_SEVERITY[rule.level],
    source: SIGMA_SOURCE,
    code: rule.id ?? rule.key,
    ...(href ? { codeDescription: { href } } : {}),
    message,
    ...(related.length > 0
      ? { relatedInformation: related.map((r, i) => ({ location: { uri, range: r }, message: `record ${i + 2} of this finding` })) }
      : {}),
  };
}

/** A problem of a rule file as a diagnostic in that file. */
export function toRuleDiagnostic(problem: RuleProblem): Diagnostic {
  const start = problem.start ?? { line: 0, character: 0 };
  return {
    range: { start, end: problem.end ?? start },
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SIGMA_SOURCE,
    message: problem.message,
  };
}

/** A problem of a log read from disk as a diagnostic, as an open document's would be. */
export function toPlacedDiagnostic(problem: PlacedProblem): Diagnostic {
  return {
    range: placedRange(problem),
    severity: SEVERITY[service.severity(problem.code)],
    source: SOURCE,
    code: problem.code,
    message: problem.message,
  };
}

/** A document's problem as a diagnostic, placed in the text `at` gives positions of. */
export function toDiagnostic(at: Positions, problem: Problem): Diagnostic {
  return {
    range: { start: at.at(problem.start), end: at.at(problem.end) },
    severity: SEVERITY[service.severity(problem.code)],
    source: SOURCE,
    code: problem.code,
    message: problem.message,
  };
}

/** A diagnostic the editor sent back with a code action request, as the fixes look it up. */
export type ReportedDiagnostic = ReportedProblem & { readonly diagnostic: Diagnostic };

/** Our own diagnostics among those sent, placed in the document's current text. */
export function reportedProblems(document: TextDocument, diagnostics: readonly Diagnostic[]): ReportedDiagnostic[] {
  return diagnostics
    .filter((d) => d.source === SOURCE && typeof d.code === 'string')
    .map((d) => ({ code: d.code as string, start: document.offsetAt(d.range.start), diagnostic: d }));
}

export function toCodeAction(document: TextDocument, action: FixAction<ReportedDiagnostic>): CodeAction {
  return {
    title: action.title,
    kind: action.kind,
    ...(action.edits
      ? { edit: { changes: { [document.uri]: action.edits.map((e) => ({ range: toRange(document, e), newText: e.text })) } } }
      : {}),
    // The client's command takes the document it acts on.
    ...(action.command ? { command: { title: action.title, command: action.command, arguments: [document.uri] } } : {}),
    ...(action.fixes ? { diagnostics: [action.fixes.diagnostic] } : {}),
    ...(action.preferred !== undefined ? { isPreferred: action.preferred } : {}),
  };
}

export function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(document, e), newText: e.text }));
}

/** The editor's formatting options as the layout takes them; the line break is the document's own. */
export function toLayout(options: Pick<FormattingOptions, 'tabSize' | 'insertSpaces' | 'insertFinalNewline'>): LayoutOptions {
  return { tabSize: options.tabSize, insertSpaces: options.insertSpaces, ...(options.insertFinalNewline ? { finalNewline: true } : {}) };
}

export function toHover(document: TextDocument, result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(document, result) };
}

/**
 * A Markdown link target for the record starting at `offset`: the document's own URI with its line (as VS Code opens
 * `#L12`), its parentheses escaped so the link cannot end early. Nothing of it comes from the log.
 */
function recordLink(document: TextDocument, offset: number | undefined): string | undefined {
  if (offset === undefined) return undefined;
  const line = document.positionAt(offset).line + 1;
  return `${document.uri.replace(/[()\s]/g, (c) => encodeURIComponent(c).replace('(', '%28').replace(')', '%29'))}#L${line}`;
}

/** What a hover needs to show a session chain in an open document: its summaries, and links to its records. */
export function chainContext(document: TextDocument, summaries: readonly RecordSummary[]): HoverAbout {
  return { summaries, recordLink: (index) => recordLink(document, summaries[index]?.start) };
}

export function toCompletionItem(document: TextDocument, c: Completion): CompletionItem {
  return {
    label: c.label,
    kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.Value,
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    // Keep the filter text the whole replaced range, quotes included, so typing inside quotes matches.
    filterText: c.insertText,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: toRange(document, c), newText: c.insertText },
  };
}

export function toDocumentSymbol(document: TextDocument, s: RecordSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SymbolKind.Event,
    range: toRange(document, s),
    selectionRange: toRange(document, { start: s.selectionStart, end: s.selectionEnd }),
  };
}

export function toFoldingRange(fold: LineFold): FoldingRange {
  return { startLine: fold.startLine, endLine: fold.endLine };
}

/** "Pivot from this record…": the client asks which pivot, with the record's fields a pivot reads. */
export function toPivotAction(s: RecordSummary, actor: string | undefined): CodeAction {
  const record: PivotRecord = {
    eventTime: s.eventTime,
    identity: s.identity,
    sourceIPAddress: s.sourceIPAddress,
    ...optionalStrings(s, ['userName', 'roleName', 'arn', 'accessKeyId', 'bucketName']),
    ...(actor ? { actor } : {}),
  };
  const title = 'Pivot from this record…';
  return { title, command: { title, command: COMMANDS.pivot, arguments: [record] } };
}

/** The fields of `s` among `keys` that hold text: an item carries no empty ones. */
function optionalStrings<K extends keyof RecordSummary>(s: RecordSummary, keys: readonly K[]): Partial<Pick<RecordSummary, K>> {
  const out: Partial<Pick<RecordSummary, K>> = {};
  for (const key of keys) if (s[key]) out[key] = s[key];
  return out;
}

/** A summary as the client sees it, with the range it has in its file (and that file, for a folder's record). */
export function toRecordItem(s: RecordSummary, range: Range, uri?: string, actor?: string): RecordItem {
  return {
    index: s.index,
    eventName: s.eventName,
    eventSource: s.eventSource,
    eventTime: s.eventTime,
    identity: s.identity,
    sourceIPAddress: s.sourceIPAddress,
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    ...(s.errorMessage ? { errorMessage: s.errorMessage } : {}),
    ...(s.awsRegion ? { awsRegion: s.awsRegion } : {}),
    level: s.level,
    ...optionalStrings(s, [
      'userName',
      'roleName',
      'arn',
      'accessKeyId',
      'accountId',
      'recipientAccountId',
      'bucketName',
      'targetType',
      'target',
    ]),
    ...(actor ? { actor } : {}),
    range,
    ...(uri ? { uri } : {}),
  };
}

export function toRecordAt(document: TextDocument, place: RecordPlace): RecordAtResult {
  const { summary } = place;
  return {
    item: toRecordItem(summary, toRange(document, summary)),
    group: place.group,
    ...(place.session !== undefined && { session: place.session }),
    eventName: summary.eventName,
    eventSource: summary.eventSource,
    position: place.position,
  };
}
