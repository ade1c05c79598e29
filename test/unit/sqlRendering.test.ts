/**
 * What the SQL renderings promise besides meaning: Athena reads only the days a time range needs, in either
 * partition layout; a record query's columns are the table's, by name and in order, for the answer to be read
 * back as records; hostile values never leave their string literal; what cannot be written says why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUDTRAIL_COLUMNS } from '../../common/cloudtrailColumns';
import { readRules } from '../../server/src/detections/ruleReader';
import { partitionDays, partitionPredicates } from '../../server/src/queries/partitions';
import { sqlFor, type SqlDialect, type SqlTarget } from '../../server/src/queries/sqlQuery';
import { likeText } from '../../server/src/queries/sqlText';
import { cloudTrailRule } from './sigmaSupport';

const target = (athena: Partial<SqlTarget['athena']> = {}, eventDataStore = ''): SqlTarget => ({
  athena: { database: 'default', table: 'cloudtrail_logs', partitioning: 'projection', ...athena },
  lake: { eventDataStore },
});

const sql = (filter: string, dialect: SqlDialect = 'athena', t = target()) => {
  const answer = sqlFor({ dialect, filter, target: t });
  assert.ok(answer.sql, answer.reason);
  return answer.sql;
};

const ms = (iso: string) => Date.parse(iso);

/** A correlation counting, per ARN in an hour, the records of a base rule with this one selection. */
function burst(selection: string) {
  const [correlation, base] = readRules(
    `${cloudTrailRule(`selection:\n  ${selection}\ncondition: selection`, 'title: Base\nname: base\n')}---\n` +
      'title: Burst\ncorrelation:\n  type: event_count\n  rules: [base]\n  group-by: [userIdentity.arn]\n  timespan: 1h\n  condition:\n    gte: 5\n',
    'burst.yml',
  ).rules.reverse();
  return { correlation: correlation!, base: base! };
}

describe('a time range reads only the days it needs', () => {
  test('from the day of the first moment to the day after the last: CloudTrail files an event under the day it delivered it', () => {
    assert.deepEqual(partitionDays({ after: ms('2026-11-01T10:00:00Z'), before: ms('2026-11-03T12:00:00Z') }), {
      first: '2026/11/01',
      last: '2026/11/04',
    });
    // Before midnight, exclusive: the range's last moment is on the 2nd, so the 3rd is the day after.
    assert.deepEqual(partitionDays({ after: ms('2026-11-01T00:00:00Z'), before: ms('2026-11-03T00:00:00Z') }), {
      first: '2026/11/01',
      last: '2026/11/03',
    });
    assert.deepEqual(partitionDays({ after: ms('2026-12-31T23:59:59Z') }), { first: '2026/12/31' });
    assert.deepEqual(partitionDays({ before: ms('2027-01-01T00:00:00.001Z') }), { last: '2027/01/02' });
    assert.deepEqual(partitionDays({}), {});
  });

  test('partition projection: the `timestamp` partition, compared as yyyy/MM/dd', () => {
    const range = { after: ms('2026-11-01T00:00:00Z'), before: ms('2026-11-02T00:00:00Z') };
    assert.deepEqual(partitionPredicates(range, 'projection'), [`"timestamp" >= '2026/11/01'`, `"timestamp" <= '2026/11/02'`]);
    assert.deepEqual(partitionPredicates({ after: range.after }, 'projection'), [`"timestamp" >= '2026/11/01'`]);
  });

  test('year, month and day partitions: the years, then the whole date', () => {
    const range = { after: ms('2025-12-30T00:00:00Z'), before: ms('2026-01-02T00:00:00Z') };
    assert.deepEqual(partitionPredicates(range, 'yearMonthDay'), [
      `"year" >= '2025'`,
      `concat("year", '/', "month", '/', "day") >= '2025/12/30'`,
      `"year" <= '2026'`,
      `concat("year", '/', "month", '/', "day") <= '2026/01/02'`,
    ]);
  });

  test('no range, or a table not partitioned by day: no partition predicate', () => {
    assert.deepEqual(partitionPredicates({}, 'projection'), []);
    assert.deepEqual(partitionPredicates({ after: ms('2026-11-01T00:00:00Z') }, 'none'), []);
  });

  test('the filter’s after: and before: reach the WHERE clause of Athena only', () => {
    const filter = 'after:2026-11-01 before:2026-11-02T06:00:00Z';
    assert.match(sql(filter), /WHERE "timestamp" >= '2026\/11\/01'\n {2}AND "timestamp" <= '2026\/11\/03'\n/);
    assert.match(sql(filter, 'athena', target({ partitioning: 'yearMonthDay' })), /"year" >= '2026'/);
    assert.doesNotMatch(sql(filter, 'athena', target({ partitioning: 'none' })), /"timestamp"|"year"/);
    for (const dialect of ['lake', 'duckdb'] as const) assert.doesNotMatch(sql(filter, dialect), /"timestamp"/);
  });

  test('repeated after: terms are either-of: the earlier bounds the days', () => {
    assert.match(sql('after:2026-11-05 after:2026-11-01'), /"timestamp" >= '2026\/11\/01'/);
  });

  test('a correlation reads a timespan more on each side, so that windows at the edges count whole', () => {
    const { correlation, base } = burst('errorCode: AccessDenied');
    const answer = sqlFor({
      dialect: 'athena',
      rule: correlation,
      resolve: () => base,
      filter: 'after:2026-11-01T00:30:00Z',
      target: target(),
    });
    assert.match(answer.sql ?? '', /"timestamp" >= '2026\/10\/31'/);
  });
});

