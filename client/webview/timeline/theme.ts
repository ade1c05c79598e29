/**
 * The theme's colours as the page draws with them: VS Code sets its theme as CSS variables on the page
 * (`--vscode-charts-*`, the editor's foreground and background…) and changes them in place when the theme
 * changes; the chart, drawn on a canvas, reads them here and is drawn again when they change.
 */
import type { ChartColour } from '../../src/timeline/chartModel';

export interface Palette {
  readonly series: Readonly<Record<ChartColour, string>>;
  readonly foreground: string;
  readonly grid: string;
  readonly focus: string;
  readonly selection: string;
  readonly font: string;
}

/** Used where a variable is missing (a theme that names no chart colours, or the page outside VS Code). */
const FALLBACK: Readonly<Record<ChartColour, string>> = {
  blue: '#3794ff',
  red: '#f14c4c',
  green: '#89d185',
  purple: '#b180d7',
  orange: '#d18616',
  yellow: '#cca700',
  lines: '#808080',
};

function variable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const series = Object.fromEntries(
    (Object.keys(FALLBACK) as ChartColour[]).map((name) => [name, variable(style, `--vscode-charts-${name}`, FALLBACK[name])]),
  ) as Record<ChartColour, string>;
  const foreground = variable(style, '--vscode-charts-foreground', variable(style, '--vscode-editor-foreground', '#cccccc'));
  const size = variable(style, '--vscode-font-size', '12px');
  const family = variable(style, '--vscode-font-family', 'sans-serif');
  return {
    series,
    foreground,
    grid: variable(style, '--vscode-charts-lines', '#80808059'),
    focus: variable(style, '--vscode-focusBorder', foreground),
    selection: variable(style, '--vscode-editor-selectionBackground', '#264f7899'),
    font: `${size} ${family}`,
  };
}

/** Calls `changed` whenever VS Code changes the theme (its class on the body, its variables on the root). */
export function onThemeChange(changed: () => void): void {
  const observer = new MutationObserver(() => changed());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
}
