/**
 * The investigation report as one self-contained HTML page: its style sheet inline and allowed by its hash, the
 * timeline an inline SVG, no script, and a policy that lets it load nothing (no image, font, frame or request),
 * so it opens the same offline and anywhere it is sent. Every value from a log is escaped (htmlText.ts); links are
 * only to the page's own appendix, by record number. Counts carry `data-` attributes naming what they count.
 */
import { createHash } from 'node:crypto';
import type { IntegritySummary } from '../../../common/reportProtocol';
import { count, html } from './htmlText';
import type { ActorReport, CitedRef, ReportModel, RuleReport, SourceScope, TimeRange } from './reportModel';
import { timelineSvg } from './timelineSvg';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1.5em; color: #1f2328; background: #fff; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; } th, td { border: 1px solid #d0d7de; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12px/1.4 ui-monospace, monospace; } pre { background: #f6f8fa; padding: 0.8em; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.meta { color: #59636e; } .ids { font-size: 12px; } .ids a { margin-right: 0.6em; white-space: nowrap; } .critical { color: #a40e26; } .high { color: #bc4c00; } .medium { color: #9a6700; }
svg.timeline { width: 100%; max-width: 800px; height: auto; } svg text { font: 10px system-ui, sans-serif; fill: #59636e; }
.s0 { fill: #2f81f7; } .s1 { fill: #d1242f; } .s2 { fill: #8250df; } .flag { fill: #bc4c00; } .axis { stroke: #8c959f; }
ol.chain { margin: 0.2em 0 0.6em; }
`;

const policy = () => {
  const hash = createHash('sha256').update(STYLE).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
};

const cell = (text: string) => `<td>${html(text)}</td>`;
const number = (n: number, what?: string) => `<td class="n"${what ? ` data-count="${what}"` : ''}>${count(n)}</td>`;
const row = (cells: readonly string[]) => `<tr>${cells.join('')}</tr>`;
const head = (...labels: string[]) => `<tr>${labels.map((l) => `<th>${l}</th>`).join('')}</tr>`;
const span = (range: TimeRange | undefined) => (range ? [cell(range.first), cell(range.last)] : ['<td>—</td>', '<td>—</td>']);

/** A cited record's eventID, linked to its place in the appendix. */
function citedLink(ref: CitedRef): string {
  const name = html(ref.eventID || `record ${ref.index + 1}`);
  return ref.inAppendix ? `<a href="#r${ref.index}">${name}</a>` : name;
}

function sources(list: readonly SourceScope[]): string {
  const rows = list.map((s) => row([cell(s.name), number(s.records, 'source-records'), number(s.bytes), ...span(s.span)]));
  return `<table>${head('Source', 'Records', 'Bytes', 'First', 'Last')}${rows.join('')}</table>`;
}

function integrity(summary: IntegritySummary | undefined): string {
  if (!summary) return '<p>Integrity: <strong data-integrity="not-checked">not checked</strong> against the trail’s digest files.</p>';
  const { logs, digests } = summary;
  return [
    '<table>',
    head('Integrity', 'Valid', 'Modified', 'Missing', 'Unlisted'),
    row([
      cell('Log files'),
      number(logs.valid, 'logs-valid'),
      number(logs.modified, 'logs-modified'),
      number(logs.missing, 'logs-missing'),
      number(logs.unlisted, 'logs-unlisted'),
    ]),
    head('', 'Valid', 'Invalid', 'Unverified', 'Missing'),
    row([
      cell('Digest files'),
      number(digests.valid, 'digests-valid'),
      number(digests.invalid, 'digests-invalid'),
      number(digests.unverified, 'digests-unverified'),
      number(digests.missing, 'digests-missing'),
    ]),
    '</table>',
    summary.gaps !== undefined ? `<p>Spans of time with no digest: <span data-count="gaps">${count(summary.gaps)}</span>.</p>` : '',
  ].join('');
}

function scope(model: ReportModel): string {
  const { scope: s } = model;
  const levels = s.levels.map((l) => row([cell(l.label), number(l.count, 'level')]));
  return [
    '<h2 id="scope">Scope</h2>',
    sources(s.sources),
    `<p>Records: <strong data-count="total">${count(s.total)}</strong> read, <strong data-count="shown">${count(s.shown)}</strong> kept by the filter${
      s.span ? `, from ${html(s.span.first)} to ${html(s.span.last)}` : ''
    }.</p>`,
    `<p>Filter: ${s.filter ? `<code data-filter>${html(s.filter)}</code>` : 'none (every record)'}.</p>`,
    integrity(s.integrity),
    `<table>${head('Level', 'Records')}${levels.join('')}</table>`,
  ].join('\n');
}

function rule(r: RuleReport): string {
  const more = r.count - r.records.length;
  const ids = `${r.records.map(citedLink).join(' ')}${more > 0 ? ` <span class="meta">and ${count(more)} more</span>` : ''}`;
  return `<tr data-rule="${html(r.key)}">${cell(r.title)}${number(r.count, 'rule')}${r.windows !== undefined ? number(r.windows) : '<td></td>'}${span(r.span).join('')}<td class="ids">${ids}</td></tr>`;
}

function findings(model: ReportModel): string {
  if (model.findings.length === 0) return '<h2 id="findings">Findings</h2>\n<p>No rule flagged a record the filter keeps.</p>';
  const levels = model.findings.map(
    (l) =>
      `<h3 class="${l.level}">${html(l.level[0]!.toUpperCase() + l.level.slice(1))}</h3>\n<table>${head('Rule', 'Records', 'Findings', 'First', 'Last', 'eventIDs')}${l.rules.map(rule).join('')}</table>`,
  );
  return ['<h2 id="findings">Findings</h2>', ...levels].join('\n');
}

function actor(a: ActorReport): string {
  const chains = a.chains.map(
    (links) =>
      `<ol class="chain">${links
        .map(
          (l) =>
            `<li><code>${html(l.arn)}</code>${l.issuedBy ? ` — issued by ${html(l.issuedBy.eventName)} at ${html(l.issuedBy.eventTime)} (${citedLink(l.issuedBy)})` : ''}</li>`,
        )
        .join('')}</ol>`,
  );
  return `<li><code>${html(a.actor)}</code>: <span data-count="actor">${count(a.count)}</span> records${chains.length ? `, session chains:${chains.join('')}` : ''}</li>`;
}

function actors(model: ReportModel): string {
  const more = model.actorsLeftOut > 0 ? `<p class="meta">And ${count(model.actorsLeftOut)} more actors.</p>` : '';
  return `<h2 id="actors">Actors and their session chains</h2>\n<ul>${model.actors.map(actor).join('\n')}</ul>${more}`;
}

function whatIsNew(model: ReportModel): string {
  const fresh = model.whatIsNew;
  if (!fresh) return '<h2 id="new">What is new</h2>\n<p>No record has a time.</p>';
  const rows = fresh.items.map((i) =>
    row([cell(i.field), cell(i.actor), cell(i.value), cell(i.firstTime), `<td>${citedLink(i.first)}</td>`, number(i.count)]),
  );
  const more = fresh.leftOut > 0 ? `<p class="meta">And ${count(fresh.leftOut)} more.</p>` : '';
  return [
    '<h2 id="new">What is new</h2>',
    `<p>Values each actor used first at or after ${html(fresh.since)} (the last tenth of the logs’ time), with none before it in the logs read.</p>`,
    rows.length
      ? `<table>${head('Field', 'Actor', 'Value', 'First', 'eventID', 'Records since')}${rows.join('')}</table>`
      : '<p>Nothing.</p>',
    more,
  ].join('\n');
}

function appendix(model: ReportModel): string {
  const records = model.appendix.map(
    (r) =>
      `<h3 id="r${r.index}">${html(r.eventTime)} · ${html(r.eventName)} · ${html(r.identity)}</h3>\n<p class="meta">eventID <code>${html(r.eventID)}</code></p>\n${
        r.text === undefined
          ? '<p>Its text could not be read back: the file changed since it was read.</p>'
          : `<pre><code>${html(r.text)}</code></pre>`
      }`,
  );
  return ['<h2 id="appendix">Appendix: the records cited</h2>', ...records].join('\n');
}

export function htmlReport(model: ReportModel): string {
  const title = `Investigation report: ${model.title}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${html(policy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${html(title)}</h1>
<p class="meta">Written ${html(model.written)} by CloudTrail Lens${model.redacted ? '. <strong data-redacted>Redacted</strong>: account IDs, access keys, IP addresses and names are pseudonyms' : ''}.</p>
${scope(model)}
${findings(model)}
<h2 id="timeline">Timeline</h2>
${timelineSvg(model.timeline)}
${actors(model)}
${whatIsNew(model)}
${appendix(model)}
</body>
</html>
`;
}
