/**
 * The report's timeline as an inline SVG picture: the timeline view's bars (features/timeline.ts, stacked by
 * outcome), each with a title giving its time and counts, and a mark above a bar with flagged records. Only numbers
 * and times the report works out go in it; its colours are classes of the report's style sheet (no style attribute,
 * which the page's policy would block).
 */
import type { TimelineResult } from '../../../common/protocol';
import { count, html } from './htmlText';

const WIDTH = 800;
const HEIGHT = 220;
const LEFT = 48;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 28;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Per bar, its records of every series together. */
function totals(timeline: TimelineResult): number[] {
  const bars = timeline.series[0]?.counts.length ?? 0;
  return Array.from({ length: bars }, (_, i) => timeline.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
}

function bar(timeline: TimelineResult, i: number, x: number, width: number, scale: number): string {
  const start = timeline.start + i * timeline.intervalMs;
  const parts: string[] = [];
  let y = HEIGHT - BOTTOM;
  timeline.series.forEach((series, s) => {
    const n = series.counts[i] ?? 0;
    if (n === 0) return;
    const h = Math.max(1, n * scale);
    y -= h;
    parts.push(`<rect class="s${s}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${width.toFixed(1)}" height="${h.toFixed(1)}"/>`);
  });
  const flagged = timeline.findings[i] ?? 0;
  if (flagged > 0) parts.push(`<rect class="flag" x="${x.toFixed(1)}" y="${(y - 6).toFixed(1)}" width="${width.toFixed(1)}" height="4"/>`);
  const said = timeline.series.map((s) => `${count(s.counts[i] ?? 0)} ${s.label}`).join(', ');
  const title = `${iso(start)} to ${iso(start + timeline.intervalMs)}: ${said}${flagged ? `, ${count(flagged)} flagged` : ''}`;
  return `<g><title>${html(title)}</title>${parts.join('')}</g>`;
}

/** The SVG of a timeline; a note when no record the filter keeps has a time. */
export function timelineSvg(timeline: TimelineResult): string {
  const perBar = totals(timeline);
  if (perBar.length === 0) return '<p>No record the filter keeps has a time.</p>';
  const max = Math.max(...perBar, 1);
  const scale = (HEIGHT - TOP - BOTTOM - 8) / max;
  const step = (WIDTH - LEFT - RIGHT) / perBar.length;
  const width = Math.max(1, step - 1);
  const bars = perBar.map((_, i) => bar(timeline, i, LEFT + i * step, width, scale)).join('\n');
  const end = timeline.start + perBar.length * timeline.intervalMs;
  const base = HEIGHT - BOTTOM;
  const legend = timeline.series
    .map(
      (s, i) =>
        `<rect class="s${i}" x="${LEFT + i * 120}" y="2" width="10" height="10"/><text x="${LEFT + i * 120 + 14}" y="11">${html(s.label)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${html(
      `Records per ${timeline.intervalMs / 1000} s from ${iso(timeline.start)} to ${iso(end)}, at most ${count(max)} a bar`,
    )}">`,
    legend,
    `<rect class="flag" x="${LEFT + timeline.series.length * 120}" y="4" width="10" height="4"/><text x="${LEFT + timeline.series.length * 120 + 14}" y="11">flagged</text>`,
    `<line class="axis" x1="${LEFT}" y1="${base}" x2="${WIDTH - RIGHT}" y2="${base}"/>`,
    `<text class="tick" x="${LEFT - 4}" y="${TOP + 12}" text-anchor="end">${count(max)}</text>`,
    `<text class="tick" x="${LEFT - 4}" y="${base}" text-anchor="end">0</text>`,
    `<text class="tick" x="${LEFT}" y="${HEIGHT - 8}">${html(iso(timeline.start))}</text>`,
    `<text class="tick" x="${WIDTH - RIGHT}" y="${HEIGHT - 8}" text-anchor="end">${html(iso(end))}</text>`,
    bars,
    '</svg>',
  ].join('\n');
}
