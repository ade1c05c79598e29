/** The Sigma evaluator on single records, table-driven: each modifier, wildcards, null, case, types, paths, keywords, conditions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fires } from './sigmaSupport';

type Row = readonly [name: string, detection: string, record: unknown, expected: boolean];

const event = {
  eventName: 'PutBucketPolicy',
  eventSource: 's3.amazonaws.com',
  sourceIPAddress: '203.0.113.7',
  awsRegion: 'us-east-1',
  readOnly: false,
  userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', sessionContext: { attributes: { mfaAuthenticated: 'true' } } },
  requestParameters: { bucketName: 'Logs*Bucket', policy: { Statement: [{ Effect: 'Allow', Principal: '*' }] }, count: 12, size: '2048' },
  resources: [{ ARN: 'arn:aws:s3:::one' }, { ARN: 'arn:aws:s3:::two', type: 'AWS::S3::Bucket' }],
  tags: ['prod', 'pci'],
  errorCode: null,
  additionalEventData: { note: 'line one\nline two', blob: 'ZXZpbDpwYXlsb2Fk', wrapped: 'eHhldmlsOnBheWxvYWR5' },
  userAgent: 'C:\\tools\\a*b?.exe',
};

const rows: Row[] = [
  // Plain values: case-insensitive equality, lists any-of, maps all-of.
  ['equality ignores case', 'sel:\n  eventName: putbucketpolicy\ncondition: sel', event, true],
  ['equality is whole', 'sel:\n  eventName: PutBucket\ncondition: sel', event, false],
  ['list is any of', 'sel:\n  eventName: [DeleteBucket, PutBucketPolicy]\ncondition: sel', event, true],
  ['map is all of', 'sel:\n  eventName: PutBucketPolicy\n  awsRegion: eu-west-1\ncondition: sel', event, false],
  ['list of maps is any of', 'sel:\n  - eventName: Nope\n  - awsRegion: us-east-1\ncondition: sel', event, true],
  // Wildcards and escapes.
  ['star', 'sel:\n  eventName: Put*Policy\ncondition: sel', event, true],
  ['question mark is one character', 'sel:\n  awsRegion: us-east-?\ncondition: sel', event, true],
  ['question mark is not two', 'sel:\n  awsRegion: us-eas?\ncondition: sel', event, false],
  ['escaped star is literal', "sel:\n  requestParameters.bucketName: 'Logs\\*Bucket'\ncondition: sel", event, true],
  ['escaped star does not wildcard', "sel:\n  requestParameters.bucketName: 'Logs\\*'\ncondition: sel", event, false],
  ['lone backslash is literal', "sel:\n  userAgent|startswith: 'C:\\tools\\'\ncondition: sel", event, true],
  ['escaped backslash then star', "sel:\n  userAgent: 'C:\\tools\\\\*'\ncondition: sel", event, true],
  ['escaped question mark', "sel:\n  userAgent|endswith: 'b\\?.exe'\ncondition: sel", event, true],
  ['escaped question mark is literal', "sel:\n  userAgent|endswith: 'bx\\?.exe'\ncondition: sel", event, false],
  // contains / startswith / endswith / all / cased.
  ['contains', 'sel:\n  userIdentity.arn|contains: ":ROOT"\ncondition: sel', event, true],
  ['startswith', "sel:\n  userIdentity.arn|startswith: 'arn:aws:iam::'\ncondition: sel", event, true],
  ['endswith', 'sel:\n  userIdentity.arn|endswith: :user\ncondition: sel', event, false],
  ['contains|all needs every value', 'sel:\n  userIdentity.arn|contains|all: [iam, root]\ncondition: sel', event, true],
  ['contains|all fails on one', 'sel:\n  userIdentity.arn|contains|all: [iam, user]\ncondition: sel', event, false],
  ['cased refuses other case', 'sel:\n  eventName|cased: putbucketpolicy\ncondition: sel', event, false],
  ['cased keeps same case', 'sel:\n  eventName|cased: PutBucketPolicy\ncondition: sel', event, true],
  // Regular expressions.
  ['re is case-sensitive', "sel:\n  eventName|re: '^putbucket'\ncondition: sel", event, false],
  ['re with i', "sel:\n  eventName|re|i: '^putbucket'\ncondition: sel", event, true],
  ['re with m', "sel:\n  additionalEventData.note|re|m: '^line two$'\ncondition: sel", event, true],
  ['re without m', "sel:\n  additionalEventData.note|re: '^line two$'\ncondition: sel", event, false],
  ['re with s', "sel:\n  additionalEventData.note|re|s: 'one.line'\ncondition: sel", event, true],
  ['re without s', "sel:\n  additionalEventData.note|re: 'one.line'\ncondition: sel", event, false],
  ['re with i, m and s together', "sel:\n  additionalEventData.note|re|i|m|s: '^LINE ONE.LINE TWO$'\ncondition: sel", event, true],
  ['re with a nested quantifier runs', "sel:\n  eventName|re: '^(P[a-z]+|[A-Z][a-z]+)+$'\ncondition: sel", event, true],
  ['re with a nested quantifier misses', "sel:\n  eventName|re: '^([A-Z][a-z]+)+x$'\ncondition: sel", event, false],
  ['re with seven bounded repeats runs', `sel:\n  eventName|re: '^${'[A-Za-z]{0,16}'.repeat(7)}$'\ncondition: sel`, event, true],
  ['re keeps its named groups', "sel:\n  sourceIPAddress|re: '^(?P<net>203)\\.0\\.113\\.\\d+$'\ncondition: sel", event, true],
  // cidr, exists, numbers.
  ['cidr v4 in', 'sel:\n  sourceIPAddress|cidr: 203.0.113.0/24\ncondition: sel', event, true],
  ['cidr v4 out', 'sel:\n  sourceIPAddress|cidr: 10.0.0.0/8\ncondition: sel', event, false],
  ['cidr v6 in', "sel:\n  sourceIPAddress|cidr: '2001:db8::/32'\ncondition: sel", { sourceIPAddress: '2001:DB8:0:1::5' }, true],
  ['cidr v6 out', "sel:\n  sourceIPAddress|cidr: '2001:db8::/32'\ncondition: sel", { sourceIPAddress: '2001:db9::5' }, false],
  ['cidr on a name', 'sel:\n  sourceIPAddress|cidr: 10.0.0.0/8\ncondition: sel', { sourceIPAddress: 'ec2.amazonaws.com' }, false],
  ['exists true', 'sel:\n  userIdentity.arn|exists: true\ncondition: sel', event, true],
  ['exists false', 'sel:\n  userIdentity.accessKeyId|exists: false\ncondition: sel', event, true],
  ['exists counts a null', 'sel:\n  errorCode|exists: true\ncondition: sel', event, true],
  ['gt on a number', 'sel:\n  requestParameters.count|gt: 10\ncondition: sel', event, true],
  ['lt on a number', 'sel:\n  requestParameters.count|lt: 12\ncondition: sel', event, false],
  ['lte on a numeric string', 'sel:\n  requestParameters.size|lte: 2048\ncondition: sel', event, true],
  ['gte on text', 'sel:\n  eventName|gte: 1\ncondition: sel', event, false],
  ['neq differs', 'sel:\n  awsRegion|neq: eu-west-1\ncondition: sel', event, true],
  ['neq same', 'sel:\n  awsRegion|neq: US-EAST-1\ncondition: sel', event, false],
  ['neq on an absent field', 'sel:\n  nothing|neq: x\ncondition: sel', event, false],
  // Encodings and field references.
  ['base64', 'sel:\n  additionalEventData.blob|base64: evil:payload\ncondition: sel', event, true],
  [
    'base64offset|contains at offset 2',
    'sel:\n  additionalEventData.wrapped|base64offset|contains: evil:payload\ncondition: sel',
    event,
    true,
  ],
  ['base64offset|contains at offset 0', 'sel:\n  additionalEventData.blob|base64offset|contains: evil\ncondition: sel', event, true],
  ['base64offset|contains absent', 'sel:\n  additionalEventData.wrapped|base64offset|contains: good\ncondition: sel', event, false],
  ['fieldref equal', 'sel:\n  a|fieldref: b\ncondition: sel', { a: 'Same', b: 'same' }, true],
  ['fieldref differs', 'sel:\n  a|fieldref: b\ncondition: sel', { a: 'one', b: 'two' }, false],
  ['fieldref|neq', 'sel:\n  a|fieldref|neq: b\ncondition: sel', { a: 'one', b: 'two' }, true],
  ['fieldref|startswith', 'sel:\n  a|fieldref|startswith: b\ncondition: sel', { a: 'prefix-rest', b: 'prefix' }, true],
  // null, types.
  ['null matches absent', 'sel:\n  errorMessage: null\ncondition: sel', event, true],
  ['null matches null', 'sel:\n  errorCode: null\ncondition: sel', event, true],
  ['null does not match a value', 'sel:\n  eventName: null\ncondition: sel', event, false],
  ["'true' matches true", "sel:\n  readOnly: 'false'\ncondition: sel", event, true],
  ['true matches "true"', 'sel:\n  userIdentity.sessionContext.attributes.mfaAuthenticated: true\ncondition: sel', event, true],
  ['5 matches "5"', 'sel:\n  n: 5\ncondition: sel', { n: '5' }, true],
  ["'5' matches 5", "sel:\n  n: '5'\ncondition: sel", { n: 5 }, true],
  ['empty string', "sel:\n  n: ''\ncondition: sel", { n: '' }, true],
  // Paths through arrays; objects as JSON text.
  ['path through an array', 'sel:\n  resources.ARN: arn:aws:s3:::two\ncondition: sel', event, true],
  [
    'path through an array, AND in one element or another',
    'sel:\n  resources.type: AWS::S3::Bucket\n  resources.ARN: arn:aws:s3:::one\ncondition: sel',
    event,
    true,
  ],
  ['array of strings, any element', 'sel:\n  tags: PCI\ncondition: sel', event, true],
  ['contains on an object', 'sel:\n  requestParameters.policy|contains: \'"Principal":"*"\'\ncondition: sel', event, true],
  ['contains on an array', 'sel:\n  tags|contains: \'"prod","pci"\'\ncondition: sel', event, true],
  ['dotted key held whole', 'sel:\n  userIdentity.type: Root\ncondition: sel', { 'userIdentity.type': 'root' }, true],
  ['inherited property is not read', 'sel:\n  constructor|exists: true\ncondition: sel', {}, false],
  ['__proto__ key is data', 'sel:\n  __proto__.x: 1\ncondition: sel', JSON.parse('{"__proto__":{"x":1}}'), true],
  // Keywords: each scalar value in the record, as a substring.
  ['keyword in a value', 'kw:\n  - amazonaws\ncondition: kw', event, true],
  ['keyword any of', 'kw:\n  - nothing\n  - PCI\ncondition: kw', event, true],
  ['keyword not in keys', 'kw:\n  - sourceIPAddress\ncondition: kw', event, false],
  ["keyword '|all'", "kw:\n  '|all':\n    - Root\n    - us-east\ncondition: kw", event, true],
  ["keyword '|all' fails on one", "kw:\n  '|all':\n    - Root\n    - eu-west\ncondition: kw", event, false],
  // Conditions.
  ['and', 'a:\n  eventName: PutBucketPolicy\nb:\n  awsRegion: us-east-1\ncondition: a and b', event, true],
  ['or', 'a:\n  eventName: Nope\nb:\n  awsRegion: us-east-1\ncondition: a or b', event, true],
  ['not', 'a:\n  eventName: PutBucketPolicy\nb:\n  awsRegion: us-east-1\ncondition: a and not b', event, false],
  // Both false: (not a) and b is false, where not (a and b) would be true.
  ['not binds tighter than and', 'a:\n  eventName: Nope\nb:\n  awsRegion: eu-west-3\ncondition: not a and b', event, false],
  ['not a and b holds when b does', 'a:\n  eventName: Nope\nb:\n  awsRegion: us-east-1\ncondition: not a and b', event, true],
  // Both true: (not a) or b is true, where not (a or b) would be false.
  ['not binds tighter than or', 'a:\n  eventName: PutBucketPolicy\nb:\n  awsRegion: us-east-1\ncondition: not a or b', event, true],
  [
    'and binds tighter than or',
    'a:\n  eventName: Nope\nb:\n  awsRegion: us-east-1\nc:\n  awsRegion: x\ncondition: b or a and c',
    event,
    true,
  ],
  ['parentheses', 'a:\n  eventName: Nope\nb:\n  awsRegion: us-east-1\nc:\n  awsRegion: x\ncondition: (b or a) and c', event, false],
  ['1 of pattern', 'sel_a:\n  eventName: Nope\nsel_b:\n  awsRegion: us-east-1\ncondition: 1 of sel_*', event, true],
  ['all of pattern', 'sel_a:\n  eventName: Nope\nsel_b:\n  awsRegion: us-east-1\ncondition: all of sel_*', event, false],
  ['1 of them', 'a:\n  eventName: Nope\nb:\n  awsRegion: us-east-1\ncondition: 1 of them', event, true],
  ['all of them skips _names', 'a:\n  eventName: PutBucketPolicy\n_b:\n  awsRegion: x\ncondition: all of them', event, true],
  ['not 1 of', 'sel:\n  eventName: PutBucketPolicy\nfilter_a:\n  awsRegion: us-east-1\ncondition: sel and not 1 of filter*', event, false],
  ['condition list is any of', 'a:\n  eventName: Nope\nb:\n  awsRegion: us-east-1\ncondition:\n  - a\n  - b', event, true],
];

for (const [name, detection, record, expected] of rows) {
  test(`sigma match: ${name}`, () => assert.equal(fires(detection, record), expected));
}

test('sigma match: a record nested 100,000 deep is read without overflow', () => {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 100_000; i++) deep = { a: deep };
  const record = { eventName: 'X', deep };
  assert.equal(fires('kw:\n  - bottom\ncondition: kw', record), false, 'keywords stop at a bounded depth');
  assert.equal(fires('sel:\n  deep|contains: nothing\ncondition: sel', record), false);
  assert.equal(fires('sel:\n  eventName: x\ncondition: sel', record), true);
});
