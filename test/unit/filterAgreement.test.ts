/**
 * Every key of the events view's filter counts the same records wherever the filter goes: the view's own test
 * (features/eventFilter.ts), the jq program of "Copy as jq filter" run by Debian's jq, and the SQL run by DuckDB
 * over the Athena table built from the same records. Over generated logs, the SQL tests' edge records and
 * hand-written identities of every shape (AWS services, no type, AwsVpceEvent, root, federated, Identity Center)
 * and hand-written resources (resourceRecords.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { FILTER_KEYS, type FilterKey, formatTerm } from '../../common/filterSyntax';
import { jqProgram } from '../../common/jqFilter';
import { withAccountNames } from '../../server/src/features/accountTerms';
import { ACTOR_GROUP_NOT_EXPRESSIBLE, ACTOR_NOT_EXPRESSIBLE } from '../../common/filterFields';
import { compileFilter } from '../../server/src/features/eventFilter';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { sqlFor } from '../../server/src/queries/sqlQuery';
import { cloudTrailTable, rowsOf } from '../support/duckdbTable';
import { generateRecords } from '../support/generateLog';
import { IDENTITY_RECORDS } from '../support/identityRecords';
import { RESOURCE_RECORDS, RESOURCE_VALUES } from '../support/resourceRecords';
import { EDGE_RECORDS } from '../support/sqlRecords';
import { ALL_CHAINS } from '../support/sessionLog';
import { resolveActors } from '../../server/src/features/actorSessions';

const RECORDS: readonly Record<string, unknown>[] = [
  ...generateRecords(26, 300),
  ...EDGE_RECORDS,
  ...IDENTITY_RECORDS,
  ...RESOURCE_RECORDS,
  ...ALL_CHAINS,
];

/** Values each key is tried with: as the corpus writes them, in other cases, with wildcards, and placeholders the view shows. */
const VALUES: Readonly<Record<FilterKey, readonly string[]>> = {
  event: ['GetObject', 'get*', 'Get*Thing', 'Get?Thing', '(no eventName)', 'Put_Object%'],
  source: ['s3.amazonaws.com', '*.AMAZONAWS.com', '(no eventSource)'],
  user: [
    'secretsmanager.amazonaws.com',
    'cloudformation.amazonaws.com',
    'config.amazonaws.com',
    'logs.amazonaws.com',
    'AWS Internal',
    '*.amazonaws.com',
    'alice',
    'ALICE',
    'Admin',
    'StackRole/AWSCloudFormation',
    'root',
    'unknown',
    'AWSService',
    'frank',
    'AIDAONLY',
    'account 999900001111',
    'anonymous',
    'grace',
    'broker',
    'heidi@example.com',
    'AWSReservedSSO_*',
    'IdentityCenterUser',
    'judy',
    'star*',
    'star?name',
    'per%cent_under',
    'arn:aws:iam::*',
    '*:assumed-role/*',
  ],
  ip: ['192.0.2.10', '10.*', '*.amazonaws.com', 'AWS Internal'],
  error: ['AccessDenied', 'VpceAccessDenied', '*denied'],
  region: ['us-west-2', 'US-*'],
  bucket: ['example-bucket', 'Logs_%Bucket', 'logs_?bucket', 'in-a-list', 'a_b*'],
  key: ['AKIA*', 'asia*', 'AKIAIOSFODNN7EXAMPLE'],
  account: ['111122223333', '999900001111', '444455556666', 'anonymous', '7777*'],
  resource: RESOURCE_VALUES,
  actor: [
    'alice',
    'ALICE',
    'arn:aws:iam::*',
    '*',
    'saml:*',
    'web-identity:*',
    'identity-center-user:*',
    'bob',
    '*far',
    'Hop*',
    'secretsmanager.amazonaws.com',
    'nobody',
  ],
  after: ['2024-03-05T10:00:00Z', '2024-03-05', '2024-03-05T10:11:12Z', '2024-03-05T12:00:00+02:00', '2026-11-01'],
  before: ['2024-03-05T10:00:00Z', '2024-03-05T10:00:00.001Z', '2024-03-06', '2026-11-01'],
};

/** Bare words: substrings of what the view shows. */
const WORDS = ['secretsmanager', 'root', 'Denied', 'alice', 'unknown', '10.', 'account', 'StackRole/', 'no', 'AWS'];

/** The filters tried for a key: each value, negated, and `*` either way (time keys cannot be negated). */
function filtersOf(key: FilterKey): string[] {
  const values = VALUES[key].map((value) => formatTerm(key, value));
  if (key === 'after' || key === 'before') return values;
  return [...values, ...values.map((v) => `-${v}`), `${key}:*`, `-${key}:*`];
}

const summaries = summarize(parseLog(JSON.stringify({ Records: RECORDS })));
let db: DuckDBConnection;
let close: () => void;
let dir: string;
let logFile: string;

