/**
 * One error-tolerant pass over a CloudTrail log, built on jsonc-parser's scanner.
 *
 * It keeps a compact index (each record's offsets and the fields later features need) instead of a
 * tree of every value, so a 50 MB log costs little more than the scan itself. It reports JSON syntax
 * problems with certain fixes, recovers the way a reader would, and never throws: nesting is kept on
 * an explicit stack, so 200,000 open brackets are as safe as two.
 */
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { type FieldValue, type LogShape, MAX_KEPT_STRING, type ParsedLog, type RecordInfo, type Span, type ValueKind } from './parsedLog';
import type { Fix, Problem, ProblemCode } from '../cloudtrail/problems';

/** Nested fields kept in a record's index, besides its own properties. */
const TRACKED_FIELDS: ReadonlySet<string> = new Set([
  'userIdentity.type',
  'userIdentity.principalId',
  'userIdentity.arn',
  'userIdentity.accountId',
  'userIdentity.accessKeyId',
  'userIdentity.userName',
  'userIdentity.invokedBy',
  'userIdentity.sessionContext',
  'userIdentity.sessionContext.sessionIssuer',
  'userIdentity.sessionContext.sessionIssuer.type',
  'userIdentity.sessionContext.sessionIssuer.principalId',
  'userIdentity.sessionContext.sessionIssuer.arn',
  'userIdentity.sessionContext.sessionIssuer.accountId',
  'userIdentity.sessionContext.sessionIssuer.userName',
  'userIdentity.sessionContext.attributes',
  'userIdentity.sessionContext.attributes.creationDate',
  'userIdentity.sessionContext.attributes.mfaAuthenticated',
  'requestParameters.bucketName',
  'requestParameters.key',
  'requestParameters.Host',
]);

/** Containers whose members may be tracked (prefixes of TRACKED_FIELDS). */
const TRACKED_CONTAINERS: ReadonlySet<string> = new Set([
  'userIdentity',
  'userIdentity.sessionContext',
  'userIdentity.sessionContext.sessionIssuer',
  'userIdentity.sessionContext.attributes',
  'requestParameters',
]);

/** For each tracked container, its tracked members by property name: found without building a path. */
const TRACKED_MEMBERS: ReadonlyMap<string, ReadonlyMap<string, string>> = (() => {
  const members = new Map<string, Map<string, string>>();
  for (const path of [...TRACKED_FIELDS, ...TRACKED_CONTAINERS]) {
    const dot = path.lastIndexOf('.');
    if (dot < 0) continue;
    const parent = path.slice(0, dot);
    if (!members.has(parent)) members.set(parent, new Map());
    members.get(parent)!.set(path.slice(dot + 1), path);
  }
  return members;
})();

/** Objects with up to this many properties check duplicates with a list, larger ones with a set. */
const SMALL_OBJECT = 16;
/** Past this many syntax problems the rest are counted by the caller's limit anyway; stop collecting. */
const MAX_SYNTAX_PROBLEMS = 10_000;

const enum State {
  /** Object just opened: a key or `}`. */
  KeyOrClose,
  /** After a comma in an object: a key. */
  Key,
  Colon,
  /** After a colon. */
  Value,
  /** After a value: a comma or the closing bracket. */
  CommaOrClose,
  /** Array just opened: a value or `]`. */
  ElementOrClose,
  /** After a comma in an array: a value. */
  Element,
  /** Top level: the document's value. */
  RootValue,
  /** Top level, after the value: only the end of the file. */
  RootEnd,
}

interface Frame {
  readonly array: boolean;
  state: State;
  readonly start: number;
  readonly startLine: number;
  /** Property names seen in this object, for duplicate detection; a set once there are many. */
  keys: string[] | Set<string> | null;
  key: string;
  keyStart: number;
  keyEnd: number;
  lastValueEnd: number;
  commaStart: number;
  /** The record whose fields this container's members are, or null when they are not kept. */
  readonly record: RecordInfo | null;
  /** Dotted path of this container inside the record ('' for the record itself). */
  readonly path: string;
  /** The record this object is, when it is one. */
  readonly ownRecord: RecordInfo | null;
  readonly isRecordsArray: boolean;
  /** The index entry of this container in its parent's record, to set its end when it closes. */
  readonly field: FieldValue | null;
}