describe('a record query selects the table’s columns, by name and in order', () => {
  for (const dialect of ['athena', 'lake', 'duckdb'] as const) {
    test(dialect, () => {
      const select = /^SELECT\n([\s\S]*?)\nFROM /.exec(sql('event:PutObject', dialect))![1]!;
      const names = select.split(',\n').map((line) => /(\w+)$/.exec(line.trim())![1]);
      assert.deepEqual(
        names,
        CLOUDTRAIL_COLUMNS.map((c) => c.column),
      );
    });
  }

  test('nested columns as JSON text', () => {
    assert.match(sql(''), /json_format\(CAST\(useridentity AS JSON\)\) AS useridentity/);
    assert.match(sql('', 'duckdb'), /CAST\(to_json\(resources\) AS VARCHAR\) AS resources/);
  });

  test('a grouped query answers group_key and count', () => {
    const answer = sqlFor({ dialect: 'athena', groupBy: 'eventSource', target: target() });
    assert.match(
      answer.sql ?? '',
      /^SELECT\n {2}COALESCE\(eventsource, '\(no eventSource\)'\) AS group_key,\n {2}count\(\*\) AS "count"\nFROM/,
    );
  });
});

describe('the SQL is laid out for a person to read', () => {
  test('the level grouping: a CASE arm a line, the event names over lines, nothing near the 3,000 characters of one line', () => {
    const text = sqlFor({ dialect: 'athena', groupBy: 'level', target: target() }).sql ?? '';
    const lines = text.split('\n');
    assert.ok(lines.filter((line) => /^ {4}WHEN /.test(line)).length >= 7, text);
    assert.ok(
      lines.every((line) => (line.match(/\bWHEN\b/g) ?? []).length <= 1),
      'no two arms on a line',
    );
    assert.match(text, /^ {4}ELSE 'account'\n {2}END AS group_key,$/m);
    assert.ok(Math.max(...lines.map((line) => line.length)) < 250, `longest line: ${Math.max(...lines.map((l) => l.length))}`);
  });

  test('a long OR is one alternative a line, indented inside its parentheses', () => {
    const text = sql('user:alice');
    assert.match(text, /^WHERE \(\n {4}lower\(NULLIF\(useridentity\.username, ''\)\) = 'alice'\n {4}OR lower/m);
    assert.match(text, /\n {2}\)\nORDER BY eventtime$/);
  });

  test('a line break in a rule’s value stays as it is inside its literal, in a correlation’s indented CTE too', () => {
    const { correlation, base } = burst('errorMessage: "two\\nlines"');
    const text = sqlFor({ dialect: 'athena', rule: correlation, resolve: () => base, target: target() }).sql ?? '';
    assert.ok(text.includes("= 'two\nlines'"), text);
  });
});

