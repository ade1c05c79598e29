/** The editor's indentation for CloudTrail documents (tabSize, insertSpaces), as the pretty-printer takes it. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../common/language';
import type { RecordLayout } from '../../common/protocol';

export function editorLayout(): RecordLayout {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: LANGUAGE_ID });
  const tabSize = editor.get<unknown>('tabSize');
  return { tabSize: typeof tabSize === 'number' && tabSize > 0 ? tabSize : 4, insertSpaces: editor.get<unknown>('insertSpaces') !== false };
}
