/**
 * Every request the language server answers about one open document, asked in-process through the same
 * handler code server.ts wires (the events view's, the export's, the SQL's, the conversions), so a suite can
 * ask hundreds of documents in a few seconds. A handler that throws is answered null, as `guarded` answers it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FILTER_KEYS, isFieldKey } from '../../common/filterSyntax';
import { type ExportFormat, GROUP_BY_VALUES, SQL_DIALECTS, type TimelineStack } from '../../common/protocol';
import { getLanguageService, type RuleSet } from '../../server/src/languageService';
import {
  reportedProblems,
  toCodeAction,
  toDiagnostic,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  toPivotAction,
  toTextEdits,
} from '../../server/src/lsp/convert';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { eventsViewRequests } from '../../server/src/lsp/eventsViewRequests';
import { exportHandler } from '../../server/src/lsp/exports';
import { Positions } from '../../server/src/lsp/positions';
import { DEFAULT_SETTINGS } from '../../server/src/settings/serverSettings';
import { ShownLogs } from '../../server/src/lsp/shownLogs';
import { answerSql } from '../../server/src/lsp/sqlRequest';

const service = getLanguageService();

/** Each string, number and literal token of a JSON text: its text, and an offset inside it. */
export function tokens(text: string): { text: string; offset: number }[] {
  return [...text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null/g)].map((m) => ({ text: m[0], offset: m.index + 1 }));
}

/** Everything the server answered about one document, by request (per-position requests as lists). */
export interface DocumentAnswers {
  /** Answers by request name (and its parameters), null where the server would have answered null. */
  readonly answers: ReadonlyMap<string, unknown>;
  /** Every hover's markdown. */
  readonly hovers: readonly string[];
  /** Every label the view and the timeline show for a group. */
  readonly groupLabels: readonly string[];
  /** Every exported file's text, and every redaction mapping's entries as text. */
  readonly exported: readonly string[];
  /** What each handler that threw (and was answered null) threw, or logged as a failure. */
  readonly failed: readonly string[];
}

const EXPORTS: readonly (readonly [ExportFormat, boolean])[] = [
  ['jsonl', true],
  ['csv', false],
];

/**
 * Asks every request about `text`, opened as a document: `rules` are the rules in force, exports are written in
 * `exportFolder`, and completion is asked at the tokens that are not among `around` (a log it differs little from).
 */
