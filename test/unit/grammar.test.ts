// The extension's TextMate grammar on CloudTrail logs: the scopes a user would notice, on minified and
// pretty-printed logs, look-alikes, broken lines and very long lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  ARN,
  ERROR_CODE,
  EVENT_NAME,
  GRAMMAR_PATH,
  IP_ADDRESS,
  PROPERTY_NAME,
  RECORD_FIELD,
  SCOPE_NAME,
  STRING,
  TIMESTAMP,
  type TokenizedLine,
  assertNoCloudTrailScope,
  assertScoped,
  assertStringValue,
  tokenize,
  tokensOf,
} from '../support/grammarTokens';
import { REPO_ROOT, repoPath } from '../support/paths';

const RECORD = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAJ45Q7YFFAREXAMPLE',
    arn: 'arn:aws:iam::123456789012:user/Alice',
    accountId: '111122223333',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    userName: 'Alice',
    sessionContext: { attributes: { creationDate: '2019-02-01T02:59:22Z', mfaAuthenticated: 'false' } },
  },
  eventTime: '2019-02-01T03:18:19Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.44',
  userAgent: 'aws-cli/2.13.5 Python/3.11.4',
  errorCode: 'AccessDenied',
  errorMessage:
    'User: arn:aws:sts::444455556666:assumed-role/Admin/alice is not authorized to perform: iam:CreateUser' +
    ' on resource: arn:aws:iam::123456789012:user/Bob.',
  requestParameters: { userName: 'Bob', tags: [{ key: 'peer', value: '2001:db8:85a3::8a2e:370:7334' }] },
  responseElements: null,
  requestID: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  eventID: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE22222',
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '123456789012',
  tlsDetails: { tlsVersion: 'TLSv1.2', clientProvidedHostHeader: 'iam.amazonaws.com' },
  additionalEventData: { temporaryKey: 'ASIAY34FZKBOKMUTVV7A', size: 1.5e3 },
};
const LOG = { Records: [RECORD] };

async function assertCloudTrailScopes(text: string): Promise<void> {
  const lines = await tokenize(text);
  assertStringValue(lines, 'CreateUser', EVENT_NAME);
  assertStringValue(lines, 'AccessDenied', ERROR_CODE);
  assertScoped(lines, 'arn:aws:iam::123456789012:user/Alice', ARN);
  assertScoped(lines, 'arn:aws:sts::444455556666:assumed-role/Admin/alice', ARN);
  assertScoped(lines, '444455556666', ACCOUNT_ID);
  assertStringValue(lines, '111122223333', ACCOUNT_ID);
  assertStringValue(lines, '123456789012', ACCOUNT_ID);
  assertScoped(lines, 'AKIAIOSFODNN7EXAMPLE', ACCESS_KEY_ID);
  assertScoped(lines, 'ASIAY34FZKBOKMUTVV7A', ACCESS_KEY_ID);
  assertScoped(lines, '192.0.2.44', IP_ADDRESS);
  assertScoped(lines, '2001:db8:85a3::8a2e:370:7334', IP_ADDRESS);
  assertScoped(lines, '2019-02-01T03:18:19Z', TIMESTAMP);
  assertScoped(lines, '2019-02-01T02:59:22Z', TIMESTAMP);
  // Ordinary values stay plain strings, numbers and constants.
  assertNoCloudTrailScope(lines, '"iam.amazonaws.com"');
  assertNoCloudTrailScope(lines, '"AIDAJ45Q7YFFAREXAMPLE"');
  assertScoped(lines, '"aws-cli/2.13.5 Python/3.11.4"', STRING);
  assertScoped(lines, '1500', 'constant.numeric.json');
  assertScoped(lines, 'null', 'constant.language.json');
  assertScoped(lines, 'false', 'constant.language.json', 1); // the first "false" is a string
  // An ARN ending a sentence stops before the full stop.
  assertScoped(lines, 'arn:aws:iam::123456789012:user/Bob', ARN);
  const sentenceEnd = tokensOf(lines, 'user/Bob.');
  assert.equal(sentenceEnd[sentenceEnd.length - 1]!.text, '.');
  assert.ok(!sentenceEnd[sentenceEnd.length - 1]!.scopes.includes(ARN));
  // Property names: JSON's scope, plus a CloudTrail one for the record fields.
  assertScoped(lines, '"eventName"', PROPERTY_NAME);
  assertScoped(lines, '"eventName"', RECORD_FIELD);
  assertScoped(lines, '"sourceIPAddress"', RECORD_FIELD);
  assertScoped(lines, '"Records"', PROPERTY_NAME);
  assertScoped(lines, '"userName"', PROPERTY_NAME);
  assert.ok(!tokensOf(lines, '"userName"').some((t) => t.scopes.includes(RECORD_FIELD)), 'nested keys are not record fields');
  // Nothing is flagged as broken JSON.
  const illegal = lines.flatMap((l) => l.tokens).filter((t) => t.scopes.some((s) => s.startsWith('invalid.illegal')));
  assert.deepEqual(illegal, []);
}

