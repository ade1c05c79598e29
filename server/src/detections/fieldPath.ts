/**
 * Reading a record the way Sigma rules name its fields: a dotted path walks nested objects, and through arrays (each
 * element). Records are hostile: only own properties are read (a `__proto__` key is data, never the prototype), and no
 * walk recurses without a bound, so a record nested 100,000 deep costs no more than one nested 64 deep.
 */

/** How deep arrays inside arrays are entered, and how many values one path may yield. */
const MAX_ARRAY_DEPTH = 8;
const MAX_VALUES = 10_000;
/** Depth and length bounds for a value's JSON text and for walking every leaf. */
const MAX_JSON_DEPTH = 64;
export const MAX_JSON_CHARS = 1 << 20;
const MAX_LEAVES = 100_000;

const hasOwn = Object.prototype.hasOwnProperty;

export function ownValue(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && hasOwn.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** A compiled dotted path: its segments, and each suffix joined, for records that hold a dotted key as it is. */
export interface FieldPath {
  readonly text: string;
  readonly segments: readonly string[];
  readonly rests: readonly string[];
}

export function fieldPath(text: string): FieldPath {
  const segments = text.split('.');
  const rests = segments.map((_, i) => segments.slice(i).join('.'));
  return { text, segments, rests };
}

/**
 * A record's values as a walk reads them: a parsed JSON value (the nodes are the values), or a record's tape
 * (files/tapedRecord.ts, where the nodes are the tape's and a value is decoded only when reached).
 */
export interface RecordTree<N> {
  /** 'object', 'array', or 'other' for a scalar or null. */
  kind(node: N): 'object' | 'array' | 'other';
  /** An object node's own member, or undefined. */
  member(node: N, key: string): N | undefined;
  elements(node: N): readonly N[];
  /** The node's value, as JSON.parse gives it. */
  value(node: N): unknown;
  /**
   * The value at a dotted path of object keys from the root, as `TreeRecord.at` walks it, where the tree reads one
   * faster than a walk (a tape keeps the last record's value of each path, and the summary read most of them first).
   */
  read?(path: string): unknown;
}

const PARSED: RecordTree<unknown> = {
  kind: (value) => (Array.isArray(value) ? 'array' : value !== null && typeof value === 'object' ? 'object' : 'other'),
  member: (value, key) => ownValue(value, key),
  elements: (value) => value as readonly unknown[],
  value: (value) => value,
};

/**
 * The values a path reaches (undefined never among them). A value that is an array is given as it is and also
 * element by element, so `field: x` matches an array holding x and `contains` can still read the array's JSON text.
 */
export function valuesAt(record: unknown, path: FieldPath): unknown[] {
  return record === undefined ? [] : valuesIn(PARSED, record, path);
}

/** The same, of a record (`root`) as any RecordTree gives it. */
export function valuesIn<N>(tree: RecordTree<N>, root: N, path: FieldPath): unknown[] {
  const out: unknown[] = [];
  walk(tree, root, path, 0, 0, out);
  return out;
}

function walk<N>(tree: RecordTree<N>, node: N, path: FieldPath, index: number, arrayDepth: number, out: unknown[]): void {
  if (out.length >= MAX_VALUES || node === undefined) return;
  if (index === path.segments.length) {
    const value = tree.value(node);
    out.push(value);
    if (Array.isArray(value) && arrayDepth < MAX_ARRAY_DEPTH) {
      for (const element of value) if (element !== undefined && out.length < MAX_VALUES) out.push(element);
    }
    return;
  }
  const kind = tree.kind(node);
  if (kind === 'array') {
    if (arrayDepth >= MAX_ARRAY_DEPTH) return;
    for (const element of tree.elements(node)) walk(tree, element, path, index, arrayDepth + 1, out);
    return;
  }
  if (kind !== 'object') return;
  const next = tree.member(node, path.segments[index]!);
  if (next !== undefined) walk(tree, next, path, index + 1, arrayDepth, out);
  // A key that itself holds dots ("a.b": 1), as flattened logs write them.
  if (index < path.segments.length - 1) {
    const whole = tree.member(node, path.rests[index]!);
    if (whole !== undefined) walk(tree, whole, path, path.segments.length, arrayDepth, out);
  }
}

/**
 * A record read through a RecordTree rather than as a parsed value: the rules take either (compileRules.ts), and
 * read the same values from both.
 */
export class TreeRecord<N> {
  constructor(
    readonly tree: RecordTree<N>,
    readonly root: N,
  ) {}

  /** A top-level field's value, as ownValue reads one of a parsed record. */
  own(key: string): unknown {
    if (this.tree.read && !key.includes('.')) return this.tree.read(key);
    const node = this.tree.member(this.root, key);
    return node === undefined ? undefined : this.tree.value(node);
  }

  /** The value at a path of own object members, not walking arrays nor dotted keys; undefined where it stops. */
  at(path: FieldPath): unknown {
    if (this.tree.read) return this.tree.read(path.text);
    let node: N | undefined = this.root;
    for (const segment of path.segments) if ((node = this.tree.member(node, segment)) === undefined) return undefined;
    return this.tree.value(node);
  }

  values(path: FieldPath): unknown[] {
    return valuesIn(this.tree, this.root, path);
  }

  /** The whole record's value. */
  whole(): unknown {
    return this.tree.value(this.root);
  }
}

/** A record as a TreeRecord: itself when it is one, else its parsed value read as the tree of plain values. */
export function recordSource(record: unknown): TreeRecord<unknown> {
  return record instanceof TreeRecord ? (record as TreeRecord<unknown>) : new TreeRecord(PARSED, record);
}

/** A scalar's string form as rules compare it (`5` as "5", `true` as "true"); undefined for objects and arrays. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** JSON text of a value, bounded in depth (deeper parts written as null) and length: never a stack overflow. */
export function boundedJson(value: unknown): string {
  const parts: string[] = [];
  const size = { chars: 0 };
  writeJson(value, 0, parts, size);
  return parts.join('');
}

function writeJson(value: unknown, depth: number, parts: string[], size: { chars: number }): void {
  if (size.chars > MAX_JSON_CHARS) return;
  const push = (text: string): void => {
    parts.push(text);
    size.chars += text.length;
  };
  if (value === null || typeof value !== 'object') {
    push(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? JSON.stringify(value) : 'null');
    return;
  }
  if (depth >= MAX_JSON_DEPTH) return push('null');
  if (Array.isArray(value)) {
    push('[');
    value.forEach((element, i) => {
      if (i > 0) push(',');
      writeJson(element, depth + 1, parts, size);
    });
    return push(']');
  }
  push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    if (!first) push(',');
    first = false;
    push(JSON.stringify(key) + ':');
    writeJson((value as Record<string, unknown>)[key], depth + 1, parts, size);
  }
  push('}');
}

/** Every scalar leaf's string form (keys excluded), walked with an explicit stack: what keywords are matched against. */
export function leafTexts(record: unknown): string[] {
  const out: string[] = [];
  const stack: { value: unknown; depth: number }[] = [{ value: record, depth: 0 }];
  while (stack.length > 0 && out.length < MAX_LEAVES) {
    const { value, depth } = stack.pop()!;
    const text = scalarText(value);
    if (text !== undefined) out.push(text);
    else if (value !== null && typeof value === 'object' && depth < MAX_JSON_DEPTH) {
      const children = Array.isArray(value) ? value : Object.keys(value).map((key) => (value as Record<string, unknown>)[key]);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i], depth: depth + 1 });
    }
  }
  return out;
}
