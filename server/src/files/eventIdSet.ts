/**
 * The eventIDs seen so far in a log read from disk, for the hint on a repeated one, in 12 bytes each: a
 * 53-bit hash and the first record's number, in plain number arrays (half a million ID strings would take
 * some 50 MB). Two different IDs share a hash about once in 10^15 pairs; such a pair would be a hint too many.
 */
export class EventIdSet {
  private keys = new Float64Array(1024);
  private firsts = new Int32Array(1024);
  private size = 0;

  /** The number of the record that first had `id`, or undefined (and `index` is noted as its first). */
  firstOrAdd(id: string, index: number): number | undefined {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const key = hash(id);
    const mask = this.keys.length - 1;
    for (let slot = (key % this.keys.length) & mask; ; slot = (slot + 1) & mask) {
      const at = this.keys[slot]!;
      if (at === key) return this.firsts[slot];
      if (at === 0) {
        this.keys[slot] = key;
        this.firsts[slot] = index;
        this.size++;
        return undefined;
      }
    }
  }

  private grow(): void {
    const { keys, firsts } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.firsts = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === 0) continue;
      let slot = (key % this.keys.length) & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.firsts[slot] = firsts[i]!;
    }
  }
}

/** Two 32-bit FNV-1a hashes of different seeds, as one non-zero 53-bit number. */
function hash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + (b >>> 11) + 1;
}
