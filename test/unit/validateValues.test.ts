/**
 * The value checks at their edges: a value that is almost right (text around it, the wrong case, one
 * character short or long) gets its warning, on the value; a right one does not. And a field set to null
 * is reported wherever null is not what CloudTrail writes. Both parsers are checked: the fast one reads
 * clean logs, the tolerant one everything else.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROBLEM_CODES, type ProblemCode } from '../../server/src/cloudtrail/problems';
import { RECORD_FIELDS } from '../../server/src/cloudtrail/recordSchema';
import { collectProblems } from '../../server/src/features/validate';
import { parseLog } from '../../server/src/parse/parseLog';
import { parseTolerant } from '../../server/src/parse/tolerantParser';
import { cleanRecord, logOf, withValue } from '../support/cleanRecord';

interface FormatCase {
  /** Dotted path of the checked field. */
  readonly path: string;
  readonly code: ProblemCode;
  readonly valid: readonly string[];
  readonly nearMiss: readonly string[];
  /** Any non-empty text is valid here, so text around a valid value is no near miss. */
  readonly anyText?: true;
}

/** Text around a value, of a few lengths: what a bad export or a hand edit leaves. Every valid value gets these. */
const around = (v: string): string[] => [
  ...['x', ' ', 'at ', 'id: '].map((before) => before + v),
  ...['y', ' ', '\n', '.', ' UTC'].map((after) => v + after),
  `"${v}"`,
];
/** One character short or long. */
const offByOne = (v: string, extra: string): string[] => [v.slice(0, -1), v + extra, extra + v];
/** A value from a fixed list, misspelt the ways people misspell it. */
const misspelt = (v: string): string[] => [v.toLowerCase(), v.toUpperCase(), ...offByOne(v, 's')].filter((m) => m !== v);

const UUID = 'cdc4b7ed-e171-4cef-975a-ad829d4123e8';
const TIME = '2024-03-05T10:11:12Z';
const ACCOUNT = '111122223333';
const ACCOUNT_MISSES = [...offByOne(ACCOUNT, '4'), '1111-2222-3333', '11112222333O', '１１１１２２２２３３３３'];

// The fixed lists, written out from the AWS CloudTrail record and userIdentity references, so a typo in the schema's tables fails.
/**
 * eventType: API calls, service events, console actions and sign-ins, network activity (VPC endpoint) events, Insights.
 * Network activity records carry AwsVpceEvent (AWS's examples and real logs); the record reference lists AwsVpceEvents.
 */
// prettier-ignore
const EVENT_TYPES = [
  'AwsApiCall', 'AwsServiceEvent', 'AwsConsoleAction', 'AwsConsoleSignIn', 'AwsVpceEvent', 'AwsVpceEvents', 'AwsCloudTrailInsight',
];
const EVENT_CATEGORIES = ['Management', 'Data', 'NetworkActivity', 'Insight'];
// prettier-ignore
const USER_IDENTITY_TYPES = [
  'Root', 'IAMUser', 'AssumedRole', 'Role', 'FederatedUser', 'Directory', 'AWSAccount', 'AWSService', 'IdentityCenterUser', 'Unknown',
  'SAMLUser', 'WebIdentityUser',
];

