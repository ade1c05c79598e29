/** The generator that tests and benchmarks stand on: deterministic, realistic, and the right size. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { generateLog, generateRecords } from '../support/generateLog';

test('the same seed gives the same log, another seed another', () => {
  assert.equal(generateLog({ seed: 1, records: 50 }), generateLog({ seed: 1, records: 50 }));
  assert.notEqual(generateLog({ seed: 1, records: 50 }), generateLog({ seed: 2, records: 50 }));
});

test('minified and pretty-printed logs hold the same records', () => {
  const minified = JSON.parse(generateLog({ seed: 5, records: 30 })) as unknown;
  const pretty = JSON.parse(generateLog({ seed: 5, records: 30, pretty: true })) as unknown;
  assert.deepEqual(pretty, minified);
  assert.deepEqual(minified, { Records: generateRecords(5, 30) });
});

test('a target size is met within one record', () => {
  const text = generateLog({ seed: 9, targetBytes: 200_000 });
  assert.ok(text.length >= 200_000 && text.length < 210_000, String(text.length));
});

test('the mix covers S3 levels, other services, identities and errors', () => {
  const records = generateRecords(3, 2000);
  const values = (f: (r: Record<string, unknown>) => unknown) => new Set(records.map(f));
  const sources = values((r) => r.eventSource);
  assert.ok(sources.has('s3.amazonaws.com') && sources.has('sts.amazonaws.com') && sources.has('signin.amazonaws.com'));
  const identities = values((r) => (r.userIdentity as { type?: string }).type);
  for (const type of ['IAMUser', 'AssumedRole', 'AWSService', 'Root', 'FederatedUser', 'SAMLUser', 'WebIdentityUser', 'AWSAccount'])
    assert.ok(identities.has(type), type);
  assert.ok(records.some((r) => r.errorCode));
  assert.ok(values((r) => r.eventCategory).has('Data'));
  assert.ok(values((r) => r.eventName).has('PutPublicAccessBlock'));
});

test('the realistic profile: the same for a seed, and thousands of callers, keys, addresses and parameters where the default has a few', () => {
  assert.equal(
    generateLog({ seed: 1, records: 50, cardinality: 'realistic' }),
    generateLog({ seed: 1, records: 50, cardinality: 'realistic' }),
  );
  assert.deepEqual(JSON.parse(generateLog({ seed: 6, records: 40, cardinality: 'realistic' })), {
    Records: generateRecords(6, 40, 'realistic'),
  });
  const distinct = (records: Record<string, unknown>[], f: (r: Record<string, unknown>) => unknown) =>
    new Set(records.map(f).filter((v) => v !== undefined)).size;
  const realistic = generateRecords(3, 8000, 'realistic');
  const identity = (r: Record<string, unknown>) => r.userIdentity as { arn?: string; accessKeyId?: string };
  const counts = (records: Record<string, unknown>[]) => ({
    arns: distinct(records, (r) => identity(r).arn),
    agents: distinct(records, (r) => r.userAgent),
    parameters: distinct(records, (r) => JSON.stringify(r.requestParameters)),
    errorMessages: distinct(records, (r) => r.errorMessage),
    accounts: distinct(records, (r) => r.recipientAccountId),
  });
  const many = counts(realistic);
  const few = counts(generateRecords(3, 8000));
  assert.ok(many.arns > 3000 && many.arns > 3 * few.arns, JSON.stringify({ many, few }));
  assert.ok(many.agents >= 300 && many.errorMessages >= 100 && many.accounts >= 30, JSON.stringify(many));
  assert.ok(many.parameters > 1.5 * few.parameters, JSON.stringify({ many, few }));
  // A session keeps its key over its calls: keys repeat, and there are thousands of them.
  const keys = distinct(realistic, (r) => identity(r).accessKeyId);
  assert.ok(keys > 2000 && keys < 6000, String(keys));
  assert.ok(distinct(realistic, (r) => r.sourceIPAddress) > 3000);
});

for (const cardinality of ['default', 'realistic'] as const)
  test(`no array holds two adjacent numbers or booleans, so every comma matters (${cardinality})`, () => {
    const scanner = createScanner(generateLog({ seed: 4, records: 500, cardinality }), true);
    const scalar = (t: SyntaxKind) =>
      t === SyntaxKind.NumericLiteral || t === SyntaxKind.TrueKeyword || t === SyntaxKind.FalseKeyword || t === SyntaxKind.NullKeyword;
    let before = SyntaxKind.Unknown;
    let previous = SyntaxKind.Unknown;
    for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
      assert.ok(!(scalar(before) && previous === SyntaxKind.CommaToken && scalar(token)), 'two scalars separated only by a comma');
      before = previous;
      previous = token;
    }
  });
