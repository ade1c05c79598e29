/**
 * A record's tape (server/wasm/tape.ts) read from JavaScript: the record's bytes are checked and laid out by the
 * WebAssembly module, and a value is made into a string or a number only when asked for. Where JSON.parse
 * makes an object per container and a string per key and value of every record, a summary asks for a score.
 */
import * as L from '../../wasm/layout';
import { jsReaderForced, scannerModule, type ScannerModule } from './scannerModule';

const { NODE_FIELDS, NODE_PARENT, NODE_NEXT, NODE_KEY_START, NODE_KEY_END, NODE_KEY_HASH, NODE_START, NODE_END, NODE_FLAGS } = L;

/** A record's bytes in a buffer. */
export interface ByteSpan {
  readonly byteStart: number;
  readonly byteEnd: number;
}

interface TapeExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  init(): void;
  initTape(): void;
  tapeInputAt(): number;
  tapeInputCap(): number;
  tapeNodesAt(): number;
  tapeRecords(count: number): number;
  tapeSpansAt(): number;
  tapeSpanCap(): number;
}

/** Why a record is read the old way instead (layout.ts's TAPE_ codes, never TAPE_OK here). */
export type TapeStatus = number;

/** The kind of a value by its first byte. */
export type TapeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

function kindOf(first: number): TapeKind {
  switch (first) {
    case 0x7b:
      return 'object';
    case 0x5b:
      return 'array';
    case 0x22:
      return 'string';
    case 0x74:
    case 0x66:
      return 'boolean';
    case 0x6e:
      return 'null';
    default:
      return 'number';
  }
}

/** Buffer's own decoders, without toString's checks of its arguments: called for every value read. */
interface Decoders {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** This thread's taper, made on first use (null: the scanner cannot run here). */
let threadTaper: RecordTaper | null | undefined;

/** Tapes records, one at a time, with an instance of the module of its own (one per thread). */
export class RecordTaper {
  private constructor(private readonly x: TapeExports) {}

  /** This thread's taper; undefined where WebAssembly or its SIMD is missing, or the JavaScript reader is forced. */
  static forThread(): RecordTaper | undefined {
    if (jsReaderForced()) return undefined;
    if (threadTaper === undefined) {
      const made = RecordTaper.create();
      threadTaper = made instanceof RecordTaper ? made : null;
    }
    return threadTaper ?? undefined;
  }

  static create(loaded: ScannerModule = scannerModule()): RecordTaper | { readonly reason: string } {
    if (!loaded.ok) return { reason: loaded.reason };
    const x = new loaded.wasm.Instance(loaded.module, {}).exports as TapeExports;
    x.initTape();
    return new RecordTaper(x);
  }

  /** The tape of the object in `bytes` from `start` to `end`, or why it is to be read the old way. */
  tape(bytes: Buffer, start: number, end: number): Tape | TapeStatus {
    return this.tapeBatch(bytes, [{ byteStart: start, byteEnd: end }], 0)[0] ?? L.TAPE_TOO_BIG;
  }

  /**
   * The tapes of records `from` onwards of `spans` (byte spans of `bytes`, in order), as many as one batch takes:
   * their bytes are copied into the module once, and their nodes come back in one array. A record that is not
   * clean gives its status instead. Empty when record `from` alone is too big for a batch.
   */
  tapeBatch(bytes: Buffer, spans: readonly ByteSpan[], from: number): (Tape | TapeStatus)[] {
    const x = this.x;
    const first = spans[from]!.byteStart;
    let to = from;
    while (to < spans.length && to - from < x.tapeSpanCap() && spans[to]!.byteEnd - first <= x.tapeInputCap()) to++;
    if (to === from) return [];
    const memory = x.memory.buffer;
    new Uint8Array(memory, x.tapeInputAt(), spans[to - 1]!.byteEnd - first).set(bytes.subarray(first, spans[to - 1]!.byteEnd));
    const slots = new Int32Array(memory, x.tapeSpansAt(), (to - from) * 3);
    for (let k = 0; k < to - from; k++) {
      slots[k * 3] = spans[from + k]!.byteStart - first;
      slots[k * 3 + 1] = spans[from + k]!.byteEnd - first;
    }
    const taped = x.tapeRecords(to - from);
    // The module's memory may have grown: views made before are stale.
    const results = new Int32Array(x.memory.buffer, x.tapeSpansAt(), taped * 3).slice();
    let nodeCount = 0;
    for (let k = 0; k < taped; k++) if (results[k * 3] === L.TAPE_OK) nodeCount = results[k * 3 + 1]! + results[k * 3 + 2]!;
    const nodes = new Int32Array(x.memory.buffer, x.tapeNodesAt(), nodeCount * NODE_FIELDS).slice();
    const out: (Tape | TapeStatus)[] = [];
    for (let k = 0; k < taped; k++) {
      const status = results[k * 3]!;
      out.push(
        status === L.TAPE_OK ? new Tape(nodes, results[k * 3 + 1]!, results[k * 3 + 2]!, bytes, spans[from + k]!.byteStart) : status,
      );
    }
    return out;
  }
}

/** A key as the tape compares it: its bytes and their hash as the scanner makes it (FNV-1a, 32 bits, signed). */
interface Key {
  readonly bytes: Buffer;
  readonly hash: number;
}

function keyOf(key: string): Key {
  const bytes = Buffer.from(key, 'utf8');
  let hash = 0x811c9dc5;
  for (const b of bytes) hash = Math.imul(hash ^ b, 0x01000193);
  return { bytes, hash: hash | 0 };
}

/**
 * A dotted path's keys, and the last value read at it and from which tape: a summary reads userIdentity.arn three
 * times, and userIdentity a dozen, of the same record. Paths are the features' own, a few dozen; past PATHS_MAX
 * (any caller's) they are not kept.
 */
interface TapePath {
  readonly keys: readonly Key[];
  tape: Tape | undefined;
  value: unknown;
}

const PATHS = new Map<string, TapePath>();
const PATHS_MAX = 1000;

/** Keys asked for one at a time (a key may hold dots), made once each; past PATHS_MAX not kept. */
const SINGLE_KEYS = new Map<string, Key>();

function singleKey(key: string): Key {
  let found = SINGLE_KEYS.get(key);
  if (!found) {
    found = keyOf(key);
    if (SINGLE_KEYS.size < PATHS_MAX) SINGLE_KEYS.set(key, found);
  }
  return found;
}

/** Drops the values kept of the last record read, so its file's bytes are not held once the file is read. */
export function forgetLastRecord(): void {
  for (const path of PATHS.values()) {
    path.tape = undefined;
    path.value = undefined;
  }
}

function pathOf(path: string): TapePath {
  let found = PATHS.get(path);
  if (!found) {
    found = { keys: path.split('.').map(keyOf), tape: undefined, value: undefined };
    if (PATHS.size < PATHS_MAX) PATHS.set(path, found);
  }
  return found;
}

/** One record's values, read from its bytes through its tape. Node 0 is the record. */
export class Tape {
  /** Where the record's nodes start in `nodes` (a batch's records share one array). */
  private readonly o: number;

