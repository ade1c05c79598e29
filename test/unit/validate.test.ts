import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseLog } from '../../server/src/parse/parseLog';
import { PROBLEM_CODES, type Problem } from '../../server/src/cloudtrail/problems';
import { cleanRecord as record, logOf as log } from '../support/cleanRecord';
import { generateLog, generateRecords } from '../support/generateLog';
import { fixturePath } from '../support/paths';
import { validateLog } from '../support/validateLog';

const seed = readFileSync(fixturePath('seed-sample.json'), 'utf8');

function problemsOf(text: string, maxProblems = 10_000): Problem[] {
  return validateLog(parseLog(text), { maxProblems });
}

function codes(text: string): string[] {
  return problemsOf(text).map((p) => p.code);
}

describe('validate: the seed sample', () => {
  test('reports its two syntax errors and the empty sourceIPAddress and bucketName, nothing else', () => {
    const problems = problemsOf(seed);
    assert.deepEqual(
      problems.map((p) => [p.code, seed.slice(p.start, p.end)]),
      [
        ['missing-comma', '"host"'],
        ['trailing-comma', ','],
        ['empty-value', '""'],
        ['empty-value', '""'],
        ['empty-value', '""'],
      ],
    );
    const empty = problems.filter((p) => p.code === 'empty-value').map((p) => p.message);
    assert.deepEqual(empty, ['sourceIPAddress is empty', 'requestParameters.bucketName is empty', 'sourceIPAddress is empty']);
  });
});

describe('validate: clean real logs stay quiet', () => {
  test('a generated log of every kind of record has no problems at all', () => {
    for (const pretty of [false, true]) {
      const text = generateLog({ seed: 7, records: 400, pretty });
      assert.deepEqual(problemsOf(text), [], pretty ? 'pretty-printed' : 'minified');
    }
  });

  test('what real logs do is not a warning', () => {
    const serviceCall = record({
      userIdentity: { invokedBy: 'cloudtrail.amazonaws.com' },
      requestParameters: undefined,
      responseElements: undefined,
      eventID: '00000000-0000-4000-8000-000000000001',
    });
    const shipped = {
      ...record({ eventID: '00000000-0000-4000-8000-000000000002' }),
      '@timestamp': '2024-03-05T10:11:13.000Z',
      '@message': 'x',
    };
    const omitted = record({ requestParameters: { omitted: true, originalSize: 150000 }, eventID: '00000000-0000-4000-8000-000000000003' });
    const first = record();
    const twice = record();
    assert.deepEqual(codes(log(first, serviceCall, shipped, omitted, twice)), ['repeated-event-id']);
    assert.equal(PROBLEM_CODES['repeated-event-id'].severity, 'information');
  });

  test('an Insights record has no caller, service or event name, and is whole without them', () => {
    const insight = record({
      userIdentity: undefined,
      eventSource: undefined,
      eventName: undefined,
      sourceIPAddress: undefined,
      eventType: 'AwsCloudTrailInsight',
      eventCategory: 'Insight',
      insightDetails: { state: 'Start' },
    });
    assert.deepEqual(codes(log(insight)), []);
  });

  test('fields are required only from the eventVersion that introduced them', () => {
    assert.deepEqual(codes(log(record({ eventCategory: undefined }, '1.05'))), []);
    assert.deepEqual(codes(log(record({ eventCategory: undefined }, '1.08'))), ['missing-field']);
    assert.deepEqual(
      codes(log(record({ eventID: undefined, eventType: undefined, recipientAccountId: undefined, eventCategory: undefined }, '1.0'))),
      [],
    );
    assert.match(problemsOf(log(record({ eventCategory: undefined }, '1.08')))[0]!.message, /eventCategory.*1\.07/);
  });

  test('a record cut off by a truncated download is not also blamed for its missing fields', () => {
    const text = log(record()).replace(/,\s*"eventID"[\s\S]*$/, '');
    assert.deepEqual(codes(text), ['unexpected-end']);
  });
});

