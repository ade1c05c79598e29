/**
 * The editor's own features of an open log: quick fixes, fix all and pivots, hover, completion, outline symbols,
 * folding, and Format Document or Selection. Each asks the language service and converts its answer (convert.ts).
 */
import {
  type CodeAction,
  CodeActionKind,
  CodeActionTriggerKind,
  type CancellationToken,
  type Connection,
  type FormattingOptions,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from '../../../common/codes';
import { formatDeclined } from '../../../common/formatLimit';
import type { DetectionRulesLoaded, LanguageService, Span } from '../languageService';
import {
  reportedProblems,
  toCodeAction,
  toPivotAction,
  toCompletionItem,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  chainContext,
  toLayout,
  toSpan,
  toTextEdits,
} from './convert';
import type { DocumentCache } from './documentCache';
import { forDocument, guarded, type Log } from './guard';
import type { SettingsStore } from './settingsStore';

export interface EditorFeaturesHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly cache: DocumentCache;
  readonly service: LanguageService;
  readonly settings: SettingsStore;
  rules(): Promise<DetectionRulesLoaded>;
  /** How many folding ranges the editor takes. */
  foldingLimit(): number;
  readonly log: Log;
}

/** Answers the editor's own requests about open logs. */
export function listenForEditorFeatures(host: EditorFeaturesHost): void {
  host.connection.onCodeAction(
    forDocument(host, 'codeAction', async (document, params) => {
      const version = document.version;
      const current = await host.settings.get(document.uri);
      // Edited meanwhile (the document is updated in place): the diagnostics asked about are of an older text.
      if (document.version !== version) return null;
      // Fixes come from the whole file's problems, not only the ones under the limit.
      const problems = host.cache.get(document).allProblems;
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix) && current.validateEnable) {
        const fixes = host.service.quickFixes(problems, reportedProblems(document, params.context.diagnostics));
        actions.push(...fixes.map((a) => toCodeAction(document, a)));
      }
      const all = wants(FIX_ALL_KIND) ? host.service.fixAll(problems) : null;
      if (all) actions.push(toCodeAction(document, all));
      // Pivots only when asked for (Ctrl+.), never as a light bulb on every record.
      if (!only && params.context.triggerKind !== CodeActionTriggerKind.Automatic) {
        const analysis = host.cache.get(document);
        const index = host.service.recordIndexAt(analysis.parsed, document.offsetAt(params.range.start));
        const summary = index === undefined ? undefined : analysis.summaries[index];
        if (summary) actions.push(toPivotAction(summary, host.service.actorOf(analysis.summaries, summary)));
      }
      return actions;
    }),
  );

  host.connection.onHover(
    forDocument(host, 'hover', async (document, params) => {
      const version = document.version;
      const analysis = host.cache.get(document);
      const [{ set }, { accountNames }] = await Promise.all([host.rules(), host.settings.get(document.uri)]);
      if (document.version !== version) return null;
      const text = document.getText();
      const offset = document.offsetAt(params.position);
      // Not waiting for the rules on the whole log (minutes, with hostile rules): the record's own findings until then.
      const index = host.service.recordIndexAt(analysis.parsed, offset);
      const findings = set.empty || index === undefined ? undefined : analysis.detectionsOf(set, text, index);
      const about = { ...chainContext(document, analysis.summaries), accountNames };
      const result = host.service.hover(text, analysis.parsed, offset, findings, about);
      return result && toHover(document, result);
    }),
  );

  host.connection.onCompletion(
    forDocument(host, 'completion', (document, params) =>
      host.service
        .complete(document.getText(), host.cache.get(document).parsed, document.offsetAt(params.position))
        .map((c) => toCompletionItem(document, c)),
    ),
  );

  host.connection.onDocumentSymbol(
    forDocument(host, 'documentSymbol', (document) =>
      host.service.documentSymbols(host.cache.get(document).summaries).map((s) => toDocumentSymbol(document, s)),
    ),
  );

  host.connection.onFoldingRanges(
    forDocument(host, 'foldingRanges', (document) =>
      host.service
        .foldingRanges(host.cache.get(document).parsed.folds, host.foldingLimit(), (offset) => document.positionAt(offset).line)
        .map(toFoldingRange),
    ),
  );
  listenForFormatting(host);
}

/** Format Document and Format Selection. */
function listenForFormatting(host: EditorFeaturesHost): void {
  /**
   * Format Document (no range) or Format Selection, for the document's text at this moment; null when cancelled or
   * edited meanwhile; no edits for more text than the workbench can take as edits (common/formatLimit.ts).
   */
  async function format(uri: string, options: FormattingOptions, range: Span | undefined, token: CancellationToken | undefined) {
    const document = host.documents.get(uri);
    if (!document) return null;
    if (formatDeclined(range ? range.end - range.start : document.getText().length)) return [];
    const version = document.version;
    const edits = await host.service.format(document.getText(), host.cache.get(document).parsed.shape, {
      layout: toLayout(options),
      ...(range ? { range } : {}),
      isCancelled: () => token?.isCancellationRequested === true || document.version !== version,
    });
    return edits && document.version === version ? toTextEdits(document, edits) : null;
  }

  host.connection.onDocumentFormatting(
    guarded(host.log, 'formatting', (params, token) => format(params.textDocument.uri, params.options, undefined, token)),
  );

  host.connection.onDocumentRangeFormatting(
    guarded(host.log, 'rangeFormatting', (params, token) => {
      const document = host.documents.get(params.textDocument.uri);
      return document ? format(document.uri, params.options, toSpan(document, params.range), token) : null;
    }),
  );
}