const FORMATS: readonly FormatCase[] = [
  {
    path: 'eventID',
    code: 'invalid-event-id',
    valid: [UUID, UUID.toUpperCase(), '00000000-0000-0000-0000-000000000000'],
    nearMiss: [
      ...offByOne(UUID, 'a'),
      `x0${UUID.slice(2)}y`,
      UUID.replace(/-/g, ''),
      UUID.replace('-', ''),
      `{${UUID}}`,
      `urn:uuid:${UUID}`,
      UUID.replace('c', 'g'),
      'cdc4b7ede-171-4cef-975a-ad829d4123e8',
    ],
  },
  {
    path: 'eventTime',
    code: 'invalid-timestamp',
    valid: [
      TIME,
      '2012-11-05T10:11:12Z',
      '2024-03-05T10:11:12.5Z',
      '2024-03-05T10:11:12.123456789Z',
      '2024-02-29T00:00:00Z',
      '2016-12-31T23:59:60Z',
    ],
    nearMiss: [
      ...offByOne(TIME, '0'),
      '2024-03-05T10:11:12z',
      '2024-03-05t10:11:12Z',
      '2024-03-05 10:11:12Z',
      '2024-03-05T10:11:12',
      '2024-03-05T10:11:12+00:00',
      '2024-03-05T10:11:1Z',
      '2024-3-05T10:11:12Z',
      '2024-03-05T10:11:12.Z',
      '2024-03-05T10:11:12.1234567890Z',
      '2024-03-05T24:00:00Z',
      '2024-03-05T10:60:00Z',
      '2024-03-05T10:11:61Z',
      '2024-13-05T10:11:12Z',
      '2024-00-05T10:11:12Z',
      '2024-03-00T10:11:12Z',
      '2024-04-31T10:11:12Z',
      '2023-02-29T10:11:12Z',
      '1709633472',
    ],
  },
  {
    path: 'awsRegion',
    code: 'invalid-region',
    valid: ['us-west-2', 'us-east-1', 'us-gov-west-1', 'ap-southeast-5', 'cn-northwest-1', 'il-central-1'],
    nearMiss: [
      'US-WEST-2',
      'Us-west-2',
      'us-west',
      'us-west-',
      'us-west-2a',
      'us-west-234',
      'uswest2',
      'us_west_2',
      'u-west-2',
      'usa-west-2',
      'us-2',
    ],
  },
  {
    path: 'eventVersion',
    code: 'invalid-event-version',
    valid: ['1.0', '1.01', '1.05', '1.08', '1.11'],
    nearMiss: ['1.', '1', '1.123', 'v1.08', '2.08', '1,08', '1.0a', '01.08', '.08'],
  },
  ...['userIdentity.sessionContext.sessionIssuer.accountId', 'recipientAccountId', 'vpcEndpointAccountId'].map((path): FormatCase => ({
    path,
    code: 'invalid-account-id',
    valid: [ACCOUNT, '000000000000'],
    nearMiss: [...ACCOUNT_MISSES, 'anonymous'],
  })),
  {
    // Anonymous S3 requests are logged with accountId "anonymous"; only this field takes it.
    path: 'userIdentity.accountId',
    code: 'invalid-account-id',
    valid: [ACCOUNT, 'anonymous'],
    nearMiss: [...ACCOUNT_MISSES, 'Anonymous', 'anonymousx', 'anonymou'],
  },
  {
    path: 'eventType',
    code: 'unknown-event-type',
    valid: EVENT_TYPES,
    // The singular and plural network activity names are each other's "one character off": both are valid.
    nearMiss: EVENT_TYPES.flatMap(misspelt).filter((m) => !EVENT_TYPES.includes(m)),
  },
  { path: 'eventCategory', code: 'unknown-event-category', valid: EVENT_CATEGORIES, nearMiss: EVENT_CATEGORIES.flatMap(misspelt) },
  { path: 'userIdentity.type', code: 'unknown-identity-type', valid: USER_IDENTITY_TYPES, nearMiss: USER_IDENTITY_TYPES.flatMap(misspelt) },
  {
    path: 'sourceIPAddress',
    code: 'empty-value',
    valid: ['192.0.2.10', '2001:db8::1', 'AWS Internal', 's3.amazonaws.com'],
    nearMiss: [''],
    anyText: true,
  },
  { path: 'requestParameters.bucketName', code: 'empty-value', valid: ['amzn-s3-demo-bucket', 'b'], nearMiss: [''], anyText: true },
];

