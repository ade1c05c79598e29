/**
 * CloudTrail: Copy as jq filter: the events view's filter as a jq program on the clipboard, to run on the logs
 * themselves (a bucket's worth of files, a teammate's machine). It reads CloudTrail's `{"Records":[…]}`; a button
 * copies the form for JSON Lines instead. The program holds no `'`, so it pastes between single quotes in a shell.
 */
import * as vscode from 'vscode';
import { showInformation } from '../notifications';
import { jqProgram } from '../../../common/jqFilter';
import type { CommandFactory } from './context';

export const copyJqFilter: CommandFactory = (ctx) => async () => {
  const shown = ctx.view.model.filter ?? '';
  // Account names are the user's settings, not the log's: the server's tree says which IDs they stand for.
  const named = ctx.view.model.result?.namedFilter;
  const filter = named?.filter === shown ? named.resolved : shown;
  // So are session chains: the tree lists the sessions each actor: term stands for in the loaded logs.
  const sessions = ctx.view.model.result?.actorSessions;
  const actors = sessions?.filter === shown ? sessions.actors : [];
  await vscode.env.clipboard.writeText(jqProgram(filter, 'cloudtrail', actors));
  const what = shown ? 'the jq program for the view’s filter' : 'a jq program that keeps every record (the view has no filter)';
  const lines = 'JSON Lines instead';
  const message = `Copied ${what}. It reads CloudTrail logs ({"Records":[…]}): gzip -dc FILE.json.gz | jq -c '<program>', or for a folder: find . -name '*.json.gz' -exec gzip -dc {} + | jq -c '<program>'.`;
  // The command is done once the program is copied; the other form is a click away.
  void showInformation(message, lines).then(async (choice) => {
    if (choice !== lines) return;
    await vscode.env.clipboard.writeText(jqProgram(filter, 'jsonl', actors));
    void showInformation(`Copied the program for JSON Lines (one record a line): jq -c '<program>' FILE.jsonl`);
  });
};
