/** The events view's own commands: grouping, filtering, refreshing, and the next page of records. */
import * as vscode from 'vscode';
import { GROUP_BY_VALUES, type GroupBy } from '../../../common/protocol';
import type { PagedNode } from '../eventsView/nodes';
import { GROUP_BY_LABELS } from '../eventsView/viewText';
import type { CommandFactory } from './context';

export const groupBy: CommandFactory = (ctx) => async (choice?: GroupBy) => {
  const current = ctx.view.model.groupBy;
  const picked =
    choice ??
    (
      await vscode.window.showQuickPick(
        GROUP_BY_VALUES.map((value) => ({ label: GROUP_BY_LABELS[value], value, picked: value === current })),
        { title: 'Group CloudTrail events by' },
      )
    )?.value;
  if (!picked || !GROUP_BY_VALUES.includes(picked)) return;
  await ctx.view.setGroupBy(picked);
};

/** With text (from a caller), filters by it; without, asks. Empty text clears the filter. */
export const filterEvents: CommandFactory = (ctx) => async (text?: string) => {
  const filter =
    text ??
    (await vscode.window.showInputBox({
      title: 'Filter CloudTrail events',
      prompt: 'Event name, identity, source IP or error code (empty to clear)',
      value: ctx.view.model.filter ?? '',
    }));
  if (filter === undefined) return;
  await ctx.view.setFilter(filter);
};

export const clearFilter: CommandFactory = (ctx) => () => ctx.view.setFilter('');

export const refreshEvents: CommandFactory = (ctx) => () => ctx.view.refresh();

export const loadMoreRecords: CommandFactory = (ctx) => (node: PagedNode) => ctx.view.model.loadMore(node);
