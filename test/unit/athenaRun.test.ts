/**
 * Run in Athena's run path against the SDK's documented responses (a mocked AthenaClient, no AWS, no
 * credentials): start, poll with backoff, page, cancel, failure and expired credentials.
 */
import {
  AthenaClient,
  AthenaServiceException,
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  GetQueryResultsCommand,
  type QueryExecutionState,
  type Row,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { failureText } from '../../client/src/athena/errors';
import { pollDelay } from '../../client/src/athena/poll';
import { createAthenaClient, type RunHooks, type RunOutcome, type RunProgress, runQuery } from '../../client/src/athena/run';
import { athenaSettingsFrom } from '../../client/src/athena/settings';

const athena = mockClient(AthenaClient);
const settings = athenaSettingsFrom(
  (key) => ({ region: 'eu-west-1', workgroup: 'investigations', database: 'trail', outputLocation: 's3://results/q/' })[key],
);
const SQL = "SELECT eventname FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin'";
const ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

function execution(State: QueryExecutionState, extra: object = {}): GetQueryExecutionCommandOutput {
  return {
    $metadata: {},
    QueryExecution: {
      QueryExecutionId: ID,
      Status: { State, ...extra },
      Statistics: { DataScannedInBytes: 2048, EngineExecutionTimeInMillis: 1500 },
    },
  };
}

const row = (...values: (string | undefined)[]): Row => ({ Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) });
const columnInfo = (...names: string[]) => ({ ColumnInfo: names.map((Name) => ({ Name, Label: Name, Type: 'varchar' })) });

interface Run {
  readonly outcome: RunOutcome;
  readonly delays: number[];
  readonly progress: RunProgress[];
}

/** Runs the query; the pause returns at once, recording how long it would have been, and may cancel at a given pause. */
async function run(options: { cancelAtDelay?: number; maxRows?: number } = {}): Promise<Run> {
  const delays: number[] = [];
  const progress: RunProgress[] = [];
  const cancel = new AbortController();
  const hooks: RunHooks = {
    signal: cancel.signal,
    delay: async (ms) => {
      delays.push(ms);
      if (delays.length === options.cancelAtDelay) cancel.abort();
    },
    onProgress: (p) => progress.push(p),
    ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
  };
  const outcome = await runQuery(createAthenaClient(settings), SQL, settings, hooks);
  return { outcome, delays, progress };
}

beforeEach(() => {
  athena.reset();
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
});
afterEach(() => athena.reset());

