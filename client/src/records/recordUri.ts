/**
 * The URI of a record opened on its own: `cloudtrail-record:/<file>/record <n>/<eventName> <hh:mm:ss>?log=…&index=…`.
 * The path names the record for people (the tab shows its last part, short; the breadcrumbs the rest), the
 * query says which record it is for the server. Event names and file names come from logs and disks, so
 * the path keeps only plain characters of them, and the log's URI travels encoded in the query.
 * No `vscode` here, so plain Node tests reach it.
 */

export const RECORD_SCHEME = 'cloudtrail-record';

/** A record as the server names it: its index in the log the events view shows for `log`. */
export interface RecordRef {
  readonly log: string;
  readonly index: number;
  readonly eventName: string;
  readonly eventTime: string;
}

/** Longest piece of a name kept in the path. */
const MAX_NAME = 80;

/** Letters, digits and `._-` only: nothing from a log can add a path segment, a query, a link or a control character. */
function plain(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, MAX_NAME);
}

/** The last name in a URI's path, decoded, or the URI itself. */
function lastName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1) || path;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The time of day of an eventTime (`03:18:19`), or nothing when it is not a timestamp. */
function timeOfDay(eventTime: string): string | undefined {
  return /T(\d{2}:\d{2}:\d{2})/.exec(eventTime)?.[1];
}

/** The path: which file, which record, and the record's event and time, for the tab. */
export function recordPath(ref: RecordRef): string {
  const title = [plain(ref.eventName) || 'record', timeOfDay(ref.eventTime)].filter(Boolean).join(' ');
  return `/${plain(lastName(ref.log)) || 'log'}/record ${ref.index + 1}/${title}`;
}

export function recordQuery(ref: Pick<RecordRef, 'log' | 'index'>): string {
  return new URLSearchParams({ log: ref.log, index: String(ref.index) }).toString();
}

/** The log and index a record URI's query names; undefined when it names none. */
export function parseRecordQuery(query: string): { log: string; index: number } | undefined {
  const params = new URLSearchParams(query);
  const log = params.get('log');
  const index = params.get('index') ?? '';
  return log && /^\d{1,9}$/.test(index) ? { log, index: Number(index) } : undefined;
}
