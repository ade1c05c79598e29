/**
 * What the Quick Pick of a bar's records says: each record's event, who, from where and when, and the choice
 * that filters the events view to the bar instead. Plain text, no VS Code, so plain Node tests read it.
 */
import type { RecordItem } from '../../../common/protocol';

/** Quick Pick labels draw `$(name)` as an icon: a log's text is shown as written, escaped. */
export function plainText(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

export interface RecordPickText {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

/** A record as the Quick Pick lists it: the event (and its error) on the first line, when, who and from where below. */
export function recordPickText(item: RecordItem): RecordPickText {
  const error = item.errorCode ? ` · ${item.errorCode}` : '';
  return {
    label: plainText(`${item.eventName}${error}`),
    description: plainText(item.eventSource),
    detail: plainText(`${item.eventTime} · ${item.identity}${item.sourceIPAddress ? ` · ${item.sourceIPAddress}` : ''}`),
  };
}

/** The Quick Pick's title and its first choice, for a bar of `total` records of which `listed` are listed. */
export function barPickText(range: string, total: number, listed: number): { title: string; filter: string; placeholder: string } {
  const records = `${total} record${total === 1 ? '' : 's'}`;
  return {
    title: `${range}: ${records}`,
    filter: `Filter the events view to ${range}`,
    placeholder:
      listed < total
        ? `The first ${listed} of ${records}: pick one to show it, or filter the events view to them all`
        : 'Pick a record to show it',
  };
}
