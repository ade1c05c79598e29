/**
 * Reading a rule's YAML nodes with their places: map lookups, scalars and string lists, and problems placed on the
 * node they are about (zero-based lines and characters, from the parse's LineCounter).
 */
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Pair, type YAMLMap } from 'yaml';
import type { RulePoint, RuleProblem } from './ruleSet';
import type { RuleRange } from './sigmaRule';

export type YamlNode = unknown;

/** A rule's reading: where its problems go, and how offsets become places. */
export class RuleContext {
  readonly problems: RuleProblem[] = [];
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  point(offset: number): RulePoint {
    const { line, col } = this.lines.linePos(offset);
    return { line: Math.max(0, line - 1), character: Math.max(0, col - 1) };
  }

  rangeOf(node: YamlNode): RuleRange | undefined {
    const range = (node as { range?: [number, number, number] | null } | undefined)?.range;
    return range ? { start: this.point(range[0]), end: this.point(range[1]) } : undefined;
  }

  problem(message: string, node: YamlNode, severity: 'error' | 'warning' = 'error'): void {
    const range = this.rangeOf(node);
    this.problems.push({ file: this.file, message, severity, ...(range ?? {}) });
  }

  get failed(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

export function pairOf(map: YamlNode, key: string): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap).items.find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === key);
}

export function valueOf(map: YamlNode, key: string): YamlNode {
  return pairOf(map, key)?.value ?? undefined;
}

/** A pair's key node, for placing a problem on it (falling back to the value). */
export function keyOf(map: YamlNode, key: string): YamlNode {
  const pair = pairOf(map, key);
  return pair?.key ?? pair?.value;
}

export function scalarValue(node: YamlNode): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function stringOf(node: YamlNode): string | undefined {
  const value = scalarValue(node);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A string or a list of strings as a list (other items dropped). */
export function stringsOf(node: YamlNode): string[] {
  if (isSeq(node)) return node.items.map(stringOf).filter((s): s is string => s !== undefined);
  const one = stringOf(node);
  return one === undefined ? [] : [one];
}

export function mapEntries(node: YamlNode): { key: string; keyNode: YamlNode; value: YamlNode }[] {
  if (!isMap(node)) return [];
  return (node as YAMLMap).items.flatMap((pair) =>
    isPair(pair) && isScalar(pair.key) ? [{ key: String(pair.key.value), keyNode: pair.key, value: pair.value }] : [],
  );
}
