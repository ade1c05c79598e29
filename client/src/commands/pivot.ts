/** Pivots: from a record (the events view's context menu, or the editor's code action) to a filter the view shows. */
import * as vscode from 'vscode';
import { CONFIGURATION_SECTION } from '../../../common/language';
import { DEFAULT_PIVOT_MINUTES, type PivotKind, type PivotRecord, pivotFilter, pivotsOf, pivotTitle } from '../../../common/pivots';
import type { RecordNode } from '../eventsView/nodes';
import { EVENTS_VIEW_ID } from '../contributions';
import type { CommandFactory } from './context';

function pivotMinutes(): number {
  const minutes = vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<number>('pivot.minutes');
  return typeof minutes === 'number' && minutes > 0 ? minutes : DEFAULT_PIVOT_MINUTES;
}

/** With a kind (from a caller), pivots at once; without, asks which pivot, showing the filter each writes. */
export const pivot: CommandFactory = (ctx) => async (from?: RecordNode | PivotRecord, kind?: PivotKind) => {
  const record = from && 'item' in from ? from.item : from;
  if (!record) return;
  const minutes = pivotMinutes();
  const chosen =
    kind ??
    (
      await vscode.window.showQuickPick(
        pivotsOf(record, minutes).map((k) => ({ label: pivotTitle(k, minutes), description: pivotFilter(k, record, minutes), pivot: k })),
        { title: 'Pivot from this record', placeHolder: 'The filter it writes replaces the events view\u2019s' },
      )
    )?.pivot;
  const filter = chosen && pivotFilter(chosen, record, minutes);
  if (!filter) return;
  await ctx.view.setFilter(filter);
  await vscode.commands.executeCommand(`${EVENTS_VIEW_ID}.focus`);
};
