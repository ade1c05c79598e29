/** Seeded random values, so generated logs are deterministic. */

/** sfc32: small, fast, and the same on every machine for a seed. */
function createRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Random choices and values drawn from one seeded sequence. */
export class Dice {
  protected readonly random: () => number;

  constructor(seed: number) {
    this.random = createRandom(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** One of `items`, the first ones far more often (a few callers and addresses make most of a log's calls). */
  skewed<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.random() ** 3)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  hex(n: number, upper = false): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return upper ? s.toUpperCase() : s;
  }

  alnum(n: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[this.int(chars.length)];
    return s;
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(4)]}${this.hex(3)}-${this.hex(12)}`;
  }

  ip(): string {
    if (this.chance(0.15)) return `2001:db8:${this.hex(4)}:${this.hex(4)}::${this.hex(2)}`;
    return `${this.pick([192, 198, 203])}.${this.int(256)}.${this.int(256)}.${1 + this.int(254)}`;
  }
}
