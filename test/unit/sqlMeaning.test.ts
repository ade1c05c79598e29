/**
 * The SQL means what the extension means: the DuckDB rendering, run by DuckDB over the Athena table built from the
 * test records, keeps and groups exactly the records the events view keeps and groups, and every rule of the pack
 * flags exactly the records the evaluator flags (a correlation: the records of its findings).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { GROUP_BY_VALUES, type GroupBy } from '../../common/protocol';
import { compileReadRules } from '../../server/src/detections/compileRules';
import { Correlator } from '../../server/src/detections/correlator';
import { readRules } from '../../server/src/detections/ruleReader';
import type { SigmaRule } from '../../server/src/detections/sigmaRule';
import { eventFilter } from '../../server/src/features/eventFilter';
import { buildEventTree } from '../../server/src/features/eventGroups';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { sqlFor, type SqlTarget } from '../../server/src/queries/sqlQuery';
import { cloudTrailTable, rowsOf } from '../support/duckdbTable';
import { generateRecords } from '../support/generateLog';
import { packFiles, packRecords } from '../support/rulePack';
import { EDGE_RECORDS } from '../support/sqlRecords';
import { SIGMA_DETECTIONS, SIGMA_NOT_EXPRESSIBLE, VIEW_FILTERS } from '../support/sqlCases';
import { cloudTrailRule } from './sigmaSupport';

const TARGET: SqlTarget = {
  athena: { database: 'default', table: 'cloudtrail_logs', partitioning: 'projection' },
  lake: { eventDataStore: '' },
};

const files = packFiles();
const RECORDS: readonly Record<string, unknown>[] = [
  ...generateRecords(15, 800),
  ...EDGE_RECORDS,
  ...files.flatMap((f) => {
    const records = packRecords(f.stem);
    return [...records.match, ...records.noMatch];
  }),
];
const summaries = summarize(parseLog(JSON.stringify({ Records: RECORDS })));

let db: DuckDBConnection;
let close: () => void;
before(async () => ({ db, close } = await cloudTrailTable(RECORDS)));
after(() => close());

function sqlOf(request: Omit<Parameters<typeof sqlFor>[0], 'dialect' | 'target'>): string {
  const answer = sqlFor({ ...request, dialect: 'duckdb', target: TARGET });
  assert.ok(answer.sql, `expressible: ${answer.reason}`);
  return answer.sql;
}

async function groupsOf(sql: string): Promise<Map<string, number>> {
  const rows = await rowsOf(db, sql);
  return new Map(rows.map((row) => [String(row['group_key']), Number(row['count'])]));
}

describe('the view filter in DuckDB keeps and groups what the view does', () => {
  test('the table holds every record', async () => {
    assert.equal(Number((await rowsOf(db, 'SELECT count(*) AS n FROM cloudtrail_logs'))[0]!['n']), RECORDS.length);
  });

  for (const filter of VIEW_FILTERS) {
    test(`filter ${JSON.stringify(filter)}`, async () => {
      const { shown } = buildEventTree(summaries, 'level', filter);
      const rows = await rowsOf(db, sqlOf({ filter }));
      assert.equal(rows.length, shown, 'records kept');
      // By actor follows session chains through the loaded logs: the SQL says it cannot (filterAgreement.test.ts).
      for (const groupBy of GROUP_BY_VALUES.filter((g) => g !== 'actor')) {
        const { groups } = buildEventTree(summaries, groupBy, filter);
        const expected = new Map(groups.map((g) => [g.key, g.count]));
        assert.deepEqual(await groupsOf(sqlOf({ filter, groupBy })), expected, `grouped by ${groupBy}`);
      }
    });
  }
});

/** Each rule of a pack file, with what it refers to. */
function packRules(): { stem: string; rule: SigmaRule; rules: readonly SigmaRule[] }[] {
  return files.flatMap((f) => {
    const { rules } = readRules(f.text, f.file);
    return rules.map((rule) => ({ stem: f.stem, rule, rules }));
  });
}

