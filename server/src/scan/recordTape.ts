/**
 * A record's tape (server/wasm/tape.ts) read from JavaScript: the record's bytes are checked and laid out by the
 * WebAssembly module, and a value is made into a string or a number only when asked for. Where JSON.parse
 * makes an object per container and a string per key and value of every record, a summary asks for a score.
 */
import * as L from '../../wasm/layout';
import { scannerModule, type ScannerModule } from './scannerModule';

const { NODE_FIELDS, NODE_PARENT, NODE_NEXT, NODE_KEY_START, NODE_KEY_END, NODE_START, NODE_END, NODE_FLAGS } = L;

interface TapeExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  init(): void;
  initTape(): void;
  tape(length: number): number;
  tapeInputAt(): number;
  tapeInputCap(): number;
  tapeNodeCount(): number;
  tapeNodesAt(): number;
}

/** Why a record is read the old way instead (layout.ts's TAPE_ codes, never TAPE_OK here). */
export type TapeStatus = number;

/** The kind of a value by its first byte. */
export type TapeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

const KINDS = new Map<number, TapeKind>([
  [0x7b, 'object'],
  [0x5b, 'array'],
  [0x22, 'string'],
  [0x74, 'boolean'],
  [0x66, 'boolean'],
  [0x6e, 'null'],
]);

/** Tapes records, one at a time, with an instance of the module of its own (one per thread). */
export class RecordTaper {
  private constructor(private readonly x: TapeExports) {}

  static create(loaded: ScannerModule = scannerModule()): RecordTaper | { readonly reason: string } {
    if (!loaded.ok) return { reason: loaded.reason };
    const x = new loaded.wasm.Instance(loaded.module, {}).exports as TapeExports;
    x.initTape();
    return new RecordTaper(x);
  }

  /** The tape of the object in `bytes` from `start` to `end`, or why it is to be read the old way. */
  tape(bytes: Buffer, start: number, end: number): Tape | TapeStatus {
    const x = this.x;
    const length = end - start;
    if (length > x.tapeInputCap()) return L.TAPE_TOO_BIG;
    new Uint8Array(x.memory.buffer, x.tapeInputAt(), length).set(bytes.subarray(start, end));
    const status = x.tape(length);
    if (status !== L.TAPE_OK) return status;
    const nodes = new Int32Array(x.memory.buffer, x.tapeNodesAt(), x.tapeNodeCount() * NODE_FIELDS).slice();
    return new Tape(nodes, bytes, start);
  }
}

/** Keys as bytes, made once per key asked for. */
const KEY_BYTES = new Map<string, Buffer>();

function keyBytes(key: string): Buffer {
  let bytes = KEY_BYTES.get(key);
  if (!bytes) KEY_BYTES.set(key, (bytes = Buffer.from(key, 'utf8')));
  return bytes;
}

/** One record's values, read from its bytes through its tape. Node 0 is the record. */
export class Tape {
  constructor(
    private readonly nodes: Int32Array,
    /** The bytes the record lies in, from byte `base`. */
    readonly bytes: Buffer,
    readonly base: number,
  ) {}

  get count(): number {
    return this.nodes.length / NODE_FIELDS;
  }

  parent(node: number): number {
    return this.nodes[node * NODE_FIELDS + NODE_PARENT]!;
  }

  /** The node's first child, or -1 (the node after a container is its first child when its parent is that container). */
  firstChild(node: number): number {
    const next = node + 1;
    return next < this.count && this.parent(next) === node ? next : -1;
  }

  next(node: number): number {
    return this.nodes[node * NODE_FIELDS + NODE_NEXT]!;
  }

  kind(node: number): TapeKind {
    const first = this.nodes[node * NODE_FIELDS + NODE_FLAGS]! & 0xff;
    return KINDS.get(first) ?? 'number';
  }

  /** The byte span of the value, in `bytes`. */
  start(node: number): number {
    return this.base + this.nodes[node * NODE_FIELDS + NODE_START]!;
  }

  end(node: number): number {
    return this.base + this.nodes[node * NODE_FIELDS + NODE_END]!;
  }

