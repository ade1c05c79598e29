/**
 * Copy or open as Athena or CloudTrail Lake SQL: the events view's filter (its title bar, the Command Palette), as
 * its records or its counts by the view's grouping, a rule of the Detections group (with the view's filter), or the
 * rule under the cursor of a rule file (its editor's title and context menus). The server writes the SQL
 * (`cloudtrail/sql`); nothing is sent to AWS.
 */
import * as vscode from 'vscode';
import { showInformation, showWarning } from '../notifications';
import { type SqlDialect, type SqlParams, SqlRequest } from '../../../common/protocol';
import type { RuleNode } from '../eventsView/nodes';
import { GROUP_BY_LABELS } from '../eventsView/viewText';
import type { CommandContext, CommandFactory } from './context';

const ENGINE: Readonly<Record<Exclude<SqlDialect, 'duckdb'>, string>> = { athena: 'Athena', lake: 'CloudTrail Lake' };

/** What a command was run on: nothing (the view), a Detections rule node, or a rule file (its URI). */
type Source = RuleNode | vscode.Uri | undefined;

/** What the view's SQL answers: the records the filter keeps, or how many of them each group of the view holds. */
type Answer = 'records' | 'counts';

/** The answer a caller chose (`{ answer }`, as a test does), else the one picked; undefined when the pick is dismissed. */
async function answerFor(ctx: CommandContext, chosen: unknown): Promise<Answer | undefined> {
  const given = (chosen as { answer?: unknown } | undefined)?.answer;
  if (given === 'records' || given === 'counts') return given;
  const items: (vscode.QuickPickItem & { answer: Answer })[] = [
    { label: 'Records', detail: "Every record the view's filter keeps, the table's columns", answer: 'records' },
    {
      label: `Counts by ${GROUP_BY_LABELS[ctx.view.model.groupBy]}`,
      detail: 'One row per group of the view: group_key and count, most records first',
      answer: 'counts',
    },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'SQL for the events view', placeHolder: 'Answer with' }))?.answer;
}

function requestFor(ctx: CommandContext, from: Source, answer: Answer): Omit<SqlParams, 'dialect'> | undefined {
  const { model } = ctx.view;
  const filter = model.filter ? { filter: model.filter } : {};
  const shown = model.uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? 'untitled:cloudtrail';
  if (from instanceof vscode.Uri) {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === from.toString());
    if (!editor) return undefined;
    const position = ctx.client.code2ProtocolConverter.asPosition(editor.selection.active);
    return { textDocument: { uri: from.toString() }, rule: { uri: from.toString(), position } };
  }
  if (from?.kind === 'rule') return { textDocument: { uri: from.uri }, rule: { id: from.rule.key }, ...filter };
  return { textDocument: { uri: shown }, ...filter, ...(answer === 'counts' && { groupBy: model.groupBy }) };
}

/** The SQL for what the command was run on, or undefined after saying why there is none (or the pick was dismissed). */
async function sqlFor(
  ctx: CommandContext,
  dialect: Exclude<SqlDialect, 'duckdb'>,
  from: Source,
  chosen: unknown,
): Promise<string | undefined> {
  const viewAsked = !(from instanceof vscode.Uri) && from?.kind !== 'rule';
  const shape = viewAsked ? await answerFor(ctx, chosen) : 'records';
  if (shape === undefined) return undefined;
  const request = requestFor(ctx, from, shape);
  if (!request) {
    void showInformation('Open the rule file in an editor, with the cursor in the rule.');
    return undefined;
  }
  const answer = await ctx.client.sendRequest(SqlRequest, { ...request, dialect, explain: true });
  if (answer?.sql === undefined) {
    void showWarning(`Cannot be expressed in ${ENGINE[dialect]} SQL: ${answer?.reason ?? 'the server did not answer'}.`);
    return undefined;
  }
  return answer.sql;
}

function copy(dialect: Exclude<SqlDialect, 'duckdb'>): CommandFactory {
  return (ctx) => async (from?: Source, chosen?: unknown) => {
    const sql = await sqlFor(ctx, dialect, from, chosen);
    if (sql === undefined) return;
    await vscode.env.clipboard.writeText(sql);
    void vscode.window.setStatusBarMessage(`${ENGINE[dialect]} SQL copied`, 3000);
  };
}

function open(dialect: Exclude<SqlDialect, 'duckdb'>): CommandFactory {
  return (ctx) => async (from?: Source, chosen?: unknown) => {
    const sql = await sqlFor(ctx, dialect, from, chosen);
    if (sql === undefined) return;
    await ctx.sql.open(`${sql}\n`);
  };
}

export const copyAthenaSql = copy('athena');
export const openAthenaSql = open('athena');
export const copyLakeSql = copy('lake');
export const openLakeSql = open('lake');
