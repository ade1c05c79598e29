/**
 * The hover on a value a record touched (features/touchedValues.ts): how many records of the log touch it, the
 * first and last time, and a link that filters the events view by it. The link is built here, to one command of
 * ours, its argument encoded whole; the value itself is shown only through markdown.text().
 */
import { COMMANDS } from '../../../common/commands';
import { formatTerm } from '../../../common/filterSyntax';
import { commandLink, table, text } from './markdown';
import type { RecordSummary } from './recordSummary';

/** The records that touched `value` (its own case), and the earliest and latest eventTime among them. */
export function touchingRecords(summaries: readonly RecordSummary[], value: string): { count: number; first?: string; last?: string } {
  let count = 0;
  let first: string | undefined;
  let last: string | undefined;
  for (const s of summaries) {
    if (!s.touched?.includes(value)) continue;
    count++;
    // ISO 8601 times in UTC order as text; a record without one has ''.
    if (s.eventTime && (first === undefined || s.eventTime < first)) first = s.eventTime;
    if (s.eventTime && (last === undefined || s.eventTime > last)) last = s.eventTime;
  }
  return { count, ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) };
}

/** The hover's section, or undefined when no record touches the value (it is too long to keep, say). */
export function resourceHover(summaries: readonly RecordSummary[], value: string): string | undefined {
  const { count, first, last } = touchingRecords(summaries, value);
  if (count === 0) return undefined;
  const rows: [string, string][] = [['Records touching it', String(count)]];
  if (first !== undefined) rows.push(['First', text(first)]);
  if (last !== undefined && last !== first) rows.push(['Last', text(last)]);
  const pivot = commandLink('Everything that touched it', COMMANDS.filterEvents, [formatTerm('resource', value)]);
  return `${table(rows)}\n\n${pivot}`;
}