before(async () => {
  const version = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  assert.ok(!version.error, 'jq is needed: apt-get install jq');
  dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-agreement-'));
  logFile = path.join(dir, 'log.json');
  writeFileSync(logFile, JSON.stringify({ Records: RECORDS }));
  ({ db, close } = await cloudTrailTable(RECORDS));
});

after(() => {
  close?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const viewCount = (filter: string) => {
  const { test } = compileFilter(filter);
  return summaries.filter((s) => test(s, summaries)).length;
};

/** The sessions each actor: term stands for, as the server lists them from the shown log for the SQL and jq. */
const actorsOf = (filter: string) => resolveActors(summaries, filter);

function jqCount(filter: string): number {
  const program = jqProgram(filter, 'cloudtrail', actorsOf(filter));
  const run = spawnSync('jq', ['-c', program, logFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `${filter}: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean).length;
}

async function sqlCount(filter: string): Promise<number> {
  const answer = sqlFor({
    dialect: 'duckdb',
    filter,
    actors: actorsOf(filter),
    target: { athena: { database: 'd', table: 't', partitioning: 'none' }, lake: { eventDataStore: '' } },
  });
  assert.ok(answer.sql, `${filter}: ${answer.reason}`);
  return Number((await rowsOf(db, `SELECT count(*) AS n FROM (${answer.sql}) AS kept`))[0]!['n']);
}

/** The filters whose counts differ, each with its three counts. */
async function disagreements(filters: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const filter of filters) {
    const counts = { view: viewCount(filter), jq: jqCount(filter), sql: await sqlCount(filter) };
    if (counts.jq !== counts.view || counts.sql !== counts.view) out.push(`${filter}: ${JSON.stringify(counts)}`);
  }
  return out;
}

describe('each filter key counts the same in the view, jq and SQL', () => {
  test('the corpus holds every record, and the tries keep some records and leave others', () => {
    assert.equal(summaries.length, RECORDS.length);
    const kept = viewCount('user:secretsmanager.amazonaws.com');
    assert.ok(kept >= 2 && kept < RECORDS.length, `user:secretsmanager.amazonaws.com keeps ${kept}`);
  });

  // actor: is followed through the loaded records, and the SQL and jq list the sessions it found there.
  for (const key of Object.keys(FILTER_KEYS) as FilterKey[]) {
    test(`${key}:`, async () => {
      assert.deepEqual(await disagreements(filtersOf(key)), []);
    });
  }

  test('account: by name, the names resolved to IDs as the server does for the view and the SQL', async () => {
    const names = new Map([
      ['111122223333', 'prod-payments'],
      ['999900001111', 'Anon Partner'],
    ]);
    const filters = ['account:prod*', 'account:*PARTNER', '-account:prod-payments', 'account:anon*', 'account:nobody'];
    assert.deepEqual(await disagreements(filters.map((f) => withAccountNames(f, names)!)), []);
    assert.notEqual(viewCount(withAccountNames('account:prod*', names)!), 0);
  });

  test('actor: keeps a chain’s whole sessions; with no log shown, SQL and jq give the reason they cannot', () => {
    const alice = viewCount('actor:alice');
    // Alice's own records and the three hops of role sessions she opened.
    assert.ok(alice > viewCount('user:alice') && alice < viewCount('-actor:nobody'), `actor:alice keeps ${alice}`);
    for (const origin of ['saml:*', 'web-identity:*', 'identity-center-user:*', '*far', 'arn:aws:iam::*']) {
      const kept = viewCount(`actor:${origin}`);
      assert.ok(kept > 0 && kept < summaries.length, `actor:${origin} keeps ${kept}`);
    }
    for (const filter of filtersOf('actor')) {
      const answer = sqlFor({
        dialect: 'duckdb',
        filter,
        target: { athena: { database: 'd', table: 't', partitioning: 'none' }, lake: { eventDataStore: '' } },
      });
      assert.equal(answer.reason, ACTOR_NOT_EXPRESSIBLE, filter);
      const run = spawnSync('jq', ['-c', jqProgram(filter, 'cloudtrail'), logFile], { encoding: 'utf8' });
      assert.notEqual(run.status, 0, filter);
      assert.match(run.stderr, /actor: follows session chains/, filter);
    }
    const target = { athena: { database: 'd', table: 't', partitioning: 'none' as const }, lake: { eventDataStore: '' } };
    assert.equal(sqlFor({ dialect: 'athena', groupBy: 'actor', target }).reason, ACTOR_GROUP_NOT_EXPRESSIBLE);
  });

  test('bare words, and keys together', async () => {
    const together = [
      'user:alice user:frank',
      'user:*.amazonaws.com -event:Decrypt',
      'account:111122223333 -user:root error:*',
      'root -user:root',
    ];
    assert.deepEqual(await disagreements([...WORDS, ...together]), []);
  });
});
