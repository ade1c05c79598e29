/** Opening a record pretty-printed on its own: from the events view's context menu, and at the cursor (the Outline has no menus). */
import * as vscode from 'vscode';
import { showInformation } from '../notifications';
import { LANGUAGE_ID } from '../../../common/language';
import { RecordAtRequest } from '../../../common/protocol';
import { recordRef } from '../eventsView/items';
import type { RecordNode } from '../eventsView/nodes';
import { RECORD_SCHEME } from '../records/recordUri';
import type { CommandFactory } from './context';

export const openRecord: CommandFactory = (ctx) => async (node?: RecordNode) => {
  if (node?.kind === 'record') await ctx.records.open(recordRef(node));
};

export const openRecordAtCursor: CommandFactory = (ctx) => async () => {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  if (!editor || document?.languageId !== LANGUAGE_ID) {
    void showInformation('Put the cursor in a record of a CloudTrail log first.');
    return;
  }
  // A record opened on its own is already the record.
  if (document.uri.scheme === RECORD_SCHEME) return;
  const log = document.uri.toString();
  const place = await ctx.client.sendRequest(RecordAtRequest, {
    textDocument: { uri: log },
    position: ctx.client.code2ProtocolConverter.asPosition(editor.selection.active),
  });
  if (!place) {
    void showInformation('The cursor is not in a record.');
    return;
  }
  const { index, eventName, eventTime } = place.item;
  await ctx.records.open({ log, index, eventName, eventTime });
};
