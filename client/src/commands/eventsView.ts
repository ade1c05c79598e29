/** The events view's own commands: grouping, filtering, refreshing, and the next page of records. */
import * as vscode from 'vscode';
import { FilterValuesRequest, GROUP_BY_VALUES, type GroupBy } from '../../../common/protocol';
import { inputTitle, type Suggestion, suggestions, valueTyping } from '../eventsView/filterInput';
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
  const uri = ctx.view.model.uri;
  const values: LogValues = async (key, prefix) =>
    uri ? ((await ctx.client.sendRequest(FilterValuesRequest, { textDocument: { uri }, key, prefix }))?.values ?? []) : [];
  const filter = text ?? (await askFilter(ctx.view.model.filter ?? '', ctx.view.filterHistory, values));
  if (filter === undefined) return;
  await ctx.view.setFilter(filter);
};

type LogValues = (key: string, prefix: string) => Promise<readonly { value: string; count: number }[]>;
type SuggestionItem = vscode.QuickPickItem & { readonly suggestion: Suggestion };

const ICONS: Record<Suggestion['kind'], string> = { apply: 'filter', key: 'symbol-key', value: 'symbol-value', history: 'history' };

/**
 * The filter's input: a Quick Pick whose value is the filter. It offers the filter as typed (Enter applies it),
 * keys completing the word typed, the log's values for a key being typed, and past filters; picking a key or
 * a value completes the text, picking a past filter applies it.
 */
function askFilter(initial: string, history: readonly string[], logValues: LogValues): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<SuggestionItem>();
  pick.placeholder = 'event:Put* user:alice -error:AccessDenied after:2026-11-01T01:00:00Z';
  let values: readonly { value: string; count: number }[] = [];
  const show = () => {
    pick.title = inputTitle(pick.value);
    pick.items = suggestions(pick.value, history, values).map((suggestion) => ({
      label: suggestion.label,
      ...('description' in suggestion ? { description: suggestion.description } : {}),
      iconPath: new vscode.ThemeIcon(ICONS[suggestion.kind]),
      alwaysShow: true,
      suggestion,
    }));
  };
  // The values of the key being typed, asked for once the typing pauses; an answer to older text is dropped.
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    values = [];
    show();
    clearTimeout(timer);
    const at = valueTyping(pick.value);
    if (!at) return;
    const asked = pick.value;
    timer = setTimeout(() => {
      void logValues(at.key, at.prefix).then((found) => {
        if (pick.value !== asked) return;
        values = found;
        show();
      });
    }, 150);
  };
  pick.value = initial;
  changed();
  return new Promise((resolve) => {
    let result: string | undefined;
    pick.onDidChangeValue(changed);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.suggestion;
      if (chosen && (chosen.kind === 'key' || chosen.kind === 'value')) {
        pick.value = chosen.value;
        changed();
        return;
      }
      result = chosen ? chosen.value : pick.value;
      pick.hide();
    });
    pick.onDidHide(() => {
      clearTimeout(timer);
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

export const clearFilter: CommandFactory = (ctx) => () => ctx.view.setFilter('');

export const refreshEvents: CommandFactory = (ctx) => () => ctx.view.refresh();

export const loadMoreRecords: CommandFactory = (ctx) => (node: PagedNode) => ctx.view.model.loadMore(node);
