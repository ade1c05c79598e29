/**
 * The start of a JSON text, read as far as it goes: the first few KB of a document, cut anywhere (inside a
 * string, an escape or a number). Containers open where the text ends are kept with `closed: false`, so a
 * caller can judge a record from the keys seen so far. Reading stops, keeping what it has, at the end of
 * the text or at the first character that cannot continue JSON. No vscode import: unit tests reach it.
 */

/** A value as far as the prefix shows it. */
export type PrefixValue =
  | { readonly kind: 'object'; readonly entries: readonly PrefixEntry[]; readonly closed: boolean }
  | { readonly kind: 'array'; readonly items: readonly PrefixValue[]; readonly closed: boolean }
  | { readonly kind: 'string'; readonly text: string; readonly closed: boolean }
  /** A number, true, false or null. */
  | { readonly kind: 'scalar' }
  /** A container deeper than anything a log's shape is told by: skipped, not built. */
  | { readonly kind: 'deep'; readonly closed: boolean };

export interface PrefixEntry {
  readonly key: string;
  readonly value: PrefixValue;
}

/** Containers below this depth are skipped: a log's shape shows within the wrapper, its array, a record and its values. */
const BUILT_DEPTH = 3;

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class PrefixReader {
  private at = 0;
  /** The text ended, or held something that is not JSON: every container still open stays open. */
  private stopped = false;

  constructor(private readonly text: string) {}

  /** Up to `count` top-level values, one after another (JSON Lines has one a line). */
  values(count: number): PrefixValue[] {
    const values: PrefixValue[] = [];
    while (values.length < count && !this.stopped) {
      const value = this.value(0);
      if (value) values.push(value);
    }
    return values;
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.at < text.length) {
      const c = text.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  private value(depth: number): PrefixValue | undefined {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '{' || c === '[') return depth >= BUILT_DEPTH ? this.deep() : c === '{' ? this.object(depth) : this.array(depth);
    if (c === '"') return this.string();
    if (c !== undefined && /[-0-9tfn]/.test(c)) return this.scalar();
    this.stopped = true;
    return undefined;
  }

  private object(depth: number): PrefixValue {
    this.at++;
    const entries: PrefixEntry[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.at];
      if (c === '}') {
        this.at++;
        return { kind: 'object', entries, closed: true };
      }
      if (c === ',') {
        this.at++;
        continue;
      }
      const key = c === '"' ? this.string() : undefined;
      if (key?.closed) this.skipSpace();
      if (!key?.closed || this.text[this.at] !== ':') return this.stop({ kind: 'object', entries, closed: false });
      this.at++;
      const value = this.value(depth + 1);
      if (value) entries.push({ key: key.text, value });
      if (this.stopped) return { kind: 'object', entries, closed: false };
    }
  }

  private array(depth: number): PrefixValue {
    this.at++;
    const items: PrefixValue[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.at];
      if (c === ']') {
        this.at++;
        return { kind: 'array', items, closed: true };
      }
      if (c === ',') {
        this.at++;
        continue;
      }
      const item = this.value(depth + 1);
      if (item) items.push(item);
      if (this.stopped) return { kind: 'array', items, closed: false };
    }
  }

  /** A string, its escapes decoded; one cut short keeps the characters before the cut. */
  private string(): PrefixValue & { kind: 'string' } {
    const text = this.text;
    let decoded = '';
    let from = ++this.at;
    while (this.at < text.length) {
      const c = text[this.at]!;
      if (c === '"') {
        decoded += text.slice(from, this.at++);
        return { kind: 'string', text: decoded, closed: true };
      }
      if (c !== '\\') {
        this.at++;
        continue;
      }
      decoded += text.slice(from, this.at);
      const escaped = this.escape();
      if (escaped === undefined) break;
      decoded += escaped;
      from = this.at;
    }
    if (this.at >= text.length) decoded += text.slice(from);
    return this.stop({ kind: 'string', text: decoded, closed: false });
  }

  /** The escape at the reader (a backslash), decoded; undefined where it is cut short or malformed. */
  private escape(): string | undefined {
    const e = this.text[this.at + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.at + 2, this.at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      this.at += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const decoded = e === undefined ? undefined : ESCAPES[e];
    if (decoded !== undefined) this.at += 2;
    return decoded;
  }

  private scalar(): PrefixValue {
    while (this.at < this.text.length && /[-+.0-9a-zA-Z]/.test(this.text[this.at]!)) this.at++;
    if (this.at >= this.text.length) this.stopped = true;
    return { kind: 'scalar' };
  }

  /** Skips a container without building it, minding strings: a bracket inside one is text. */
  private deep(): PrefixValue {
    const text = this.text;
    let open = 0;
    let inString = false;
    for (; this.at < text.length; this.at++) {
      const c = text[this.at];
      if (inString) {
        if (c === '\\') this.at++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') open++;
      else if ((c === '}' || c === ']') && --open === 0) {
        this.at++;
        return { kind: 'deep', closed: true };
      }
    }
    return this.stop({ kind: 'deep', closed: false });
  }

  private stop<T>(value: T): T {
    this.stopped = true;
    return value;
  }
}

/** The first `count` top-level values of `text` (a byte-order mark and white space before them allowed), as far as it goes. */
export function readJsonPrefix(text: string, count: number): PrefixValue[] {
  return new PrefixReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).values(count);
}

/** The value of `key` in an object, as far as the prefix shows it. */
export function entryOf(value: PrefixValue | undefined, key: string): PrefixValue | undefined {
  return value?.kind === 'object' ? value.entries.find((e) => e.key === key)?.value : undefined;
}

/** The keys of an object seen in the prefix. */
export function keysOf(value: PrefixValue & { kind: 'object' }): ReadonlySet<string> {
  return new Set(value.entries.map((e) => e.key));
}