/** The indexes of the records the evaluator flags with a rule: a correlation's, those of its findings. */
function flagged(rule: SigmaRule, rules: readonly SigmaRule[], filter?: string): Set<number> {
  const inFile = rule.kind === 'correlation' ? rules : [rule];
  const { set } = compileReadRules([{ rules: [...inFile], problems: [], skipped: [] }]);
  const index = set.rules.findIndex((r) => r.title === rule.title);
  const out = new Set<number>();
  if (rule.kind === 'detection') {
    RECORDS.forEach((record, i) => set.match(record).includes(index) && out.add(i));
  } else {
    const correlator = new Correlator<number>(set);
    RECORDS.forEach((record, i) => {
      for (const event of set.correlationEvents(record)) correlator.add(event, i);
    });
    for (const finding of correlator.findings()) if (finding.rule === index) for (const i of finding.records) out.add(i);
  }
  const keep = eventFilter(filter).test;
  return new Set([...out].filter((i) => keep(summaries[i]!, summaries)));
}

/** A record's identity in both worlds: its eventID (the records' own are unique enough), and its time. */
const idOf = (record: Record<string, unknown>) => `${String(record['eventID'] ?? null)}@${String(record['eventTime'] ?? null)}`;

/** Correlations SQL does not write (rules in turn, or more than one rule counted together): the user is told why instead. */
const beyondSql = (rule: SigmaRule) => rule.kind === 'correlation' && (rule.type === 'temporal_ordered' || rule.rules.length > 1);

describe('every rule of the pack flags in DuckDB what the evaluator flags', () => {
  for (const { stem, rule, rules } of packRules()) {
    const resolve = (ref: string) => rules.find((r) => r.id === ref || r.name === ref);
    if (beyondSql(rule)) {
      test(`${stem}: ${rule.title} is not written as SQL, and says why`, () => {
        const answer = sqlFor({ rule, resolve, dialect: 'duckdb', target: TARGET });
        assert.equal(answer.sql, undefined);
        assert.match(answer.reason ?? '', /correlation/);
      });
      continue;
    }
    for (const filter of [undefined, 'after:2024-03-05T10:00:00Z -user:alice']) {
      test(`${stem}: ${rule.title}${filter ? ` with ${filter}` : ''}`, async () => {
        const expected = [...flagged(rule, rules, filter)].map((i) => idOf(RECORDS[i]!)).sort();
        const rows = await rowsOf(db, sqlOf({ rule, resolve, ...(filter ? { filter } : {}) }));
        assert.deepEqual(rows.map((row) => `${String(row['eventid'])}@${String(row['eventtime'])}`).sort(), expected);
        if (rule.kind === 'detection') assert.ok(expected.length > 0 || filter, 'the rule flags some test record');
      });
    }
  }

  test('a correlation grouped by identity counts the records of its findings per identity', async () => {
    const { rule, rules } = packRules().find((r) => r.stem === 'access_denied_burst' && r.rule.kind === 'correlation')!;
    const resolve = (ref: string) => rules.find((r) => r.id === ref || r.name === ref);
    const expected = new Map<string, number>();
    for (const i of flagged(rule, rules)) expected.set(summaries[i]!.identity, (expected.get(summaries[i]!.identity) ?? 0) + 1);
    assert.ok(expected.size > 0);
    assert.deepEqual(await groupsOf(sqlOf({ rule, resolve, groupBy: 'identity' satisfies GroupBy })), expected);
  });
});

describe('each Sigma feature SQL can say flags in DuckDB what the evaluator flags', () => {
  for (const [name, detection] of Object.entries(SIGMA_DETECTIONS)) {
    test(name, async () => {
      const [rule] = readRules(cloudTrailRule(detection), 'rule.yml').rules;
      assert.ok(rule, 'the rule reads');
      const expected = [...flagged(rule, [rule])].map((i) => idOf(RECORDS[i]!)).sort();
      const rows = await rowsOf(db, sqlOf({ rule }));
      assert.deepEqual(rows.map((row) => `${String(row['eventid'])}@${String(row['eventtime'])}`).sort(), expected);
    });
  }

  for (const [name, [detection, why]] of Object.entries(SIGMA_NOT_EXPRESSIBLE)) {
    test(`${name}: cannot be expressed, and says why`, () => {
      const [rule] = readRules(cloudTrailRule(detection), 'rule.yml').rules;
      assert.ok(rule, 'the evaluator runs the rule');
      for (const dialect of ['athena', 'lake', 'duckdb'] as const) {
        const answer = sqlFor({ rule: rule!, dialect, target: TARGET });
        assert.equal(answer.sql, undefined);
        assert.match(answer.reason ?? '', new RegExp(why, 'i'));
      }
    });
  }
});
