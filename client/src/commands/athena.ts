/**
 * Run in Athena: the SQL of the active `.sql` editor (its selection, or all of it), or SQL a caller hands in
 * (`sql`, `{ grouped }`), sent to Amazon Athena only now, at the user's command, with the `cloudtrail.athena.*`
 * settings. A progress notification says how it goes and cancels it (StopQueryExecution); the answer opens as
 * a CloudTrail log the events view shows, or as a CSV table of counts; AWS's own words say why it failed.
 */
import * as vscode from 'vscode';
import { showError, showInformation, showWarning, withProgressNotification } from '../notifications';
import { CONFIGURATION_SECTION } from '../../../common/language';
import { failureText } from '../athena/errors';
import { sleep } from '../athena/poll';
import { RESULT_SCHEME, ResultDocuments } from '../athena/resultDocuments';
import { recordsText, resultDescription, resultKind, resultMessage, scannedText, tableText } from '../athena/resultText';
import { createAthenaClient, regionOf, type RunOutcome, type RunProgress, runQuery } from '../athena/run';
import { type RunQuestion, runQuestion } from '../athena/runQuestion';
import { ATHENA_SECTION, type AthenaSettings, athenaSettingsFrom, settingsProblem } from '../athena/settings';
import { statementKind } from '../athena/statementKind';
import { editorLayout } from '../editorLayout';
import type { CommandContext, CommandFactory } from './context';

/** What a caller may say of the SQL it hands in. */
export interface RunOptions {
  /** The query returns `group_key` and `count`: show a table of counts, not records. */
  readonly grouped?: boolean;
}

/** The `cloudtrail.athena.*` settings, as they are now (the SQL commands read the table name here too). */
export function readAthenaSettings(): AthenaSettings {
  const configuration = vscode.workspace.getConfiguration(`${CONFIGURATION_SECTION}.${ATHENA_SECTION}`);
  return athenaSettingsFrom((key) => configuration.get<unknown>(key));
}

/** The SQL to run: the caller's, or the named or active editor's selection, or all its text. */
async function sqlToRun(arg: unknown): Promise<string | undefined> {
  if (typeof arg === 'string') return arg.trim() || undefined;
  const active = vscode.window.activeTextEditor;
  const editor = arg instanceof vscode.Uri && active?.document.uri.toString() !== arg.toString() ? undefined : active;
  const document = editor?.document ?? (arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : undefined);
  if (!document) return undefined;
  const selected = editor && !editor.selection.isEmpty ? document.getText(editor.selection) : document.getText();
  return selected.trim() || undefined;
}

/**
 * Who answers the question before a run: the user, in a modal; in the extension's own in-editor tests (and
 * only there: extension.ts hands this to them in test mode alone), the test, which cannot click a modal.
 */
export const runQuestions: { answer?: (question: RunQuestion) => boolean } = {};

/** Asks before anything is sent: the statement's kind, the workgroup, Region and profile; true to run. */
async function confirmed(sql: string, settings: AthenaSettings): Promise<boolean> {
  const question = runQuestion(statementKind(sql), settings, await regionOf(settings));
  if (runQuestions.answer) return runQuestions.answer(question);
  return (await showWarning(question.message, { modal: true, detail: question.detail }, question.button)) === question.button;
}

function progressText(progress: RunProgress, settings: AthenaSettings): string {
  switch (progress.phase) {
    case 'starting':
      return `Starting the query in workgroup ${settings.workgroup}…`;
    case 'queued':
      return 'Queued…';
    case 'running': {
      const scanned = scannedText(progress);
      return scanned ? `Running: ${scanned} so far…` : 'Running…';
    }
    case 'reading':
      return `Reading the answer: ${progress.rows.toLocaleString('en-US')} rows…`;
  }
}

async function run(sql: string, settings: AthenaSettings): Promise<RunOutcome> {
  const title = settings.profile ? `Athena (profile ${settings.profile})` : 'Athena';
  return withProgressNotification(title, async (report, token) => {
    const cancel = new AbortController();
    const listener = token.onCancellationRequested(() => cancel.abort());
    const client = createAthenaClient(settings);
    try {
      return await runQuery(client, sql, settings, {
        delay: sleep,
        signal: cancel.signal,
        onProgress: (step) => report({ message: progressText(step, settings) }),
      });
    } finally {
      listener.dispose();
      client.destroy();
    }
  });
}

async function showFailure(text: string): Promise<void> {
  const settings = 'Open Settings';
  if ((await showError(text, settings)) === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIGURATION_SECTION}.${ATHENA_SECTION}`);
  }
}

async function showOutcome(
  ctx: CommandContext,
  results: ResultDocuments,
  outcome: RunOutcome,
  settings: AthenaSettings,
  options: RunOptions,
) {
  switch (outcome.kind) {
    case 'failed':
      return showFailure(failureText(outcome.failure, settings.profile));
    case 'cancelled':
      if (!outcome.stopFailure) return void showInformation('The Athena query was cancelled.');
      return void showWarning(
        `The query was cancelled here, but Athena may still be running it (query ${outcome.queryId}): stop it in the Athena console. ${failureText(outcome.stopFailure, settings.profile)}`,
      );
    case 'succeeded': {
      const { answer, stats } = outcome;
      const result = resultKind(answer.columns, options.grouped) === 'records' ? recordsText(answer, editorLayout()) : tableText(answer);
      // Nothing matched: said, with no empty document to close.
      if (result.rows === 0) return void showInformation(resultMessage(result, stats));
      // A folder shown in the events view gives way to the result, as to any log the user opens.
      if (result.kind === 'records') await ctx.view.leaveFolder();
      await results.open(result, resultDescription(result, stats), outcome.queryId);
      if (result.kind === 'records') await ctx.follower.follow();
      void showInformation(resultMessage(result, stats));
    }
  }
}

export const runInAthena: CommandFactory = (ctx) => {
  const results = new ResultDocuments();
  ctx.extension.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, results));
  return async (sql?: string | vscode.Uri, options?: RunOptions) => {
    const text = await sqlToRun(sql);
    if (!text) {
      void showInformation('Open a .sql file holding the query (or select the query in it), then run it in Athena.');
      return;
    }
    const settings = readAthenaSettings();
    const problem = settingsProblem(settings);
    if (problem) return showFailure(problem);
    if (!(await confirmed(text, settings))) return;
    const outcome = await run(text, settings);
    // A menu passes the editor's URI and its own context object: options come only with a caller's SQL.
    await showOutcome(ctx, results, outcome, settings, typeof sql === 'string' ? (options ?? {}) : {});
  };
};
