/**
 * One query, run: StartQueryExecution (workgroup, database, output location), waited for (poll.ts), its
 * answer read (pages.ts); cancelled with StopQueryExecution when the user cancels. Every way it can end is a
 * value, never a throw. Making a client sends nothing and looks for no credentials: the first call does, and
 * only the user's command makes one. No `vscode` here, so plain Node tests run it against a mocked client.
 */
import { AthenaClient, type QueryExecution, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { fromIni } from '@aws-sdk/credential-providers';
import { callFailure, type Failure } from './errors';
import { type Answer, readAnswer } from './pages';
import { type Delay, pollQuery, stateOf } from './poll';
import type { AthenaSettings } from './settings';

/** How a run is going, for its progress notification. */
export type RunProgress =
  | { readonly phase: 'starting' }
  | { readonly phase: 'queued' | 'running'; readonly scannedBytes: number | undefined }
  | { readonly phase: 'reading'; readonly rows: number };

export interface RunHooks {
  readonly delay: Delay;
  /** Aborted when the user cancels. */
  readonly signal: AbortSignal;
  readonly maxRows?: number;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface QueryStats {
  readonly scannedBytes: number | undefined;
  readonly engineMs: number | undefined;
}

export type RunOutcome =
  | { readonly kind: 'succeeded'; readonly queryId: string; readonly answer: Answer; readonly stats: QueryStats }
  | { readonly kind: 'failed'; readonly queryId: string | undefined; readonly failure: Failure }
  /** `stopFailure`: StopQueryExecution itself failed, so the query may still be running. */
  | { readonly kind: 'cancelled'; readonly queryId: string | undefined; readonly stopFailure?: Failure };

function statsOf(execution: QueryExecution): QueryStats {
  return { scannedBytes: execution.Statistics?.DataScannedInBytes, engineMs: execution.Statistics?.EngineExecutionTimeInMillis };
}

async function stop(client: AthenaClient, queryId: string): Promise<RunOutcome> {
  try {
    await client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryId }));
    return { kind: 'cancelled', queryId };
  } catch (error) {
    return { kind: 'cancelled', queryId, stopFailure: callFailure(error) };
  }
}

async function start(client: AthenaClient, sql: string, settings: AthenaSettings): Promise<string> {
  const { QueryExecutionId: id } = await client.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: settings.workgroup,
      QueryExecutionContext: { Database: settings.database },
      ...(settings.outputLocation ? { ResultConfiguration: { OutputLocation: settings.outputLocation } } : {}),
    }),
  );
  if (!id) throw new Error('Athena started the query but gave no query execution ID.');
  return id;
}

/** Runs `sql` where the settings say and reads its answer. */
export async function runQuery(client: AthenaClient, sql: string, settings: AthenaSettings, hooks: RunHooks): Promise<RunOutcome> {
  if (hooks.signal.aborted) return { kind: 'cancelled', queryId: undefined };
  hooks.onProgress?.({ phase: 'starting' });
  let queryId: string | undefined;
  try {
    // Not cancelled midway: its ID is what StopQueryExecution needs.
    queryId = await start(client, sql, settings);
    const done = await pollQuery(client, queryId, {
      delay: hooks.delay,
      signal: hooks.signal,
      onState: (execution) => {
        const state = stateOf(execution);
        if (state === 'QUEUED' || state === 'RUNNING')
          hooks.onProgress?.({ phase: state === 'QUEUED' ? 'queued' : 'running', ...statsOf(execution) });
      },
    });
    if (!done) return await stop(client, queryId);
    const state = stateOf(done);
    if (state === 'CANCELLED') return { kind: 'cancelled', queryId };
    if (state === 'FAILED') {
      const reason = done.Status?.StateChangeReason ?? done.Status?.AthenaError?.ErrorMessage ?? 'Athena gave no reason.';
      return { kind: 'failed', queryId, failure: { kind: 'query', reason } };
    }
    const id = queryId;
    const answer = await readAnswer(client, id, {
      signal: hooks.signal,
      ...(hooks.maxRows !== undefined ? { maxRows: hooks.maxRows } : {}),
      onRows: (rows) => hooks.onProgress?.({ phase: 'reading', rows }),
    });
    if (!answer) return { kind: 'cancelled', queryId };
    return { kind: 'succeeded', queryId, answer, stats: statsOf(done) };
  } catch (error) {
    return { kind: 'failed', queryId, failure: callFailure(error) };
  }
}

/**
 * The Region a run would use, without a call to AWS: the setting, or what the SDK reads from the profile's
 * config file or AWS_REGION; undefined when none is set.
 */
export async function regionOf(settings: Pick<AthenaSettings, 'profile' | 'region'>): Promise<string | undefined> {
  if (settings.region) return settings.region;
  const client = createAthenaClient(settings);
  try {
    return (await client.config.region()) || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/**
 * The client for a run: credentials from the profile (fromIni) or the SDK's standard chain. Made for each
 * run and destroyed after it, so credentials the user refreshed (after an "expired" answer) are read again.
 */
export function createAthenaClient(settings: Pick<AthenaSettings, 'profile' | 'region'>): AthenaClient {
  return new AthenaClient({
    ...(settings.region ? { region: settings.region } : {}),
    // `profile` also gives the client the profile's Region when none is set.
    ...(settings.profile ? { profile: settings.profile, credentials: fromIni({ profile: settings.profile }) } : {}),
  });
}
