/**
 * A record's JSON as a tree that keeps every value's own text: a number is written back exactly as the log has it
 * (JSON.parse would turn 1.0 into 1 and round a 20-digit integer), a string keeps its escapes, duplicate keys are kept
 * in order. Written back compactly, a tree is its text with only the insignificant white space taken out. Strict: a
 * text that is not one JSON value, or nests deeper than any record does, reads as undefined.
 */

export type JsonNode = JsonString | JsonLiteral | JsonObject | JsonArray;

export interface JsonString {
  readonly kind: 'string';
  /** Decoded. */
  readonly value: string;
  /** As written, quotes included. */
  readonly text: string;
}

/** A number, true, false or null, as written. */
export interface JsonLiteral {
  readonly kind: 'literal';
  readonly text: string;
}

export interface JsonMember {
  readonly key: string;
  /** The key as written, quotes included. */
  readonly keyText: string;
  readonly value: JsonNode;
}

export interface JsonObject {
  readonly kind: 'object';
  readonly members: readonly JsonMember[];
}

export interface JsonArray {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}

/** No CloudTrail record nests anywhere near this deep; a text that does is not read (and no stack is exhausted). */
const MAX_DEPTH = 256;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

class NotJson extends Error {}

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  fail(): never {
    throw new NotJson();
  }

  space(): void {
    const text = this.text;
    let at = this.at;
    for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++at));
    this.at = at;
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail();
    this.space();
    const c = this.text.charCodeAt(this.at);
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x22) return this.string();
    return this.literal();
  }

  string(): JsonString {
    const text = this.text;
    const start = this.at;
    let end = start + 1;
    for (;;) {
      end = text.indexOf('"', end);
      if (end < 0) this.fail();
      let slashes = 0;
      while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0) break;
      end++;
    }
    const written = text.slice(start, end + 1);
    this.at = end + 1;
    if (written.indexOf('\\') < 0) {
      const value = written.slice(1, -1);
      if (CONTROL.test(value)) this.fail();
      return { kind: 'string', value, text: written };
    }
    try {
      return { kind: 'string', value: JSON.parse(written) as string, text: written };
    } catch {
      return this.fail();
    }
  }

  literal(): JsonLiteral {
    const text = this.text;
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, this.at)) {
        this.at += word.length;
        return { kind: 'literal', text: word };
      }
    }
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(text);
    if (!m) this.fail();
    this.at += m[0].length;
    return { kind: 'literal', text: m[0] };
  }

  /** Consumes `char` after white space, or fails. */
  expect(char: number): void {
    this.space();
    if (this.text.charCodeAt(this.at) !== char) this.fail();
    this.at++;
  }

  /** After white space: consumes `char` if it is next. */
  next(char: number): boolean {
    this.space();
    if (this.text.charCodeAt(this.at) !== char) return false;
    this.at++;
    return true;
  }

  object(depth: number): JsonObject {
    this.at++;
    const members: JsonMember[] = [];
    if (this.next(0x7d)) return { kind: 'object', members };
    do {
      this.space();
      if (this.text.charCodeAt(this.at) !== 0x22) this.fail();
      const key = this.string();
      this.expect(0x3a);
      members.push({ key: key.value, keyText: key.text, value: this.value(depth + 1) });
    } while (this.next(0x2c));
    this.expect(0x7d);
    return { kind: 'object', members };
  }

  array(depth: number): JsonArray {
    this.at++;
    const items: JsonNode[] = [];
    if (this.next(0x5d)) return { kind: 'array', items };
    do items.push(this.value(depth + 1));
    while (this.next(0x2c));
    this.expect(0x5d);
    return { kind: 'array', items };
  }
}

/** The tree of a JSON text; undefined when the text is not exactly one JSON value. */
export function readJson(text: string): JsonNode | undefined {
  const reader = new Reader(text);
  try {
    const node = reader.value(0);
    reader.space();
    return reader.at === text.length ? node : undefined;
  } catch (error) {
    if (error instanceof NotJson) return undefined;
    throw error;
  }
}

/** The tree written back on one line: the values' own texts, no white space between them. */
export function writeJson(node: JsonNode): string {
  const parts: string[] = [];
  write(node, parts);
  return parts.join('');
}

function write(node: JsonNode, parts: string[]): void {
  switch (node.kind) {
    case 'string':
    case 'literal':
      parts.push(node.text);
      return;
    case 'array':
      parts.push('[');
      node.items.forEach((item, i) => {
        if (i > 0) parts.push(',');
        write(item, parts);
      });
      parts.push(']');
      return;
    case 'object':
      parts.push('{');
      node.members.forEach((member, i) => {
        parts.push(i > 0 ? ',' : '', member.keyText, ':');
        write(member.value, parts);
      });
      parts.push('}');
  }
}

/** A string node for a new value (a pseudonym, a redacted text). */
export function stringNode(value: string): JsonString {
  return { kind: 'string', value, text: JSON.stringify(value) };
}

/**
 * The value at a dotted path (`userIdentity.sessionContext.sessionIssuer.userName`, `resources.0.ARN`): an object's
 * member by name (the first of duplicates, as the view, the rules and CloudTrail's readers read them), an array's
 * item by index; undefined when absent.
 */
export function valueAt(node: JsonNode, path: string): JsonNode | undefined {
  let at: JsonNode | undefined = node;
  for (const segment of path.split('.')) {
    if (at?.kind === 'object') at = at.members.find((m) => m.key === segment)?.value;
    else if (at?.kind === 'array' && /^\d+$/.test(segment)) at = at.items[Number(segment)];
    else return undefined;
  }
  return at;
}

/** The value a tree holds, as JSON.parse gives it but for a repeated key, whose first value is kept (as valueAt reads it). */
export function plainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'literal':
      return JSON.parse(node.text) as unknown;
    case 'array':
      return node.items.map(plainValue);
    case 'object': {
      const seen = new Set<string>();
      const entries: [string, unknown][] = [];
      for (const { key, value } of node.members) {
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push([key, plainValue(value)]);
      }
      // Own properties whatever the keys: `__proto__` is one like any other.
      return Object.fromEntries(entries);
    }
  }
}