function isValueStart(token: SyntaxKind): boolean {
  switch (token) {
    case SyntaxKind.OpenBraceToken:
    case SyntaxKind.OpenBracketToken:
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NumericLiteral:
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
    case SyntaxKind.NullKeyword:
      return true;
    default:
      return false;
  }
}

const IDENTIFIER = /^[A-Za-z_$@][\w$@.-]*$/;

/** The error-tolerant parse of any text. */
export function parseTolerant(text: string): ParsedLog {
  const scanner = createScanner(text, false);
  const syntax: Problem[] = [];
  const records: RecordInfo[] = [];
  const nonObjectRecords: Span[] = [];
  const duplicateKeys: (Span & { key: string })[] = [];
  const folds: number[] = [];
  const stack: Frame[] = [];
  let recordsValue: FieldValue | undefined;
  let rootRecord: RecordInfo | null = null;
  let rootKind: ValueKind | null = null;
  let notJson = false;

  // The last significant token, for ranges at the end of the file.
  let lastTokenStart = 0;
  let lastTokenEnd = 0;
  // An unterminated string already explains the missing comma or colon that follows it.
  let brokenString = false;
  let afterBrokenString = false;
  let lastInvalid: { start: number; end: number } | null = null;
  // Closing brackets appended after an unterminated comment would land inside it.
  let openComment = false;

  const report = (code: ProblemCode, message: string, start: number, end: number, fix?: Fix): void => {
    if (syntax.length >= MAX_SYNTAX_PROBLEMS) return;
    // The scanner can count an unterminated comment past the end of the text.
    end = Math.min(end, text.length);
    syntax.push(fix ? { code, message, start, end, fix } : { code, message, start, end });
  };

  const insert = (title: string, at: number, text: string): Fix => ({ title, edits: [{ start: at, end: at, text }] });
  const remove = (title: string, start: number, end: number): Fix => ({ title, edits: [{ start, end, text: '' }] });

  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);

  /** Next significant token; comments, scanner errors and runs of junk are reported on the way. */
  const next = (): SyntaxKind => {
    for (;;) {
      const token = scanner.scan();
      switch (token) {
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          continue;
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia: {
          const start = scanner.getTokenOffset();
          const end = start + scanner.getTokenLength();
          openComment = scanner.getTokenError() === ScanError.UnexpectedEndOfComment;
          if (openComment) {
            report(
              'unterminated-comment',
              'Unterminated block comment: comments are not allowed in JSON, and this one has no closing */',
              start,
              end,
            );
          } else {
            report('comment', 'Comments are not allowed in JSON', start, end, remove('Remove comment', start, end));
          }
          continue;
        }
        case SyntaxKind.Unknown: {
          const start = scanner.getTokenOffset();
          const end = start + scanner.getTokenLength();
          if (lastInvalid && text.slice(lastInvalid.end, start).trim() === '') {
            // One run of junk (binary bytes, a stray word) is one problem, not one per token.
            const last = syntax[syntax.length - 1];
            if (last && last.code === 'invalid-symbol' && last.start === lastInvalid.start) {
              syntax[syntax.length - 1] = { ...last, end };
            }
            lastInvalid.end = end;
          } else {
            lastInvalid = { start, end };
            report('invalid-symbol', 'Unexpected characters: not valid JSON', start, end);
          }
          lastTokenStart = start;
          lastTokenEnd = end;
          return token;
        }
        default: {
          lastInvalid = null;
          if (token === SyntaxKind.EOF) return token;
          lastTokenStart = scanner.getTokenOffset();
          lastTokenEnd = lastTokenStart + scanner.getTokenLength();
          const error = scanner.getTokenError();
          afterBrokenString = brokenString;
          brokenString = error === ScanError.UnexpectedEndOfString;
          if (error !== ScanError.None) reportScanError(error, lastTokenStart, lastTokenEnd);
          return token;
        }
      }
    }
  };

  const reportScanError = (error: ScanError, start: number, end: number): void => {
    switch (error) {
      case ScanError.UnexpectedEndOfString:
        // At the very end of the file the unexpected-end problem says it all.
        if (end < text.length) report('unterminated-string', 'Unterminated string: the closing quote is missing', start, end);
        break;
      case ScanError.InvalidEscapeCharacter:
        report(
          'invalid-escape',
          'Invalid escape sequence in string: JSON allows only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
          start,
          end,
        );
        break;
      case ScanError.InvalidUnicode:
        report('invalid-unicode', 'Invalid Unicode escape: \\u must be followed by four hexadecimal digits', start, end);
        break;
      case ScanError.InvalidCharacter:
        report('control-character', 'Control character in string: JSON strings must escape characters below U+0020', start, end);
        break;
      case ScanError.UnexpectedEndOfNumber:
        report('invalid-number', 'Invalid number: digits are missing', start, end);
        break;
      default:
        break;
    }
  };

  const tokenStart = (): number => scanner.getTokenOffset();
  const tokenEnd = (): number => scanner.getTokenOffset() + scanner.getTokenLength();

  const kindOf = (token: SyntaxKind): ValueKind => {
    switch (token) {
      case SyntaxKind.StringLiteral:
        return 'string';
      case SyntaxKind.NumericLiteral:
        return 'number';
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        return 'boolean';
      case SyntaxKind.NullKeyword:
        return 'null';
      case SyntaxKind.OpenBraceToken:
        return 'object';
      case SyntaxKind.OpenBracketToken:
        return 'array';
      default:
        return 'invalid';
    }
  };

  const scalarValue = (token: SyntaxKind): string | number | boolean | null | undefined => {
    switch (token) {
      case SyntaxKind.StringLiteral: {
        // Measured decoded, as the fast path measures it, so both index a log alike.
        const value = scanner.getTokenValue();
        return value.length > MAX_KEPT_STRING ? undefined : value;
      }
      case SyntaxKind.NumericLiteral:
        return Number(scanner.getTokenValue());
      case SyntaxKind.TrueKeyword:
        return true;
      case SyntaxKind.FalseKeyword:
        return false;
      case SyntaxKind.NullKeyword:
        return null;
      default:
        return undefined;
    }
  };

  const newFrame = (
    array: boolean,
    start: number,
    record: RecordInfo | null,
    path: string,
    ownRecord: RecordInfo | null,
    isRecordsArray: boolean,
    field: FieldValue | null,
  ): Frame => ({
    array,
    state: array ? State.ElementOrClose : State.KeyOrClose,
    start,
    startLine: scanner.getTokenStartLine(),
    keys: null,
    key: '',
    keyStart: -1,
    keyEnd: -1,
    lastValueEnd: start + 1,
    commaStart: -1,
    record,
    path,
    ownRecord,
    isRecordsArray,
    field,
  });

  /** Consumes a value whose first token is current; containers push a frame. */
  const takeValue = (token: SyntaxKind, parent: Frame | null): void => {
    const start = tokenStart();
    const end = tokenEnd();
    if (
      parent !== null &&
      parent.record === null &&
      !parent.isRecordsArray &&
      token !== SyntaxKind.OpenBraceToken &&
      token !== SyntaxKind.OpenBracketToken
    ) {
      // The common case, a scalar nobody indexes: nothing to record.
      parent.state = State.CommaOrClose;
      parent.lastValueEnd = end;
      return;
    }
    const kind = kindOf(token);
    const container = kind === 'object' || kind === 'array';

    // Where this value goes in the record index.
    let field: FieldValue | null = null;
    let childRecord: RecordInfo | null = null;
    let childPath = '';
    let ownRecord: RecordInfo | null = null;
    let isRecordsArray = false;

    if (parent === null) {
      rootKind = kind;
      if (kind === 'object') {
        // The root object may itself be a single record; decided at the end.
        rootRecord = { index: 0, start, end: text.length, closed: false, fields: new Map() };
        ownRecord = rootRecord;
        childRecord = rootRecord;
      } else if (kind === 'array') {
        isRecordsArray = true;
      }
    } else if (parent.isRecordsArray) {
      if (kind === 'object') {
        ownRecord = { index: records.length, start, end: text.length, closed: false, fields: new Map() };
        records.push(ownRecord);
        childRecord = ownRecord;
      } else {
        nonObjectRecords.push({ start, end: container ? text.length : end });
      }
    } else if (parent.record !== null && !parent.array) {
      const path = parent.path === '' ? parent.key : TRACKED_MEMBERS.get(parent.path)?.get(parent.key);
      if (path !== undefined) {
        const value = container ? undefined : scalarValue(token);
        field =
          value === undefined
            ? { keyStart: parent.keyStart, keyEnd: parent.keyEnd, start, end, kind }
            : { keyStart: parent.keyStart, keyEnd: parent.keyEnd, start, end, kind, value };
        if (!parent.record.fields.has(path)) parent.record.fields.set(path, field);
        if (container && TRACKED_CONTAINERS.has(path)) {
          childRecord = parent.record;
          childPath = path;
        }
      }
      if (parent.ownRecord === rootRecord && parent.ownRecord !== null && parent.key === 'Records') {
        recordsValue = field ?? { keyStart: parent.keyStart, keyEnd: parent.keyEnd, start, end, kind };
        isRecordsArray = kind === 'array';
      }
    }

    if (container) {
      if (parent) parent.state = State.CommaOrClose;
      stack.push(newFrame(kind === 'array', start, childRecord, childPath, ownRecord, isRecordsArray, field));
    } else if (parent) {
      parent.state = State.CommaOrClose;
      parent.lastValueEnd = end;
    }
  };

  const takeKey = (frame: Frame): void => {
    const start = tokenStart();
    const end = tokenEnd();
    const key = scanner.getTokenValue();
    frame.key = key;
    frame.keyStart = start;
    frame.keyEnd = end;
    frame.state = State.Colon;
    frame.lastValueEnd = end;
    // Most objects are small: a list is cheaper to build than a set, and as quick to search.
    const keys = frame.keys ?? (frame.keys = []);
    if (Array.isArray(keys)) {
      if (keys.includes(key)) duplicateKeys.push({ start, end, key });
      else if (keys.push(key) > SMALL_OBJECT) frame.keys = new Set(keys);
    } else if (keys.has(key)) {
      duplicateKeys.push({ start, end, key });
    } else {
      keys.add(key);
    }
  };

  /** Pops the top container at `end` (after its closing bracket, or where it was cut off). */
  const close = (end: number, closed: boolean): void => {
    const frame = stack.pop()!;
    if (closed) {
      const endLine = scanner.getTokenStartLine();
      if (endLine > frame.startLine) folds.push(frame.start, scanner.getTokenOffset(), stack.length + 1);
    }
    if (frame.field) frame.field.end = end;
    if (frame.ownRecord) {
      frame.ownRecord.end = end;
      frame.ownRecord.closed = closed;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.lastValueEnd = end;
    else if (closed) rootEndState = true;
  };
  let rootEndState = false;
  /** The implicit array of a JSON Lines file, once a second record follows the first. */
  let lines: Frame | undefined;

  let token = next();
  if (token === SyntaxKind.EOF) {
    return { length: text.length, shape: 'empty', records, nonObjectRecords, duplicateKeys, syntax, notJson, folds };
  }
  if (text.charCodeAt(0) === 0x1f && (text.charCodeAt(1) === 0x8b || text.charCodeAt(1) === 0xfffd)) {
    // Gzip's magic bytes: the log is still compressed. One message, not a page of JSON errors.
    syntax.length = 0;
    report('compressed', 'This file is gzip-compressed: open it decompressed to read the log', 0, Math.min(2, text.length));
    return { length: text.length, shape: 'other', records, nonObjectRecords, duplicateKeys, syntax, notJson: true, folds };
  }
  if (!isValueStart(token)) {
    // Another format or binary data: one clear problem, not a page of them.
    syntax.length = 0;
    const start = scanner.getTokenOffset();
    report(
      'not-json',
      'This file is not JSON: a CloudTrail log starts with { or [',
      start,
      Math.min(text.length, start + Math.max(1, scanner.getTokenLength())),
    );
    notJson = true;
    return { length: text.length, shape: 'other', records, nonObjectRecords, duplicateKeys, syntax, notJson, folds };
  }
  takeValue(token, null);
  if (stack.length === 0) rootEndState = true;

  for (;;) {
    token = next();
    const frame = stack[stack.length - 1];
    if (!frame) {
      // The document's value is complete.
      if (token === SyntaxKind.EOF) break;
      if (rootEndState && token === SyntaxKind.OpenBraceToken && rootRecord !== null && looksLikeRecord(rootRecord) && !lines) {
        // Another record after the first: JSON Lines. The lines are read as elements of an array with no commas.
        lines = newFrame(true, 0, null, '', null, true, null);
        lines.state = State.CommaOrClose;
        stack.push(lines);
        records.push(rootRecord);
        takeValue(token, lines);
        continue;
      }
      if (rootEndState) {
        report('content-after-end', 'Unexpected content after the end of the JSON document', tokenStart(), text.trimEnd().length);
      }
      break;
    }
    if (token === SyntaxKind.EOF) {
      if (frame === lines) stack.pop();
      else reportUnexpectedEnd();
      break;
    }
    if (frame === lines && token === SyntaxKind.OpenBraceToken && frame.state === State.CommaOrClose) {
      takeValue(token, frame);
      continue;
    }
    const wasBroken = afterBrokenString;
    if (token === SyntaxKind.Unknown) {
      // Junk in place of a value counts as that value, so the comma after it is not blamed too.
      if (frame.state === State.Value || frame.state === State.Element || frame.state === State.ElementOrClose) {
        frame.state = State.CommaOrClose;
        frame.lastValueEnd = tokenEnd();
      } else if (frame.state === State.Key || frame.state === State.KeyOrClose) {
        const start = tokenStart();
        const end = tokenEnd();
        const word = text.slice(start, end);
        const last = syntax[syntax.length - 1];
        if (IDENTIFIER.test(word) && last && last.start === start && peekIsColon(end)) {
          syntax[syntax.length - 1] = {
            code: 'property-name-expected',
            message: 'Property names must be double-quoted strings',
            start,
            end,
            fix: {
              title: 'Quote property name',
              edits: [
                { start, end: start, text: '"' },
                { start: end, end, text: '"' },
              ],
            },
          };
        }
        frame.key = word;
        frame.keyStart = start;
        frame.keyEnd = end;
        frame.state = State.Colon;
      }
      continue;
    }

    switch (frame.state) {
      case State.KeyOrClose:
      case State.Key:
        if (token === SyntaxKind.StringLiteral) {
          takeKey(frame);
        } else if (token === SyntaxKind.CloseBraceToken) {
          if (frame.state === State.Key) {
            report(
              'trailing-comma',
              'Trailing comma: JSON does not allow a comma before }',
              frame.commaStart,
              frame.commaStart + 1,
              remove('Remove trailing comma', frame.commaStart, frame.commaStart + 1),
            );
          }
          close(tokenEnd(), true);
        } else if (token === SyntaxKind.CommaToken) {
          report(
            'extra-comma',
            'Extra comma: a property name is expected here',
            tokenStart(),
            tokenEnd(),
            remove('Remove extra comma', tokenStart(), tokenEnd()),
          );
          if (frame.state === State.Key) frame.commaStart = tokenStart();
        } else if (token === SyntaxKind.CloseBracketToken) {
          mismatched(frame);
        } else {
          report('property-name-expected', 'Property name expected: a double-quoted string', tokenStart(), tokenEnd());
          skipValue(token, frame);
        }
        break;

      case State.Colon:
        if (token === SyntaxKind.ColonToken) {
          frame.state = State.Value;
        } else if (isValueStart(token)) {
          if (!wasBroken)
            report(
              'missing-colon',
              'Missing colon after property name',
              frame.keyStart,
              frame.keyEnd,
              insert('Insert missing colon', frame.keyEnd, ':'),
            );
          takeValue(token, frame);
        } else if (token === SyntaxKind.CloseBraceToken) {
          report('missing-colon', 'Missing colon and value after property name', frame.keyStart, frame.keyEnd);
          close(tokenEnd(), true);
        } else if (token === SyntaxKind.CommaToken) {
          report('missing-colon', 'Missing colon and value after property name', frame.keyStart, frame.keyEnd);
          frame.state = State.Key;
          frame.commaStart = tokenStart();
        } else {
          mismatched(frame);
        }
        break;

      case State.Value:
        if (isValueStart(token)) {
          takeValue(token, frame);
        } else if (token === SyntaxKind.CloseBraceToken) {
          report('value-expected', 'Value expected after the colon', frame.keyStart, frame.keyEnd);
          close(tokenEnd(), true);
        } else if (token === SyntaxKind.CommaToken) {
          report('value-expected', 'Value expected after the colon', frame.keyStart, frame.keyEnd);
          frame.state = State.Key;
          frame.commaStart = tokenStart();
        } else if (token === SyntaxKind.ColonToken) {
          report('invalid-symbol', 'Unexpected colon', tokenStart(), tokenEnd(), remove('Remove extra colon', tokenStart(), tokenEnd()));
        } else {
          mismatched(frame);
        }
        break;

      case State.ElementOrClose:
      case State.Element:
        if (isValueStart(token)) {
          takeValue(token, frame);
        } else if (token === SyntaxKind.CloseBracketToken) {
          if (frame.state === State.Element) {
            report(
              'trailing-comma',
              'Trailing comma: JSON does not allow a comma before ]',
              frame.commaStart,
              frame.commaStart + 1,
              remove('Remove trailing comma', frame.commaStart, frame.commaStart + 1),
            );
          }
          close(tokenEnd(), true);
        } else if (token === SyntaxKind.CommaToken) {
          report(
            'extra-comma',
            'Extra comma: a value is expected here',
            tokenStart(),
            tokenEnd(),
            remove('Remove extra comma', tokenStart(), tokenEnd()),
          );
          if (frame.state === State.Element) frame.commaStart = tokenStart();
        } else if (token === SyntaxKind.ColonToken) {
          report('invalid-symbol', 'Unexpected colon in an array', tokenStart(), tokenEnd());
        } else {
          mismatched(frame);
        }
        break;

      case State.CommaOrClose:
        if (token === SyntaxKind.CommaToken) {
          frame.state = frame.array ? State.Element : State.Key;
          frame.commaStart = tokenStart();
        } else if (token === (frame.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken)) {
          close(tokenEnd(), true);
        } else if (!frame.array && token === SyntaxKind.StringLiteral) {
          if (!wasBroken)
            report(
              'missing-comma',
              'Missing comma between properties',
              tokenStart(),
              tokenEnd(),
              insert('Insert missing comma', frame.lastValueEnd, ','),
            );
          takeKey(frame);
        } else if (frame.array && isValueStart(token)) {
          if (!wasBroken)
            report(
              'missing-comma',
              'Missing comma between array elements',
              tokenStart(),
              tokenEnd(),
              insert('Insert missing comma', frame.lastValueEnd, ','),
            );
          takeValue(token, frame);
        } else if (isValueStart(token)) {
          report('comma-or-close-expected', 'Expected a comma or } after the value', tokenStart(), tokenEnd());
          skipValue(token, frame);
        } else if (token === SyntaxKind.ColonToken) {
          report('invalid-symbol', 'Unexpected colon', tokenStart(), tokenEnd());
        } else {
          mismatched(frame);
        }
        break;

      default:
        break;
    }
  }

  function peekIsColon(from: number): boolean {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3a) return true;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    }
    return false;
  }

  /**
   * A value where a property name or a comma belongs: report nothing more, but keep the nesting right.
   * A scalar is taken as a (bad) property name, so its colon and value are read as usual.
   */
  function skipValue(token: SyntaxKind, frame: Frame): void {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      frame.state = State.CommaOrClose;
      stack.push(newFrame(token === SyntaxKind.OpenBracketToken, tokenStart(), null, '', null, false, null));
    } else {
      frame.state = State.Colon;
      frame.keyStart = tokenStart();
      frame.keyEnd = tokenEnd();
    }
  }

  /** A closing bracket of the other kind: close this container here and let the parent take the bracket. */
  function mismatched(frame: Frame): void {
    const expected = frame.array ? ']' : '}';
    report(
      'mismatched-bracket',
      `Expected ${expected}: the ${frame.array ? 'array' : 'object'} is not closed before this bracket`,
      tokenStart(),
      tokenEnd(),
    );
    close(tokenStart(), false);
    // The bracket most likely closes the parent; if it cannot, it is dropped.
    const parent = stack[stack.length - 1];
    if (parent && token === (parent.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken)) {
      close(tokenEnd(), true);
    }
  }

  function reportUnexpectedEnd(): void {
    const closers = stack
      .map((f) => (f.array ? ']' : '}'))
      .reverse()
      .join('');
    const top = stack[stack.length - 1]!;
    let fix: Fix | undefined;
    const closable = top.state === State.CommaOrClose || top.state === State.KeyOrClose || top.state === State.ElementOrClose;
    const afterComma = top.state === State.Key || top.state === State.Element;
    const cutInString = (brokenString && lastTokenEnd === text.length) || openComment;
    if (!cutInString && closable) {
      fix = { title: `Close ${describeClosers(closers)} at end of file`, edits: [{ start: text.length, end: text.length, text: closers }] };
    } else if (!cutInString && afterComma) {
      fix = {
        title: `Remove trailing comma and close ${describeClosers(closers)} at end of file`,
        edits: [
          { start: top.commaStart, end: top.commaStart + 1, text: '' },
          { start: text.length, end: text.length, text: closers },
        ],
      };
    }
    const expected = closers.length > 12 ? `${closers.slice(0, 12)}…` : closers;
    report(
      'unexpected-end',
      `Unexpected end of file: ${describeClosers(closers)} ${closers.length === 1 ? 'is' : 'are'} not closed (expected ${expected})`,
      lastTokenStart,
      lastTokenEnd,
      fix,
    );
    while (stack.length > 0) close(text.length, false);
  }

  let shape: LogShape;
  let finalRecords: RecordInfo[] = records;
  if (lines) {
    shape = 'lines';
  } else if (recordsValue !== undefined) {
    shape = 'records';
  } else if (rootKind === 'array') {
    shape = 'array';
  } else if (rootRecord !== null && looksLikeRecord(rootRecord)) {
    shape = 'record';
    finalRecords = [rootRecord];
  } else if (isDigest(rootRecord)) {
    // A digest file: CloudTrail's signed list of the log files it delivered, not a log.
    shape = 'digest';
  } else {
    shape = 'other';
  }
  const root = rootRecord ?? undefined;
  return {
    length: text.length,
    shape,
    records: finalRecords,
    recordsValue,
    nonObjectRecords,
    duplicateKeys,
    syntax,
    notJson,
    folds,
    ...(root ? { root } : {}),
  };
}

function isDigest(root: RecordInfo | null): boolean {
  return root !== null && root.fields.has('digestStartTime') && root.fields.has('logFiles');
}

function looksLikeRecord(record: RecordInfo): boolean {
  return record.fields.has('eventVersion') && (record.fields.has('eventName') || record.fields.has('eventSource'));
}

function describeClosers(closers: string): string {
  let objects = 0;
  let arrays = 0;
  for (const c of closers) {
    if (c === '}') objects++;
    else arrays++;
  }
  const parts: string[] = [];
  if (objects) parts.push(objects === 1 ? '1 object' : `${objects} objects`);
  if (arrays) parts.push(arrays === 1 ? '1 array' : `${arrays} arrays`);
  return parts.join(' and ');
}