describe('Run in Athena', () => {
  test('nothing is sent before the command: making the client calls nothing, and a run cancelled before it starts sends nothing', async () => {
    createAthenaClient({ profile: 'incident', region: 'us-east-1' });
    assert.equal(athena.calls().length, 0);
    const cancel = new AbortController();
    cancel.abort();
    const outcome = await runQuery(createAthenaClient(settings), SQL, settings, { signal: cancel.signal, delay: async () => undefined });
    assert.deepEqual(outcome, { kind: 'cancelled', queryId: undefined });
    assert.equal(athena.calls().length, 0);
  });

  test('starts the query in the workgroup, database and output location the settings name, then polls QUEUED → RUNNING → SUCCEEDED with a growing pause', async () => {
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(execution('QUEUED'))
      .resolvesOnce(execution('RUNNING'))
      .resolves(execution('SUCCEEDED'));
    athena
      .on(GetQueryResultsCommand)
      .resolves({ ResultSet: { ResultSetMetadata: columnInfo('eventname'), Rows: [row('eventname'), row('ConsoleLogin')] } });
    const { outcome, delays, progress } = await run();
    assert.deepEqual(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input, {
      QueryString: SQL,
      WorkGroup: 'investigations',
      QueryExecutionContext: { Database: 'trail' },
      ResultConfiguration: { OutputLocation: 's3://results/q/' },
    });
    assert.equal(athena.commandCalls(GetQueryExecutionCommand).length, 3);
    assert.deepEqual(delays, [pollDelay(0), pollDelay(1)]);
    assert.ok(pollDelay(1) > pollDelay(0) && pollDelay(50) === pollDelay(51), 'the pause grows, up to a ceiling');
    assert.deepEqual(
      progress.map((p) => p.phase),
      ['starting', 'queued', 'running', 'reading'],
    );
    assert.equal(outcome.kind, 'succeeded');
    if (outcome.kind !== 'succeeded') return;
    assert.deepEqual(outcome.stats, { scannedBytes: 2048, engineMs: 1500 });
    assert.deepEqual(outcome.answer, { columns: ['eventname'], rows: [['ConsoleLogin']], truncated: false });
  });

  test('pages the answer with NextToken, skipping the header row of the first page only', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
    athena
      .on(GetQueryResultsCommand)
      .resolvesOnce({
        NextToken: 'page-2',
        ResultSet: {
          ResultSetMetadata: columnInfo('group_key', 'count'),
          Rows: [row('group_key', 'count'), row('AssumeRole', '12'), row(undefined, '3')],
        },
      })
      .resolvesOnce({ ResultSet: { ResultSetMetadata: columnInfo('group_key', 'count'), Rows: [row('GetObject', '1')] } });
    const { outcome } = await run();
    const pages = athena.commandCalls(GetQueryResultsCommand).map((call) => call.args[0].input);
    assert.deepEqual(
      pages.map((p) => [p.QueryExecutionId, p.NextToken]),
      [
        [ID, undefined],
        [ID, 'page-2'],
      ],
    );
    assert.equal(outcome.kind, 'succeeded');
    if (outcome.kind === 'succeeded') {
      assert.deepEqual(outcome.answer.rows, [
        ['AssumeRole', '12'],
        [undefined, '3'],
        ['GetObject', '1'],
      ]);
    }
  });

  test('stops reading at the limit and says the answer was cut', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({
      NextToken: 'more',
      ResultSet: { ResultSetMetadata: columnInfo('eventname'), Rows: [row('eventname'), row('A'), row('B'), row('C')] },
    });
    const { outcome } = await run({ maxRows: 2 });
    assert.ok(outcome.kind === 'succeeded' && outcome.answer.truncated && outcome.answer.rows.length === 2);
  });

  test('cancel while it runs sends StopQueryExecution for the query, reads no answer, and the result says cancelled', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const { outcome } = await run({ cancelAtDelay: 2 });
    assert.deepEqual(outcome, { kind: 'cancelled', queryId: ID });
    assert.deepEqual(
      athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input),
      [{ QueryExecutionId: ID }],
    );
    assert.equal(athena.commandCalls(GetQueryResultsCommand).length, 0);
  });

  test('a stop AWS refuses is said: the query may still be running', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('RUNNING'));
    athena.on(StopQueryExecutionCommand).rejects(new Error('Rate exceeded'));
    const { outcome } = await run({ cancelAtDelay: 1 });
    assert.ok(outcome.kind === 'cancelled' && outcome.stopFailure?.kind === 'call' && outcome.stopFailure.message === 'Rate exceeded');
  });

  test("a FAILED query's StateChangeReason is shown verbatim", async () => {
    const reason =
      "COLUMN_NOT_FOUND: line 1:8: Column 'eventnam' cannot be resolved or requester is not authorized to access requested resources";
    athena.on(GetQueryExecutionCommand).resolves(execution('FAILED', { StateChangeReason: reason }));
    const { outcome } = await run();
    assert.deepEqual(outcome, { kind: 'failed', queryId: ID, failure: { kind: 'query', reason } });
    if (outcome.kind === 'failed') assert.equal(failureText(outcome.failure, undefined), `Athena could not run the query: ${reason}.`);
    assert.equal(athena.commandCalls(GetQueryResultsCommand).length, 0);
  });

  test('expired credentials: the SDK error names the profile, says how to refresh it, and keeps AWS’s words', async () => {
    const message = 'The security token included in the request is expired';
    athena
      .on(StartQueryExecutionCommand)
      .rejects(
        new AthenaServiceException({ name: 'ExpiredTokenException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message }),
      );
    const { outcome } = await run();
    assert.deepEqual(outcome, { kind: 'failed', queryId: undefined, failure: { kind: 'call', name: 'ExpiredTokenException', message } });
    if (outcome.kind !== 'failed') return;
    const text = failureText(outcome.failure, 'incident');
    assert.match(text, /credentials of profile "incident" have expired/);
    assert.match(text, /aws sso login --profile incident/);
    assert.ok(text.endsWith(`AWS said: ${message}.`), text);
    assert.match(failureText(outcome.failure, undefined), /default credential chain/);
    assert.equal(athena.commandCalls(GetQueryExecutionCommand).length, 0);
  });

  test('a call that fails while polling or paging ends the run with its error, not a throw', async () => {
    athena.on(GetQueryExecutionCommand).resolves(execution('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).rejects(
      new AthenaServiceException({
        name: 'InvalidRequestException',
        $fault: 'client',
        $metadata: {},
        message: 'Query has not yet finished.',
      }),
    );
    const { outcome } = await run();
    assert.equal(outcome.kind, 'failed');
    if (outcome.kind === 'failed')
      assert.equal(
        failureText(outcome.failure, undefined),
        'The call to Athena failed (InvalidRequestException). AWS said: Query has not yet finished.',
      );
  });
});
