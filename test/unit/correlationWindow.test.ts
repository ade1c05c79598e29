/**
 * A correlation window's boundary. The Sigma correlation specification asks for the events "within the given time
 * frame" of `timespan`; we read that as inclusive: events exactly one timespan apart share a window, one second more
 * and they do not. The evaluator and the DuckDB rendering of the SQL agree on it, for each correlation type either
 * can run. The records are hand-written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileRules } from '../../server/src/detections/compileRules';
import { Correlator } from '../../server/src/detections/correlator';
import { readRules } from '../../server/src/detections/ruleReader';
import { sqlFor, type SqlTarget } from '../../server/src/queries/sqlQuery';
import { cleanRecord } from '../support/cleanRecord';
import { cloudTrailTable, rowsOf } from '../support/duckdbTable';
import { cloudTrailRule } from './sigmaSupport';

const TARGET: SqlTarget = {
  athena: { database: 'default', table: 'cloudtrail_logs', partitioning: 'projection' },
  lake: { eventDataStore: '' },
};

const T0 = Date.parse('2024-01-31T23:59:30Z');
let made = 0;
/** A record of `user` at `seconds` after T0: an AccessDenied call, or a console login. */
function event(user: string, seconds: number, eventName: string, denied: boolean): Record<string, unknown> {
  const id = String(++made).padStart(12, '0');
  return cleanRecord({
    eventTime: new Date(T0 + seconds * 1000).toISOString().replace('.000', ''),
    eventName,
    eventID: `00000000-0000-4000-8000-${id}`,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}`, userName: user },
    ...(denied ? { errorCode: 'AccessDenied' } : {}),
  });
}

// Each pair: `at` exactly one timespan (60 s) apart, `past` one second more.
const RECORDS = [
  event('at', 0, 'ListBuckets', true),
  event('at', 60, 'ListUsers', true),
  event('past', 0, 'ListBuckets', true),
  event('past', 61, 'ListUsers', true),
  event('login-at', 0, 'ConsoleLogin', false),
  event('login-at', 60, 'GetObject', true),
  event('login-past', 0, 'ConsoleLogin', false),
  event('login-past', 61, 'GetObject', true),
];

const BASES = [
  cloudTrailRule('sel:\n  errorCode: AccessDenied\ncondition: sel', 'title: Denied\nid: denied\nname: denied\nlevel: low\n'),
  cloudTrailRule('sel:\n  eventName: ConsoleLogin\ncondition: sel', 'title: Login\nid: login\nname: login\nlevel: low\n'),
].join('---\n');

function correlation(body: string): string {
  return `${BASES}---\ntitle: Window\nid: window\nlevel: high\ncorrelation:\n${body.replace(/^/gm, '  ')}\n`;
}

const CORRELATIONS = {
  event_count: correlation('type: event_count\nrules: [denied]\ngroup-by: [userIdentity.arn]\ntimespan: 1m\ncondition:\n  gte: 2'),
  value_count: correlation(
    'type: value_count\nrules: [denied]\ngroup-by: [userIdentity.arn]\ntimespan: 60s\ncondition:\n  field: eventName\n  gte: 2',
  ),
  temporal: correlation('type: temporal\nrules: [login, denied]\ngroup-by: [userIdentity.arn]\ntimespan: 1m'),
  temporal_ordered: correlation('type: temporal_ordered\nrules: [login, denied]\ngroup-by: [userIdentity.arn]\ntimespan: 1m'),
};

const userOf = (record: Record<string, unknown>) => (record['userIdentity'] as { userName: string }).userName;

/** The users whose records the evaluator's findings of the correlation hold. */
function evaluated(text: string): string[] {
  const { set, problems } = compileRules([{ file: 'window.yml', text }]);
  assert.deepEqual(problems, []);
  const correlator = new Correlator<number>(set);
  RECORDS.forEach((record, i) => set.correlationEvents(record).forEach((e) => correlator.add(e, i)));
  const window = set.rules.findIndex((r) => r.key === 'window');
  const users = correlator.findings().flatMap((f) => (f.rule === window ? f.records.map((i) => userOf(RECORDS[i]!)) : []));
  return [...new Set(users)].sort();
}

describe('a correlation window holds events exactly one timespan apart, and not one second more', () => {
  const inTime = { event_count: ['at'], value_count: ['at'], temporal: ['login-at'], temporal_ordered: ['login-at'] };
  for (const [type, text] of Object.entries(CORRELATIONS)) {
    test(`${type}: the evaluator`, () => assert.deepEqual(evaluated(text), inTime[type as keyof typeof inTime]));
  }

  let db: DuckDBConnection;
  let close: () => void;
  before(async () => ({ db, close } = await cloudTrailTable(RECORDS)));
  after(() => close());

  for (const type of ['event_count', 'value_count'] as const) {
    test(`${type}: the SQL, run by DuckDB, keeps the same records`, async () => {
      const { rules } = readRules(CORRELATIONS[type], 'window.yml');
      const rule = rules.find((r) => r.kind === 'correlation')!;
      const answer = sqlFor({ rule, resolve: (ref) => rules.find((r) => r.name === ref), dialect: 'duckdb', target: TARGET });
      assert.ok(answer.sql, answer.reason);
      const rows = await rowsOf(db, answer.sql);
      const userById = new Map(RECORDS.map((r) => [r['eventID'], userOf(r)]));
      const users = [...new Set(rows.map((row) => userById.get(row['eventid'])))].sort();
      assert.deepEqual(users, evaluated(CORRELATIONS[type]));
      assert.equal(rows.length, 2, 'both records of the pair in time');
    });
  }
});
