/**
 * `account:` by name: each `account:` term of a filter is followed by the IDs whose names (cloudtrail.accounts,
 * cloudtrail.accountsFile) it matches, as terms of the same sign. Terms of one key are alternatives and negated
 * terms each must not hold, so `account:prod*` keeps prod's records and `-account:prod*` drops them, in the view
 * and in the SQL alike (the IDs written there as an IN list).
 */
import { formatTerm, parseFilter } from '../../../common/filterSyntax';
import type { ActorSession } from '../../../common/actorProtocol';
import type { EventGroup, GroupBy } from '../../../common/protocol';
import { parseArn } from '../cloudtrail/arn';
import { wildcardPattern } from './eventFilter';

/** The filter with names resolved to IDs; the same text when no `account:` term names an account. */
export function withAccountNames(filter: string | undefined, names: ReadonlyMap<string, string>): string | undefined {
  if (filter === undefined || names.size === 0 || !/account:/i.test(filter)) return filter;
  let out = '';
  let at = 0;
  for (const term of parseFilter(filter).terms) {
    if (term.key !== 'account') continue;
    const pattern = wildcardPattern(term.value);
    const ids = [...names].filter(([id, name]) => id !== term.value && pattern.test(name)).map(([id]) => id);
    if (ids.length === 0) continue;
    out += `${filter.slice(at, term.end)} ${ids.map((id) => formatTerm('account', id, term.negated)).join(' ')}`;
    at = term.end;
  }
  return out + filter.slice(at);
}

/** An account ID as shown: with its name beside it when the user named it. */
export function accountLabel(id: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(id);
  return name === undefined ? id : `${id} (${name})`;
}

/** The names of a record's acting and recipient accounts, where the user named them. */
export function accountNamesOf(
  record: { readonly accountId?: string | undefined; readonly recipientAccountId?: string | undefined },
  names: ReadonlyMap<string, string>,
): { accountNames?: { account?: string; recipient?: string } } {
  const account = record.accountId === undefined ? undefined : names.get(record.accountId);
  const recipient = record.recipientAccountId === undefined ? undefined : names.get(record.recipientAccountId);
  if (account === undefined && recipient === undefined) return {};
  return { accountNames: { ...(account !== undefined && { account }), ...(recipient !== undefined && { recipient }) } };
}

/** The account a group's key names, by grouping: an AWS account acting as itself, an actor's ARN. */
const GROUP_ACCOUNTS: Partial<Record<GroupBy, (key: string) => string | undefined>> = {
  identity: (key) => /^account (\d{12})$/.exec(key)?.[1],
  actor: (key) => parseArn(key)?.account || undefined,
};

/** An item labelled by a group key, with the name of the account the key names beside its label; the item itself otherwise. */
function labelNamed<T extends { readonly key: string; readonly label: string }>(
  item: T,
  accountOf: (key: string) => string | undefined,
  names: ReadonlyMap<string, string>,
): T {
  const id = accountOf(item.key);
  const name = id === undefined ? undefined : names.get(id);
  return name === undefined ? item : { ...item, label: `${item.label} (${name})` };
}

/** A By actor group's sessions, each with the name of its identity's account where the user named it. */
function sessionsNamed(sessions: readonly ActorSession[] | undefined, names: ReadonlyMap<string, string>): { sessions?: ActorSession[] } {
  if (!sessions) return {};
  return {
    sessions: sessions.map((session) => {
      const id = parseArn(session.principal)?.account;
      const accountName = id ? names.get(id) : undefined;
      return accountName === undefined ? session : { ...session, accountName };
    }),
  };
}

/** The groups with the name the user gave an account beside the ID their label shows (and their sessions'); the keys as they were. */
export function withGroupAccountNames(groups: readonly EventGroup[], groupBy: GroupBy, names: ReadonlyMap<string, string>): EventGroup[] {
  const accountOf = GROUP_ACCOUNTS[groupBy];
  if (!accountOf || names.size === 0) return [...groups];
  return groups.map((group) => {
    const named = labelNamed(group, accountOf, names);
    return group.sessions ? { ...named, ...sessionsNamed(group.sessions, names) } : named;
  });
}

/** A timeline's series stacked by a grouping, labelled as the view labels its groups. */
export function withSeriesAccountNames<T extends { readonly key: string; readonly label: string; readonly other?: true }>(
  series: readonly T[],
  groupBy: GroupBy,
  names: ReadonlyMap<string, string> | undefined,
): T[] {
  const accountOf = GROUP_ACCOUNTS[groupBy];
  if (!accountOf || !names || names.size === 0) return [...series];
  return series.map((s) => (s.other ? s : labelNamed(s, accountOf, names)));
}