  /** The child of object node `node` with key `key`, or -1 (a record's keys appear once each: the tape said so). */
  child(node: number, key: string): number {
    if (this.kind(node) !== 'object') return -1;
    const wanted = keyBytes(key);
    const n = this.nodes;
    for (let c = this.firstChild(node); c >= 0; c = this.next(c)) {
      const at = c * NODE_FIELDS;
      const from = this.base + n[at + NODE_KEY_START]! + 1;
      const to = this.base + n[at + NODE_KEY_END]! - 1;
      if (to - from === wanted.length && this.bytes.compare(wanted, 0, wanted.length, from, to) === 0) return c;
    }
    return -1;
  }

  /** The node at a dotted path of object keys, or -1. */
  at(segments: readonly string[]): number {
    let node = 0;
    for (const key of segments) if ((node = this.child(node, key)) < 0) return -1;
    return node;
  }

  /** The key of a member node, decoded. */
  key(node: number): string {
    const at = node * NODE_FIELDS;
    return this.bytes.toString('utf8', this.base + this.nodes[at + NODE_KEY_START]! + 1, this.base + this.nodes[at + NODE_KEY_END]! - 1);
  }

  /** Whether the node is an array's element (it has no key). */
  isElement(node: number): boolean {
    return this.nodes[node * NODE_FIELDS + NODE_KEY_END]! === 0;
  }

  /** The member of object node `node` named `key` (as `child`), or undefined. */
  member(node: number, key: string): number | undefined {
    const found = this.child(node, key);
    return found < 0 ? undefined : found;
  }

  /** An array node's elements; undefined for any other node. */
  elements(node: number): number[] | undefined {
    if (this.kind(node) !== 'array') return undefined;
    const out: number[] = [];
    for (let c = this.firstChild(node); c >= 0; c = this.next(c)) out.push(c);
    return out;
  }

  /** An array's elements, or an object's values in the order Object.values gives them (array-index keys first, ascending). */
  children(node: number): number[] | undefined {
    const kind = this.kind(node);
    if (kind === 'array') return this.elements(node);
    if (kind !== 'object') return undefined;
    const out: number[] = [];
    let indexed = false;
    for (let c = this.firstChild(node); c >= 0; c = this.next(c)) {
      out.push(c);
      indexed ||= this.indexKey(c) !== undefined;
    }
    if (!indexed) return out;
    const keyed = out.filter((c) => this.indexKey(c) !== undefined).sort((a, b) => this.indexKey(a)! - this.indexKey(b)!);
    return [...keyed, ...out.filter((c) => this.indexKey(c) === undefined)];
  }

  /** The member's key as an array index (a canonical integer below 2^32 - 1), which objects order first; else undefined. */
  private indexKey(node: number): number | undefined {
    const at = node * NODE_FIELDS;
    const first = this.bytes[this.base + this.nodes[at + NODE_KEY_START]! + 1]!;
    if (first < 0x30 || first > 0x39) return undefined;
    const key = this.key(node);
    const n = Number(key);
    return String(n) === key && n < 2 ** 32 - 1 ? n : undefined;
  }

  /** A string node's text, decoded as JSON.parse decodes it; undefined for any other node. */
  string(node: number): string | undefined {
    return this.kind(node) === 'string' ? this.text(node) : undefined;
  }

  private text(node: number): string {
    const flags = this.nodes[node * NODE_FIELDS + NODE_FLAGS]!;
    const start = this.start(node);
    const end = this.end(node);
    if (flags & L.NODE_ESCAPED) return JSON.parse(this.bytes.toString('utf8', start, end)) as string;
    return this.bytes.toString(flags & L.NODE_NON_ASCII ? 'utf8' : 'latin1', start + 1, end - 1);
  }

  /** The node's value as JSON.parse gives it: a container is parsed from its bytes. */
  value(node: number): unknown {
    switch (this.kind(node)) {
      case 'string':
        return this.text(node);
      case 'number':
        return Number(this.bytes.toString('latin1', this.start(node), this.end(node)));
      case 'boolean':
        return this.bytes[this.start(node)] === 0x74;
      case 'null':
        return null;
      default:
        return JSON.parse(this.bytes.toString('utf8', this.start(node), this.end(node)));
    }
  }
}
