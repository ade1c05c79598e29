/** The columns a CSV export offers, as dotted field paths of a record: data both sides read (the client's choice, the server's default). */

export const EXPORT_COLUMNS = [
  'eventTime',
  'eventName',
  'eventSource',
  'userIdentity.type',
  'userIdentity.arn',
  'userIdentity.userName',
  'userIdentity.sessionContext.sessionIssuer.userName',
  'userIdentity.accessKeyId',
  'userIdentity.accountId',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'awsRegion',
  'recipientAccountId',
  'requestParameters.bucketName',
  'requestParameters.key',
  'readOnly',
  'eventType',
  'eventID',
  'requestParameters',
  'responseElements',
  'resources',
] as const;

export const DEFAULT_EXPORT_COLUMNS: readonly string[] = [
  'eventTime',
  'eventName',
  'eventSource',
  'userIdentity.arn',
  'sourceIPAddress',
  'errorCode',
  'awsRegion',
  'requestParameters.bucketName',
];

/** The most columns an export writes, and the longest path a column may have: a request past these is cut to them. */
export const MAX_COLUMNS = 100;
export const MAX_COLUMN_PATH = 200;

/**
 * A column a user names: field names joined by dots (`requestParameters.userName`, `resources.0.ARN` for an array's
 * item), no name empty, no white space, comma or quote. Any name is a field's name, `__proto__` too: the server looks
 * it up among the record's own members, never on an object's prototype.
 */
const COLUMN_PATH = /^[^\s.,"]+(?:\.[^\s.,"]+)*$/;

export function isColumnPath(path: unknown): path is string {
  return typeof path === 'string' && path.length <= MAX_COLUMN_PATH && COLUMN_PATH.test(path);
}

/** Paths typed by a user, separated by commas or spaces: those that are paths, and those that are not (to say so). */
export function columnPaths(text: string): { readonly paths: string[]; readonly invalid: string[] } {
  const words = text.split(/[\s,]+/).filter(Boolean);
  return { paths: unique(words.filter(isColumnPath)), invalid: words.filter((w) => !isColumnPath(w)) };
}

/** The columns of a request, whoever sent it: paths only, each once, at most MAX_COLUMNS; none usable is undefined. */
export function usableColumns(columns: unknown): readonly string[] | undefined {
  if (!Array.isArray(columns)) return undefined;
  const usable = unique(columns.filter(isColumnPath)).slice(0, MAX_COLUMNS);
  return usable.length > 0 ? usable : undefined;
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}
