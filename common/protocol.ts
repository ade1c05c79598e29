/**
 * The custom messages between the client and the server, declared once and imported by both sides (those about who is
 * behind a record in actorProtocol.ts). Each says which side sends it: the events view's requests and the folder's
 * close go client → server, the folder's progress server → client. Ranges are of the version the server answered from.
 */
import { NotificationType, RequestType, type Range, type TextDocumentIdentifier, type Position } from 'vscode-languageserver-protocol';
import type { EventLevel } from './eventLevel';
import type { FilterProblem } from './filterSyntax';
import type { ActorsOfFilter, GroupSessions, NewInWindow, RecordActor, SessionOfGroup } from './actorProtocol';

export type { EventLevel } from './eventLevel';
export type { FilterProblem } from './filterSyntax';

// Types of the events view, then the messages the client sends (each marked client → server).

/** How the tree can group records; `level` is the S3 event level of the CloudTrail documentation. */
export const GROUP_BY_VALUES = ['level', 'identity', 'sourceIPAddress', 'eventSource', 'errorCode', 'hour', 'actor'] as const;

export type GroupBy = (typeof GROUP_BY_VALUES)[number];

export interface EventCount {
  readonly eventName: string;
  readonly eventSource: string;
  readonly count: number;
  /** How many of these records failed (carry an errorCode). */
  readonly errors: number;
}

export interface EventGroup extends GroupSessions {
  /** Identifies the group within its grouping: the level, or the identity, IP, source, error code or hour. */
  readonly key: string;
  /** Set when grouping by level. */
  readonly level?: EventLevel;
  readonly label: string;
  readonly count: number;
  readonly events: readonly EventCount[];
}

export interface EventTreeParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly groupBy?: GroupBy;
  /** The investigator's filter (common/filterSyntax.ts): `event:Put* -error:AccessDenied after:2026-11-01`. */
  readonly filter?: string;
}

/** Sigma rule levels, lowest first. */
export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

export type SigmaLevel = (typeof SIGMA_LEVELS)[number];

/**
 * The lowest level the timeline marks: rules describing normal automation (enumeration bursts) are low, and a mark
 * over every bar says nothing. Above cloudtrail.detections.minimumLevel, that setting decides, since lower rules do not run.
 */
export const TIMELINE_MIN_LEVEL: SigmaLevel = 'medium';

/** A correlation finding: the group-by values and the time window of the records that make it up. */
export interface CorrelationWindow {
  /** Its position among its rule's findings: `finding` in cloudtrail/records. */
  readonly index: number;
  readonly group: readonly { readonly field: string; readonly value: string }[];
  /** ISO 8601 times of the first and last record. */
  readonly start: string;
  readonly end: string;
  readonly count: number;
}

/** A rule with findings in the log: the Detections group of the events view, highest level first. */
export interface DetectionRule {
  /** RuleInfo key: the rule's id, or a key made from its file and title; `detection` in cloudtrail/records. */
  readonly key: string;
  readonly title: string;
  readonly level: SigmaLevel;
  /** Records the rule flagged that the filter keeps. */
  readonly count: number;
  /** For a correlation rule: its findings. */
  readonly windows?: readonly CorrelationWindow[];
}

export interface EventTreeResult extends NewInWindow, ActorsOfFilter {
  /** The document version the tree describes. */
  readonly version: number;
  readonly groups: readonly EventGroup[];
  /** Records in the file, and those the filter kept (the sum of the group counts). */
  readonly total: number;
  readonly shown: number;
  /** When the file has JSON errors: how many, and where the first one is. */
  readonly syntaxErrors?: { readonly count: number; readonly first: Range };
  /** When `cloudtrail.problems.ignore` hid problems of the log: how many, and the note saying so, by code. */
  readonly hiddenProblems?: { readonly count: number; readonly message: string };
  /** Rules with findings, highest level first; absent when detections are off or nothing matched. */
  readonly detections?: readonly DetectionRule[];
  /** The filter's terms it could not read (they keep no record out); absent when it read them all. */
  readonly filterProblems?: readonly FilterProblem[];
  /** The filter as kept, with `account:` names resolved to IDs (what a jq program must say); absent when the same. */
  readonly namedFilter?: { readonly filter: string; readonly resolved: string };
}

