/**
 * Format Document declined for a log above the limit (common/formatLimit.ts): the user is told why, with a
 * button that opens a `cloudtrail-pretty:` copy, read-only, laid out by the same code as Format Document,
 * beside the log. The log itself is never changed. The copy is made from the open document's text (unsaved
 * changes included), or from the file when no document holds it (an editor restored after a reload).
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../common/language';
import { editorLayout } from '../editorLayout';
import { showWarning } from '../notifications';
import {
  COPY_TOO_LARGE,
  declinedMessage,
  OPEN_PRETTY_COPY,
  PRETTY_SCHEME,
  prettyCopyParts,
  prettyCopyText,
  sourceOfCopy,
} from './prettyCopy';

export class PrettyCopies implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceOfCopy(uri.query);
    if (!source) throw new Error('This copy names no log.');
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source);
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(source)));
    const pretty = prettyCopyText(text, editorLayout());
    if (pretty === undefined) throw new Error(COPY_TOO_LARGE);
    return pretty;
  }

  /** Says why `document` was not formatted, and opens its copy when asked. */
  declined(document: vscode.TextDocument, chars: number): void {
    void showWarning(declinedMessage(chars), OPEN_PRETTY_COPY).then((choice) => {
      if (choice) void this.open(document.uri);
    });
  }

  /** Opens the read-only pretty-printed copy of a log beside it. */
  async open(log: vscode.Uri): Promise<vscode.TextEditor | undefined> {
    const uri = vscode.Uri.from({ scheme: PRETTY_SCHEME, ...prettyCopyParts({ path: log.path, uri: log.toString() }) });
    try {
      let document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
      return await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    } catch (error) {
      // Our own words only: VS Code's message names the file, and a notification renders links.
      const tooLarge = error instanceof Error && error.message.includes(COPY_TOO_LARGE);
      void showWarning(tooLarge ? COPY_TOO_LARGE : 'The pretty-printed copy could not be opened.');
      return undefined;
    }
  }
}
