/**
 * The problems the server reports, as data: each code's severity and a one-line summary.
 * Codes are stable strings; quick fixes and tests find problems by code, never by message.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const PROBLEM_CODES = {
  // JSON syntax (errors)
  'missing-comma': { severity: 'error', summary: 'Two properties or array elements with no comma between them.' },
  'trailing-comma': { severity: 'error', summary: 'A comma before a closing `}` or `]`; JSON does not allow it.' },
  'extra-comma': { severity: 'error', summary: 'A comma with no value or property before it.' },
  'missing-colon': { severity: 'error', summary: 'A property name not followed by `:`.' },
  'property-name-expected': { severity: 'error', summary: 'Something other than a double-quoted property name where one must be.' },
  'value-expected': { severity: 'error', summary: 'A property or array element with no value.' },
  'comma-or-close-expected': { severity: 'error', summary: 'After a value, neither a comma nor the closing bracket.' },
  'mismatched-bracket': { severity: 'error', summary: 'A `]` closes an object, or a `}` closes an array.' },
  'unexpected-end': { severity: 'error', summary: 'The file ends before every object and array is closed (often a truncated download).' },
  'content-after-end': { severity: 'error', summary: 'More text after the end of the JSON document.' },
  'unterminated-string': { severity: 'error', summary: 'A string with no closing quote on its line.' },
  'invalid-escape': { severity: 'error', summary: 'A backslash escape JSON does not define, such as `\\x`.' },
  'invalid-unicode': { severity: 'error', summary: 'A `\\u` escape not followed by four hexadecimal digits.' },
  'control-character': {
    severity: 'error',
    summary: 'A raw control character (such as a tab or NUL) inside a string; JSON requires it escaped.',
  },
  'invalid-number': { severity: 'error', summary: 'A malformed number, such as `1.` or `-`.' },
  'invalid-symbol': { severity: 'error', summary: 'Characters that are not JSON, such as `undefined`, single quotes or binary bytes.' },
  comment: { severity: 'error', summary: 'A comment; JSON has none.' },
  'unterminated-comment': { severity: 'error', summary: 'A block comment with no closing `*/`.' },
  compressed: { severity: 'error', summary: 'The file is gzip-compressed bytes opened as text; open it decompressed instead.' },
  'not-json': { severity: 'error', summary: 'The file does not start like JSON at all (another format or binary data).' },
  // CloudTrail structure (warnings unless said otherwise)
  'empty-file': { severity: 'information', summary: 'The file is empty.' },
  'not-cloudtrail': { severity: 'information', summary: 'Valid JSON, but not a CloudTrail log: no top-level `Records` array.' },
  'records-not-array': { severity: 'warning', summary: '`Records` is not an array.' },
  'record-not-object': { severity: 'warning', summary: 'An element of `Records` is not an object.' },
  'missing-field': { severity: 'warning', summary: 'A record lacks a field CloudTrail always writes for its eventVersion.' },
  'wrong-type': {
    severity: 'warning',
    summary: 'A field holds the wrong kind of JSON value (for example a number where CloudTrail writes a string).',
  },
  'invalid-timestamp': { severity: 'warning', summary: '`eventTime` is not an ISO-8601 UTC timestamp such as `2019-02-01T03:18:19Z`.' },
  'invalid-event-id': { severity: 'warning', summary: '`eventID` is not a UUID.' },
  'invalid-account-id': { severity: 'warning', summary: 'An account ID that is not 12 digits.' },
  'invalid-region': { severity: 'warning', summary: '`awsRegion` is not a region code such as `us-west-2`.' },
  'invalid-event-version': { severity: 'warning', summary: '`eventVersion` is not of the form `1.NN`.' },
  'unknown-event-type': { severity: 'warning', summary: '`eventType` is not one CloudTrail writes.' },
  'unknown-event-category': { severity: 'warning', summary: '`eventCategory` is not one CloudTrail writes.' },
  'unknown-identity-type': { severity: 'warning', summary: '`userIdentity.type` is not one CloudTrail writes.' },
  'duplicate-key': { severity: 'warning', summary: 'The same property twice in one object; readers keep only one of them.' },
  'unknown-s3-event': {
    severity: 'warning',
    summary: 'An S3 `eventName` that is not an S3 event but is one or two letters away from one (such as `PutBuckAcl`).',
  },
  'empty-value': { severity: 'warning', summary: 'An empty `sourceIPAddress` or `requestParameters.bucketName`.' },
  'repeated-event-id': {
    severity: 'information',
    summary: 'An `eventID` seen earlier in the file. CloudTrail can deliver an event twice, so this is a hint, not a fault.',
  },
  'too-many-problems': { severity: 'information', summary: 'More problems than `cloudtrail.maxProblems`; the rest are not shown.' },
  'problems-hidden': {
    severity: 'information',
    summary: 'Problems of the codes `cloudtrail.problems.ignore` names are not shown; this note says how many, by code.',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Notes about what is not shown: `cloudtrail.problems.ignore` cannot hide them, so nothing is hidden without a word. */
export const UNIGNORABLE_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>(['too-many-problems', 'problems-hidden']);

/** An edit by offsets into the text the problem was found in. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A repair that touches punctuation and white space only, and is certain. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
}

export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fix?: Fix;
  /** A likely correction that changes data: offered on request, never preferred, never in "fix all". */
  readonly suggestion?: Fix;
}