/** client → server: the tree of a document's (or a read folder's) records, grouped and filtered. */
export const EventTreeRequest = new RequestType<EventTreeParams, EventTreeResult | null, void>('cloudtrail/eventTree');

export interface RecordsParams extends SessionOfGroup {
  readonly textDocument: TextDocumentIdentifier;
  readonly groupBy?: GroupBy;
  /** With groupBy `level` (the default), the level; otherwise the group key. */
  readonly level?: EventLevel;
  readonly group?: string;
  readonly eventName?: string;
  readonly eventSource?: string;
  /** Instead of a group: the records a rule flagged (DetectionRule.key), or one correlation finding's (with `finding`). */
  readonly detection?: string;
  readonly finding?: number;
  readonly filter?: string;
  readonly offset?: number;
  /** Records in the page; DEFAULT_PAGE when absent, at most MAX_PAGE. */
  readonly limit?: number;
}

export interface RecordItem extends RecordActor {
  /** Position of the record in the file, from 0. */
  readonly index: number;
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventTime: string;
  /** userName, role/session, service or principal: who acted, in a few words. */
  readonly identity: string;
  readonly sourceIPAddress: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly awsRegion?: string;
  readonly level: EventLevel;
  /** What pivots and the filter's `user:`, `key:`, `account:` and `bucket:` read: userIdentity's userName, the role (sessionIssuer.userName), arn, accessKeyId and accountId, then recipientAccountId and requestParameters.bucketName; the names the user gave those two accounts, if any. */
  readonly userName?: string;
  readonly roleName?: string;
  readonly arn?: string;
  readonly accessKeyId?: string;
  readonly accountId?: string;
  readonly recipientAccountId?: string;
  readonly bucketName?: string;
  readonly accountNames?: { readonly account?: string; readonly recipient?: string };
  /** What the record acts on, read from requestParameters (server/src/cloudtrail/eventTargets.ts): its kind ("trail", "role") and name. */
  readonly targetType?: string;
  readonly target?: string;
  readonly range: Range;
  /** The file the record is in, when the tree shows a folder of logs (the range is in that file). */
  readonly uri?: string;
}

export interface RecordsResult {
  readonly total: number;
  readonly items: readonly RecordItem[];
}

/** client → server: one page of the records under an event node of the tree. */
export const RecordsRequest = new RequestType<RecordsParams, RecordsResult | null, void>('cloudtrail/records');

export interface FilterValuesParams {
  readonly textDocument: TextDocumentIdentifier;
  /** A key of common/filterSyntax.ts that matches a field (not after or before). */
  readonly key: string;
  /** What is typed of the value so far. */
  readonly prefix: string;
}

export interface FilterValuesResult {
  /** The log's values for the key that start with the prefix (any case), most frequent first, with their record counts. */
  readonly values: readonly { readonly value: string; readonly count: number }[];
}

/** client → server: values the log (or folder) holds for a filter key, for the filter input; null when there is no such log. */
export const FilterValuesRequest = new RequestType<FilterValuesParams, FilterValuesResult | null, void>('cloudtrail/filterValues');

export interface RecordAtParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: Position;
  readonly groupBy?: GroupBy;
  readonly filter?: string;
}

export interface RecordAtResult extends SessionOfGroup {
  readonly item: RecordItem;
  /** The group key and event the record sits under in the tree, and its position in that event's list. */
  readonly group: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly position: number;
}

/** client → server: the record under the cursor, where the tree shows it; null outside records or when the filter hides it. */
export const RecordAtRequest = new RequestType<RecordAtParams, RecordAtResult | null, void>('cloudtrail/recordAt');

