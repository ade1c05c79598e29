/**
 * Run in Athena in a real VS Code, against a stand-in for Athena on the loopback interface (the SDK's
 * AWS_ENDPOINT_URL_ATHENA points it there; AWS's documented example keys sign the requests, nothing leaves
 * the machine): nothing is sent until the command and the answer to its question (the statement's kind, workgroup
 * and Region); a record query's answer opens as a CloudTrail log the events view groups with the right counts; a
 * grouped query's opens as CSV; an UNLOAD in a repository's .sql file is asked about as such, and declined, sends nothing.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { RESULT_SCHEME } from '../../client/src/athena/resultDocuments';
import type { RunQuestion } from '../../client/src/athena/runQuestion';
import { COMMANDS } from '../../common/commands';
import { LANGUAGE_ID } from '../../common/language';
import { athenaRow, RECORD_COLUMNS } from '../support/athenaRows';
import { generateRecords } from '../support/generateLog';
import { activeTabWhen, closeAll, extensionApi, openFile, saveAll, treeFor } from './support';

const RECORDS = generateRecords(1515, 60);
const SQL = 'SELECT * FROM cloudtrail_logs LIMIT 60';

interface Call {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

/** What the stand-in answers: a record query's rows, or a table of counts. */
let answer: { columns: string[]; rows: (string | undefined)[][] } = { columns: [], rows: [] };
const calls: Call[] = [];
/** The questions asked before runs, and the answer the test gives (the modal's button, or not). */
const questions: RunQuestion[] = [];
let confirm = true;

function reply(target: string, body: Record<string, unknown>): unknown {
  const polls = calls.filter((c) => c.target === 'GetQueryExecution').length;
  switch (target) {
    case 'StartQueryExecution':
      return { QueryExecutionId: 'q-1' };
    case 'GetQueryExecution':
      return {
        QueryExecution: {
          QueryExecutionId: body.QueryExecutionId,
          Status: { State: polls === 1 ? 'RUNNING' : 'SUCCEEDED' },
          Statistics: { DataScannedInBytes: 5 * 1024 * 1024, EngineExecutionTimeInMillis: 900 },
        },
      };
    case 'GetQueryResults': {
      const toRow = (cells: (string | undefined)[]) => ({ Data: cells.map((v) => (v === undefined ? {} : { VarCharValue: v })) });
      return {
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: answer.columns.map((Name) => ({ Name, Label: Name, Type: 'varchar' })) },
          Rows: [toRow(answer.columns), ...answer.rows.map(toRow)],
        },
      };
    }
    default:
      return {};
  }
}

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return JSON.parse(text || '{}') as Record<string, unknown>;
}

function standIn(): Promise<Server> {
  const server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const target = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonAthena\./, '');
      calls.push({ target, body });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'stand-in' });
      response.end(JSON.stringify(reply(target, body)));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

describe('Run in Athena', () => {
  let server: Server;
  const saved = new Map<string, string | undefined>();

  before(async () => {
    server = await standIn();
    const env = { ...ENV, AWS_ENDPOINT_URL_ATHENA: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    for (const [key, value] of Object.entries(env)) {
      saved.set(key, process.env[key]);
      process.env[key] = value;
    }
    (await extensionApi()).answerRunQuestions?.((question) => {
      questions.push(question);
      return confirm;
    });
  });

  after(async () => {
    (await extensionApi()).answerRunQuestions?.(undefined);
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await new Promise((resolve) => server.close(resolve));
  });

  afterEach(async () => {
    calls.length = 0;
    questions.length = 0;
    confirm = true;
    await saveAll();
    await closeAll();
  });

  it("sends nothing until the command; a record query's answer opens as a CloudTrail log the events view groups", async () => {
    answer = { columns: RECORD_COLUMNS, rows: RECORDS.map(athenaRow) };
    const editor = await openFile('records.sql', SQL);
    assert.equal(editor.document.languageId, 'sql');
    const api = await extensionApi();
    assert.equal(calls.length, 0, 'opening a .sql file sends nothing');

    await vscode.commands.executeCommand(COMMANDS.runInAthena);
    assert.deepEqual(
      questions.map((q) => [q.message, ...q.detail.split('\n').slice(0, 3)]),
      [['Run this SELECT query in Athena?', 'Statement: SELECT', 'Workgroup: primary', 'Region: us-east-1']],
    );
    assert.deepEqual(
      calls.map((c) => c.target),
      ['StartQueryExecution', 'GetQueryExecution', 'GetQueryExecution', 'GetQueryResults'],
    );
    assert.deepEqual(calls[0]!.body.QueryString, SQL);
    assert.deepEqual(calls[0]!.body.WorkGroup, 'primary');

    await activeTabWhen((input) => input instanceof vscode.TabInputText && input.uri.scheme === RESULT_SCHEME);
    const result = vscode.window.activeTextEditor!.document;
    assert.equal(result.languageId, LANGUAGE_ID);
    assert.match(result.uri.path, /60 records · 5\.00 MB scanned\.json$/);
    await treeFor(api, result.uri);
    assert.equal(api.events.result?.total, RECORDS.length);
    // Every event's count, and how many of its calls failed, as the generated records say.
    const counted = new Map<string, [number, number]>();
    for (const group of api.events.result!.groups) {
      for (const event of group.events) {
        const [count, errors] = counted.get(event.eventName) ?? [0, 0];
        counted.set(event.eventName, [count + event.count, errors + event.errors]);
      }
    }
    const expected = new Map<string, [number, number]>();
    for (const record of RECORDS) {
      const [count, errors] = expected.get(String(record.eventName)) ?? [0, 0];
      expected.set(String(record.eventName), [count + 1, errors + (record.errorCode === undefined ? 0 : 1)]);
    }
    assert.deepEqual(new Map([...counted].sort()), new Map([...expected].sort()));
  });

  it("a grouped query's answer opens as CSV, values as Athena gave them", async () => {
    answer = {
      columns: ['group_key', 'count'],
      rows: [
        ['AssumeRole', '12'],
        ['a, "quoted" key', '3'],
      ],
    };
    await vscode.commands.executeCommand(
      COMMANDS.runInAthena,
      'SELECT eventname AS group_key, count(*) AS count FROM cloudtrail_logs GROUP BY 1',
      {
        grouped: true,
      },
    );
    await activeTabWhen((input) => input instanceof vscode.TabInputText && input.uri.scheme === RESULT_SCHEME);
    const result = vscode.window.activeTextEditor!.document;
    assert.equal(result.getText(), 'group_key,count\r\nAssumeRole,12\r\n"a, ""quoted"" key",3\r\n');
    assert.match(result.uri.path, /2 rows · 5\.00 MB scanned\.csv$/);
  });

  it("an UNLOAD in a repository's .sql file is asked about as one, and declined, sends nothing", async () => {
    await openFile('unload.sql', "UNLOAD (SELECT * FROM cloudtrail_logs) TO 's3://somewhere-else/' WITH (format = 'JSON')");
    confirm = false;
    await vscode.commands.executeCommand(COMMANDS.runInAthena);
    assert.deepEqual(
      questions.map((q) => [q.button, q.detail.split('\n')[0]]),
      [['Run UNLOAD', 'Statement: UNLOAD']],
    );
    assert.match(questions[0]!.message, /not a query that only reads/);
    assert.deepEqual(calls, [], 'nothing is sent');
  });
});
