/**
 * The timeline page's script: draws what the view sends (a chart model, or why there is none), shows a bar's
 * counts on hover and on keyboard focus, and tells the view what the user did (a range dragged or chosen with
 * Shift+arrows, a bar clicked or entered, the stacking switched). Every label comes from the log, so each is
 * set as text; nothing here writes HTML.
 */
import 'uplot/dist/uPlot.min.css';
import './timeline.css';
import {
  barAnnouncement,
  barRows,
  type ChartModel,
  countText,
  FINDINGS_COLOUR,
  FLAGGED_LABEL,
  rangeOf,
  rangeText,
  selectionAnnouncement,
} from '../../src/timeline/chartModel';
import { type KeyState, onKey } from './keys';
import type { FromPage, ShowMessage } from '../../src/timeline/messages';
import { TimelineChart } from './chart';
import { onThemeChange, type Palette, readPalette } from './theme';

declare function acquireVsCodeApi(): { postMessage(message: FromPage): void };

const host = acquireVsCodeApi();
const post = (message: FromPage) => host.postMessage(message);

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const summary = element('summary');
const stackButtons = [element<HTMLButtonElement>('stack-outcome'), element<HTMLButtonElement>('stack-group')];
const clearRange = element<HTMLButtonElement>('clear-range');
const chartElement = element('chart');
const empty = element('empty');
const legend = element('legend');
const tooltip = element('tooltip');
const live = element('live');

let palette: Palette = readPalette();
let shown: ShowMessage | undefined;
let keys: KeyState = { focus: 0 };

const chart = new TimelineChart(chartElement, { hover, select, click }, palette);

function model(): ChartModel | undefined {
  return shown?.chart;
}

function announce(text: string): void {
  live.textContent = text;
}

function span(className: string, text?: string): HTMLSpanElement {
  const made = document.createElement('span');
  made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function swatch(colour: string, mark = false): HTMLSpanElement {
  const made = span(mark ? 'swatch mark' : 'swatch');
  if (mark) made.style.borderTopColor = colour;
  else made.style.backgroundColor = colour;
  return made;
}

function showLegend(chartModel: ChartModel | undefined): void {
  legend.replaceChildren();
  if (!chartModel) return;
  for (const s of chartModel.series) {
    const entry = span('entry');
    entry.append(swatch(palette.series[s.colour]), span('label', s.label), span('count', countText(s.total)));
    legend.append(entry);
  }
  if (chartModel.findings.some((n) => n > 0)) {
    const entry = span('entry');
    entry.append(swatch(palette.series[FINDINGS_COLOUR], true), span('label', FLAGGED_LABEL));
    legend.append(entry);
  }
}

function showTooltip(bin: number | undefined, x: number): void {
  const chartModel = model();
  if (bin === undefined || !chartModel) {
    tooltip.hidden = true;
    return;
  }
  tooltip.replaceChildren();
  const head = document.createElement('div');
  head.className = 'head';
  head.textContent = `${rangeText(chartModel, bin)} · ${countText(chartModel.totals[bin] ?? 0)} records`;
  tooltip.append(head);
  for (const row of barRows(chartModel, bin)) {
    const line = document.createElement('div');
    line.className = 'row';
    line.append(swatch(palette.series[row.colour], row.mark), span('label', row.label), span('count', countText(row.count)));
    tooltip.append(line);
  }
  tooltip.hidden = false;
  // Beside the pointer at the top of the chart, where it hides neither the bar's top nor the axis.
  const bounds = chartElement.getBoundingClientRect();
  const right = bounds.left + x + 16;
  const left = right + tooltip.offsetWidth <= window.innerWidth - 4 ? right : bounds.left + x - 16 - tooltip.offsetWidth;
  tooltip.style.left = `${Math.max(4, left)}px`;
  tooltip.style.top = `${Math.max(4, bounds.top + 4)}px`;
}

function hover(bin: number | undefined, x: number): void {
  showTooltip(bin, x);
}

function applyRange(first: number, last: number): void {
  const chartModel = model();
  if (!chartModel) return;
  const { after, before } = rangeOf(chartModel, first, last);
  announce(`Filtering the events view to ${rangeText(chartModel, Math.min(first, last), Math.max(first, last))}.`);
  post({ type: 'range', after, before });
}

function select(first: number, last: number): void {
  applyRange(first, last);
}

function list(bin: number): void {
  const chartModel = model();
  if (!chartModel) return;
  if ((chartModel.totals[bin] ?? 0) === 0) return announce('No records in this bar.');
  post({ type: 'list', bin });
}

function click(bin: number): void {
  keys = { focus: bin };
  list(bin);
}

/** The keyboard's focus and selection drawn, said, and the focused bar's counts shown beside it. */
function showKeys(): void {
  const chartModel = model();
  if (!chartModel) return;
  chart.setFocus(keys.focus);
  chart.setSelection(keys.anchor, keys.anchor === undefined ? undefined : keys.focus);
  announce(
    keys.anchor === undefined ? barAnnouncement(chartModel, keys.focus) : selectionAnnouncement(chartModel, keys.anchor, keys.focus),
  );
  const point = chart.barPoint(keys.focus);
  if (point) showTooltip(keys.focus, point.x);
}

chartElement.addEventListener('keydown', (event) => {
  const chartModel = model();
  if (!chartModel) return;
  const outcome = onKey(keys, event.key, event.shiftKey, chartModel.xs.length);
  if (!outcome) return;
  event.preventDefault();
  if (outcome.kind === 'move') {
    keys = outcome.state;
    showKeys();
  } else if (outcome.kind === 'apply') applyRange(outcome.first, outcome.last);
  else list(outcome.bin);
});
chartElement.addEventListener('focus', () => showKeys());
chartElement.addEventListener('blur', () => {
  chart.setFocus(undefined);
  tooltip.hidden = true;
});
chartElement.addEventListener('mouseleave', () => (tooltip.hidden = true));

for (const button of stackButtons) {
  button.addEventListener('click', () => {
    const stack = button.dataset.stack === 'group' ? 'group' : 'outcome';
    if (shown?.stack !== stack) post({ type: 'stack', stack });
  });
}
clearRange.addEventListener('click', () => post({ type: 'clearRange' }));

function show(message: ShowMessage): void {
  shown = message;
  const chartModel = message.chart;
  summary.textContent = chartModel?.summary ?? '';
  stackButtons[0]!.setAttribute('aria-pressed', String(message.stack === 'outcome'));
  stackButtons[1]!.setAttribute('aria-pressed', String(message.stack === 'group'));
  stackButtons[1]!.textContent = message.groupLabel;
  clearRange.hidden = !message.timeRange;
  chartElement.hidden = !chartModel;
  empty.hidden = !!chartModel;
  empty.textContent = chartModel ? '' : (message.empty ?? '');
  chartElement.setAttribute('aria-label', chartModel?.label ?? '');
  keys = { focus: chartModel ? Math.min(keys.focus, chartModel.xs.length - 1) : 0 };
  tooltip.hidden = true;
  showLegend(chartModel);
  chart.show(chartModel, palette);
  if (document.activeElement === chartElement) showKeys();
  post({
    type: 'drawn',
    bars: chartModel?.xs.length ?? 0,
    records: chartModel?.totals.reduce((a, b) => a + b, 0) ?? 0,
    stack: message.stack,
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as Partial<ShowMessage> | undefined;
  if (data?.type === 'show') show(data as ShowMessage);
});
new ResizeObserver(() => chart.resize()).observe(chartElement);
onThemeChange(() => {
  palette = readPalette();
  showLegend(model());
  chart.show(model(), palette);
});
post({ type: 'ready' });