describe('a rule’s SQL asks of a time range, not the whole trail', () => {
  const [rule] = readRules(cloudTrailRule('selection:\n  eventName: StopLogging\ncondition: selection'), 'r.yml').rules;
  const range = { after: ms('2026-11-01T10:00:00Z'), before: ms('2026-11-02T10:00:00.001Z') };
  const defaultRange = { range, what: "the view's time span" };

  test('the default range: a comment saying so, the days it touches and the times', () => {
    const text = sqlFor({ dialect: 'athena', rule: rule!, defaultRange, target: target() }).sql ?? '';
    assert.match(text, /^-- The rule's records from 2026-11-01T10:00:00Z before 2026-11-02T10:00:00\.001Z: the view's time span\./);
    assert.match(text, /WHERE "timestamp" >= '2026\/11\/01'\n {2}AND "timestamp" <= '2026\/11\/03'/);
    assert.match(text, />= from_iso8601_timestamp\('2026-11-01T10:00:00\.000Z'\)/);
    assert.match(text, /< from_iso8601_timestamp\('2026-11-02T10:00:00\.001Z'\)/);
  });

  test('the last day, open at its end', () => {
    const lastDay = { range: { after: ms('2026-11-05T08:00:00Z') }, what: 'the last 24 hours' };
    const text = sqlFor({ dialect: 'athena', rule: rule!, defaultRange: lastDay, target: target() }).sql ?? '';
    assert.match(text, /^-- The rule's records from 2026-11-05T08:00:00Z: the last 24 hours\./);
    assert.doesNotMatch(text, /"timestamp" <=/);
  });

  test('the filter’s own bounds win; the view’s own question takes none; Lake reads the times alone', () => {
    const bounded = sqlFor({ dialect: 'athena', rule: rule!, defaultRange, filter: 'before:2026-10-01', target: target() }).sql ?? '';
    assert.doesNotMatch(bounded, /^--|2026\/11\/01/);
    const view = sqlFor({ dialect: 'athena', defaultRange, filter: 'event:Stop*', target: target() }).sql ?? '';
    assert.doesNotMatch(view, /^--|"timestamp"/);
    const lake = sqlFor({ dialect: 'lake', rule: rule!, defaultRange, target: target() }).sql ?? '';
    assert.match(lake, /^-- The rule's records[^\n]*\n[\s\S]*\n {2}AND eventtime >= /, 'Lake has no partitions: the times alone');
  });
});

describe('hostile values stay in their literal', () => {
  test('a quote is doubled, in a value and in a LIKE pattern', () => {
    assert.match(sql("user:o'brien"), /= 'o''brien'/);
    assert.match(sql("event:x'*"), /LIKE 'x''%' ESCAPE '\\'/);
    assert.match(sql('"event:x\') OR TRUE --"'), /= 'x''\) or true --'/);
  });

  test('%, _ and \\ in a value are escaped for LIKE, the wildcard is not', () => {
    assert.equal(likeText([{ text: '50%_off\\' }, 'any']), '50\\%\\_off\\\\%');
    assert.match(sql('bucket:a_b%c*'), /LIKE 'a\\_b\\%c%' ESCAPE '\\'/);
  });

  test('a rule’s value, quotes and backslashes and all', () => {
    const [rule] = readRules(cloudTrailRule("selection:\n  errorCode|startswith: 'It''s\\%'\ncondition: selection"), 'r.yml').rules;
    const answer = sqlFor({ dialect: 'athena', rule: rule!, target: target() });
    assert.match(answer.sql ?? '', /lower\(errorcode\) LIKE 'it''s\\\\\\%%' ESCAPE '\\'/);
  });

  test('a key a JSON path cannot carry, and text SQL cannot carry, are not expressible', () => {
    const [quoted] = readRules(cloudTrailRule('selection:\n  requestParameters.a"b: x\ncondition: selection'), 'r.yml').rules;
    assert.match(sqlFor({ dialect: 'athena', rule: quoted!, target: target() }).reason ?? '', /cannot be written in a JSON path/);
    assert.match(sqlFor({ dialect: 'athena', filter: 'user:a\u0000b', target: target() }).reason ?? '', /cannot carry/);
    assert.match(sqlFor({ dialect: 'athena', filter: 'user:a\ud800', target: target() }).reason ?? '', /cannot carry/);
  });

  test('a key named as something every object inherits is no field of the table', () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      const [rule] = readRules(cloudTrailRule(`selection:\n  userIdentity.${key}: x\ncondition: selection`), 'r.yml').rules;
      assert.equal(
        sqlFor({ dialect: 'athena', rule: rule!, target: target() }).reason,
        `the CloudTrail table has no field for userIdentity.${key}`,
      );
    }
  });

  test('table names are quoted identifiers; an event data store ID is checked', () => {
    assert.match(sql('', 'athena', target({ database: 'my"db', table: 'trail' })), /FROM "my""db"\."trail"/);
    assert.match(sql('', 'lake'), /FROM \$EDS_ID/);
    assert.match(sql('', 'lake', target({}, 'arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/abc-123')), /FROM abc-123\n/);
    assert.match(sqlFor({ dialect: 'lake', target: target({}, 'x; DROP') }).reason ?? '', /not an event data store ID/);
  });

  test('a query longer than Athena takes says so', () => {
    const answer = sqlFor({
      dialect: 'athena',
      filter: Array.from({ length: 3000 }, (_, i) => `-event:E${i}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`).join(' '),
      target: target(),
    });
    assert.match(answer.reason ?? '', /262144 bytes/);
  });
});
