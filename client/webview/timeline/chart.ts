/**
 * The timeline's chart, drawn by uPlot on a canvas: stacked bars (each series drawn at the top of its part
 * of the stack, tallest first, so the shorter ones overlay it), UTC time on the x axis, whole counts on the
 * y axis, a mark above each bar holding flagged records, and the focused bar outlined. Mouse: hover, drag
 * to select bars, click a bar. What happens then is the page's business (main.ts).
 */
import uPlot from 'uplot';
import { barAt, barsOf, type ChartModel, countAxisSize, countText, FINDINGS_COLOUR, timeTicks } from '../../src/timeline/chartModel';
import type { Palette } from './theme';

export interface ChartEvents {
  /** The pointer is over a bar (undefined: over none, or gone); x and y are the pointer's, in the chart's CSS pixels. */
  hover(bin: number | undefined, x: number, y: number): void;
  /** A drag across the chart ended on these bars. */
  select(first: number, last: number): void;
  click(bin: number): void;
}

/** Divisors for the count axis: whole records only. */
const COUNT_STEPS = [1, 2, 5].flatMap((m) => [1, 10, 100, 1000, 10_000, 100_000, 1_000_000].map((p) => m * p)).sort((a, b) => a - b);

/** A text's width in a CSS font, in CSS pixels, measured on a canvas of its own. */
function textWidth(font: string): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 8;
  context.font = font;
  return (text) => context.measureText(text).width;
}

/** A drag shorter than this (CSS pixels) is a click. */
const CLICK_SLOP = 3;

