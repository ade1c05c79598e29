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

test('no array holds two adjacent numbers or booleans, so every comma matters', () => {
  const scanner = createScanner(generateLog({ seed: 4, records: 500 }), true);
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
