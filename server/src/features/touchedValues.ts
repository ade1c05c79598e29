/**
 * What a record touched, as the filter's `resource:` reads it: each ARN of its `resources`, and every string value
 * anywhere in its `requestParameters` and `responseElements` (keys, numbers and booleans are not values touched).
 * Bounded for hostile records: strings the parse keeps (MAX_KEPT_STRING), a few hundred values, nesting walked
 * without recursion.
 */
import { MAX_KEPT_STRING } from '../parse/parsedLog';

/** Values kept per record, and containers walked: a record past these is one no log writes. */
const MAX_VALUES = 512;
const MAX_NODES = 20_000;

const TOUCHING_FIELDS = ['requestParameters', 'responseElements'] as const;

/**
 * A record's values as touchedValues walks them: a parsed JSON value (below), or a record's tape read from its bytes
 * (files/tapedRecord.ts). `children` lists an object's values in Object.values' order, an array's elements in theirs.
 */
export interface ValueTree<N> {
  /** An object's own member, or undefined (also when `node` is no object). */
  member(node: N, key: string): N | undefined;
  /** An array's elements; undefined for anything else. */
  elements(node: N): readonly N[] | undefined;
  /** An array's elements, or an object's values; undefined for anything else. */
  children(node: N): readonly N[] | undefined;
  /** The node's text when it is a string, else undefined. */
  string(node: N): string | undefined;
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A parsed record: a record's `__proto__` is a key like any other, and nothing inherited is read. */
const PARSED: ValueTree<unknown> = {
  member: (node, key) => (isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined),
  elements: (node) => (Array.isArray(node) ? node : undefined),
  children: (node) => (Array.isArray(node) ? node : isObject(node) ? Object.values(node) : undefined),
  string: (node) => (typeof node === 'string' ? node : undefined),
};

/** The strings a record touched, each once, in the order met; undefined when none. */
export function touchedValues(record: unknown): readonly string[] | undefined {
  return isObject(record) ? touchedIn(PARSED, record) : undefined;
}

/** The same, of a record (`root`, an object) as any ValueTree gives it. */
export function touchedIn<N>(tree: ValueTree<N>, root: N): readonly string[] | undefined {
  const found = new Set<string>();
  const add = (node: N | undefined) => {
    const value = node === undefined ? undefined : tree.string(node);
    if (value !== undefined && value.length <= MAX_KEPT_STRING && found.size < MAX_VALUES) found.add(value);
  };
  const resources = tree.member(root, 'resources');
  for (const resource of (resources !== undefined && tree.elements(resources)) || []) add(tree.member(resource, 'ARN'));
  const stack: (N | undefined)[] = TOUCHING_FIELDS.map((field) => tree.member(root, field)).reverse();
  for (let nodes = 0; stack.length > 0 && nodes < MAX_NODES && found.size < MAX_VALUES; nodes++) {
    const node = stack.pop();
    if (node === undefined) continue;
    const inner = tree.children(node);
    if (!inner) add(node);
    // Pushed last first, so values are met in the record's order.
    else for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
  }
  return found.size > 0 ? [...found] : undefined;
}

/** Whether a value at this path of a record (as parse/locate.ts gives it) is one `resource:` reads. */
export function isTouchingPath(path: readonly (string | number)[]): boolean {
  const [top, index, key] = path;
  if (top === 'resources') return path.length === 3 && typeof index === 'number' && key === 'ARN';
  return (TOUCHING_FIELDS as readonly unknown[]).includes(top);
}
