/**
 * Waiting for a query: GetQueryExecution asked again with a growing pause until Athena says the query
 * succeeded, failed or was cancelled, or the user cancels. The pause is a function the caller hands in
 * (the tests pass one that returns at once), so nothing here sleeps on its own. No `vscode` here.
 */
import { type AthenaClient, GetQueryExecutionCommand, type QueryExecution } from '@aws-sdk/client-athena';

/** Pauses for `ms`, or less when the signal aborts first; never rejects. */
export type Delay = (ms: number, signal: AbortSignal) => Promise<void>;

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** The first pause, and the longest: a short query answers within a second, a long one is asked every two. */
export const FIRST_POLL_MS = 250;
export const MAX_POLL_MS = 2000;

/** The pause before the `attempt`th ask (0-based): doubling from FIRST_POLL_MS up to MAX_POLL_MS. */
export function pollDelay(attempt: number): number {
  return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.min(attempt, 16));
}

export function isFinal(state: QueryState): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}

/** A query's state as Athena reported it; one it does not name (a future state) counts as still running. */
export function stateOf(execution: QueryExecution | undefined): QueryState {
  const state = execution?.Status?.State;
  return state === 'QUEUED' || state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED' ? state : 'RUNNING';
}

/** The real pause, woken early by a cancel. */
export const sleep: Delay = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

/**
 * Asks after the query until it is done; undefined when the signal aborted first (the caller stops it).
 * `onState` hears each answer (the state, and the data scanned so far).
 */
export async function pollQuery(
  client: AthenaClient,
  queryId: string,
  hooks: { readonly delay: Delay; readonly signal: AbortSignal; readonly onState?: (execution: QueryExecution) => void },
): Promise<QueryExecution | undefined> {
  for (let attempt = 0; ; attempt++) {
    if (hooks.signal.aborted) return undefined;
    const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }));
    if (execution) hooks.onState?.(execution);
    if (isFinal(stateOf(execution))) return execution ?? {};
    await hooks.delay(pollDelay(attempt), hooks.signal);
  }
}
