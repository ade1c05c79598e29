/** "Fix all JSON problems": the server's fix-all source action for the whole file, applied. */
import * as vscode from 'vscode';
import { showInformation } from '../notifications';
import { FIX_ALL_KIND } from '../../../common/codes';
import { LANGUAGE_ID } from '../../../common/language';
import type { CommandFactory } from './context';

const KIND = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

export const fixAll: CommandFactory = () => async () => {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    KIND.value,
  );
  const edit = actions?.find((a) => a.kind && KIND.contains(a.kind))?.edit;
  if (!edit) {
    void showInformation('No JSON problems with a certain fix in this file.');
    return;
  }
  await vscode.workspace.applyEdit(edit);
};
