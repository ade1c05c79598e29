/**
 * A time range as predicates on the Athena table's partitions, so that Athena reads only the days the range
 * touches. CloudTrail files a log under the UTC day it delivered it, minutes after the events it holds, so the
 * last day read is the day after the range ends: an event at 23:58 may be in the next day's folder.
 */
import type { TimeRange } from './queryModel';
import { sqlString } from './sqlText';

/**
 * How the table is partitioned: `projection`, by a `timestamp` partition `yyyy/MM/dd` (AWS's partition projection
 * table, and the one "Create Athena table…" writes); `yearMonthDay`, by `year`, `month` and `day` partitions (AWS's
 * table with partitions added by hand); `none`, not by day.
 */
export const PARTITIONINGS = ['projection', 'yearMonthDay', 'none'] as const;
export type Partitioning = (typeof PARTITIONINGS)[number];

const DAY_MS = 86_400_000;

/** `yyyy/MM/dd` of a time, UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}

/** The first and last day folders (inclusive) a range needs; either absent when the range is open on that side. */
export function partitionDays(range: TimeRange): { first?: string; last?: string } {
  const valid = (ms: number | undefined) => ms !== undefined && Number.isFinite(ms) && Math.abs(ms) < 8.64e15;
  return {
    ...(valid(range.after) && { first: dayOf(range.after!) }),
    // The day of the range's last millisecond, and the day after it.
    ...(valid(range.before) && { last: dayOf(range.before! - 1 + DAY_MS) }),
  };
}

/** The partition predicates for a range (none for an open range, or a table not partitioned by day). */
export function partitionPredicates(range: TimeRange, partitioning: Partitioning): string[] {
  const { first, last } = partitionDays(range);
  if (partitioning === 'none' || (first === undefined && last === undefined)) return [];
  if (partitioning === 'projection') {
    return [
      ...(first !== undefined ? [`"timestamp" >= ${sqlString(first)}`] : []),
      ...(last !== undefined ? [`"timestamp" <= ${sqlString(last)}`] : []),
    ];
  }
  // Years narrow the partitions as Athena lists them; the whole date keeps only the days.
  const day = `concat("year", '/', "month", '/', "day")`;
  return [
    ...(first !== undefined ? [`"year" >= ${sqlString(first.slice(0, 4))}`, `${day} >= ${sqlString(first)}`] : []),
    ...(last !== undefined ? [`"year" <= ${sqlString(last.slice(0, 4))}`, `${day} <= ${sqlString(last)}`] : []),
  ];
}
