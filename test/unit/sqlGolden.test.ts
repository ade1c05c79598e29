/**
 * The Athena and CloudTrail Lake renderings, text for text: every view filter of the DuckDB tests, with and
 * without a grouping, every rule of the pack, and each Sigma feature, against golden files a person has read.
 * Athena and Lake are not run here; DuckDB (sqlMeaning.test.ts) proves the same model means what the extension
 * means, and these files hold what the other two engines are sent. `UPDATE_GOLDEN=1 npm run test:unit` rewrites them.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readRules } from '../../server/src/detections/ruleReader';
import type { SigmaRule } from '../../server/src/detections/sigmaRule';
import { type SqlDialect, sqlFor, type SqlRequest, type SqlTarget } from '../../server/src/queries/sqlQuery';
import { repoPath } from '../support/paths';
import { packFiles } from '../support/rulePack';
import { SIGMA_DETECTIONS, VIEW_FILTERS } from '../support/sqlCases';
import { cloudTrailRule } from './sigmaSupport';

const TARGET: SqlTarget = {
  athena: { database: 'security', table: 'cloudtrail_logs', partitioning: 'projection' },
  lake: { eventDataStore: 'arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE' },
};

type Case = { readonly name: string; readonly request: Omit<SqlRequest, 'dialect' | 'target'> };

function cases(): Case[] {
  const out: Case[] = [];
  for (const filter of VIEW_FILTERS) out.push({ name: `filter ${JSON.stringify(filter)}`, request: { filter } });
  for (const groupBy of ['level', 'identity', 'hour'] as const)
    out.push({ name: `filter "event:Put*" grouped by ${groupBy}`, request: { filter: 'event:Put*', groupBy } });
  for (const f of packFiles()) {
    const { rules } = readRules(f.text, f.file);
    const resolve = (ref: string): SigmaRule | undefined => rules.find((r) => r.id === ref || r.name === ref);
    for (const rule of rules) out.push({ name: `rule ${f.stem}: ${rule.title}`, request: { rule, resolve } });
  }
  const [burst, base] = readRules(packFiles().find((f) => f.stem === 'enumeration_burst')!.text, 'enumeration_burst.yml').rules;
  out.push({
    name: 'rule enumeration_burst in a week, grouped by identity',
    request: { rule: burst!, resolve: () => base, filter: 'after:2026-11-01 before:2026-11-08', groupBy: 'identity' },
  });
  const [stopped] = readRules(packFiles().find((f) => f.stem === 'cloudtrail_logging_stopped')!.text, 'stopped.yml').rules;
  const span = { after: Date.parse('2026-11-01T09:12:00Z'), before: Date.parse('2026-11-01T17:45:00.001Z') };
  out.push({
    name: 'rule cloudtrail_logging_stopped over the view’s time span',
    request: { rule: stopped!, defaultRange: { range: span, what: "the view's time span" } },
  });
  for (const [name, detection] of Object.entries(SIGMA_DETECTIONS))
    out.push({ name: `sigma ${name}`, request: { rule: readRules(cloudTrailRule(detection), 'rule.yml').rules[0]! } });
  return out;
}

function rendered(dialect: SqlDialect): string {
  return cases()
    .map(({ name, request }) => {
      const answer = sqlFor({ ...request, dialect, target: TARGET });
      return `-- ${name}\n${answer.sql ?? `-- cannot be expressed in SQL: ${answer.reason}`};\n`;
    })
    .join('\n');
}

describe('the renderings, text for text', () => {
  for (const dialect of ['athena', 'lake'] as const) {
    test(`${dialect}: every case as the golden file holds it`, () => {
      const file = repoPath('test', 'fixtures', 'sql', `${dialect}.golden.sql`);
      const text = rendered(dialect);
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, text);
      const golden = readFileSync(file, 'utf8');
      const split = (t: string) => t.split(/\n(?=-- )/);
      const [now, then] = [split(text), split(golden)];
      for (let i = 0; i < Math.max(now.length, then.length); i++) assert.equal(now[i], then[i], `case ${i + 1}`);
    });
  }
});