/** Warnings that are not about one string value's form. */
const NOT_VALUE_CHECKS: readonly ProblemCode[] = [
  'records-not-array',
  'record-not-object',
  'missing-field',
  'wrong-type',
  'duplicate-key',
  'unknown-s3-event',
];

const PARSERS = { 'fast parser': parseLog, 'tolerant parser': parseTolerant } as const;

/** Each problem as its code and the text under its range. */
function problemsIn(text: string, parse: (text: string) => ReturnType<typeof parseLog>): [string, string][] {
  return collectProblems(parse(text)).map((p) => [p.code, text.slice(p.start, p.end)]);
}

describe('value checks: near misses are flagged, valid values are not', () => {
  test('every value check has its cases', () => {
    const valueCodes = (Object.keys(PROBLEM_CODES) as ProblemCode[]).filter(
      (code) => PROBLEM_CODES[code].severity === 'warning' && !NOT_VALUE_CHECKS.includes(code),
    );
    assert.deepEqual([...new Set(FORMATS.map((f) => f.code))].sort(), valueCodes.sort());
  });

  for (const format of FORMATS) {
    for (const [name, parse] of Object.entries(PARSERS)) {
      test(`${format.path} (${name})`, () => {
        for (const value of format.valid) {
          assert.deepEqual(problemsIn(logOf(withValue(cleanRecord(), format.path, value)), parse), [], `${JSON.stringify(value)} is valid`);
        }
        for (const value of [...format.nearMiss, ...(format.anyText ? [] : format.valid.flatMap(around))]) {
          assert.deepEqual(
            problemsIn(logOf(withValue(cleanRecord(), format.path, value)), parse),
            [[format.code, JSON.stringify(value)]],
            `${JSON.stringify(value)} is flagged, on the value`,
          );
        }
      });
    }
  }
});

test('a network activity record, as AWS writes one (eventType AwsVpceEvent), has no problem', () => {
  const record = cleanRecord(
    {
      eventCategory: 'NetworkActivity',
      eventType: 'AwsVpceEvent',
      managementEvent: false,
      vpcEndpointId: 'vpce-0123456789abcdef0',
      vpcEndpointAccountId: '444455556666',
      errorCode: 'VpceAccessDenied',
      errorMessage: 'The request was denied due to a VPC endpoint policy',
    },
    '1.09',
  );
  for (const parse of Object.values(PARSERS)) assert.deepEqual(problemsIn(logOf(record), parse), []);
});

describe('value checks: null where CloudTrail writes a value', () => {
  /** Every documented top-level field; CloudTrail writes null only in the two that hold a call's request and response. */
  // prettier-ignore
  const FIELDS = [
    'eventTime', 'eventVersion', 'userIdentity', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
    'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID',
    'eventType', 'apiVersion', 'managementEvent', 'readOnly', 'resources', 'recipientAccountId', 'serviceEventDetails',
    'sharedEventID', 'vpcEndpointId', 'vpcEndpointAccountId', 'eventCategory', 'addendum', 'sessionCredentialFromConsole',
    'eventContext', 'edgeDeviceDetails', 'tlsDetails', 'insightDetails',
  ];
  const NULLABLE = ['requestParameters', 'responseElements'];

  test('the schema knows every documented field', () => {
    assert.deepEqual(
      RECORD_FIELDS.map((f) => f.name),
      FIELDS,
    );
  });

  for (const [name, parse] of Object.entries(PARSERS)) {
    test(`every documented record field set to null (${name})`, () => {
      for (const field of FIELDS) {
        const text = logOf(cleanRecord({ [field]: null }));
        assert.deepEqual(problemsIn(text, parse), NULLABLE.includes(field) ? [] : [['wrong-type', 'null']], field);
      }
    });
  }

  test('the warning says what the field should hold', () => {
    const [problem] = collectProblems(parseLog(logOf(cleanRecord({ eventTime: null }))));
    assert.equal(problem!.message, '"eventTime" should be a string, not null');
  });
});
