/**
 * An investigation report's content: what the events view shows of a log (an open document, a file or a folder)
 * with its filter, worked out by the view's own functions (the tree's groups, the Detections group, the timeline,
 * session chains, what is new), so every number in it is one the view shows. Values from the log stay plain text
 * here; the renderers (htmlReport.ts, markdownReport.ts) escape them.
 */
import { FIRST_SEEN_FIELDS, type FirstSeenField } from '../../../common/actorProtocol';
import { prettyPrint } from '../../../common/prettyPrint';
import { type DetectionRule, SIGMA_LEVELS, type SigmaLevel, type TimelineResult } from '../../../common/protocol';
import type { IntegritySummary } from '../../../common/reportProtocol';
import { detectionRecords, detectionRules } from '../features/detectionTree';
import { buildEventTree, groupOrder } from '../features/eventGroups';
import { eventFilter } from '../features/eventFilter';
import { defaultSince, eventIdOf, firstSeen } from '../features/firstSeen';
import type { RecordSummary } from '../features/recordSummary';
import { type ChainLink, principalOf, SessionIndex } from '../features/sessionChain';
import type { ShownLog } from '../features/shownLog';
import { buildTimeline, eventTimes, timeSpan } from '../features/timeline';
import { reportValues, type ReportValues } from './reportRedaction';

/** How much a report lists: the counts are always whole; lists past these say how many more the view holds. */
export const REPORT_LIMITS = { idsPerRule: 50, actors: 25, chainsPerActor: 10, newPerField: 50, cited: 300 } as const;

export interface ReportOptions {
  /** The URI the view shows: a folder, a file or an open document. */
  readonly uri: string;
  /** The view's filter, as the user wrote it (shown), and as kept (`account:` names resolved to IDs). */
  readonly filter?: string;
  readonly resolvedFilter?: string;
  readonly redact?: boolean;
  /** What the integrity check found; absent: "not checked". */
  readonly integrity?: IntegritySummary;
  /** When the report is written (ISO 8601). */
  readonly written: string;
}

export interface TimeRange {
  readonly first: string;
  readonly last: string;
}

export interface SourceScope {
  /** The file's path under the folder, or the log's own name. */
  readonly name: string;
  readonly records: number;
  readonly bytes: number;
  readonly span?: TimeRange;
}

export interface RuleReport {
  readonly key: string;
  readonly title: string;
  readonly level: SigmaLevel;
  /** Records flagged that the filter keeps: the Detections group's count. */
  readonly count: number;
  /** A correlation rule's findings. */
  readonly windows?: number;
  readonly span?: TimeRange;
  /** The first records' (as the view lists them), each its eventID and its place in the appendix. */
  readonly records: readonly CitedRef[];
}

export interface CitedRef {
  readonly eventID: string;
  /** The record's index: its anchor in the appendix, when it is there (the appendix holds REPORT_LIMITS.cited at most). */
  readonly index: number;
  readonly inAppendix?: boolean;
}

export interface ChainLinkReport {
  readonly arn: string;
  readonly issuedBy?: { readonly eventName: string; readonly eventTime: string } & CitedRef;
}

export interface ActorReport {
  readonly actor: string;
  /** Records of the actor the filter keeps: the view's By actor group's count. */
  readonly count: number;
  /** Each credential's chain back to the actor, where there is one (more than the identity itself). */
  readonly chains: readonly (readonly ChainLinkReport[])[];
}

export interface NewReport {
  readonly field: FirstSeenField;
  readonly actor: string;
  readonly value: string;
  readonly firstTime: string;
  readonly first: CitedRef;
  readonly count: number;
}

export interface CitedRecord extends CitedRef {
  readonly eventTime: string;
  readonly eventName: string;
  readonly identity: string;
  /** Its JSON text, pretty-printed (redacted when asked); undefined when it could not be read back. */
  readonly text: string | undefined;
}