export async function askEverything(
  text: string,
  rules: RuleSet,
  exportFolder: string,
  around?: ReadonlySet<string>,
): Promise<DocumentAnswers> {
  const uri = 'file:///hostile/record.json';
  const document = TextDocument.create(uri, 'cloudtrail', 1, text);
  const cache = new DocumentCache();
  const shownLogs = new ShownLogs(
    service,
    (u) => (u === uri ? document : undefined),
    (d) => cache.get(d),
  );
  const view = eventsViewRequests({
    service,
    shownLogs,
    rules: async () => rules,
    settled: async () => undefined,
    settings: async () => DEFAULT_SETTINGS,
  });
  const failed: string[] = [];
  /** A request's answer, or null when its handler threw (what the server would answer, logging the failure). */
  const answer = async <T>(ask: () => T | Promise<T>): Promise<T | null> => {
    try {
      return (await ask()) ?? null;
    } catch (error) {
      failed.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return null;
    }
  };
  const exportRequest = exportHandler({
    service,
    shownLogs,
    rules: async () => rules,
    accountNames: async () => new Map<string, string>(),
    progress: () => undefined,
    log: (m) => failed.push(m),
    openUris: () => [uri],
  });
  const answers = new Map<string, unknown>();
  const hovers: string[] = [];
  const groupLabels: string[] = [];
  const exported: string[] = [];
  const textDocument = { uri };
  const analysis = () => cache.get(document);

  const diagnostics = await answer(() => {
    const positions = new Positions(text);
    const problems = analysis()
      .problems(1000)
      .map((p) => toDiagnostic(positions, p));
    const found = analysis().detections(rules, text);
    const marks = service.findingMarks(found, analysis().parsed, text, 1000).map((m) => m.message);
    return { problems, marks };
  });
  answers.set('diagnostics', diagnostics);
  answers.set(
    'codeAction',
    await answer(() => {
      const problems = analysis().allProblems;
      const actions = service.quickFixes(problems, reportedProblems(document, diagnostics?.problems ?? []));
      const all = service.fixAll(problems);
      const summary = analysis().summaries[0];
      return [
        ...actions.map((a) => toCodeAction(document, a)),
        ...(all ? [toCodeAction(document, all)] : []),
        ...(summary ? [toPivotAction(summary, service.actorOf(analysis().summaries, summary))] : []),
      ];
    }),
  );
  const found = analysis().detections(rules, text);
  const hoverAnswers: unknown[] = [];
  const completions: unknown[] = [];
  for (const token of tokens(text)) {
    const hover = await answer(() => {
      const result = service.hover(text, analysis().parsed, token.offset, found);
      return result && toHover(document, result);
    });
    hoverAnswers.push(hover);
    if (hover) hovers.push((hover.contents as { value: string }).value);
    // Completion where the log differs from `around` (all of it without one); not converted: its labels are the catalogue's.
    if (!around?.has(token.text)) completions.push(await answer(() => service.complete(text, analysis().parsed, token.offset)));
  }
  answers.set('hover', hoverAnswers);
  answers.set('completion', completions);
  answers.set(
    'documentSymbol',
    await answer(() => service.documentSymbols(analysis().summaries).map((s) => toDocumentSymbol(document, s))),
  );
  answers.set(
    'foldingRange',
    await answer(() => service.foldingRanges(analysis().parsed.folds, 5000, (o) => document.positionAt(o).line).map(toFoldingRange)),
  );
  answers.set(
    'formatting',
    await answer(async () => {
      const edits = await service.format(text, analysis().parsed.shape, { layout: { tabSize: 4, insertSpaces: true, eol: '\n' } });
      return edits && toTextEdits(document, edits);
    }),
  );
  answers.set(
    'recordText',
    await answer(async () => {
      const json = await (await shownLogs.get(uri, rules))?.recordText?.(0);
      return json === undefined ? null : service.layout(json, { tabSize: 2, insertSpaces: true, eol: '\n' });
    }),
  );
  answers.set('recordAt', await answer(() => service.recordAt(analysis().parsed, analysis().summaries, text.indexOf('{', 1) + 1)));

  for (const groupBy of GROUP_BY_VALUES) {
    const tree = await answer(() => view.eventTree({ textDocument, groupBy }));
    answers.set(`eventTree ${groupBy}`, tree);
    for (const [i, group] of (tree?.groups ?? []).entries()) {
      groupLabels.push(group.label);
      answers.set(`records ${groupBy} group ${i}`, await answer(() => view.records({ textDocument, groupBy, group: group.key })));
      // The filter a person writes from what the view shows: the group, as `user:` or a bare word.
      const filter = groupBy === 'identity' ? `user:${JSON.stringify(group.key)}` : JSON.stringify(group.key);
      answers.set(`records ${groupBy} group ${i} filter`, await answer(() => view.records({ textDocument, filter })));
      if (groupBy === 'identity')
        answers.set(`sql group ${i}`, await answer(() => answerSql({ textDocument, dialect: 'athena', filter, groupBy }, SQL_HOST)));
    }
    for (const stack of ['outcome', 'group'] as TimelineStack[]) {
      const timeline = await answer(() => view.timeline({ textDocument, groupBy, stack }));
      answers.set(`timeline ${groupBy} ${stack}`, timeline);
      for (const series of timeline?.series ?? []) groupLabels.push(series.label);
    }
  }
  answers.set('records', await answer(() => view.records({ textDocument })));
  for (const key of Object.keys(FILTER_KEYS).filter(isFieldKey))
    answers.set(`filterValues ${key}`, await answer(() => view.filterValues({ textDocument, key, prefix: '' })));
  for (const dialect of SQL_DIALECTS) answers.set(`sql ${dialect}`, await answer(() => answerSql({ textDocument, dialect }, SQL_HOST)));

  // A redacted export and a plain one: the redactor reads keys and values, the CSV's columns read fields by path.
  for (const [format, redact] of EXPORTS) {
    const file = path.join(exportFolder, `export.${format}`);
    const result = await answer(() =>
      exportRequest({ textDocument, format, redact, keepMapping: redact, target: pathToFileURL(file).href }),
    );
    answers.set(`export ${format} ${redact}`, result);
    if (result && 'records' in result) {
      exported.push(readFileSync(file, 'utf8'));
      for (const entry of result.mapping ?? []) exported.push(`${entry.original} ${entry.pseudonym}`);
    }
  }
  return { answers, hovers, groupLabels, exported, failed };
}

/** No settings and no rule files: the SQL is the filter's and the grouping's. */
const SQL_HOST = {
  service,
  settings: async () => DEFAULT_SETTINGS,
  rules: async () => {
    throw new Error('no rule is asked for');
  },
  timeSpan: async () => undefined,
  actors: async () => [],
  now: () => 0,
};