/** How a record's text is indented: the editor's tabSize and insertSpaces. */
export interface RecordLayout {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

/** A record by its index (RecordItem.index, in the log the tree shows for the URI) or by a position inside it. */
export type RecordTextParams = { readonly textDocument: TextDocumentIdentifier; readonly layout?: RecordLayout } & (
  { readonly index: number } | { readonly position: Position }
);

export interface RecordTextResult {
  /** The record's JSON, pretty-printed (only white space changed: every value as in the log). */
  readonly text: string;
}

/** client → server: one record's text, pretty-printed (two spaces unless `layout` says); null when there is no such record. */
export const RecordTextRequest = new RequestType<RecordTextParams, RecordTextResult | null, void>('cloudtrail/recordText');

/** Records in one `cloudtrail/records` answer when the request names no limit, and the page the events view asks for. */
export const DEFAULT_PAGE = 200;
/** The most records one `cloudtrail/records` answer carries. */
export const MAX_PAGE = 1000;

// The timeline: the shown log's records counted per time interval (client → server).

/** What the timeline's bars are stacked by: succeeded and failed records, or the events view's grouping. */
export type TimelineStack = 'outcome' | 'group';

/** The most bars a timeline has; `maxBins` may ask for fewer. */
export const TIMELINE_MAX_BINS = 120;

export interface TimelineParams {
  readonly textDocument: TextDocumentIdentifier;
  /** The events view's filter and grouping: the timeline counts the records the view shows. */
  readonly filter?: string;
  readonly groupBy?: GroupBy;
  readonly stack: TimelineStack;
  readonly maxBins?: number;
}

export interface TimelineSeries {
  /** `succeeded` or `failed`, or the group's key (a log value) in the grouping; the last series may be `other`. */
  readonly key: string;
  readonly label: string;
  /** Records per bar. */
  readonly counts: readonly number[];
  /** Set on the series that adds up the groups beyond the largest few. */
  readonly other?: true;
}

export interface TimelineResult {
  /** The first bar's start (ms since the epoch, UTC), a whole number of intervals. */
  readonly start: number;
  /** Each bar's length in ms: a round step (1 s … 1 day, 7 days…) chosen from the span. */
  readonly intervalMs: number;
  /** Bottom first; every series has one count per bar. */
  readonly series: readonly TimelineSeries[];
  /** Per bar, how many of its records a detection rule flagged. */
  readonly findings: readonly number[];
  /** Records the filter kept: those in the bars plus `untimed`, whose eventTime is missing or not a time. */
  readonly total: number;
  readonly untimed: number;
}

/** client → server: the shown log's (or folder's) records counted per interval; null when the view shows no such log. */
export const TimelineRequest = new RequestType<TimelineParams, TimelineResult | null, void>('cloudtrail/timeline');

export interface LogParams {
  /**
   * A folder or file URI. A folder's logs (`.json`, `.json.gz`, digests left out) are read into the events
   * view under this URI; a file (`.json`, `.json.gz`, JSON Lines, any shape the server reads) is read on its
   * own, its records shown under its URI and its problems published for it. An open document of the same
   * URI wins over a file read from disk.
   */
  readonly uri: string;
}

/** The same as LogParams, by the name the first clients used. */
export interface OpenFolderParams {
  readonly folder: string;
}

export interface OpenLogResult {
  readonly files: number;
  readonly records: number;
  /** Files that could not be read whole, with why. */
  readonly failed: readonly { readonly uri: string; readonly message: string }[];
  /** A folder's entries named like logs that were not read, with what they are (a symbolic link, a pipe, a device). */
  readonly skipped?: readonly { readonly uri: string; readonly message: string }[];
}

export type OpenFolderResult = OpenLogResult;

/** client → server: reads one log file, or every log under a folder (`.json`, `.json.gz`); cancel it to stop. Null when cancelled. */
export const OpenLogRequest = new RequestType<LogParams, OpenLogResult | null, void>('cloudtrail/openLog');

/** client → server: the client no longer shows the file (or folder), so its records, and a file's problems, can go. */
export const CloseLogNotification = new NotificationType<LogParams>('cloudtrail/closeLog');

/** cloudtrail/openLog by its first name, `{ folder }` for `{ uri }`: kept for clients that still send it. */
export const OpenFolderRequest = new RequestType<OpenFolderParams, OpenLogResult | null, void>('cloudtrail/openFolder');

/** cloudtrail/closeLog by its first name, kept for clients that still send it. */
export const CloseFolderNotification = new NotificationType<OpenFolderParams>('cloudtrail/closeFolder');

/** The SQL engines `cloudtrail/sql` writes for: Amazon Athena, CloudTrail Lake, and DuckDB (which the tests run). */
export const SQL_DIALECTS = ['athena', 'lake', 'duckdb'] as const;

export type SqlDialect = (typeof SQL_DIALECTS)[number];

export interface SqlParams {
  /** An open log, a folder or a log read from disk: the settings are read for it (the table, the event data store). */
  readonly textDocument: TextDocumentIdentifier;
  readonly dialect: SqlDialect;
  /** The events view's filter; its after:/before: become partition predicates for Athena. */
  readonly filter?: string;
  readonly groupBy?: GroupBy;
  /**
   * A Sigma rule among the rules in force, or read from its file: by the file's URI and the rule's id (or name, or
   * the Detections group's DetectionRule.key), or by a position inside the rule in its file (the rule under the cursor).
   * With a filter too, the rule's records the filter keeps.
   */
  readonly rule?: { readonly uri?: string; readonly id?: string; readonly position?: Position };
  /** Answer `{ reason }` instead of null when no SQL can say it (the extension's commands show the reason). */
  readonly explain?: boolean;
}

/**
 * The SQL; or, asked to explain, why none can be written (a rule's keywords, an IPv6 range…): never a query that means something else.
 * Without groupBy the query answers one row per record: the columns of CLOUDTRAIL_COLUMNS (common/cloudtrailColumns.ts)
 * by name and in order, nested ones as JSON text. With groupBy, one row per group: `group_key`, the key the events
 * view's EventGroup would have, and `count`, most records first.
 */
export interface SqlResult {
  readonly sql?: string;
  readonly reason?: string;
}

/** client → server: a filter, a grouping and a rule as one SQL query; null when it cannot be expressed (unless `explain`), or for an unknown dialect or grouping. */
export const SqlRequest = new RequestType<SqlParams, SqlResult | null, void>('cloudtrail/sql');

// The messages the server starts.

export interface FolderProgressParams {
  readonly folder: string;
  /** Files (or, for a file read on its own, bytes) read so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** What `done` and `total` count; files when absent. */
  readonly unit?: 'files' | 'bytes';
}

/** server → client: progress of cloudtrail/openLog, a file at a time, or for one file its bytes read (`folder` is the URI read). */
export const FolderProgressNotification = new NotificationType<FolderProgressParams>('cloudtrail/folderProgress');

/** server → client: the rules in force changed (settings, or a rule file edited): findings are worked out again, and the view asks anew. */
export const DetectionsChangedNotification = new NotificationType<Record<string, never>>('cloudtrail/detectionsChanged');

// Export: what a node of the events view holds (or all the view shows), written to a file. client → server, and its progress server → client.

export const EXPORT_FORMATS = ['csv', 'jsonl', 'cloudtrail'] as const;

/** CSV with chosen columns, JSON Lines (one record a line), or a CloudTrail log `{"Records":[…]}` the extension reads back. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The records a tree node holds, as `cloudtrail/records` names them (no group, event or detection: all the filter keeps). */
export type ExportParams = Omit<RecordsParams, 'offset' | 'limit'> & {
  readonly format: ExportFormat;
  /** For CSV: dotted field paths; DEFAULT_EXPORT_COLUMNS (common/exportColumns.ts) when absent. */
  readonly columns?: readonly string[];
  /** Replace account IDs, access keys, IP addresses and names with consistent pseudonyms. */
  readonly redact?: boolean;
  /** With `redact`: answer with the mapping, for the client to keep where the user says. */
  readonly keepMapping?: boolean;
  /** A `file:` URI the server writes (a whole new file, put in place when complete). */
  readonly target: string;
};

export type RedactionKind = 'account' | 'accessKey' | 'ip' | 'name';

export interface RedactionEntry {
  readonly kind: RedactionKind;
  readonly original: string;
  readonly pseudonym: string;
}

export interface ExportResult {
  /** Records written, and the file's size. */
  readonly records: number;
  readonly bytes: number;
  /** Records left out because their text is not JSON (a broken log's), or could not be read back from disk. */
  readonly skipped?: number;
  /** With `redact` and `keepMapping`: each original value and its pseudonym. */
  readonly mapping?: readonly RedactionEntry[];
}

/** client → server: writes what a node holds to `target`; null when there is no such log, or when cancelled; an error when the file cannot be written. */
export const ExportRequest = new RequestType<ExportParams, ExportResult | null, void>('cloudtrail/export');

export interface ExportProgressParams {
  readonly target: string;
  /** Records written so far, of `total`. */
  readonly done: number;
  readonly total: number;
}

/** server → client: progress of cloudtrail/export. */
export const ExportProgressNotification = new NotificationType<ExportProgressParams>('cloudtrail/exportProgress');
