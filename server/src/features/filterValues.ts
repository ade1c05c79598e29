/**
 * The values a log holds for a filter key, most frequent first: what the filter's input offers after `user:`,
 * `ip:` or `event:`. Counted over the records' summaries, so a folder's half a million records answer too.
 */
import type { FieldKey } from '../../../common/filterSyntax';
import type { RecordSummary } from './recordSummary';
import { SessionIndex } from './sessionChain';

/** What each key offers of a summary: the fields its term matches that a person would type. */
const OFFERED: Readonly<Record<FieldKey, (s: RecordSummary, log: readonly RecordSummary[]) => readonly (string | undefined)[]>> = {
  event: (s) => [s.eventName],
  source: (s) => [s.eventSource],
  user: (s) => [s.userName, s.roleName, s.arn],
  ip: (s) => [s.sourceIPAddress],
  error: (s) => [s.errorCode],
  region: (s) => [s.awsRegion],
  bucket: (s) => [s.bucketName],
  key: (s) => [s.accessKeyId],
  account: (s) => [s.accountId, s.recipientAccountId],
  resource: (s) => s.touched ?? [],
  actor: (s, log) => [SessionIndex.of(log).actorOf(s)],
};

export interface FilterValue {
  readonly value: string;
  readonly count: number;
}

/** The `limit` most frequent values of `key` that start with `prefix` (any case), then by value. */
export function filterValues(summaries: readonly RecordSummary[], key: FieldKey, prefix: string, limit: number): FilterValue[] {
  const offered = OFFERED[key];
  if (!offered) return [];
  const start = prefix.toLowerCase();
  const counts = new Map<string, number>();
  for (const summary of summaries) {
    for (const value of offered(summary, summaries)) {
      if (value === undefined || value === '') continue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  const found: FilterValue[] = [];
  for (const [value, count] of counts) if (value.toLowerCase().startsWith(start)) found.push({ value, count });
  found.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return found.slice(0, limit);
}
