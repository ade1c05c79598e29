/**
 * Records as CSV rows (RFC 4180): chosen columns by dotted field path, a string as its text, a number, boolean or null
 * as the log writes it, an object or array as its JSON text, an absent field as an empty cell. A cell with a comma, a
 * quote or a line break is quoted, quotes doubled; lines end with CRLF. Log text is hostile: a cell that a spreadsheet
 * would run as a formula (it starts with = + - @, a tab or a line break) is prefixed with `'`, so it shows as text.
 * Beside a column of account IDs (or ARNs), the names the user gave those accounts, when some are named.
 */
import { parseArn } from '../cloudtrail/arn';
import { type JsonNode, valueAt, writeJson } from './jsonTree';

/** What a spreadsheet may take for the start of a formula, full-width forms too. */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

const NEEDS_QUOTES = /[",\r\n]/;

/** A cell's text: quoted when it must be, and never a formula. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A field's cell text, before quoting; a number's own text cannot start a formula, so only strings and containers are guarded. */
function cellText(node: JsonNode | undefined): { text: string; guard: boolean } {
  if (!node) return { text: '', guard: false };
  switch (node.kind) {
    case 'string':
      return { text: node.value, guard: true };
    case 'literal':
      return { text: node.text, guard: false };
    default:
      return { text: writeJson(node), guard: true };
  }
}

/** A column whose value names an account (an ID, or an ARN holding one): the account it names. */
const ACCOUNT_COLUMNS: ReadonlyMap<string, (value: string) => string | undefined> = new Map([
  ['userIdentity.accountId', (value: string) => value],
  ['recipientAccountId', (value: string) => value],
  ['userIdentity.arn', (value: string) => parseArn(value)?.account],
]);

/** The header a column of account names beside an account column takes. */
export function accountNameColumn(path: string): string {
  return `${path} (account name)`;
}

/** One column of a CSV export: its header and its cell's text (quoted as need be) in a record. */
interface Column {
  readonly header: string;
  cell(record: JsonNode): string;
}

/** A field's column. */
function fieldColumn(path: string): Column {
  return {
    header: path,
    cell: (record) => {
      const { text, guard } = cellText(valueAt(record, path));
      return guard ? csvCell(text) : text;
    },
  };
}

/** The names the user gave the accounts of an account column's values (text from settings, kept from being a formula too). */
function nameColumn(path: string, accountOf: (value: string) => string | undefined, names: ReadonlyMap<string, string>): Column {
  return {
    header: accountNameColumn(path),
    cell: (record) => {
      const value = valueAt(record, path);
      const account = value?.kind === 'string' ? accountOf(value.value) : undefined;
      return csvCell((account && names.get(account)) ?? '');
    },
  };
}

/** The columns of `paths`, each account column followed by its accounts' names when the user named some. */
export function csvColumns(paths: readonly string[], names?: ReadonlyMap<string, string>): Column[] {
  return paths.flatMap((path) => {
    const accountOf = names && names.size > 0 ? ACCOUNT_COLUMNS.get(path) : undefined;
    return accountOf ? [fieldColumn(path), nameColumn(path, accountOf, names!)] : [fieldColumn(path)];
  });
}

/** A column given by its field's path, or made by csvColumns. */
const columnOf = (column: string | Column): Column => (typeof column === 'string' ? fieldColumn(column) : column);

/** One row: the cells of `columns`, separated by commas, ended by CRLF. */
export function csvRow(record: JsonNode, columns: readonly (string | Column)[]): string {
  return `${columns.map((column) => columnOf(column).cell(record)).join(',')}\r\n`;
}

/** The header row: the columns' paths (and their names' columns). */
export function csvHeader(columns: readonly (string | Column)[]): string {
  return `${columns.map((column) => csvCell(columnOf(column).header)).join(',')}\r\n`;
}
