/**
 * The events view's questions of a shown log (an open document, a folder, or a log read from disk): its tree,
 * the records under a node, the values a filter key offers, and the timeline's bars. Each answers null when no
 * such log is shown.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { type FieldKey, isFieldKey } from '../../../common/filterSyntax';
import {
  EventTreeRequest,
  FilterValuesRequest,
  RecordsRequest,
  TimelineRequest,
  type EventTreeParams,
  type EventTreeResult,
  type FilterValuesParams,
  type FilterValuesResult,
  type RecordsParams,
  type RecordsResult,
  type TimelineParams,
  type TimelineResult,
} from '../../../common/protocol';
import {
  FIRST_SEEN_FIELDS,
  FirstSeenRequest,
  type FirstSeenParams,
  type FirstSeenResult,
  SessionChainRequest,
  type SessionChainParams,
  type SessionChainResult,
} from '../../../common/actorProtocol';
import { filterTime } from '../../../common/filterSyntax';
import type { LanguageService, RuleSet, ServerSettings } from '../languageService';
import { guarded, type Log } from './guard';
import { recordQuery, type ShownLogs, type ViewLog } from './shownLogs';

export interface EventsViewHost {
  readonly service: LanguageService;
  readonly shownLogs: ShownLogs;
  rules(): Promise<RuleSet>;
  /** Resolves once an open document's pending edits are checked, so the tree counts what the editor shows. */
  settled(uri: string): Promise<void>;
  settings(uri: string): Promise<ServerSettings>;
}

/** A log's JSON errors for the tree, and what `cloudtrail.problems.ignore` hid of its problems (nothing is, with checks off). */
function shownProblems(
  service: LanguageService,
  log: ViewLog,
  current: ServerSettings,
): Pick<EventTreeResult, 'syntaxErrors' | 'hiddenProblems'> {
  const { syntaxErrors, hidden } = log.problems(current.validateEnable ? current.ignoredProblems : new Set());
  const message = service.hiddenProblemsMessage(hidden);
  const count = [...hidden.values()].reduce((a, b) => a + b, 0);
  return {
    ...(syntaxErrors ? { syntaxErrors: { count: syntaxErrors.count, first: log.range(syntaxErrors.first) } } : {}),
    ...(message ? { hiddenProblems: { count, message } } : {}),
  };
}

function withoutIndex<T extends { readonly index: number }>({ index: _index, ...rest }: T): Omit<T, 'index'> {
  return rest;
}

/** Values offered after a key in the filter input: the first few, as a person scans them. */
const FILTER_VALUES_SHOWN = 50;

