/** The events view's own commands: grouping, filtering, refreshing, and the next page of records. */
import * as vscode from 'vscode';
import { GROUP_BY_VALUES, type GroupBy } from '../../../common/protocol';
import { inputTitle, type Suggestion, suggestions } from '../eventsView/filterInput';
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
  const filter = text ?? (await askFilter(ctx.view.model.filter ?? '', ctx.view.filterHistory));
  if (filter === undefined) return;
  await ctx.view.setFilter(filter);
};

type SuggestionItem = vscode.QuickPickItem & { readonly suggestion: Suggestion };

/**
 * The filter's input: a Quick Pick whose value is the filter, offering the keys that complete the word being
 * typed and the filters used before. Picking a key completes the word; picking a past filter, or Enter, applies.
 */
function askFilter(initial: string, history: readonly string[]): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<SuggestionItem>();
  pick.placeholder = 'event:Put* user:alice -error:AccessDenied after:2026-11-01T01:00:00Z (empty to clear)';
  // The items are suggestions, not a list to filter: VS Code must not hide them as the value changes.
  pick.matchOnDescription = false;
  const update = () => {
    pick.title = inputTitle(pick.value);
    pick.items = suggestions(pick.value, history).map((suggestion) => ({
      label: suggestion.label,
      ...(suggestion.kind === 'key' ? { description: suggestion.description } : { iconPath: new vscode.ThemeIcon('history') }),
      alwaysShow: true,
      suggestion,
    }));
    pick.activeItems = [];
  };
  pick.value = initial;
  update();
  return new Promise((resolve) => {
    let result: string | undefined;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems;
      if (chosen?.suggestion.kind === 'key') {
        pick.value = chosen.suggestion.value;
        update();
        return;
      }
      result = chosen ? chosen.suggestion.value : pick.value;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

export const clearFilter: CommandFactory = (ctx) => () => ctx.view.setFilter('');

export const refreshEvents: CommandFactory = (ctx) => () => ctx.view.refresh();

export const loadMoreRecords: CommandFactory = (ctx) => (node: PagedNode) => ctx.view.model.loadMore(node);
