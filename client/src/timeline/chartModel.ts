/**
 * What the timeline's page draws, made from the server's bars: the stacked heights, each series' colour, and
 * every word the page shows or announces about a bar, a selection or the whole chart. Plain data and text,
 * no DOM and no VS Code: the view makes it, the page draws it, and plain Node tests read it.
 * Labels are log values (identities, IPs…): the page sets them as text, never as HTML.
 */
import type { TimelineResult, TimelineStack } from '../../../common/protocol';

/** Which of the theme's chart colours (`--vscode-charts-<name>`) a series is drawn in; `lines` for the other groups. */
export type ChartColour = 'blue' | 'red' | 'green' | 'purple' | 'orange' | 'yellow' | 'lines';

/** The groups' colours in order; yellow is kept for the findings' marks, red stays the colour of failure. */
const GROUP_COLOURS: readonly ChartColour[] = ['blue', 'green', 'purple', 'orange', 'red'];
export const FINDINGS_COLOUR: ChartColour = 'yellow';

export interface ChartSeries {
  readonly label: string;
  readonly colour: ChartColour;
  /** Records of this series in all the bars. */
  readonly total: number;
}

export interface ChartModel {
  /** The first bar's start and every bar's length, in ms since the epoch (UTC). */
  readonly start: number;
  readonly intervalMs: number;
  /** Each bar's start. */
  readonly xs: readonly number[];
  /** Bottom first. */
  readonly series: readonly ChartSeries[];
  /** Per series (bottom first), per bar: the records of that series. */
  readonly counts: readonly (readonly number[])[];
  /** Per series, per bar: the top of its part of the stack (its count plus those below it). */
  readonly stacked: readonly (readonly number[])[];
  /** Per bar: its records, and how many of them a rule flagged. */
  readonly totals: readonly number[];
  readonly findings: readonly number[];
  /** One line above the chart: how many records, in bars of how long. */
  readonly summary: string;
  /** What the chart is, for a screen reader. */
  readonly label: string;
}

/** What the view adds to the server's answer: how the bars are stacked and what the grouping is called. */
export interface ChartContext {
  readonly stack: TimelineStack;
  readonly groupLabel: string;
}

