/**
 * The investigation report as Markdown. Every value from a log goes through features/markdown.ts's `text()`, as in
 * hovers, so none becomes a link, an image, HTML or a table cell's end; the records cited are fenced code, each fence
 * longer than any run of backticks in its record. The only links are to the report's own headings.
 */
import { text } from '../features/markdown';
import { count } from './htmlText';
import type { ActorReport, CitedRef, ReportModel, RuleReport, TimeRange } from './reportModel';

const tableOf = (labels: readonly string[], rows: readonly (readonly string[])[]) =>
  [`| ${labels.join(' | ')} |`, `|${labels.map(() => ' --- |').join('')}`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const spanCells = (range: TimeRange | undefined) => (range ? [text(range.first), text(range.last)] : ['—', '—']);

/** A cited record's eventID; its record is in the appendix under its number. */
const cited = (ref: CitedRef) => `${text(ref.eventID || 'no eventID')}${ref.inAppendix ? ` (record ${ref.index + 1})` : ''}`;

/** A fence no run of backticks in `body` can close. */
function fenced(body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}json\n${body}\n${fence}`;
}

function scope(model: ReportModel): string[] {
  const s = model.scope;
  const integrity = s.integrity
    ? tableOf(
        ['Integrity', 'Valid', 'Modified or invalid', 'Missing', 'Unlisted or unverified'],
        [
          [
            'Log files',
            count(s.integrity.logs.valid),
            count(s.integrity.logs.modified),
            count(s.integrity.logs.missing),
            count(s.integrity.logs.unlisted),
          ],
          [
            'Digest files',
            count(s.integrity.digests.valid),
            count(s.integrity.digests.invalid),
            count(s.integrity.digests.missing),
            count(s.integrity.digests.unverified),
          ],
        ],
      )
    : 'Integrity: **not checked** against the trail’s digest files.';
  return [
    '## Scope',
    tableOf(
      ['Source', 'Records', 'Bytes', 'First', 'Last'],
      s.sources.map((src) => [text(src.name), count(src.records), count(src.bytes), ...spanCells(src.span)]),
    ),
    `Records: **${count(s.total)}** read, **${count(s.shown)}** kept by the filter${s.span ? `, from ${text(s.span.first)} to ${text(s.span.last)}` : ''}.`,
    `Filter: ${s.filter ? text(s.filter) : 'none (every record)'}.`,
    integrity,
    tableOf(
      ['Level', 'Records'],
      s.levels.map((l) => [text(l.label), count(l.count)]),
    ),
  ];
}

function ruleRow(r: RuleReport): string[] {
  const more = r.count - r.records.length;
  const ids = `${r.records.map(cited).join(', ')}${more > 0 ? `, and ${count(more)} more` : ''}`;
  return [text(r.title), count(r.count), r.windows === undefined ? '' : count(r.windows), ...spanCells(r.span), ids];
}

function findings(model: ReportModel): string[] {
  if (model.findings.length === 0) return ['## Findings', 'No rule flagged a record the filter keeps.'];
  return [
    '## Findings',
    ...model.findings.flatMap((l) => [
      `### ${l.level[0]!.toUpperCase()}${l.level.slice(1)}`,
      tableOf(['Rule', 'Records', 'Findings', 'First', 'Last', 'eventIDs'], l.rules.map(ruleRow)),
    ]),
  ];
}

function timeline(model: ReportModel): string[] {
  const t = model.timeline;
  const bars = t.series[0]?.counts.length ?? 0;
  if (bars === 0) return ['## Timeline', 'No record the filter keeps has a time.'];
  const rows = Array.from({ length: bars }, (_, i) => [
    new Date(t.start + i * t.intervalMs).toISOString(),
    ...t.series.map((s) => count(s.counts[i] ?? 0)),
    count(t.findings[i] ?? 0),
  ]).filter((r) => r.slice(1).some((c) => c !== '0'));
  return [
    '## Timeline',
    `Records per ${t.intervalMs / 1000} s, the intervals with records.`,
    tableOf(['From', ...t.series.map((s) => text(s.label)), 'Flagged'], rows),
  ];
}

function actor(a: ActorReport): string {
  const chains = a.chains.map((links) =>
    links
      .map(
        (l, i) =>
          `    ${i + 1}. ${text(l.arn)}${l.issuedBy ? `, issued by ${text(l.issuedBy.eventName)} at ${text(l.issuedBy.eventTime)}: ${cited(l.issuedBy)}` : ''}`,
      )
      .join('\n'),
  );
  return [`- ${text(a.actor)}: ${count(a.count)} records`, ...chains].join('\n');
}

function whatIsNew(model: ReportModel): string[] {
  const fresh = model.whatIsNew;
  if (!fresh) return ['## What is new', 'No record has a time.'];
  const rows = fresh.items.map((i) => [i.field, text(i.actor), text(i.value), text(i.firstTime), cited(i.first), count(i.count)]);
  return [
    '## What is new',
    `Values each actor used first at or after ${text(fresh.since)} (the last tenth of the logs’ time), with none before it in the logs read.`,
    rows.length ? tableOf(['Field', 'Actor', 'Value', 'First', 'eventID', 'Records since'], rows) : 'Nothing.',
    ...(fresh.leftOut > 0 ? [`And ${count(fresh.leftOut)} more.`] : []),
  ];
}

function appendix(model: ReportModel): string[] {
  return [
    '## Appendix: the records cited',
    ...model.appendix.flatMap((r) => [
      `### Record ${r.index + 1}: ${text(r.eventTime)}, ${text(r.eventName)}, ${text(r.identity)}`,
      `eventID ${text(r.eventID)}`,
      r.text === undefined ? 'Its text could not be read back: the file changed since it was read.' : fenced(r.text),
    ]),
  ];
}

export function markdownReport(model: ReportModel): string {
  const sections = [
    `# Investigation report: ${text(model.title)}`,
    `Written ${text(model.written)} by CloudTrail Lens${model.redacted ? '. **Redacted**: account IDs, access keys, IP addresses and names are pseudonyms' : ''}.`,
    ...scope(model),
    ...findings(model),
    ...timeline(model),
    '## Actors and their session chains',
    model.actors.map(actor).join('\n') || 'None.',
    ...(model.actorsLeftOut > 0 ? [`And ${count(model.actorsLeftOut)} more actors.`] : []),
    ...whatIsNew(model),
    ...appendix(model),
  ];
  return `${sections.join('\n\n')}\n`;
}