export class TimelineChart {
  private plot: uPlot | undefined;
  private model: ChartModel | undefined;
  private focus: number | undefined;
  private pressedAt: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly events: ChartEvents,
    private palette: Palette,
  ) {}

  /** Draws a chart anew (a new model, or the same in a new theme). */
  show(model: ChartModel | undefined, palette = this.palette): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.model = model;
    this.palette = palette;
    if (this.focus !== undefined && model && this.focus >= model.xs.length) this.focus = undefined;
    const { width, height } = this.size();
    if (!model || width <= 0 || height <= 0) return;
    const top = model.series.map((_, i) => model.series.length - 1 - i);
    const data: uPlot.AlignedData = [model.xs.slice(), ...top.map((i) => model.stacked[i]!.slice())];
    this.plot = new uPlot(this.options(model, top, width, height), data, this.root);
    this.listen(this.plot);
  }

  /** Follows the element's size. */
  resize(): void {
    if (!this.plot) return this.show(this.model);
    const { width, height } = this.size();
    if (width > 0 && height > 0) this.plot.setSize({ width, height });
  }

  /** Outlines a bar (undefined: none). */
  setFocus(bin: number | undefined): void {
    this.focus = bin;
    this.plot?.redraw(false);
  }

  /** Shows bars as selected (undefined: no selection), without telling anyone. */
  setSelection(first?: number, last?: number): void {
    const plot = this.plot;
    const model = this.model;
    if (!plot || !model) return;
    if (first === undefined || last === undefined) return plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    const [a, b] = first <= last ? [first, last] : [last, first];
    const left = plot.valToPos(model.xs[a]!, 'x');
    const right = plot.valToPos(model.xs[b]! + model.intervalMs, 'x');
    plot.setSelect({ left, top: 0, width: right - left, height: plot.bbox.height / uPlot.pxRatio }, false);
  }

  /** The middle of a bar's top, in the chart's CSS pixels: where its tooltip goes when the keyboard focuses it. */
  barPoint(bin: number): { x: number; y: number } | undefined {
    const plot = this.plot;
    const model = this.model;
    if (!plot || !model || bin >= model.xs.length) return undefined;
    const offset = this.overOffset(plot);
    const x = (plot.valToPos(model.xs[bin]!, 'x') + plot.valToPos(model.xs[bin]! + model.intervalMs, 'x')) / 2;
    return { x: offset.x + x, y: offset.y + plot.valToPos(model.totals[bin]!, 'y') };
  }

  private size(): { width: number; height: number } {
    return { width: Math.floor(this.root.clientWidth), height: Math.floor(this.root.clientHeight) };
  }

  private overOffset(plot: uPlot): { x: number; y: number } {
    const over = plot.over.getBoundingClientRect();
    const root = this.root.getBoundingClientRect();
    return { x: over.left - root.left, y: over.top - root.top };
  }

  private options(model: ChartModel, top: readonly number[], width: number, height: number): uPlot.Options {
    const p = this.palette;
    const bars = uPlot.paths.bars!({ align: 1, size: [1, Infinity], gap: 1 });
    const axis = { stroke: p.foreground, font: p.font, grid: { stroke: p.grid, width: 1 }, ticks: { stroke: p.grid, width: 1 } };
    const highest = Math.max(1, ...model.totals);
    const measure = textWidth(p.font);
    const end = model.start + model.xs.length * model.intervalMs;
    return {
      width,
      height,
      ms: 1,
      tzDate: (ms) => uPlot.tzDate(new Date(ms), 'UTC'),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false }, y: false },
      scales: {
        x: { time: true, range: () => [model.start, end] },
        // Room above the tallest bar for its mark.
        y: { range: () => [0, highest * 1.15] },
      },
      axes: [
        { ...axis, values: (_, ticks, _axis, _space, step) => timeTicks(ticks, step) },
        // As wide as its widest label, which a fixed width clipped ("2,000").
        {
          ...axis,
          size: (_, labels) => countAxisSize(labels ?? [], measure),
          incrs: COUNT_STEPS,
          values: (_, splits) => splits.map((v) => countText(v)),
        },
      ],
      series: [
        {},
        ...top.map((i) => {
          const colour = p.series[model.series[i]!.colour];
          return { label: model.series[i]!.label, fill: colour, stroke: colour, width: 0, paths: bars, points: { show: false } };
        }),
      ],
      hooks: {
        draw: [(u) => this.drawMarks(u)],
        setCursor: [(u) => this.hovered(u)],
        setSelect: [(u) => this.selected(u)],
      },
    };
  }

  /** Above each bar with flagged records, a mark; around the focused bar, an outline. */
  private drawMarks(u: uPlot): void {
    const model = this.model;
    if (!model) return;
    const ctx = u.ctx;
    const ratio = uPlot.pxRatio;
    ctx.save();
    ctx.fillStyle = this.palette.series[FINDINGS_COLOUR];
    model.findings.forEach((flagged, bin) => {
      if (!flagged) return;
      const [left, right] = this.barEdges(u, bin);
      const half = Math.max(2 * ratio, Math.min(5 * ratio, (right - left) / 2));
      const centre = (left + right) / 2;
      const tip = u.valToPos(model.totals[bin]!, 'y', true) - 2 * ratio;
      ctx.beginPath();
      ctx.moveTo(centre - half, tip - 2 * half);
      ctx.lineTo(centre + half, tip - 2 * half);
      ctx.lineTo(centre, tip);
      ctx.closePath();
      ctx.fill();
    });
    if (this.focus !== undefined && this.focus < model.xs.length) {
      const [left, right] = this.barEdges(u, this.focus);
      // Dashed, so the outline of a short bar's column is not read as a tall bar.
      ctx.strokeStyle = this.palette.focus;
      ctx.lineWidth = ratio;
      ctx.setLineDash([3 * ratio, 3 * ratio]);
      ctx.strokeRect(left, u.bbox.top + ratio, Math.max(right - left, 2 * ratio), u.bbox.height - 2 * ratio);
    }
    ctx.restore();
  }

  /** A bar's left and right edges in canvas pixels. */
  private barEdges(u: uPlot, bin: number): [number, number] {
    const start = this.model!.xs[bin]!;
    return [u.valToPos(start, 'x', true), u.valToPos(start + this.model!.intervalMs, 'x', true)];
  }

  private hovered(u: uPlot): void {
    const { left, top } = u.cursor;
    const model = this.model;
    if (!model || left === undefined || top === undefined || left < 0) return this.events.hover(undefined, 0, 0);
    const offset = this.overOffset(u);
    this.events.hover(barAt(model, u.posToVal(left, 'x')), offset.x + left, offset.y + top);
  }

  private selected(u: uPlot): void {
    const model = this.model;
    const { left, width } = u.select;
    if (!model || width < CLICK_SLOP) return;
    const bars = barsOf(model, u.posToVal(left, 'x'), u.posToVal(left + width, 'x'));
    if (!bars) return;
    this.setSelection(bars.first, bars.last);
    this.events.select(bars.first, bars.last);
  }

  /** A click is a press and release in one place: a drag is the selection's. */
  private listen(plot: uPlot): void {
    plot.over.addEventListener('mousedown', (e) => (this.pressedAt = e.clientX));
    plot.over.addEventListener('mouseup', (e) => {
      const pressed = this.pressedAt;
      this.pressedAt = undefined;
      const model = this.model;
      if (pressed === undefined || !model || Math.abs(e.clientX - pressed) >= CLICK_SLOP) return;
      const x = e.clientX - plot.over.getBoundingClientRect().left;
      const bin = barAt(model, plot.posToVal(x, 'x'));
      if (bin !== undefined) this.events.click(bin);
    });
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }
}