describe('validate: malformed records', () => {
  const cases: readonly [string, Record<string, unknown>, string][] = [
    ['missing eventName', { eventName: undefined }, 'missing-field'],
    ['eventTime as a number', { eventTime: 1709633472 }, 'wrong-type'],
    ['userIdentity as a string', { userIdentity: 'alice' }, 'wrong-type'],
    ['eventTime not ISO-8601', { eventTime: '05/03/2024 10:11' }, 'invalid-timestamp'],
    ['eventTime not UTC', { eventTime: '2024-03-05T10:11:12+02:00' }, 'invalid-timestamp'],
    ['eventTime on a day that does not exist', { eventTime: '2023-02-29T10:11:12Z' }, 'invalid-timestamp'],
    ['eventID not a UUID', { eventID: 'not-a-uuid' }, 'invalid-event-id'],
    ['account ID too short', { recipientAccountId: '12345' }, 'invalid-account-id'],
    ['caller account ID not digits', { userIdentity: { type: 'IAMUser', accountId: 'abcdefghijkl' } }, 'invalid-account-id'],
    ['region not a region code', { awsRegion: 'Oregon' }, 'invalid-region'],
    ['eventVersion malformed', { eventVersion: 'v1' }, 'invalid-event-version'],
    ['unknown eventType', { eventType: 'ApiCall' }, 'unknown-event-type'],
    ['unknown eventCategory', { eventCategory: 'Everything' }, 'unknown-event-category'],
    ['unknown userIdentity.type', { userIdentity: { type: 'Robot', accountId: '111122223333' } }, 'unknown-identity-type'],
    ['empty sourceIPAddress', { sourceIPAddress: '' }, 'empty-value'],
    ['empty bucketName', { requestParameters: { bucketName: '' } }, 'empty-value'],
  ];
  for (const [name, overrides, code] of cases) {
    test(name, () => {
      const problems = problemsOf(log(record(overrides)));
      assert.deepEqual(
        problems.map((p) => p.code),
        [code],
      );
      assert.equal(PROBLEM_CODES[problems[0]!.code].severity, 'warning');
    });
  }

  test('anonymous S3 callers and newer identity types are valid', () => {
    const anonymous = record({
      userIdentity: { type: 'AWSAccount', principalId: '', accountId: 'anonymous' },
      eventID: '00000000-0000-4000-8000-000000000001',
    });
    const saml = record({
      userIdentity: { type: 'SAMLUser', principalId: 'x', userName: 'bob' },
      eventID: '00000000-0000-4000-8000-000000000002',
    });
    const web = record({ userIdentity: { type: 'WebIdentityUser', principalId: 'x' }, eventID: '00000000-0000-4000-8000-000000000003' });
    assert.deepEqual(codes(log(anonymous, saml, web)), []);
  });

  test('the warning sits on the bad value, so the user sees where', () => {
    const text = log(record({ awsRegion: 'Oregon' }));
    const [problem] = problemsOf(text);
    assert.equal(text.slice(problem!.start, problem!.end), '"Oregon"');
  });

  test('duplicate keys', () => {
    const text = '{"Records":[' + JSON.stringify(record()).replace('"awsRegion"', '"awsRegion":"us-east-1","awsRegion"') + ']}';
    assert.deepEqual(codes(text), ['duplicate-key']);
  });

  test('Records that is not an array, and elements that are not objects', () => {
    assert.deepEqual(codes('{"Records":{"eventName":"x"}}'), ['records-not-array']);
    assert.deepEqual(codes(`{"Records":[${JSON.stringify(record())},"oops",42]}`), ['record-not-object', 'record-not-object']);
  });

  test('an element that is an array is underlined whole, and only itself', () => {
    const text = `{"Records":[[1,[2]],${JSON.stringify(record())}]}`;
    const [problem] = problemsOf(text).filter((p) => p.code === 'record-not-object');
    assert.equal(text.slice(problem!.start, problem!.end), '[1,[2]]');
  });
});

describe('validate: files that are not CloudTrail logs', () => {
  test('other JSON gets one information, not a page of warnings', () => {
    for (const text of ['{"foo":[1,2,3]}', 'null', '42', '"text"', '[1,2,3]', '{"items":[{"a":1},{"a":2}]}']) {
      const problems = problemsOf(text);
      assert.deepEqual(
        problems.map((p) => p.code),
        ['not-cloudtrail'],
        text,
      );
      assert.equal(PROBLEM_CODES['not-cloudtrail'].severity, 'information');
    }
  });

  test('an empty file says so', () => {
    assert.deepEqual(codes(''), ['empty-file']);
  });

  test('an empty Records array is a valid log', () => {
    assert.deepEqual(codes('{"Records":[]}'), []);
  });
});

describe('validate: the problem limit', () => {
  test('keeps errors before warnings and says how many were left out', () => {
    const records = generateRecords(3, 20).map((r) => ({ ...r, awsRegion: 'nowhere' }));
    const text = JSON.stringify({ Records: records }).replace(/\}$/, ''); // cut off: one error at the end
    const problems = problemsOf(text, 5);
    assert.equal(problems.length, 6);
    assert.equal(problems[0]!.code, 'unexpected-end');
    assert.deepEqual(new Set(problems.slice(1, 5).map((p) => p.code)), new Set(['invalid-region']));
    assert.equal(problems[5]!.code, 'too-many-problems');
    assert.match(problems[5]!.message, /16 more problems/);
  });
});

describe('validate: misspelt S3 event names', () => {
  test('a name one or two letters from a catalogue name gets a warning and a suggested correction', () => {
    const text = log(record({ eventName: 'PutBuckAcl' }));
    const [problem] = problemsOf(text);
    assert.equal(problem!.code, 'unknown-s3-event');
    assert.match(problem!.message, /did you mean PutBucketAcl/);
    assert.equal(problem!.fix, undefined, 'not a certain fix');
    assert.deepEqual(problem!.suggestion!.edits, [{ start: problem!.start, end: problem!.end, text: '"PutBucketAcl"' }]);
  });

  test('names far from any S3 event, and other services, are left alone', () => {
    assert.deepEqual(codes(log(record({ eventName: 'CreateSomethingNew' }))), []);
    assert.deepEqual(codes(log(record({ eventSource: 'ec2.amazonaws.com', eventName: 'PutBuckAcl' }))), []);
  });
});