export interface ReportModel {
  readonly title: string;
  readonly written: string;
  readonly redacted: boolean;
  readonly scope: {
    readonly sources: readonly SourceScope[];
    readonly total: number;
    readonly shown: number;
    readonly span?: TimeRange;
    readonly filter?: string;
    readonly integrity?: IntegritySummary;
    /** The tree's groups by level: label and count. */
    readonly levels: readonly { readonly label: string; readonly count: number }[];
  };
  /** Highest level first; only levels with findings. */
  readonly findings: readonly { readonly level: SigmaLevel; readonly rules: readonly RuleReport[] }[];
  readonly timeline: TimelineResult;
  readonly actors: readonly ActorReport[];
  readonly actorsLeftOut: number;
  /** What is new since `since` (the view's New in this window), per field. */
  readonly whatIsNew?: { readonly since: string; readonly items: readonly NewReport[]; readonly leftOut: number };
  /** Records cited above, in log order. */
  readonly appendix: readonly CitedRecord[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The first and last time of records, by index; undefined when none has a time. */
function spanOf(times: Float64Array, indices: Iterable<number>): TimeRange | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const i of indices) {
    const t = times[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return first <= last ? { first: iso(first), last: iso(last) } : undefined;
}

/** The name a source goes by: its path under the folder, or the log's last path segment. */
function sourceName(logUri: string, uri: string): string {
  if (uri.startsWith(`${logUri}/`)) return decodeURIComponent(uri.slice(logUri.length + 1));
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function sourcesOf(log: ShownLog, uri: string, times: Float64Array, values: ReportValues): SourceScope[] {
  const byUri = new Map<string, number[]>();
  for (const s of log.summaries) {
    const own = s.uri ?? uri;
    let list = byUri.get(own);
    if (!list) byUri.set(own, (list = []));
    list.push(s.index);
  }
  return log.sources().map((source) => {
    const records = byUri.get(source.uri ?? uri) ?? [];
    const span = spanOf(times, records);
    return {
      name: values.value(sourceName(uri, source.uri ?? uri)),
      records: records.length,
      bytes: source.bytes,
      ...(span ? { span } : {}),
    };
  });
}

/** The records a rule flagged that the filter keeps, as the view lists them. */
function ruleRecords(log: ShownLog, rule: DetectionRule, filter: string | undefined): RecordSummary[] {
  const found = log.detections!;
  const query = { detection: rule.key, limit: Math.max(1, rule.count), ...(filter ? { filter } : {}) };
  return detectionRecords(found.rules, found.findings, log.summaries, query).items;
}

/** The chains of an actor's credentials that lead through sessions, a chain that is the tail of a longer one left out. */
function chainsOf(
  sessions: SessionIndex,
  credentials: ReadonlyMap<string | undefined, ReadonlySet<string>> | undefined,
  cite: (index: number) => void,
): ChainLinkReport[][] {
  const found = new Map<string, ChainLink[]>();
  for (const [accessKeyId, principals] of credentials ?? [])
    for (const arn of principals) {
      const links = sessions.chain({ accessKeyId, arn });
      if (links.length > 1) found.set(links.map((l) => `${l.arn}\n${l.issuedBy?.index ?? ''}\n`).join(''), links);
    }
  const said = [...found.keys()];
  const longest = said.filter((one) => !said.some((other) => other !== one && other.endsWith(one)));
  return longest.slice(0, REPORT_LIMITS.chainsPerActor).map((key) =>
    found.get(key)!.map(({ arn, issuedBy }) => {
      if (!issuedBy) return { arn };
      cite(issuedBy.index);
      const { index, eventID, eventName, eventTime } = issuedBy;
      return { arn, issuedBy: { index, eventID, eventName, eventTime } };
    }),
  );
}

/** The Detections group's rules, each with its records' span and the first of them cited. */
function rulesOf(log: ShownLog, filter: string | undefined, times: Float64Array, cite: (index: number) => void) {
  if (!log.detections) return [];
  return detectionRules(log.detections.rules, log.detections.findings, log.summaries, filter).map((rule) => {
    const records = ruleRecords(log, rule, filter);
    const listed = records.slice(0, REPORT_LIMITS.idsPerRule).map((r) => r.index);
    listed.forEach(cite);
    const span = spanOf(
      times,
      records.map((r) => r.index),
    );
    const { key, title, level, count, windows } = rule;
    return { key, title, level, count, ...(windows ? { windows: windows.length } : {}), ...(span ? { span } : {}), listed };
  });
}

/** Each actor of the records the filter keeps (most records first, as the view's By actor groups), with its credentials' chains. */
function actorsOf(log: ShownLog, filter: string | undefined, cite: (index: number) => void): { actors: ActorReport[]; leftOut: number } {
  const { summaries } = log;
  const sessions = SessionIndex.of(summaries);
  const keep = eventFilter(filter).test;
  // Each kept record's actor, and each actor's count: the By actor groups, ordered as the view orders them,
  // without counting every actor's events as the view's tree does.
  const actorOf: (string | undefined)[] = summaries.map((s) => (keep(s, summaries) ? sessions.actorOf(s) : undefined));
  const counts = new Map<string, number>();
  for (const actor of actorOf) if (actor !== undefined) counts.set(actor, (counts.get(actor) ?? 0) + 1);
  const ordered = [...counts.keys()].sort((a, b) => groupOrder(a, counts.get(a)!, b, counts.get(b)!));
  const listed = ordered.slice(0, REPORT_LIMITS.actors);
  const wanted = new Set(listed);
  // Each listed actor's credentials, by key then principal: no string built per record.
  const credentials = new Map<string, Map<string | undefined, Set<string>>>();
  summaries.forEach((s, i) => {
    const actor = actorOf[i];
    if (actor === undefined || !wanted.has(actor)) return;
    let byKey = credentials.get(actor);
    if (!byKey) credentials.set(actor, (byKey = new Map()));
    let principals = byKey.get(s.accessKeyId);
    if (!principals) byKey.set(s.accessKeyId, (principals = new Set()));
    principals.add(principalOf(s));
  });
  const actors = listed.map((actor) => ({
    actor,
    count: counts.get(actor)!,
    chains: chainsOf(sessions, credentials.get(actor), cite),
  }));
  return { actors, leftOut: ordered.length - listed.length };
}

/** What is new in the last tenth of the logs' time, as the view's New in this window group lists it. */
function whatIsNew(log: ShownLog, cite: (index: number) => void): ReportModel['whatIsNew'] {
  const since = defaultSince(timeSpan(log.summaries));
  if (since === undefined) return undefined;
  const items: (Omit<NewReport, 'first'> & { index: number })[] = [];
  let leftOut = 0;
  for (const field of FIRST_SEEN_FIELDS) {
    const found = firstSeen(log.summaries, field, since);
    leftOut += Math.max(0, found.length - REPORT_LIMITS.newPerField);
    for (const item of found.slice(0, REPORT_LIMITS.newPerField)) {
      cite(item.index);
      items.push({ field, ...item });
    }
  }
  return { since: iso(since), items: items.map(({ index, ...item }) => ({ ...item, first: { index, eventID: '' } })), leftOut };
}

/** The report of what the view shows of `log` with the options' filter. */
export async function reportModel(log: ShownLog, options: ReportOptions): Promise<ReportModel> {
  const { summaries } = log;
  const filter = options.resolvedFilter ?? options.filter;
  const times = eventTimes(summaries);
  const keep = eventFilter(filter).test;
  const shownRecords = summaries.filter((s) => keep(s, summaries));
  const values = reportValues(options.redact === true, shownRecords);
  const tree = buildEventTree(summaries, 'level', filter);
  const cited = new Set<number>();
  const cite = (index: number) => {
    if (cited.size < REPORT_LIMITS.cited) cited.add(index);
  };
  const rules = rulesOf(log, filter, times, cite);
  const { actors, leftOut: actorsLeftOut } = actorsOf(log, filter, cite);
  const fresh = whatIsNew(log, cite);
  const appendix = await citedRecords(
    log,
    [...cited].sort((a, b) => a - b),
    values,
  );
  const ids = new Map(appendix.map((r) => [r.index, r.eventID]));
  const ref = (index: number, eventID = ''): CitedRef =>
    ids.has(index) ? { index, eventID: ids.get(index)!, inAppendix: true } : { index, eventID };
  const span = spanOf(
    times,
    shownRecords.map((s) => s.index),
  );
  const shownFilter = options.filter?.trim();
  return {
    title: values.value(sourceName(options.uri, options.uri)),
    written: options.written,
    redacted: values.redacted,
    scope: {
      sources: sourcesOf(log, options.uri, times, values),
      total: summaries.length,
      shown: tree.shown,
      ...(span ? { span } : {}),
      ...(shownFilter ? { filter: values.value(shownFilter) } : {}),
      ...(options.integrity ? { integrity: options.integrity } : {}),
      levels: tree.groups.map((g) => ({ label: g.label, count: g.count })),
    },
    findings: [...SIGMA_LEVELS]
      .reverse()
      .map((level) => ({
        level,
        rules: rules
          .filter((r) => r.level === level)
          .map(({ listed, ...rule }) => ({ ...rule, records: listed.map((index) => ref(index)) })),
      }))
      .filter((l) => l.rules.length > 0),
    timeline: buildTimeline(summaries, { ...(filter ? { filter } : {}), stack: 'outcome' }, log.detections),
    actors: actors.map((a) => ({
      actor: values.value(a.actor),
      count: a.count,
      chains: a.chains.map((links) =>
        links.map((l) => ({
          arn: values.value(l.arn),
          ...(l.issuedBy ? { issuedBy: { ...l.issuedBy, ...ref(l.issuedBy.index, l.issuedBy.eventID) } } : {}),
        })),
      ),
    })),
    actorsLeftOut,
    ...(fresh
      ? {
          whatIsNew: {
            ...fresh,
            items: fresh.items.map((item) => ({
              ...item,
              actor: values.value(item.actor),
              value: item.field === 'userAgent' ? values.userAgent(item.value) : values.value(item.value),
              first: ref(item.first.index),
            })),
          },
        }
      : {}),
    appendix,
  };
}

/** The cited records, read back in log order: each one's eventID (the first where the key repeats) and its text. */
async function citedRecords(log: ShownLog, indices: readonly number[], values: ReportValues): Promise<CitedRecord[]> {
  const records = indices.map((i) => log.summaries[i]!);
  const cited: CitedRecord[] = [];
  let i = 0;
  for await (const text of log.recordTexts(records)) {
    const s = records[i++]!;
    const shown = text === undefined ? undefined : values.record(text);
    cited.push({
      index: s.index,
      eventID: eventIdOf(text),
      inAppendix: true,
      eventTime: s.eventTime,
      eventName: s.eventName,
      identity: values.value(s.identity),
      text: shown === undefined ? undefined : prettyPrint(shown),
    });
  }
  return cited;
}
