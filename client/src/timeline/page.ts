/**
 * The timeline page's HTML: a fixed frame under a strict Content Security Policy. Nothing from a log is in it:
 * the chart, its labels and its counts arrive later as data, and the page's script sets them as text.
 */

export interface PageSources {
  /** The webview's source for the extension's own files (webview.cspSource). */
  readonly cspSource: string;
  /** A fresh random value each time the page is made: only the script carrying it runs. */
  readonly nonce: string;
  /** The bundled script and style sheet, as webview URIs. */
  readonly script: string;
  readonly style: string;
}

/** The policy: nothing by default; the bundle's style sheet and the one script carrying the nonce. */
export function contentSecurityPolicy({ cspSource, nonce }: Pick<PageSources, 'cspSource' | 'nonce'>): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function timelinePage(sources: PageSources): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(sources))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attribute(sources.style)}">
<title>Timeline</title>
</head>
<body>
<div class="toolbar">
<span id="summary" class="summary"></span>
<span class="controls">
<span class="stack" role="group" aria-label="Stack the bars by">
<button type="button" id="stack-outcome" data-stack="outcome" aria-pressed="true">Outcome</button>
<button type="button" id="stack-group" data-stack="group" aria-pressed="false">Grouping</button>
</span>
<button type="button" id="clear-range" hidden>Clear time range</button>
</span>
</div>
<div id="chart" class="chart" tabindex="0" role="application" aria-roledescription="timeline chart" aria-describedby="help"></div>
<p id="empty" class="empty" hidden></p>
<div id="legend" class="legend" aria-hidden="true"></div>
<p id="help" class="help">Drag across bars (or Shift+arrows, Enter) to filter the events view to their time (New in this window lists what is new in it). Click a bar (or Enter) to list its records.</p>
<div id="tooltip" class="tooltip" role="tooltip" hidden></div>
<div id="live" class="visually-hidden" aria-live="polite"></div>
<script nonce="${attribute(sources.nonce)}" src="${attribute(sources.script)}"></script>
</body>
</html>
`;
}
