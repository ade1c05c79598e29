/**
 * `account:` by name: each `account:` term of a filter is followed by the IDs whose names (cloudtrail.accounts,
 * cloudtrail.accountsFile) it matches, as terms of the same sign. Terms of one key are alternatives and negated
 * terms each must not hold, so `account:prod*` keeps prod's records and `-account:prod*` drops them, in the view
 * and in the SQL alike (the IDs written there as an IN list).
 */
import { formatTerm, parseFilter } from '../../../common/filterSyntax';
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

/** The groups with the name the user gave an account beside the ID their label shows; the keys as they were. */
export function withGroupAccountNames(groups: readonly EventGroup[], groupBy: GroupBy, names: ReadonlyMap<string, string>): EventGroup[] {
  const accountOf = GROUP_ACCOUNTS[groupBy];
  if (!accountOf || names.size === 0) return [...groups];
  return groups.map((group) => {
    const id = accountOf(group.key);
    const name = id === undefined ? undefined : names.get(id);
    return name === undefined ? group : { ...group, label: `${group.label} (${name})` };
  });
}
