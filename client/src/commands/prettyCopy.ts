/** A log's read-only pretty-printed copy, opened beside it: for a log too large to format in place, or any log. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../common/language';
import type { CommandFactory } from './context';

export const openPrettyCopy: CommandFactory = (ctx) => async (uri?: vscode.Uri) => {
  const document = vscode.window.activeTextEditor?.document;
  const log = uri ?? (document?.languageId === LANGUAGE_ID ? document.uri : undefined);
  return log ? ctx.prettyCopies.open(log) : undefined;
};
