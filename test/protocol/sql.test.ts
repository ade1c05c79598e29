/**
 * `cloudtrail/sql` over LSP: the view's filter and grouping and a rule (in force, or in a file, by id, by the
 * Detections group's key, or under the cursor) as SQL for the table the settings name. The DuckDB answer, run
 * over the open log's records, keeps and groups what the server's own events tree does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EventTreeRequest, type SqlParams, SqlRequest, type SqlResult } from '../../common/protocol';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { cloudTrailTable, rowsOf } from '../support/duckdbTable';
import { generateRecords } from '../support/generateLog';
import { TestClient } from '../support/lspClient';

const NO_ID_RULE = `title: Bucket listing without an id
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName: ListBuckets
  condition: selection
level: low
`;

const ASIDE_RULES = `title: Keywords, which SQL cannot search
id: aside-keywords
logsource:
  product: aws
  service: cloudtrail
detection:
  keywords:
    - evil
  condition: keywords
level: low
---
title: Denied
name: aside_denied
id: aside-denied
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    errorCode: AccessDenied
  condition: selection
level: low
---
title: Denied burst
id: aside-burst
correlation:
  type: event_count
  rules: [aside_denied]
  group-by: [sourceIPAddress]
  timespan: 5m
  condition:
    gte: 3
level: medium
`;

const RECORDS = [
  ...generateRecords(3, 300),
  cleanRecord({ eventName: 'ListBuckets', eventTime: '2026-11-01T10:00:00Z' }),
  cleanRecord({ userIdentity: { type: 'IAMUser', userName: "o'brien" }, eventTime: '2026-11-02T10:00:00Z' }),
];

describe('cloudtrail/sql over LSP', () => {
  let client: TestClient;
  let dir: string;
  let aside: string;
  const uri = 'file:///sql/trail.json';
  const ask = (params: Omit<SqlParams, 'textDocument'>, on = uri): Promise<SqlResult | null> =>
    client.connection.sendRequest(SqlRequest, { textDocument: { uri: on }, explain: true, ...params });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-sql-'));
    writeFileSync(path.join(dir, 'no_id.yml'), NO_ID_RULE);
    aside = path.join(mkdtempSync(path.join(tmpdir(), 'cloudtrail-sql-aside-')), 'aside.yml');
    writeFileSync(aside, ASIDE_RULES);
    client = new TestClient();
    client.settings = {
      detections: { rules: [dir] },
      athena: { database: 'security', table: 'org_trail', partitioning: 'yearMonthDay' },
      lake: { eventDataStore: 'EXAMPLE-f852-4e8f' },
    };
    await client.initialize();
    await client.open(uri, logOf(...RECORDS));
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.dirname(aside), { recursive: true, force: true });
  });

  test('the view’s filter, for the table and partitions the settings name', async () => {
    const answer = await ask({ dialect: 'athena', filter: 'after:2026-11-01 event:List*' });
    assert.match(answer?.sql ?? '', /FROM "security"\."org_trail"\nWHERE "year" >= '2026'/);
    assert.match((await ask({ dialect: 'lake' }))?.sql ?? '', /FROM EXAMPLE-f852-4e8f\n/);
  });

  test('the DuckDB answer keeps and groups what the server’s events tree does', async () => {
    const { db, close } = await cloudTrailTable(RECORDS);
    try {
      for (const [filter, groupBy] of [
        ['', 'level'],
        ['-error:* user:*a*', 'identity'],
        ["user:o'brien", 'hour'],
      ] as const) {
        const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy, filter });
        const records = await rowsOf(db, (await ask({ dialect: 'duckdb', filter }))!.sql!);
        assert.equal(records.length, tree!.shown, filter);
        const groups = await rowsOf(db, (await ask({ dialect: 'duckdb', filter, groupBy }))!.sql!);
        assert.deepEqual(
          new Map(groups.map((g) => [String(g['group_key']), Number(g['count'])])),
          new Map(tree!.groups.map((g) => [g.key, g.count])),
          `${filter} by ${groupBy}`,
        );
      }
    } finally {
      close();
    }
  });

  test('a rule in force: by id, and by the Detections group’s key when it has no id', async () => {
    const packRule = await ask({ dialect: 'athena', rule: { id: 'e68b8a31-3040-4f7a-a9d8-9c1ecc2252a0' } });
    assert.match(packRule?.sql ?? '', /^-- .*\nWITH events AS/, 'the pack’s mass deletion correlation');
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });
    const detection = tree?.detections?.find((d) => d.title === 'Bucket listing without an id');
    assert.ok(detection, 'the rule flags the ListBuckets record');
    const byKey = await ask({ dialect: 'athena', rule: { id: detection.key } });
    assert.match(byKey?.sql ?? '', /lower\(eventname\) = 'listbuckets'/);
  });

  test('a rule in a file not in force: by id, or under the cursor; its correlation counts its own base rule', async () => {
    const file = pathToFileURL(aside).toString();
    const denied = await ask({ dialect: 'duckdb', rule: { uri: file, id: 'aside-denied' } });
    assert.match(denied?.sql ?? '', /lower\(errorcode\) = 'accessdenied'/);
    const burst = await ask({ dialect: 'athena', rule: { uri: file, position: { line: 26, character: 3 } } });
    assert.match(burst?.sql ?? '', /count\(\*\) OVER \(PARTITION BY group_1 ORDER BY event_ms RANGE BETWEEN 300000 PRECEDING/);
  });

  test('a rule’s SQL asks of the view’s time span, or of the last 24 hours; a filter’s own bounds win', async () => {
    const times = RECORDS.map((r) => Date.parse(String(r['eventTime']))).filter(Number.isFinite);
    const [first, last] = [Math.min(...times), Math.max(...times)];
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
    const onLog = (await ask({ dialect: 'athena', rule: { id: 'aside-denied', uri: pathToFileURL(aside).toString() } }))?.sql ?? '';
    assert.match(onLog, /^-- The rule's records from \S+ before \S+: the view's time span\./);
    assert.ok(onLog.includes(`concat("year", '/', "month", '/', "day") >= '${day(first)}'`), onLog);
    assert.ok(onLog.includes(`concat("year", '/', "month", '/', "day") <= '${day(last + 86_400_000)}'`), onLog);
    assert.ok(onLog.includes(`>= from_iso8601_timestamp('${new Date(first).toISOString()}')`), onLog);

    const before = Date.now();
    const file = pathToFileURL(aside).toString();
    const unshown = (await ask({ dialect: 'athena', rule: { uri: file, id: 'aside-denied' } }, file))?.sql ?? '';
    assert.match(unshown, /^-- The rule's records from \S+: the last 24 hours\./);
    const days = [day(before - 86_400_000), day(Date.now() - 86_400_000)];
    assert.ok(
      days.some((d) => unshown.includes(`>= '${d}'`)),
      unshown,
    );

    const filtered = (await ask({ dialect: 'athena', rule: { uri: file, id: 'aside-denied' }, filter: 'after:2026-11-01' }))?.sql ?? '';
    assert.match(filtered, /^SELECT/, 'no default range beside the filter’s own');
    assert.ok(filtered.includes(`>= '2026/11/01'`), filtered);
    const view = (await ask({ dialect: 'athena', filter: 'event:List*' }))?.sql ?? '';
    assert.doesNotMatch(view, /"year"|^--/, 'the view’s own question keeps the range its filter gives');
  });

  test(
    'a rule file that is a link to a device, or a pipe, is refused unread',
    { skip: process.platform === 'win32', timeout: 15_000 },
    async () => {
      const zero = path.join(path.dirname(aside), 'zero.yml');
      const pipe = path.join(path.dirname(aside), 'pipe.yml');
      symlinkSync('/dev/zero', zero);
      execFileSync('mkfifo', [pipe]);
      for (const file of [zero, pipe]) {
        const answer = await ask({ dialect: 'athena', rule: { uri: pathToFileURL(file).toString(), id: 'x' } });
        assert.match(answer?.reason ?? '', /not a regular file/, file);
      }
    },
  );

  test('what cannot be written says why; a rule that is not there says so; an unknown dialect is null', async () => {
    const file = pathToFileURL(aside).toString();
    assert.match((await ask({ dialect: 'athena', rule: { uri: file, id: 'aside-keywords' } }))?.reason ?? '', /keywords/);
    assert.match((await ask({ dialect: 'athena', rule: { id: 'no-such-rule' } }))?.reason ?? '', /no rule has the id/);
    assert.match((await ask({ dialect: 'athena', rule: { uri: file, position: { line: 500, character: 0 } } }))?.reason ?? '', /cursor/);
    assert.match(
      (await ask({ dialect: 'athena', rule: { uri: pathToFileURL(path.join(dir, 'secret.txt')).toString(), id: 'x' } }))?.reason ?? '',
      /\.yml/,
    );
    // As the request's contract says for any client: null when it cannot be expressed, unless asked to explain.
    assert.equal(await ask({ dialect: 'athena', rule: { uri: file, id: 'aside-keywords' }, explain: false }), null);
    assert.equal(await ask({ dialect: 'postgres' as never }), null);
    assert.equal(await ask({ dialect: 'athena', groupBy: 'planet' as never }), null);
    assert.deepEqual(client.loggedErrors, []);
  });

  test('a folder’s URI, or any other, is answered too: only its settings matter', async () => {
    assert.ok((await ask({ dialect: 'athena', filter: 'user:alice' }, 'file:///some/folder'))?.sql);
  });
});