export function eventsViewRequests({ service, shownLogs, rules, settled, settings }: EventsViewHost) {
  /** The view's filter with `account:` terms matching the accounts' names too. */
  const named = async (uri: string, filter: string | undefined) => service.withAccountNames(filter, (await settings(uri)).accountNames);
  return {
    async eventTree(params: EventTreeParams): Promise<EventTreeResult | null> {
      await settled(params.textDocument.uri);
      const log = await shownLogs.get(params.textDocument.uri, await rules());
      if (!log) return null;
      const filter = await named(params.textDocument.uri, params.filter);
      const { groups, shown } = service.eventTree(log, params.groupBy, filter);
      const filterProblems = service.filterProblems(params.filter);
      const { version, summaries } = log;
      const current = await settings(params.textDocument.uri);
      const { syntaxErrors, hiddenProblems } = shownProblems(service, log, current);
      const detections = service.detections(log, filter);
      const since = service.newSince(log);
      const actors = service.actorSessions(log, params.filter);
      return {
        version,
        groups: service.withGroupAccountNames(groups, params.groupBy ?? 'level', current.accountNames),
        total: summaries.length,
        shown,
        ...(syntaxErrors ? { syntaxErrors } : {}),
        ...(hiddenProblems ? { hiddenProblems } : {}),
        ...(detections.length > 0 ? { detections } : {}),
        ...(filterProblems.length > 0 ? { filterProblems } : {}),
        ...(filter !== undefined && params.filter !== undefined && filter !== params.filter
          ? { namedFilter: { filter: params.filter, resolved: filter } }
          : {}),
        ...(since !== undefined ? { newSince: new Date(since).toISOString() } : {}),
        ...(actors.length > 0 && params.filter !== undefined ? { actorSessions: { filter: params.filter, actors } } : {}),
      };
    },

    async records(params: RecordsParams): Promise<RecordsResult | null> {
      const log = await shownLogs.get(params.textDocument.uri, await rules());
      if (!log) return null;
      const filter = await named(params.textDocument.uri, params.filter);
      const { total, items } = service.nodeRecords(log, params, recordQuery({ ...params, ...(filter !== undefined ? { filter } : {}) }));
      const { accountNames } = await settings(params.textDocument.uri);
      return { total, items: items.map((s) => ({ ...log.item(s), ...service.accountNamesOf(s, accountNames) })) };
    },

    async timeline(params: TimelineParams, token?: CancellationToken): Promise<TimelineResult | null> {
      await settled(params.textDocument.uri);
      const set = await rules();
      // Asked again meanwhile (the view's filter or grouping moved on): the answer would be dropped.
      if (token?.isCancellationRequested) return null;
      const log = await shownLogs.get(params.textDocument.uri, set);
      if (!log) return null;
      const { groupBy, stack, maxBins } = params;
      const { accountNames } = await settings(params.textDocument.uri);
      const filter = service.withAccountNames(params.filter, accountNames);
      return service.timeline(log, { filter, groupBy, stack, maxBins, accountNames });
    },

    async sessionChain(params: SessionChainParams): Promise<SessionChainResult | null> {
      await settled(params.textDocument.uri);
      const log = await shownLogs.get(params.textDocument.uri);
      if (!log) return null;
      const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
      const links = service.sessionChain(log, { accessKeyId: text(params.accessKeyId), arn: text(params.arn) });
      // The record's index is the server's own: the protocol names the issuing call by its eventID.
      return { links: links.map(({ issuedBy, ...link }) => (issuedBy ? { ...link, issuedBy: withoutIndex(issuedBy) } : link)) };
    },

    async firstSeen(params: FirstSeenParams): Promise<FirstSeenResult | null> {
      await settled(params.textDocument.uri);
      const since = typeof params.since === 'string' ? filterTime(params.since) : undefined;
      if (since === undefined || !FIRST_SEEN_FIELDS.includes(params.field)) return null;
      const log = await shownLogs.get(params.textDocument.uri);
      return log ? { items: await service.firstSeen(log, params.field, since) } : null;
    },

    async filterValues(params: FilterValuesParams): Promise<FilterValuesResult | null> {
      const log = await shownLogs.get(params.textDocument.uri, await rules());
      const key = params.key as FieldKey;
      if (!log || !isFieldKey(key) || typeof params.prefix !== 'string') return null;
      return { values: service.filterValues(log, key, params.prefix, FILTER_VALUES_SHOWN) };
    },
  };
}

/** Answers the events view's requests on `connection`, each guarded: a failure answers null and is logged. */
export function listenEventsView(connection: Connection, log: Log, host: EventsViewHost): void {
  const view = eventsViewRequests(host);
  connection.onRequest(EventTreeRequest, guarded(log, 'eventTree', view.eventTree));
  connection.onRequest(RecordsRequest, guarded(log, 'records', view.records));
  connection.onRequest(FilterValuesRequest, guarded(log, 'filterValues', view.filterValues));
  connection.onRequest(TimelineRequest, guarded(log, 'timeline', view.timeline));
  connection.onRequest(SessionChainRequest, guarded(log, 'sessionChain', view.sessionChain));
  connection.onRequest(FirstSeenRequest, guarded(log, 'firstSeen', view.firstSeen));
}
