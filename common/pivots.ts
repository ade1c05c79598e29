/**
 * Pivots: from one record to everything like it (its identity, access key, session, source IP, bucket, or
 * the minutes around it). A pivot is a filter the events view shows and the user can edit, written here for
 * both the view's context menu and the editor's code actions. It replaces the filter: "all records of this
 * identity" means all of them, not those the filter kept.
 */
import { type FilterKey, formatTerm, withTimeRange } from './filterSyntax';
import type { RecordItem } from './protocol';

export const PIVOT_KINDS = ['identity', 'actor', 'accessKey', 'session', 'sourceIp', 'bucket', 'time'] as const;
export type PivotKind = (typeof PIVOT_KINDS)[number];

/** What a pivot reads of a record. */
export type PivotRecord = Pick<
  RecordItem,
  'eventTime' | 'identity' | 'sourceIPAddress' | 'userName' | 'roleName' | 'arn' | 'accessKeyId' | 'bucketName' | 'actor'
>;

/** Minutes either side of a record for the time pivot, unless the setting says otherwise. */
export const DEFAULT_PIVOT_MINUTES = 15;

const ASSUMED_ROLE = /^(arn:[^:]+:sts::\d*:assumed-role\/[^/]+)\/[^/]+$/;

const term = (key: FilterKey, value: string | undefined) => (value ? formatTerm(key, value) : undefined);

/** Each pivot's title and the filter it writes for a record, or undefined when the record lacks what it needs. */
const PIVOTS: Readonly<Record<PivotKind, { title(minutes: number): string; filter(r: PivotRecord, minutes: number): string | undefined }>> =
  {
    identity: {
      title: () => 'All records of this identity',
      // A role's sessions are one identity: the session ARN with any session name; anyone else by ARN, or name.
      filter: (r) => {
        const role = r.arn && ASSUMED_ROLE.exec(r.arn)?.[1];
        return term('user', role ? `${role}/*` : (r.arn ?? r.userName ?? (r.identity !== 'unknown' ? r.identity : undefined)));
      },
    },
    // Only where a chain leads elsewhere: a record's own identity is the identity pivot's.
    actor: { title: () => 'Everything this actor did', filter: (r) => term('actor', r.actor) },
    accessKey: { title: () => 'All records of this access key', filter: (r) => term('key', r.accessKeyId) },
    session: {
      title: () => 'All records of this session',
      // A role session by its ARN; any other temporary credentials (ASIA…) by their key, which lives as long as the session.
      filter: (r) =>
        r.arn && ASSUMED_ROLE.test(r.arn)
          ? term('user', r.arn)
          : r.accessKeyId?.startsWith('ASIA')
            ? term('key', r.accessKeyId)
            : undefined,
    },
    sourceIp: { title: () => 'All records from this source IP', filter: (r) => term('ip', r.sourceIPAddress) },
    bucket: { title: () => 'All records of this bucket', filter: (r) => term('bucket', r.bucketName) },
    time: {
      title: (minutes) => `All records within ${minutes} minutes`,
      filter: (r, minutes) => {
        const time = Date.parse(r.eventTime);
        return Number.isNaN(time) ? undefined : withTimeRange('', time - minutes * 60_000, time + minutes * 60_000);
      },
    },
  };

export function pivotTitle(kind: PivotKind, minutes = DEFAULT_PIVOT_MINUTES): string {
  return PIVOTS[kind].title(minutes);
}

/** The filter a pivot writes from `record`, or undefined when the record has nothing to pivot on. */
export function pivotFilter(kind: PivotKind, record: PivotRecord, minutes = DEFAULT_PIVOT_MINUTES): string | undefined {
  return PIVOTS[kind].filter(record, minutes);
}

/** The pivots a record allows, in menu order. */
export function pivotsOf(record: PivotRecord, minutes = DEFAULT_PIVOT_MINUTES): PivotKind[] {
  return PIVOT_KINDS.filter((kind) => pivotFilter(kind, record, minutes) !== undefined);
}
