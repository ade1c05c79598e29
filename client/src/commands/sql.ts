/**
 * Copy or open as Athena or CloudTrail Lake SQL: the events view's filter and grouping (its title bar, the Command
 * Palette), a rule of the Detections group (with the view's filter), or the rule under the cursor of a rule file
 * (its editor's title and context menus). The server writes the SQL (`cloudtrail/sql`); nothing is sent to AWS.
 */
import * as vscode from 'vscode';
import { showInformation, showWarning } from '../notifications';
import { type SqlDialect, type SqlParams, SqlRequest } from '../../../common/protocol';
import type { RuleNode } from '../eventsView/nodes';
import type { CommandContext, CommandFactory } from './context';

const ENGINE: Readonly<Record<Exclude<SqlDialect, 'duckdb'>, string>> = { athena: 'Athena', lake: 'CloudTrail Lake' };

/** What a command was run on: nothing (the view), a Detections rule node, or a rule file (its URI). */
type Source = RuleNode | vscode.Uri | undefined;

function requestFor(ctx: CommandContext, from: Source): Omit<SqlParams, 'dialect'> | undefined {
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
  return { textDocument: { uri: shown }, ...filter, groupBy: model.groupBy };
}

/** The SQL for what the command was run on, or undefined after saying why there is none. */
async function sqlFor(ctx: CommandContext, dialect: Exclude<SqlDialect, 'duckdb'>, from: Source): Promise<string | undefined> {
  const request = requestFor(ctx, from);
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
  return (ctx) => async (from?: Source) => {
    const sql = await sqlFor(ctx, dialect, from);
    if (sql === undefined) return;
    await vscode.env.clipboard.writeText(sql);
    void vscode.window.setStatusBarMessage(`${ENGINE[dialect]} SQL copied`, 3000);
  };
}

function open(dialect: Exclude<SqlDialect, 'duckdb'>): CommandFactory {
  return (ctx) => async (from?: Source) => {
    const sql = await sqlFor(ctx, dialect, from);
    if (sql === undefined) return;
    await ctx.sql.open(`${sql}\n`);
  };
}

export const copyAthenaSql = copy('athena');
export const openAthenaSql = open('athena');
export const copyLakeSql = copy('lake');
export const openLakeSql = open('lake');
