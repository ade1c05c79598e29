/** Keystrokes spread over a log, as a user editing it here and there would type them. */
import { DocumentSymbolRequest, HoverRequest, type TextEdit } from 'vscode-languageserver-protocol/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EventTreeRequest } from '../../common/protocol';
import type { TestClient } from './lspClient';

/** Every so many keystrokes the editor waits for the file to be checked again, so the problems are kept and moved too. */
const CHECK_EVERY = 10;

const USER_AGENT = '"userAgent":';

/**
 * The `i`th of `count` one-character edits spread over the document: an `x` typed just inside the first
 * userAgent value at or after i/count of the text. The log stays valid, and each edit lands in another record.
 */
function spreadEdit(document: TextDocument, i: number, count: number): TextEdit {
  const text = document.getText();
  const key = text.indexOf(USER_AGENT, Math.floor((text.length * i) / count));
  if (key < 0) throw new Error(`no userAgent after ${i}/${count} of the text`);
  const at = document.positionAt(text.indexOf('"', key + USER_AGENT.length) + 2);
  return { range: { start: at, end: at }, newText: 'x' };
}

/**
 * Types the `i`th of `count` spread keystrokes, then asks what the editor asks after one: a hover where it
 * was typed, the events view's tree and the outline. Every CHECK_EVERY-th keystroke waits for the diagnostics.
 */
export async function typeAndAsk(client: TestClient, uri: string, i: number, count: number) {
  const edit = spreadEdit(client.document(uri), i, count);
  if (i % CHECK_EVERY === CHECK_EVERY - 1) await client.edit(uri, [edit]);
  else await client.change(uri, [edit]);
  return Promise.all([
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: edit.range.start }),
    client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } }),
    client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
  ]);
}