  constructor(
    private readonly nodes: Int32Array,
    first: number,
    readonly count: number,
    /** The bytes the record lies in, from byte `base`. */
    readonly bytes: Buffer,
    readonly base: number,
  ) {
    this.o = first * NODE_FIELDS;
  }

  parent(node: number): number {
    return this.nodes[this.o + node * NODE_FIELDS + NODE_PARENT]!;
  }

  /** The node's first child, or -1 (the node after a container is its first child when its parent is that container). */
  firstChild(node: number): number {
    const next = node + 1;
    return next < this.count && this.parent(next) === node ? next : -1;
  }

  next(node: number): number {
    return this.nodes[this.o + node * NODE_FIELDS + NODE_NEXT]!;
  }

  kind(node: number): TapeKind {
    return kindOf(this.nodes[this.o + node * NODE_FIELDS + NODE_FLAGS]! & 0xff);
  }

  /** The value at a dotted path of object keys as JSON.parse would give it, undefined when absent. */
  read(path: string): unknown {
    const known = pathOf(path);
    if (known.tape === this) return known.value;
    let node = 0;
    for (const key of known.keys) if ((node = this.find(node, key)) < 0) break;
    known.tape = this;
    known.value = node < 0 ? undefined : this.value(node);
    return known.value;
  }

  /** The byte span of the value, in `bytes`. */
  start(node: number): number {
    return this.base + this.nodes[this.o + node * NODE_FIELDS + NODE_START]!;
  }

  end(node: number): number {
    return this.base + this.nodes[this.o + node * NODE_FIELDS + NODE_END]!;
  }

  /** The child of object node `node` with key `key` (dots and all), or -1 (a record's keys appear once each: the tape said so). */
  child(node: number, key: string): number {
    return this.find(node, singleKey(key));
  }

  private find(node: number, { bytes: wanted, hash }: Key): number {
    const n = this.nodes;
    if ((n[this.o + node * NODE_FIELDS + NODE_FLAGS]! & 0xff) !== 0x7b) return -1;
    for (let c = this.firstChild(node); c >= 0; c = this.next(c)) {
      const at = this.o + c * NODE_FIELDS;
      if (n[at + NODE_KEY_HASH] !== hash) continue;
      const from = this.base + n[at + NODE_KEY_START]! + 1;
      if (n[at + NODE_KEY_END]! - n[at + NODE_KEY_START]! - 2 === wanted.length && this.sameBytes(wanted, from)) return c;
    }
    return -1;
  }

  private sameBytes(wanted: Buffer, from: number): boolean {
    for (let i = 0; i < wanted.length; i++) if (this.bytes[from + i] !== wanted[i]) return false;
    return true;
  }

  /** The key of a member node, decoded. */
  key(node: number): string {
    const at = this.o + node * NODE_FIELDS;
    return (this.bytes as unknown as Decoders).utf8Slice(
      this.base + this.nodes[at + NODE_KEY_START]! + 1,
      this.base + this.nodes[at + NODE_KEY_END]! - 1,
    );
  }

  /** Whether the node is an array's element (it has no key). */
  isElement(node: number): boolean {
    return this.nodes[this.o + node * NODE_FIELDS + NODE_KEY_END]! === 0;
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
    const at = this.o + node * NODE_FIELDS;
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
    const flags = this.nodes[this.o + node * NODE_FIELDS + NODE_FLAGS]!;
    const start = this.start(node);
    const end = this.end(node);
    const decode = this.bytes as unknown as Decoders;
    if (flags & L.NODE_ESCAPED) return JSON.parse(decode.utf8Slice(start, end)) as string;
    return flags & L.NODE_NON_ASCII ? decode.utf8Slice(start + 1, end - 1) : decode.latin1Slice(start + 1, end - 1);
  }

  /** The node's value as JSON.parse gives it: a container is parsed from its bytes. */
  value(node: number): unknown {
    switch (this.kind(node)) {
      case 'string':
        return this.text(node);
      case 'number':
        return Number((this.bytes as unknown as Decoders).latin1Slice(this.start(node), this.end(node)));
      case 'boolean':
        return this.bytes[this.start(node)] === 0x74;
      case 'null':
        return null;
      default:
        return JSON.parse((this.bytes as unknown as Decoders).utf8Slice(this.start(node), this.end(node)));
    }
  }
}
