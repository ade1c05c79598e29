/**
 * Clicking a bar of the timeline: a Quick Pick of its records, asked of the server with the view's filter and
 * the bar's after:/before:, each shown with the events view's own command; its first choice filters the
 * events view to the bar instead, for more than one page or to keep the range.
 */
import * as vscode from 'vscode';
import { plainText } from '../../../common/plainText';
import { COMMANDS } from '../../../common/commands';
import { withTimeRange } from '../../../common/filterSyntax';
import { DEFAULT_PAGE, type RecordItem, type RecordsParams, type RecordsResult } from '../../../common/protocol';
import type { RangeConverter } from '../eventsView/provider';
import type { RecordRef } from '../records/recordUri';
import { barPickText, recordPickText } from './recordPicks';

export interface BarRecordsRequest {
  /** The log (or folder) the events view shows, its filter, and the bar. */
  readonly log: string;
  readonly filter: string | undefined;
  readonly after: number;
  readonly before: number;
  /** The bar's time range in words. */
  readonly range: string;
  records(params: RecordsParams): Promise<RecordsResult | null>;
  /** Writes the bar's range into the events view's filter. */
  applyRange(): Promise<void>;
  readonly converter: RangeConverter;
}

type Pick = vscode.QuickPickItem & { readonly item?: RecordItem };

export async function showBarRecords(request: BarRecordsRequest): Promise<void> {
  const quickPick = vscode.window.createQuickPick<Pick>();
  quickPick.title = plainText(request.range);
  quickPick.busy = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.show();
  const filter = withTimeRange(request.filter ?? '', request.after, request.before);
  const page = await request.records({ textDocument: { uri: request.log }, filter, limit: DEFAULT_PAGE }).catch(() => null);
  const items = page?.items ?? [];
  const text = barPickText(request.range, page?.total ?? 0, items.length);
  const filterPick: Pick = { label: `$(filter) ${text.filter}`, alwaysShow: true };
  quickPick.title = plainText(text.title);
  quickPick.placeholder = text.placeholder;
  quickPick.items = [
    filterPick,
    { label: 'Records', kind: vscode.QuickPickItemKind.Separator },
    ...items.map((item) => ({ ...recordPickText(item), item })),
  ];
  quickPick.busy = false;
  const chosen = await new Promise<Pick | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.dispose();
  if (chosen === filterPick) return request.applyRange();
  const item = chosen?.item;
  if (!item) return;
  const record: RecordRef = { log: request.log, index: item.index, eventName: item.eventName, eventTime: item.eventTime };
  await vscode.commands.executeCommand(COMMANDS.revealRange, item.uri ?? request.log, request.converter.asRange(item.range), record);
}
