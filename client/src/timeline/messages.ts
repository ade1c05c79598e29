/**
 * What the timeline's view and its page say to each other, declared once for both. The page is ours, but what
 * it posts is read as any input is: a message that is not one of these is ignored.
 */
import type { TimelineStack } from '../../../common/protocol';
import type { ChartModel } from './chartModel';

/** view → page: what to draw, or why there is nothing, and the controls' state. */
export interface ShowMessage {
  readonly type: 'show';
  readonly chart?: ChartModel;
  /** Why there are no bars, when `chart` is absent. */
  readonly empty?: string;
  readonly stack: TimelineStack;
  /** The events view's grouping, as the stacking control names it. */
  readonly groupLabel: string;
  /** Whether the filter has an after: or before: term the page can clear. */
  readonly timeRange: boolean;
}

export type ToPage = ShowMessage;

/** page → view. */
export type FromPage =
  /** The page is ready for a chart. */
  | { readonly type: 'ready' }
  /** Filter the events view to [after, before), ms since the epoch. */
  | { readonly type: 'range'; readonly after: number; readonly before: number }
  /** Take the filter's time range out. */
  | { readonly type: 'clearRange' }
  /** List the records of a bar. */
  | { readonly type: 'list'; readonly bin: number }
  | { readonly type: 'stack'; readonly stack: TimelineStack }
  /** The page drew a chart of so many bars and records (none when it shows why not), stacked so. */
  | { readonly type: 'drawn'; readonly bars: number; readonly records: number; readonly stack: TimelineStack };

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStack = (v: unknown): v is TimelineStack => v === 'outcome' || v === 'group';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The message a page posted, if it is one of ours. */
export function pageMessage(value: unknown): FromPage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'clearRange':
      return { type: m.type };
    case 'range':
      return isTime(m.after) && isTime(m.before) && m.after < m.before ? { type: 'range', after: m.after, before: m.before } : undefined;
    case 'list':
      return isCount(m.bin) ? { type: 'list', bin: m.bin } : undefined;
    case 'stack':
      return isStack(m.stack) ? { type: 'stack', stack: m.stack } : undefined;
    case 'drawn':
      return isCount(m.bars) && isCount(m.records) && isStack(m.stack)
        ? { type: 'drawn', bars: m.bars, records: m.records, stack: m.stack }
        : undefined;
    default:
      return undefined;
  }
}
