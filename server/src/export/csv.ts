/**
 * Records as CSV rows (RFC 4180): chosen columns by dotted field path, a string as its text, a number, boolean or null
 * as the log writes it, an object or array as its JSON text, an absent field as an empty cell. A cell with a comma, a
 * quote or a line break is quoted, quotes doubled; lines end with CRLF. Log text is hostile: a cell that a spreadsheet
 * would run as a formula (it starts with = + - @, a tab or a line break) is prefixed with `'`, so it shows as text.
 */
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

/** One row: the cells of `columns`, separated by commas, ended by CRLF. */
export function csvRow(record: JsonNode, columns: readonly string[]): string {
  return `${columns
    .map((path) => {
      const { text, guard } = cellText(valueAt(record, path));
      return guard ? csvCell(text) : text;
    })
    .join(',')}\r\n`;
}

/** The header row: the columns' paths. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvCell).join(',')}\r\n`;
}
