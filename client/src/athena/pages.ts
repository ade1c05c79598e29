/**
 * A finished query's answer, read a page at a time with GetQueryResults and NextToken. The first page of a
 * SELECT's answer starts with a row of the column names, which is not an answer's row. Reading stops at a
 * limit, so an answer that would not fit in an editor says it was cut rather than filling memory.
 * No `vscode` here.
 */
import { type AthenaClient, GetQueryResultsCommand, type Row } from '@aws-sdk/client-athena';
import type { Cell } from './rowRecords';

/** The most rows GetQueryResults gives at once. */
export const PAGE_SIZE = 1000;

/** The most rows read into one result: about as many records as an editor opens comfortably. */
export const MAX_ROWS = 10_000;

export interface Answer {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Athena had more rows than were read. */
  readonly truncated: boolean;
}

function cellsOf(row: Row): Cell[] {
  return (row.Data ?? []).map((datum) => datum.VarCharValue);
}

/** Whether a row is the column names Athena puts first in a SELECT's answer. */
function isHeader(cells: readonly Cell[], columns: readonly string[]): boolean {
  return cells.length === columns.length && cells.every((cell, i) => cell?.toLowerCase() === columns[i]!.toLowerCase());
}

/** Reads the answer's pages; undefined when the signal aborted between two. `onRows` hears how many are read. */
export async function readAnswer(
  client: AthenaClient,
  queryId: string,
  hooks: { readonly signal: AbortSignal; readonly maxRows?: number; readonly onRows?: (rows: number) => void },
): Promise<Answer | undefined> {
  const maxRows = hooks.maxRows ?? MAX_ROWS;
  let columns: string[] | undefined;
  const rows: Cell[][] = [];
  let token: string | undefined;
  do {
    if (hooks.signal.aborted) return undefined;
    const page = await client.send(
      new GetQueryResultsCommand({
        QueryExecutionId: queryId,
        MaxResults: Math.min(PAGE_SIZE, maxRows - rows.length + 1),
        NextToken: token,
      }),
    );
    const first = columns === undefined;
    columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((info) => info.Name ?? info.Label ?? '');
    const cells = (page.ResultSet?.Rows ?? []).map(cellsOf);
    if (first && cells.length > 0 && isHeader(cells[0]!, columns)) cells.shift();
    token = page.NextToken;
    for (const row of cells) {
      if (rows.length === maxRows) return { columns, rows, truncated: true };
      rows.push(row);
    }
    hooks.onRows?.(rows.length);
  } while (token);
  return { columns: columns ?? [], rows, truncated: false };
}
