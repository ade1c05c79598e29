// Tokenizes CloudTrail logs with the extension's TextMate grammar, the way VS Code does
// (vscode-textmate + vscode-oniguruma), and checks the scopes a user would notice.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

// The test is bundled to out/test/unit/grammar.test.js.
const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'cloudtrail.tmLanguage.json');
const SCOPE_NAME = 'source.json.cloudtrail';

const EVENT_NAME = 'entity.name.function.event-name.cloudtrail';
const ERROR_CODE = 'invalid.deprecated.error-code.cloudtrail';
const ARN = 'constant.other.arn.cloudtrail';
const ACCOUNT_ID = 'constant.numeric.account-id.cloudtrail';
const ACCESS_KEY_ID = 'constant.other.access-key-id.cloudtrail';
const IP_ADDRESS = 'constant.numeric.ip-address.cloudtrail';
const TIMESTAMP = 'constant.numeric.timestamp.cloudtrail';
const STRING = 'string.quoted.double.json';
const PROPERTY_NAME = 'support.type.property-name.json';
const RECORD_FIELD = 'support.type.property-name.record-field.cloudtrail';
const CLOUDTRAIL_VALUE_SCOPES = [EVENT_NAME, ERROR_CODE, ARN, ACCOUNT_ID, ACCESS_KEY_ID, IP_ADDRESS, TIMESTAMP];

let grammarPromise: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    // Resolved at run time from the bundle's location (a plain `require.resolve` makes esbuild warn).
    const nodeRequire = require;
    const wasm = readFileSync(nodeRequire.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM({ data: wasm });
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === SCOPE_NAME ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const grammar = await registry.loadGrammar(SCOPE_NAME);
    assert.ok(grammar, 'the grammar loads');
    return grammar;
  })();
  return grammarPromise;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

async function tokenize(text: string): Promise<TokenizedLine[]> {
  const grammar = await loadGrammar();
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return {
      text: line,
      tokens: result.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: t.endIndex,
        scopes: t.scopes,
      })),
    };
  });
}

/** The tokens covering the `occurrence`-th appearance of `needle` anywhere in the lines. */
function tokensOf(lines: readonly TokenizedLine[], needle: string, occurrence = 0): Token[] {
  let seen = 0;
  for (const line of lines) {
    let at = line.text.indexOf(needle);
    while (at >= 0) {
      if (seen++ === occurrence) {
        const end = at + needle.length;
        const covering = line.tokens.filter((t) => t.start < end && t.end > at);
        assert.equal(covering[0]!.start <= at && covering[covering.length - 1]!.end >= end, true);
        return covering;
      }
      at = line.text.indexOf(needle, at + 1);
    }
  }
  assert.fail(`${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
}

function describeTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => `${JSON.stringify(t.text)} [${t.scopes.join(' ')}]`).join('\n');
}

/** Every token of `needle` carries `scope`, and the token boundaries match the needle exactly. */
function assertScoped(lines: readonly TokenizedLine[], needle: string, scope: string, occurrence = 0): void {
  const tokens = tokensOf(lines, needle, occurrence);
  const joined = tokens.map((t) => t.text).join('');
  assert.equal(joined, needle, `${JSON.stringify(needle)} is tokenized on its own:\n${describeTokens(tokens)}`);
  for (const token of tokens) {
    assert.ok(token.scopes.includes(scope), `${JSON.stringify(token.text)} has ${scope}:\n${describeTokens(tokens)}`);
  }
}

/** A string value: its quotes are plain JSON string punctuation, its inside carries `scope` too. */
function assertStringValue(lines: readonly TokenizedLine[], value: string, scope: string, occurrence = 0): void {
  const quoted = `"${value}"`;
  const tokens = tokensOf(lines, quoted, occurrence);
  const [open, close] = [tokens[0]!, tokens[tokens.length - 1]!];
  for (const [quote, role] of [
    [open, 'begin'],
    [close, 'end'],
  ] as const) {
    assert.equal(quote.text, '"');
    assert.ok(quote.scopes.includes(STRING), `the ${role} quote of ${quoted} is a string`);
    assert.ok(quote.scopes.includes(`punctuation.definition.string.${role}.json`));
    assert.ok(!quote.scopes.includes(scope), `the ${role} quote of ${quoted} does not get ${scope}`);
  }
  const inside = tokens.slice(1, -1);
  assert.equal(inside.map((t) => t.text).join(''), value);
  for (const token of inside) {
    assert.ok(token.scopes.includes(STRING), `${JSON.stringify(token.text)} stays a string`);
    assert.ok(token.scopes.includes(scope), `${JSON.stringify(token.text)} has ${scope}:\n${describeTokens(tokens)}`);
  }
}

function assertNoCloudTrailScope(lines: readonly TokenizedLine[], needle: string): void {
  for (const token of tokensOf(lines, needle)) {
    const extra = token.scopes.filter((s) => CLOUDTRAIL_VALUE_SCOPES.includes(s));
    assert.deepEqual(extra, [], `${JSON.stringify(token.text)} in ${JSON.stringify(needle)} gets no CloudTrail value scope`);
  }
}

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
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'cloudtrail');
  assert.equal(contributed.scopeName, SCOPE_NAME);
  assert.equal(path.resolve(ROOT, contributed.path), GRAMMAR_PATH);
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

test('language configuration: no comments, JSON brackets, words that keep ARNs and IPs whole', () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8'));
  assert.equal(config.comments, undefined);
  assert.deepEqual(config.brackets, [
    ['{', '}'],
    ['[', ']'],
  ]);
  const words = (s: string) => s.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words('{"arn":"arn:aws:iam::123456789012:user/Alice","ip":"2001:db8::1","at":"2019-02-01T03:18:19Z"}'), [
    'arn',
    'arn:aws:iam::123456789012:user/Alice',
    'ip',
    '2001:db8::1',
    'at',
    '2019-02-01T03:18:19Z',
  ]);
  assert.deepEqual(words('"192.0.2.1","arn:aws:s3:::b/*", "n": -1.5'), ['192.0.2.1', 'arn:aws:s3:::b/*', 'n', '-1.5']);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test('    "userIdentity": {') && increase.test('"Records": ['));
  assert.ok(!increase.test('"a": {},'));
  assert.ok(decrease.test('    },') && decrease.test(']') && !decrease.test('"a": 1'));
});