test('grammar: package.json contributes it under the cloudtrail language', () => {
  const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
  const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'cloudtrail');
  assert.equal(contributed.scopeName, SCOPE_NAME);
  assert.equal(path.resolve(REPO_ROOT, contributed.path), GRAMMAR_PATH);
  assert.equal(JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')).scopeName, SCOPE_NAME);
});

test('grammar: CloudTrail values are scoped in a minified one-line log', async () => {
  const text = JSON.stringify(LOG);
  assert.equal(text.includes('\n'), false);
  await assertCloudTrailScopes(text);
});

test('grammar: CloudTrail values are scoped in a pretty-printed log', async () => {
  const text = JSON.stringify(LOG, null, 4);
  assert.ok(text.split('\n').length > 40);
  await assertCloudTrailScopes(text);
});

test('grammar: ARNs in every partition, split into their parts', async () => {
  const arns = [
    'arn:aws:s3:::DOC-EXAMPLE-BUCKET/logs/*',
    'arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0abcd1234',
    'arn:aws-us-gov:iam::123456789012:role/Ops',
    'arn:aws:iam::aws:policy/AdministratorAccess',
  ];
  const lines = await tokenize(JSON.stringify({ resources: arns.map((ARN) => ({ ARN })), note: `see ${arns[0]}, then` }));
  arns.forEach((arn) => assertScoped(lines, arn, ARN));
  assertScoped(lines, arns[0]!, ARN, 1);
  assertNoCloudTrailScope(lines, ', then'); // the comma after the ARN in a sentence is left out
  const cn = tokensOf(lines, arns[1]!);
  const part = (text: string) => cn.find((t) => t.text === text)?.scopes ?? [];
  assert.ok(part('aws-cn').includes('meta.arn.partition.cloudtrail'));
  assert.ok(part('ec2').includes('meta.arn.service.cloudtrail'));
  assert.ok(part('cn-north-1').includes('meta.arn.region.cloudtrail'));
  assert.ok(part('123456789012').includes(ACCOUNT_ID));
  assert.ok(part('instance/i-0abcd1234').includes('meta.arn.resource.cloudtrail'));
});

test('grammar: look-alikes are not given CloudTrail scopes', async () => {
  const lines = await tokenize(
    JSON.stringify({
      digits13: '1234567890123',
      digits11: '12345678901',
      notIp: '1.2.3.4.5',
      badOctet: '999.1.1.1',
      cfnType: 'AWS::EC2::Instance',
      policyVersion: '2012-10-17',
      longKey: 'AKIAIOSFODNN7EXAMPLEX',
      lowercase: 'akiaiosfodnn7example',
      notArn: 'barn:aws:s3:::x',
      partial: 'arn:aws:s3',
      clock: '03:18:19',
    }),
  );
  for (const text of [
    '1234567890123',
    '12345678901',
    '1.2.3.4.5',
    '999.1.1.1',
    'AWS::EC2::Instance',
    '2012-10-17',
    'AKIAIOSFODNN7EXAMPLEX',
    'akiaiosfodnn7example',
    'barn:aws:s3:::x',
    'arn:aws:s3',
    '03:18:19',
  ]) {
    assertNoCloudTrailScope(lines, `"${text}"`);
  }
});

test('grammar: more IP address and timestamp forms', async () => {
  const values = ['10.0.0.0/8', '::1', 'fe80::1', '::ffff:203.0.113.9', '2600:1f18:0:0:0:0:0:1'];
  const times = ['2019-02-01T03:18:19.123Z', '2024-12-31T23:59:59+01:00', '2019-02-01T03:18:19'];
  const lines = await tokenize(JSON.stringify({ values, times, message: 'from 198.51.100.7, at 2019-02-01T03:18:19Z.' }));
  values.forEach((v) => assertStringValue(lines, v, IP_ADDRESS));
  times.forEach((t) => assertStringValue(lines, t, TIMESTAMP));
  assertScoped(lines, '198.51.100.7', IP_ADDRESS);
  assertScoped(lines, '2019-02-01T03:18:19Z', TIMESTAMP);
});