const UNITS: readonly [ms: number, name: string][] = [
  [365 * 86_400_000, 'year'],
  [7 * 86_400_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** A bar's length in words: "5 minutes", "1 hour", "2 weeks". */
export function durationText(ms: number): string {
  const [unit, name] = UNITS.find(([u]) => ms >= u && ms % u === 0) ?? [1, 'millisecond'];
  const n = ms / unit;
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

/** A count with thousands separated, the same on every machine. */
export function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What uPlot draws between the plot and a y-axis label: its tick (10 px) and gap (5 px); and a margin past the label. */
const AXIS_TICK_AND_GAP = 15;
const AXIS_MARGIN = 4;

/** The count axis's width, in CSS pixels: room for its widest label ("2,000", "150,000"), measured in the chart's font. */
export function countAxisSize(labels: readonly (string | null)[], textWidth: (text: string) => number): number {
  const widest = Math.max(0, ...labels.map((label) => (label ? textWidth(label) : 0)));
  return Math.ceil(AXIS_TICK_AND_GAP + widest + AXIS_MARGIN);
}

const plural = (n: number, one: string, many = `${one}s`) => `${countText(n)} ${n === 1 ? one : many}`;

/** The chart of a server's answer; undefined when no bar has a record (the page says why instead). */
export function chartModel(result: TimelineResult, context: ChartContext): ChartModel | undefined {
  const bins = result.findings.length;
  if (bins === 0) return undefined;
  const { start, intervalMs } = result;
  const colours = context.stack === 'outcome' ? (['blue', 'red'] as const) : GROUP_COLOURS;
  let below = new Array<number>(bins).fill(0);
  const stacked = result.series.map((s) => (below = below.map((n, bin) => n + (s.counts[bin] ?? 0))));
  const totals = below;
  const series = result.series.map((s, i) => ({
    label: s.label,
    colour: s.other ? ('lines' as const) : colours[i % colours.length]!,
    total: s.counts.reduce((a, b) => a + b, 0),
  }));
  const barred = totals.reduce((a, b) => a + b, 0);
  const stackedBy = context.stack === 'outcome' ? 'outcome' : context.groupLabel.toLowerCase();
  const untimed = result.untimed > 0 ? ` · ${plural(result.untimed, 'record')} without a valid eventTime` : '';
  return {
    start,
    intervalMs,
    xs: Array.from({ length: bins }, (_, bin) => start + bin * intervalMs),
    series,
    counts: result.series.map((s) => s.counts),
    stacked,
    totals,
    findings: result.findings,
    summary: `${plural(barred, 'record')} in bars of ${durationText(intervalMs)}${untimed}`,
    label: `Timeline: ${plural(barred, 'record')} in ${plural(bins, 'bar')} of ${durationText(intervalMs)}, from ${timeText(start, intervalMs)} UTC, stacked by ${stackedBy}`,
  };
}

/** Why there are no bars, for the page to say. */
export function emptyText(result: TimelineResult | null, filtered: boolean): string {
  if (!result) return 'No CloudTrail log is shown in the Events view.';
  if (result.total === 0) return filtered ? 'No record matches the filter.' : 'The log has no records.';
  return `None of the ${plural(result.total, 'record')} has a valid eventTime.`;
}

/** A time as the bars need it: to the second only when bars are shorter than a minute. */
function timeText(ms: number, intervalMs: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, intervalMs < 60_000 ? 19 : 16)}`;
}

/**
 * The time axis's labels, in UTC as the bars are: the time of day (to the second when ticks are seconds apart),
 * with the date under the first tick and under each that starts another day; dates alone for ticks a day or
 * more apart, years alone for ticks a year or more apart.
 */
export function timeTicks(ticks: readonly number[], stepMs: number): string[] {
  let day = '';
  return ticks.map((tick) => {
    const iso = new Date(tick).toISOString();
    if (stepMs >= 365 * 86_400_000) return iso.slice(0, 4);
    if (stepMs >= 86_400_000) return iso.slice(0, 10);
    const time = iso.slice(11, stepMs < 60_000 ? 19 : 16);
    const date = iso.slice(0, 10);
    const label = date === day ? time : `${time}\n${date}`;
    day = date;
    return label;
  });
}

/** From one bar's start to another's end: "2024-03-05 10:00–10:15 UTC", the date written once when it is one day. */
export function rangeText(model: Pick<ChartModel, 'start' | 'intervalMs'>, first: number, last = first): string {
  const from = timeText(model.start + first * model.intervalMs, model.intervalMs);
  const to = timeText(model.start + (last + 1) * model.intervalMs, model.intervalMs);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)} UTC` : `${from} – ${to} UTC`;
}

/**
 * What the marks count: the server marks rules at TIMELINE_MIN_LEVEL (common/protocol.ts) or above. Written out here,
 * since the page's bundle takes no protocol code.
 */
const FLAGGED_LEVELS = 'medium level or above';
export const FLAGGED_LABEL = 'Flagged (medium or above)';

export interface BarRow {
  readonly label: string;
  readonly count: number;
  readonly colour: ChartColour;
  /** The flagged records' row, drawn with the findings' mark rather than a swatch. */
  readonly mark?: true;
}

/** A bar's rows for its tooltip: each series with records in it, top of the stack first, then the flagged records. */
export function barRows(model: ChartModel, bin: number): BarRow[] {
  const rows: BarRow[] = model.series
    .map((s, i) => ({ label: s.label, count: model.counts[i]![bin] ?? 0, colour: s.colour }))
    .filter((r) => r.count > 0)
    .reverse();
  const flagged = model.findings[bin] ?? 0;
  if (flagged > 0) rows.push({ label: FLAGGED_LABEL, count: flagged, colour: FINDINGS_COLOUR, mark: true });
  return rows;
}

/** What a screen reader hears when a bar takes the focus. */
export function barAnnouncement(model: ChartModel, bin: number): string {
  const total = model.totals[bin] ?? 0;
  const parts = model.series
    .map((s, i) => [s.label, model.counts[i]![bin] ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${countText(n)}`);
  const flagged = model.findings[bin] ? `; ${plural(model.findings[bin]!, 'record')} flagged by rules of ${FLAGGED_LEVELS}` : '';
  const detail = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `Bar ${bin + 1} of ${model.xs.length}, ${rangeText(model, bin)}: ${plural(total, 'record')}${detail}${flagged}.`;
}

/** The bars from `first` to `last` (either order) as a time range: after inclusive, before exclusive, as the filter reads them. */
export function rangeOf(model: Pick<ChartModel, 'start' | 'intervalMs'>, first: number, last: number): { after: number; before: number } {
  const [a, b] = first <= last ? [first, last] : [last, first];
  return { after: model.start + a * model.intervalMs, before: model.start + (b + 1) * model.intervalMs };
}

/** The bars a dragged span of time touches, clamped to the chart; undefined when it touches none. */
export function barsOf(model: ChartModel, from: number, to: number): { first: number; last: number } | undefined {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const bins = model.xs.length;
  const first = Math.max(0, Math.floor((a - model.start) / model.intervalMs));
  const last = Math.min(bins - 1, Math.ceil((b - model.start) / model.intervalMs) - 1);
  return first <= last && first < bins && last >= 0 ? { first, last } : undefined;
}

/** The bar holding a time, or undefined outside the chart. */
export function barAt(model: ChartModel, time: number): number | undefined {
  const bin = Math.floor((time - model.start) / model.intervalMs);
  return bin >= 0 && bin < model.xs.length ? bin : undefined;
}

/** What a screen reader hears about a selection, and what Enter does with it. */
export function selectionAnnouncement(model: ChartModel, first: number, last: number): string {
  const [a, b] = first <= last ? [first, last] : [last, first];
  let records = 0;
  for (let bin = a; bin <= b; bin++) records += model.totals[bin] ?? 0;
  return `Selected ${rangeText(model, a, b)}, ${plural(b - a + 1, 'bar')}, ${plural(records, 'record')}. Enter filters the events view to it, New in this window to what is new in it; Escape clears it.`;
}
