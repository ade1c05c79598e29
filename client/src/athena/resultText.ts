/**
 * The text of a query's result: a record query's rows as a CloudTrail log (`{"Records":[…]}`, laid out as
 * the editor indents) that the events view groups like any other; any other answer (a grouped query's
 * `group_key` and `count`, or the user's own SELECT) as CSV, plain text nothing renders. Also the words that
 * name a result in its tab and its notification. No `vscode` here.
 */
import { formatBytes } from '../largeFiles/largeFile';
import type { Answer } from './pages';
import { holdsRecords, recordColumns, recordFromRow } from './rowRecords';
import type { QueryStats } from './run';

/** Well under the 50 MB VS Code shares with extensions, so the language server sees the whole result. */
export const MAX_RESULT_CHARS = 40 * 1024 * 1024;

export interface ResultText {
  readonly kind: 'records' | 'table';
  readonly text: string;
  /** Rows (records) the text holds. */
  readonly rows: number;
  /** Athena had more rows than the text holds (more than were read, or than fit). */
  readonly truncated: boolean;
}

export interface Indentation {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

/** How an answer is shown: as records when its columns are the table's and the caller did not ask for counts. */
export function resultKind(columns: readonly string[], grouped: boolean | undefined): 'records' | 'table' {
  return !grouped && holdsRecords(columns) ? 'records' : 'table';
}

/** The answer as a CloudTrail log, as many records as fit in MAX_RESULT_CHARS. */
export function recordsText(answer: Answer, layout: Indentation, maxChars = MAX_RESULT_CHARS): ResultText {
  const indent = layout.insertSpaces ? ' '.repeat(layout.tabSize) : '\t';
  const columns = recordColumns(answer.columns);
  const parts: string[] = [];
  let chars = 0;
  for (const row of answer.rows) {
    const json = JSON.stringify(recordFromRow(columns, row), null, indent).replace(/\n/g, `\n${indent}${indent}`);
    if (chars + json.length > maxChars) break;
    parts.push(`${indent}${indent}${json}`);
    chars += json.length + 2;
  }
  const text = parts.length ? `{\n${indent}"Records": [\n${parts.join(',\n')}\n${indent}]\n}\n` : `{\n${indent}"Records": []\n}\n`;
  return { kind: 'records', text, rows: parts.length, truncated: answer.truncated || parts.length < answer.rows.length };
}

/** A CSV field: quoted when it holds a comma, a quote, a line break or edge white space (RFC 4180); NULL is empty. */
function csvField(cell: string | undefined): string {
  if (cell === undefined) return '';
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The answer as CSV: a header of its column names, then a line a row. */
export function tableText(answer: Answer, maxChars = MAX_RESULT_CHARS): ResultText {
  const lines = [answer.columns.map(csvField).join(',')];
  let chars = lines[0]!.length;
  for (const row of answer.rows) {
    const line = answer.columns.map((_, i) => csvField(row[i])).join(',');
    if (chars + line.length > maxChars) break;
    lines.push(line);
    chars += line.length + 2;
  }
  const rows = lines.length - 1;
  return { kind: 'table', text: `${lines.join('\r\n')}\r\n`, rows, truncated: answer.truncated || rows < answer.rows.length };
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The data scanned, as Athena bills it; undefined when Athena did not say. */
export function scannedText(stats: Pick<QueryStats, 'scannedBytes'>): string | undefined {
  return stats.scannedBytes === undefined ? undefined : `${formatBytes(stats.scannedBytes)} scanned`;
}

/** What names a result in its tab: how many records or rows, the data scanned, and whether it was cut. */
export function resultDescription(result: Pick<ResultText, 'kind' | 'rows' | 'truncated'>, stats: QueryStats): string {
  const rows = result.kind === 'records' ? count(result.rows, 'record', 'records') : count(result.rows, 'row', 'rows');
  return [result.truncated ? `first ${rows}` : rows, scannedText(stats)].filter(Boolean).join(' · ');
}

/** The notification when a result opens. */
export function resultMessage(result: Pick<ResultText, 'kind' | 'rows' | 'truncated'>, stats: QueryStats): string {
  const seconds = stats.engineMs === undefined ? '' : ` in ${(stats.engineMs / 1000).toFixed(1)} s`;
  const scanned = stats.scannedBytes === undefined ? '' : `, scanning ${formatBytes(stats.scannedBytes)}`;
  const noun = result.kind === 'records' ? 'records' : 'rows';
  const what =
    result.rows === 0
      ? `no ${noun}`
      : result.kind === 'records'
        ? count(result.rows, 'record', 'records')
        : count(result.rows, 'row', 'rows');
  const cut = result.truncated ? ` The answer had more: only the first ${what} are shown; narrow the query or add a LIMIT.` : '';
  return `Athena answered${seconds}${scanned}: ${what}.${cut}`;
}
