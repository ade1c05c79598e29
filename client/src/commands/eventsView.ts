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
/** An offer, or (without a suggestion) the separator above the past filters. */
type SuggestionItem = vscode.QuickPickItem & { readonly suggestion?: Suggestion };

const PAST_FILTERS: SuggestionItem = { label: 'Recent filters', kind: vscode.QuickPickItemKind.Separator };

/** The offers as the Quick Pick's items, past filters under their own separator. */
function suggestionItems(offers: readonly Suggestion[]): SuggestionItem[] {
  const items = offers.map((suggestion): SuggestionItem => ({
    label: suggestion.label,
    ...('description' in suggestion ? { description: suggestion.description } : {}),
    iconPath: new vscode.ThemeIcon(ICONS[suggestion.kind]),
    alwaysShow: true,
    suggestion,
  }));
  const past = offers.findIndex((s) => s.kind === 'history');
  if (past >= 0) items.splice(past, 0, PAST_FILTERS);
  return items;
}

const ICONS: Record<Suggestion['kind'], string> = { apply: 'filter', key: 'symbol-key', value: 'symbol-value', history: 'history' };

/**
 * The filter's input: a Quick Pick whose value is the filter. It offers the filter as typed (Enter applies it),
 * keys completing the word typed or the log's values for a key being typed, most frequent first, and past filters
 * apart; picking a key or a value completes the text, picking a past filter applies it.
 */
function askFilter(initial: string, history: readonly string[], logValues: LogValues): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<SuggestionItem>();
  pick.placeholder = 'event:Put* user:alice -error:AccessDenied after:2026-11-01T01:00:00Z';
  let values: readonly { value: string; count: number }[] = [];
  const show = () => {
    pick.title = inputTitle(pick.value);
    pick.items = suggestionItems(suggestions(pick.value, history, values));
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