test('grammar: plain JSON — escapes, invalid escapes, numbers, constants, comments', async () => {
  const lines = await tokenize('{"a\\"b": "x\\u00e9\\n\\q", "n": [-0.5e+10, 0, true, null], "c": 1 // no\n/* comments */}');
  assertScoped(lines, '"a\\"b"', PROPERTY_NAME);
  assertScoped(lines, '\\"', 'constant.character.escape.json');
  assertScoped(lines, '\\u00e9', 'constant.character.escape.json');
  assertScoped(lines, '\\n', 'constant.character.escape.json');
  assertScoped(lines, '\\q', 'invalid.illegal.unrecognized-string-escape.json');
  assertScoped(lines, '-0.5e+10', 'constant.numeric.json');
  assertScoped(lines, 'true', 'constant.language.json');
  assertScoped(lines, ',', 'punctuation.separator.dictionary.pair.json');
  assertScoped(lines, ',', 'punctuation.separator.array.json', 1);
  assertScoped(lines, '// no', 'invalid.illegal.comment.cloudtrail');
  assertScoped(lines, '/* comments */', 'invalid.illegal.comment.cloudtrail');
  assertScoped(lines, '}', 'punctuation.definition.dictionary.end.json');
});

test('grammar: an unterminated string does not swallow the next line', async () => {
  const lines = await tokenize(
    [
      '{"Records": [{',
      '    "sourceIPAddress": "192.0.2.1',
      '    "eventName": "RunInstances",',
      '    "errorCode": "Client.UnauthorizedOperation',
      '    "awsRegion": "us-east-1",',
      '    "userAgent',
      '    "eventTime": "2019-02-01T03:18:19Z"',
      '}]}',
    ].join('\n'),
  );
  assertScoped(lines, '192.0.2.1', IP_ADDRESS);
  assertStringValue(lines, 'RunInstances', EVENT_NAME);
  assertScoped(lines, '"eventName"', RECORD_FIELD);
  assertScoped(lines, 'Client.UnauthorizedOperation', ERROR_CODE);
  assertScoped(lines, '"awsRegion"', PROPERTY_NAME);
  assertScoped(lines, '"us-east-1"', STRING);
  assertNoCloudTrailScope(lines, '"us-east-1"');
  assertStringValue(lines, '2019-02-01T03:18:19Z', TIMESTAMP);
  assertScoped(lines, '"eventTime"', PROPERTY_NAME);
  // Each line after a broken one starts outside any string.
  for (const index of [2, 4, 6]) {
    const key = lines[index]!.tokens.find((t) => t.text === '"');
    assert.ok(key?.scopes.includes('punctuation.support.type.property-name.begin.json'), `line ${index + 1} starts with a key`);
  }
  // The last line closes everything the first one opened: no state leaked.
  const last = lines[lines.length - 1]!.tokens;
  assert.deepEqual(
    last.map((t) => [t.text, t.scopes[t.scopes.length - 1]]),
    [
      ['}', 'punctuation.definition.dictionary.end.json'],
      [']', 'punctuation.definition.array.end.json'],
      ['}', 'punctuation.definition.dictionary.end.json'],
    ],
  );
  assert.deepEqual(last[2]!.scopes, [SCOPE_NAME, 'meta.structure.dictionary.json', 'punctuation.definition.dictionary.end.json']);
});

test('grammar: a 3 MB string on one line tokenizes', async () => {
  const big = 'x'.repeat(3 * 1024 * 1024);
  const text = `{"Records":[{"eventName":"GetObject","requestParameters":{"blob":"${big}","key":"arn:aws:s3:::b/k"}}]}`;
  const [line] = await tokenize(text);
  assert.ok(line!.tokens.length > 10);
  const blob = line!.tokens.find((t) => t.text === big);
  assert.ok(blob?.scopes.includes(STRING));
  assertScoped([line!], 'arn:aws:s3:::b/k', ARN);
  assertStringValue([line!], 'GetObject', EVENT_NAME);
  assert.equal(line!.tokens[line!.tokens.length - 1]!.end, text.length);
});

test('grammar: a 3 MB minified log of many records tokenizes', async () => {
  const record = JSON.stringify(RECORD);
  const records = Array.from({ length: Math.ceil((3 * 1024 * 1024) / record.length) }, () => record);
  const text = `{"Records":[${records.join(',')}]}`;
  const [line] = await tokenize(text);
  assert.equal(line!.tokens[line!.tokens.length - 1]!.end, text.length);
  // The last record is scoped like the first.
  const from = text.length - record.length - 2;
  const lastRecord: TokenizedLine = {
    text: text.slice(from),
    tokens: line!.tokens.filter((t) => t.start >= from).map((t) => ({ ...t, start: t.start - from, end: t.end - from })),
  };
  assert.equal(lastRecord.tokens[0]!.text, '{');
  assertStringValue([lastRecord], 'CreateUser', EVENT_NAME);
  assertStringValue([lastRecord], 'AccessDenied', ERROR_CODE);
  assertScoped([lastRecord], 'arn:aws:iam::123456789012:user/Alice', ARN);
  assertScoped([lastRecord], '2001:db8:85a3::8a2e:370:7334', IP_ADDRESS);
  assertScoped([lastRecord], '"recipientAccountId"', RECORD_FIELD);
});
