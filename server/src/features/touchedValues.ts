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

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** An own property: a record's `__proto__` is a key like any other, and nothing inherited is read. */
const own = (object: Readonly<Record<string, unknown>>, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

/** The strings a record touched, each once, in the order met; undefined when none. */
export function touchedValues(record: unknown): readonly string[] | undefined {
  if (!isObject(record)) return undefined;
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length <= MAX_KEPT_STRING && found.size < MAX_VALUES) found.add(value);
  };
  const resources = own(record, 'resources');
  if (Array.isArray(resources)) for (const resource of resources) if (isObject(resource)) add(own(resource, 'ARN'));
  const stack: unknown[] = TOUCHING_FIELDS.map((field) => own(record, field)).reverse();
  for (let nodes = 0; stack.length > 0 && nodes < MAX_NODES && found.size < MAX_VALUES; nodes++) {
    const value = stack.pop();
    if (typeof value === 'string') add(value);
    else if (value !== null && typeof value === 'object') {
      // Pushed last first, so values are met in the record's order.
      const inner = Array.isArray(value) ? value : Object.values(value);
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
    }
  }
  return found.size > 0 ? [...found] : undefined;
}

/** Whether a value at this path of a record (as parse/locate.ts gives it) is one `resource:` reads. */
export function isTouchingPath(path: readonly (string | number)[]): boolean {
  const [top, index, key] = path;
  if (top === 'resources') return path.length === 3 && typeof index === 'number' && key === 'ARN';
  return (TOUCHING_FIELDS as readonly unknown[]).includes(top);
}
