/** Keystrokes spread over a log, as a user editing it here and there would type them. */
import type { TextEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const USER_AGENT = '"userAgent":';

/**
 * The `i`th of `count` one-character edits spread over the document: an `x` typed just inside the first
 * userAgent value at or after i/count of the text. The log stays valid, and each edit lands in another record.
 */
export function spreadEdit(document: TextDocument, i: number, count: number): TextEdit {
  const text = document.getText();
  const key = text.indexOf(USER_AGENT, Math.floor((text.length * i) / count));
  if (key < 0) throw new Error(`no userAgent after ${i}/${count} of the text`);
  const at = document.positionAt(text.indexOf('"', key + USER_AGENT.length) + 2);
  return { range: { start: at, end: at }, newText: 'x' };
}
