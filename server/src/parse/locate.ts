/**
 * What lies at an offset: the record (by binary search over the index) and, inside it, the JSON node.
 * Only the one record's text is parsed, so this costs the same in a 50 MB file as in a small one.
 */
import { findNodeAtLocation, findNodeAtOffset, getNodePath, type Node, parseTree, type Segment } from 'jsonc-parser';
import { toDecoded } from './embedded';
import type { ParsedLog, RecordInfo } from './parsedLog';
import { unlessTooDeep } from './tooDeep';

export function recordAt(parsed: ParsedLog, offset: number): RecordInfo | undefined {
  const records = parsed.records;
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const record = records[mid]!;
    if (offset < record.start) hi = mid - 1;
    else if (offset >= record.end) lo = mid + 1;
    else return record;
  }
  return undefined;
}

export interface RecordTree {
  readonly record: RecordInfo;
  /** The record parsed on its own; node offsets are into its own text. */
  readonly root: Node;
  /** Document offset of an offset into the record's own text, and back. */
  toDocument(offset: number): number;
  fromDocument(offset: number): number;
}

function recordTree(text: string, record: RecordInfo): RecordTree | undefined {
  const embedded = record.embedding?.decoded;
  const own = embedded ? embedded.text : text.slice(record.start, record.end);
  const root = unlessTooDeep(() => parseTree(own, [], { allowTrailingComma: true, disallowComments: false }));
  if (!root) return undefined;
  if (embedded) {
    // A record in a JSON string: offsets go through the string's escapes.
    return {
      record,
      root,
      toDocument: (o) => embedded.offsets[Math.min(o, embedded.text.length)]!,
      fromDocument: (o) => toDecoded(embedded, o),
    };
  }
  return { record, root, toDocument: (o) => record.start + o, fromDocument: (o) => o - record.start };
}

export interface Located {
  readonly tree: RecordTree;
  /** The innermost node at the offset. */
  readonly node: Node;
  /** Path from the record to the node, e.g. ['userIdentity', 'type'] or ['resources', 0, 'ARN']. */
  readonly path: Segment[];
  /** True when the offset is on a property name rather than a value. */
  readonly onKey: boolean;
  /** Absolute offsets of the node. */
  readonly start: number;
  readonly end: number;
}

export function locate(text: string, parsed: ParsedLog, offset: number): Located | undefined {
  // A digest file has no records: its one object is read as one.
  const record = parsed.shape === 'digest' ? parsed.root : recordAt(parsed, offset);
  if (!record) return undefined;
  const tree = recordTree(text, record);
  if (!tree) return undefined;
  const node = findNodeAtOffset(tree.root, tree.fromDocument(offset), true);
  if (!node) return undefined;
  const onKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  return {
    tree,
    node,
    path: getNodePath(node),
    onKey,
    start: tree.toDocument(node.offset),
    end: tree.toDocument(node.offset + node.length),
  };
}

/** The documentation path of a node path: array indexes become `[]` ("resources[].ARN"). */
export function docPath(path: readonly Segment[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += '[]';
    else result += result === '' ? segment : `.${segment}`;
  }
  return result;
}

/** A string value at a path inside a record's tree. */
export function treeStringAt(root: Node, path: Segment[]): string | undefined {
  const node = findNodeAtLocation(root, path);
  return node?.type === 'string' ? (node.value as string) : undefined;
}
