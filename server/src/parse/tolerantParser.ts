/**
 * One error-tolerant pass over a CloudTrail log, built on jsonc-parser's scanner.
 *
 * It keeps a compact index (each record's offsets and the fields later features need) instead of a
 * tree of every value, so a 50 MB log costs little more than the scan itself. It reports JSON syntax
 * problems with certain fixes, recovers the way a reader would, and never throws: nesting is kept on
 * an explicit stack, so 200,000 open brackets are as safe as two.
 */
import { SyntaxKind } from 'jsonc-parser';
import { type Frame, newFrame, State } from './containerFrame';
import { LogIndex } from './logIndex';
import type { ParsedLog } from './parsedLog';
import { closeAtEndFix, insertFix, quoteFix, removeFix, SyntaxProblems } from './syntaxProblems';
import { isValueStart, TokenReader } from './tokenReader';
import type { Fix } from '../cloudtrail/problems';
import { COMPRESSED_MESSAGE, looksGzipped } from '../cloudtrail/logShape';
import { CLIENT_PROBLEM_CODES } from '../../../common/codes';

/** The error-tolerant parse of any text. */
export function parseTolerant(text: string): ParsedLog {
  return new TolerantParser(text).parse();
}

/** A word that would be a fine property name, were it quoted. */
const IDENTIFIER = /^[A-Za-z_$@][\w$@.-]*$/;

class TolerantParser {
  private readonly problems: SyntaxProblems;
  private readonly tokens: TokenReader;
  private readonly index: LogIndex;
  /** The open containers, innermost last. */
  private readonly stack: Frame[] = [];
  /** The document's value was read to its closing bracket. */
  private rootEnded = false;
  /** The implicit array of a JSON Lines file, once a second record follows the first. */
  private lines: Frame | undefined;

  constructor(private readonly text: string) {
    this.problems = new SyntaxProblems(text.length);
    this.tokens = new TokenReader(text, this.problems);
    this.index = new LogIndex(text.length, this.tokens);
  }

