/**
 * The events view's questions answered in plain Node by the server's own grouping and paging code,
 * as the language server would answer them, with every records query kept for tests to look at.
 */
import type { EventsServer } from '../../client/src/eventsView/model';
import { DEFAULT_PAGE, type RecordsParams } from '../../common/protocol';
import type { Finding, RuleInfo } from '../../server/src/detections/ruleSet';
import { detectionRecords, detectionRules } from '../../server/src/features/detectionTree';
import { buildEventTree, queryRecords } from '../../server/src/features/eventGroups';
import { type RecordSummary, summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';

type RecordsQuery = Omit<RecordsParams, 'textDocument'>;

export interface RecordingServer extends EventsServer {
  /** The records queries asked so far, in order. */
  readonly queries: RecordsQuery[];
}

function positionAt(lineStarts: readonly number[], offset: number): { line: number; character: number } {
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
  return { line, character: offset - lineStarts[line]! };
}

/** What a rule set found in the log, for the Detections group. */
export interface LogDetections {
  readonly rules: readonly RuleInfo[];
  readonly findings: readonly Finding<number>[];
}

export function inProcessServer(text: string, detections?: LogDetections): RecordingServer {
  const summaries = summarize(parseLog(text));
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const item = ({ start, end, ...rest }: RecordSummary) => ({
    ...rest,
    range: { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) },
  });
  const queries: RecordsQuery[] = [];
  return {
    queries,
    eventTree: async (_uri, groupBy, filter) => {
      const { groups, shown } = buildEventTree(summaries, groupBy, filter);
      const rules = detections ? detectionRules(detections.rules, detections.findings, summaries, filter) : [];
      return { version: 1, groups, total: summaries.length, shown, ...(rules.length ? { detections: rules } : {}) };
    },
    records: async (_uri, query) => {
      queries.push(query);
      const limit = query.limit ?? DEFAULT_PAGE;
      const { detection } = query;
      const { total, items } =
        detection === undefined
          ? queryRecords(summaries, { ...query, limit })
          : detectionRecords(detections?.rules ?? [], detections?.findings ?? [], summaries, { ...query, detection, limit });
      return { total, items: items.map(item) };
    },
  };
}

/** A log of S3 object reads, one `GetObject` a record; every `failEvery`th is denied. */
export function objectReadsLog(count: number, failEvery = 0): string {
  const records = Array.from({ length: count }, (_, i) => ({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', userName: 'alice' },
    eventTime: `2024-03-05T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    requestParameters: { bucketName: 'incident-artifacts', key: `evidence/${i}.bin` },
    ...(failEvery && i % failEvery === 0 ? { errorCode: 'AccessDenied', errorMessage: 'Access Denied' } : {}),
  }));
  return JSON.stringify({ Records: records }, null, 2);
}
