/**
 * The token stream the tolerant parser reads: jsonc-parser's scanner without white space and comments,
 * reporting on the way what is wrong below the grammar (comments, junk characters, broken strings and numbers).
 */
import { createScanner, type JSONScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { MAX_KEPT_STRING, type ValueKind } from './parsedLog';
import { removeFix, type SyntaxProblems } from './syntaxProblems';

export function isValueStart(token: SyntaxKind): boolean {
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

/** The kind of the value a token starts. */
export function kindOf(token: SyntaxKind): ValueKind {
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
}

export class TokenReader {
  private readonly scanner: JSONScanner;
  // The last significant token, for ranges at the end of the file.
  private lastStart_ = 0;
  private lastEnd_ = 0;
  // An unterminated string already explains the missing comma or colon that follows it.
  private brokenString = false;
  private afterBrokenString_ = false;
  // Closing brackets appended after an unterminated comment would land inside it.
  private openComment = false;
  /** The run of junk characters being read, reported as one problem. */
  private junk: { start: number; end: number } | null = null;

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblems,
  ) {
    this.scanner = createScanner(text, false);
    if (text.charCodeAt(0) === 0xfeff) this.scanner.setPosition(1);
  }

  /** Next significant token; comments, scanner errors and runs of junk are reported on the way. */
  next(): SyntaxKind {
    for (;;) {
      const token = this.scanner.scan();
      switch (token) {
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          continue;
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
          this.comment();
          continue;
        case SyntaxKind.Unknown:
          this.unknown();
          return token;
        default:
          this.junk = null;
          if (token !== SyntaxKind.EOF) this.significant();
          return token;
      }
    }
  }

  /** Where the current token starts. */
  start(): number {
    return this.scanner.getTokenOffset();
  }

  /** Where the current token ends. */
  end(): number {
    return this.scanner.getTokenOffset() + this.scanner.getTokenLength();
  }

  length(): number {
    return this.scanner.getTokenLength();
  }

  /** The current token's line, counted from 0. */
  line(): number {
    return this.scanner.getTokenStartLine();
  }

  /** The current string token, decoded. */
  value(): string {
    return this.scanner.getTokenValue();
  }

  /** The current scalar's value, as the record index keeps it; undefined for a string too long to keep. */
  scalar(token: SyntaxKind): string | number | boolean | null | undefined {
    switch (token) {
      case SyntaxKind.StringLiteral: {
        // Measured decoded, as the fast path measures it, so both index a log alike.
        const value = this.scanner.getTokenValue();
        return value.length > MAX_KEPT_STRING ? undefined : value;
      }
      case SyntaxKind.NumericLiteral:
        return Number(this.scanner.getTokenValue());
      case SyntaxKind.TrueKeyword:
        return true;
      case SyntaxKind.FalseKeyword:
        return false;
      case SyntaxKind.NullKeyword:
        return null;
      default:
        return undefined;
    }
  }

  get lastStart(): number {
    return this.lastStart_;
  }

  get lastEnd(): number {
    return this.lastEnd_;
  }

  /** The token before the current one is an unterminated string. */
  get afterBrokenString(): boolean {
    return this.afterBrokenString_;
  }

  /** The text ends inside a string or a comment, where closing brackets cannot be appended. */
  endsInsideToken(): boolean {
    return (this.brokenString && this.lastEnd_ === this.text.length) || this.openComment;
  }

  /** Whether the next character after `from`, past white space, is a colon. */
  colonFollows(from: number): boolean {
    const text = this.text;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3a) return true;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    }
    return false;
  }

  private comment(): void {
    const start = this.start();
    const end = this.end();
    this.openComment = this.scanner.getTokenError() === ScanError.UnexpectedEndOfComment;
    if (this.openComment) {
      this.problems.report(
        'unterminated-comment',
        'Unterminated block comment: comments are not allowed in JSON, and this one has no closing */',
        start,
        end,
      );
    } else {
      this.problems.report('comment', 'Comments are not allowed in JSON', start, end, removeFix('Remove comment', start, end));
    }
  }

  /** Characters that are no JSON token: one run of them (binary bytes, a stray word) is one problem, not one per token. */
  private unknown(): void {
    const start = this.start();
    const end = this.end();
    const junk = this.junk;
    if (junk && this.text.slice(junk.end, start).trim() === '') {
      const last = this.problems.last;
      if (last && last.code === 'invalid-symbol' && last.start === junk.start) this.problems.replaceLast({ ...last, end });
      junk.end = end;
    } else {
      this.junk = { start, end };
      this.problems.report('invalid-symbol', 'Unexpected characters: not valid JSON', start, end);
    }
    this.lastStart_ = start;
    this.lastEnd_ = end;
  }

  private significant(): void {
    this.lastStart_ = this.start();
    this.lastEnd_ = this.end();
    const error = this.scanner.getTokenError();
    this.afterBrokenString_ = this.brokenString;
    this.brokenString = error === ScanError.UnexpectedEndOfString;
    if (error !== ScanError.None) this.reportScanError(error, this.lastStart_, this.lastEnd_);
  }

  private reportScanError(error: ScanError, start: number, end: number): void {
    const problems = this.problems;
    switch (error) {
      case ScanError.UnexpectedEndOfString:
        // At the very end of the file the unexpected-end problem says it all.
        if (end < this.text.length) problems.report('unterminated-string', 'Unterminated string: the closing quote is missing', start, end);
        break;
      case ScanError.InvalidEscapeCharacter:
        problems.report(
          'invalid-escape',
          'Invalid escape sequence in string: JSON allows only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
          start,
          end,
        );
        break;
      case ScanError.InvalidUnicode:
        problems.report('invalid-unicode', 'Invalid Unicode escape: \\u must be followed by four hexadecimal digits', start, end);
        break;
      case ScanError.InvalidCharacter:
        problems.report('control-character', 'Control character in string: JSON strings must escape characters below U+0020', start, end);
        break;
      case ScanError.UnexpectedEndOfNumber:
        problems.report('invalid-number', 'Invalid number: digits are missing', start, end);
        break;
      default:
        break;
    }
  }
}