  parse(): ParsedLog {
    const first = this.tokens.next();
    const early = this.noDocument(first);
    if (early) return early;
    this.takeValue(first, null);
    if (this.stack.length === 0) this.rootEnded = true;
    for (;;) {
      const token = this.tokens.next();
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) {
        if (this.afterRoot(token)) continue;
        break;
      }
      if (token === SyntaxKind.EOF) {
        this.endOfFile(frame);
        break;
      }
      if (token === SyntaxKind.Unknown) this.junk(frame);
      else this.expect(frame, token);
    }
    return this.index.result(this.lines !== undefined, this.problems.list);
  }

  /** The parse of a file with no JSON document to read (empty, compressed, another format), judged by its first token. */
  private noDocument(first: SyntaxKind): ParsedLog | undefined {
    if (first === SyntaxKind.EOF) return this.index.earlyResult('empty', false, this.problems.list);
    if (looksGzipped(this.text)) {
      // The log is still compressed. One message, not a page of JSON errors.
      this.problems.clear();
      this.problems.report(CLIENT_PROBLEM_CODES.compressed, COMPRESSED_MESSAGE, 0, Math.min(2, this.text.length));
      return this.index.earlyResult('other', true, this.problems.list);
    }
    if (isValueStart(first)) return undefined;
    // Another format or binary data: one clear problem, not a page of them.
    this.problems.clear();
    const start = this.tokens.start();
    const end = Math.min(this.text.length, start + Math.max(1, this.tokens.length()));
    this.problems.report('not-json', 'This file is not JSON: a CloudTrail log starts with { or [', start, end);
    return this.index.earlyResult('other', true, this.problems.list);
  }

  /** A token after the document's value: the next line of a JSON Lines file, or content that does not belong. Continues if true. */
  private afterRoot(token: SyntaxKind): boolean {
    if (token === SyntaxKind.EOF || !this.rootEnded) return false;
    if (token === SyntaxKind.OpenBraceToken && !this.lines && this.index.rootIsRecord()) {
      // Another record after the first: JSON Lines. The lines are read as elements of an array with no commas.
      const lines = newFrame(true, 0, this.tokens.line(), null, '', null, true);
      lines.state = State.CommaOrClose;
      this.lines = lines;
      this.stack.push(lines);
      this.index.keepRootAsRecord();
      this.takeValue(token, lines);
      return true;
    }
    const start = this.tokens.start();
    this.problems.report('content-after-end', 'Unexpected content after the end of the JSON document', start, this.text.trimEnd().length);
    return false;
  }

  /** Reads a token inside the top container, by what the container expects. */
  private expect(frame: Frame, token: SyntaxKind): void {
    switch (frame.state) {
      case State.KeyOrClose:
      case State.Key:
        this.keyOrClose(frame, token);
        break;
      case State.Colon:
        this.colon(frame, token);
        break;
      case State.Value:
        this.value(frame, token);
        break;
      case State.ElementOrClose:
      case State.Element:
        this.elementOrClose(frame, token);
        break;
      case State.CommaOrClose:
        this.commaOrClose(frame, token);
        break;
    }
  }

  private keyOrClose(frame: Frame, token: SyntaxKind): void {
    if (token === SyntaxKind.StringLiteral) {
      this.takeKey(frame);
    } else if (token === SyntaxKind.CloseBraceToken) {
      if (frame.state === State.Key) this.reportTrailingComma(frame, '}');
      this.close(this.tokens.end(), true);
    } else if (token === SyntaxKind.CommaToken) {
      this.extraComma(frame, 'Extra comma: a property name is expected here');
    } else if (token === SyntaxKind.CloseBracketToken) {
      this.mismatched(frame, token);
    } else {
      this.problems.report(
        'property-name-expected',
        'Property name expected: a double-quoted string',
        this.tokens.start(),
        this.tokens.end(),
      );
      this.skipValue(frame, token);
    }
  }

  private colon(frame: Frame, token: SyntaxKind): void {
    if (token === SyntaxKind.ColonToken) {
      frame.state = State.Value;
    } else if (isValueStart(token)) {
      if (!this.tokens.afterBrokenString) {
        const fix = insertFix('Insert missing colon', frame.keyEnd, ':');
        this.problems.report('missing-colon', 'Missing colon after property name', frame.keyStart, frame.keyEnd, fix);
      }
      this.takeValue(token, frame);
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CommaToken) {
      this.problems.report('missing-colon', 'Missing colon and value after property name', frame.keyStart, frame.keyEnd);
      this.closeOrNextKey(frame, token);
    } else {
      this.mismatched(frame, token);
    }
  }

  private value(frame: Frame, token: SyntaxKind): void {
    if (isValueStart(token)) {
      this.takeValue(token, frame);
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CommaToken) {
      this.problems.report('value-expected', 'Value expected after the colon', frame.keyStart, frame.keyEnd);
      this.closeOrNextKey(frame, token);
    } else if (token === SyntaxKind.ColonToken) {
      const start = this.tokens.start();
      const end = this.tokens.end();
      this.problems.report('invalid-symbol', 'Unexpected colon', start, end, removeFix('Remove extra colon', start, end));
    } else {
      this.mismatched(frame, token);
    }
  }

  /** A `}` or `,` where a property's colon or value is missing: the property is given up. */
  private closeOrNextKey(frame: Frame, token: SyntaxKind): void {
    if (token === SyntaxKind.CloseBraceToken) {
      this.close(this.tokens.end(), true);
    } else {
      frame.state = State.Key;
      frame.commaStart = this.tokens.start();
    }
  }

  private elementOrClose(frame: Frame, token: SyntaxKind): void {
    if (isValueStart(token)) {
      this.takeValue(token, frame);
    } else if (token === SyntaxKind.CloseBracketToken) {
      if (frame.state === State.Element) this.reportTrailingComma(frame, ']');
      this.close(this.tokens.end(), true);
    } else if (token === SyntaxKind.CommaToken) {
      this.extraComma(frame, 'Extra comma: a value is expected here');
    } else if (token === SyntaxKind.ColonToken) {
      this.problems.report('invalid-symbol', 'Unexpected colon in an array', this.tokens.start(), this.tokens.end());
    } else {
      this.mismatched(frame, token);
    }
  }

  /** A comma where a property or an element should start; after another comma, the later one is the trailing one. */
  private extraComma(frame: Frame, message: string): void {
    const start = this.tokens.start();
    const end = this.tokens.end();
    this.problems.report('extra-comma', message, start, end, removeFix('Remove extra comma', start, end));
    if (frame.state === State.Key || frame.state === State.Element) frame.commaStart = start;
  }

  private reportTrailingComma(frame: Frame, bracket: '}' | ']'): void {
    const comma = frame.commaStart;
    const fix = removeFix('Remove trailing comma', comma, comma + 1);
    this.problems.report('trailing-comma', `Trailing comma: JSON does not allow a comma before ${bracket}`, comma, comma + 1, fix);
  }

  private commaOrClose(frame: Frame, token: SyntaxKind): void {
    if (token === SyntaxKind.CommaToken) {
      frame.state = frame.array ? State.Element : State.Key;
      frame.commaStart = this.tokens.start();
    } else if (token === (frame.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken)) {
      this.close(this.tokens.end(), true);
    } else if (frame === this.lines && token === SyntaxKind.OpenBraceToken) {
      // The next line of a JSON Lines file.
      this.takeValue(token, frame);
    } else if (isValueStart(token) && (frame.array || token === SyntaxKind.StringLiteral)) {
      this.missingComma(frame, token);
    } else if (isValueStart(token)) {
      this.problems.report('comma-or-close-expected', 'Expected a comma or } after the value', this.tokens.start(), this.tokens.end());
      this.skipValue(frame, token);
    } else if (token === SyntaxKind.ColonToken) {
      this.problems.report('invalid-symbol', 'Unexpected colon', this.tokens.start(), this.tokens.end());
    } else {
      this.mismatched(frame, token);
    }
  }

  /** A property name after a property, or a value after an element, with no comma between them. */
  private missingComma(frame: Frame, token: SyntaxKind): void {
    if (!this.tokens.afterBrokenString) {
      const message = frame.array ? 'Missing comma between array elements' : 'Missing comma between properties';
      const fix = insertFix('Insert missing comma', frame.lastValueEnd, ',');
      this.problems.report('missing-comma', message, this.tokens.start(), this.tokens.end(), fix);
    }
    if (frame.array) this.takeValue(token, frame);
    else this.takeKey(frame);
  }

  /** Junk characters: taken for the value or the property name expected there, so what follows is not blamed too. */
  private junk(frame: Frame): void {
    const state = frame.state;
    if (state === State.Value || state === State.Element || state === State.ElementOrClose) {
      frame.state = State.CommaOrClose;
      frame.lastValueEnd = this.tokens.end();
    } else if (state === State.Key || state === State.KeyOrClose) {
      const start = this.tokens.start();
      const end = this.tokens.end();
      const word = this.text.slice(start, end);
      const last = this.problems.last;
      if (IDENTIFIER.test(word) && last && last.start === start && this.tokens.colonFollows(end)) {
        // A bare word before a colon: an unquoted property name rather than junk.
        const fix = quoteFix('Quote property name', start, end);
        const message = 'Property names must be double-quoted strings';
        this.problems.replaceLast({ code: 'property-name-expected', message, start, end, fix });
      }
      frame.key = word;
      frame.keyStart = start;
      frame.keyEnd = end;
      frame.state = State.Colon;
    }
  }

  /**
   * A value where a property name or a comma belongs: report nothing more, but keep the nesting right.
   * A scalar is taken as a (bad) property name, so its colon and value are read as usual.
   */
  private skipValue(frame: Frame, token: SyntaxKind): void {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      frame.state = State.CommaOrClose;
      this.stack.push(newFrame(token === SyntaxKind.OpenBracketToken, this.tokens.start(), this.tokens.line()));
    } else {
      frame.state = State.Colon;
      frame.keyStart = this.tokens.start();
      frame.keyEnd = this.tokens.end();
    }
  }

  /** Consumes a value whose first token is current; a container pushes a frame. */
  private takeValue(token: SyntaxKind, parent: Frame | null): void {
    if (parent === null) {
      this.open(this.index.takeRoot(token));
      return;
    }
    const container = token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken;
    parent.state = State.CommaOrClose;
    if (!container) parent.lastValueEnd = this.tokens.end();
    if (parent.isRecordsArray) this.open(this.index.takeRecord(token));
    else if (parent.record !== null && !parent.array) this.open(this.index.takeMember(token, parent));
    // The common case, a value nobody indexes: only its nesting matters.
    else if (container) this.open(newFrame(token === SyntaxKind.OpenBracketToken, this.tokens.start(), this.tokens.line()));
  }

  private open(frame: Frame | undefined): void {
    if (frame) this.stack.push(frame);
  }

  private takeKey(frame: Frame): void {
    const start = this.tokens.start();
    const end = this.tokens.end();
    const key = this.tokens.value();
    frame.key = key;
    frame.keyStart = start;
    frame.keyEnd = end;
    frame.state = State.Colon;
    frame.lastValueEnd = end;
    this.index.seeKey(frame, key, start, end);
  }

  /** Pops the top container at `end` (after its closing bracket, or where it was cut off). */
  private close(end: number, closed: boolean): void {
    const frame = this.stack.pop()!;
    if (closed && this.tokens.line() > frame.startLine) this.index.fold(frame.start, this.tokens.start(), this.stack.length + 1);
    this.index.close(frame, end, closed);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.lastValueEnd = end;
    else if (closed) this.rootEnded = true;
  }

  /** A closing bracket of the other kind: close this container here and let the parent take the bracket. */
  private mismatched(frame: Frame, token: SyntaxKind): void {
    const expected = frame.array ? ']' : '}';
    const message = `Expected ${expected}: the ${frame.array ? 'array' : 'object'} is not closed before this bracket`;
    this.problems.report('mismatched-bracket', message, this.tokens.start(), this.tokens.end());
    this.close(this.tokens.start(), false);
    // The bracket most likely closes the parent; if it cannot, it is dropped.
    const parent = this.stack[this.stack.length - 1];
    if (parent && token === (parent.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken)) {
      this.close(this.tokens.end(), true);
    }
  }

  /** The end of the file with containers open: a JSON Lines file ends so; anything else was cut off. */
  private endOfFile(top: Frame): void {
    if (top === this.lines) {
      this.stack.pop();
      return;
    }
    const closers = this.stack
      .map((f) => (f.array ? ']' : '}'))
      .reverse()
      .join('');
    let fix: Fix | undefined;
    if (!this.tokens.endsInsideToken()) {
      const state = top.state;
      if (state === State.CommaOrClose || state === State.KeyOrClose || state === State.ElementOrClose) {
        fix = closeAtEndFix(closers, this.text.length);
      } else if (state === State.Key || state === State.Element) {
        fix = closeAtEndFix(closers, this.text.length, top.commaStart);
      }
    }
    this.problems.reportUnexpectedEnd(closers, this.tokens.lastStart, this.tokens.lastEnd, fix);
    while (this.stack.length > 0) this.close(this.text.length, false);
  }
}
