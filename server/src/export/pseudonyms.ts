/**
 * The pseudonyms of one export: one value, one pseudonym, of the same shape as the value so the result is still
 * CloudTrail. Account IDs stay 12 digits; access keys and unique IDs keep their prefix (AKIA, ASIA, AIDA, AROA…) and
 * length; IPv4 addresses come from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), then,
 * past their 762 addresses, from ranges that never route (198.18.0.0/15, then 240.0.0.0/4); IPv6 addresses from
 * 2001:db8::/32; names are their kind and a number (`user-3`, `role-1`, `bucket-2`), valid as IAM and bucket names, and a
 * name that is an email an email at example.com (`user-1@example.com`), wherever it is met.
 * A pseudonym is never a value the export has met (or was told of) as an original.
 */
import type { RedactionEntry, RedactionKind } from '../../../common/protocol';
import { copyText } from '../parse/textCopy';

const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];
const TEST_NET_ADDRESSES = TEST_NETS.length * 254;
/** 198.18.0.0/15 without its first and last address. */
const BENCHMARK_ADDRESSES = 2 ** 17 - 2;

/** The n-th IPv4 pseudonym, from 0. */
export function ipv4Pseudonym(n: number): string {
  if (n < TEST_NET_ADDRESSES) return `${TEST_NETS[Math.floor(n / 254)]}.${(n % 254) + 1}`;
  const quad = (base: number, v: number) => `${base + (v >>> 24)}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  const benchmark = n - TEST_NET_ADDRESSES + 1;
  if (benchmark <= BENCHMARK_ADDRESSES) return quad(198, (18 << 16) + benchmark);
  return quad(240, benchmark - BENCHMARK_ADDRESSES);
}

/** The n-th IPv6 pseudonym, from 0: 2001:db8::1, 2001:db8::2, … */
export function ipv6Pseudonym(n: number): string {
  const v = n + 1;
  const high = Math.floor(v / 0x10000);
  const low = (v % 0x10000).toString(16);
  return high > 0 ? `2001:db8::${high.toString(16)}:${low}` : `2001:db8::${low}`;
}

/** The n-th account pseudonym, from 0: 000000000001, … */
export function accountPseudonym(n: number): string {
  return String(n + 1).padStart(12, '0');
}

/** An access key or unique ID's pseudonym: its prefix, EXAMPLE, then the number, as long as the original. */
export function keyPseudonym(original: string, n: number): string {
  const prefix = original.slice(0, 4);
  const width = Math.max(original.length - prefix.length - 'EXAMPLE'.length, 1);
  return `${prefix}EXAMPLE${(n + 1).toString(36).toUpperCase().padStart(width, '0')}`;
}

/** A name that is an email address. */
const EMAIL = /^[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** A string that keeps no other text alive. */
const own = (text: string) => copyText(text, 0, text.length);

export class Pseudonyms {
  private readonly maps = new Map<RedactionKind, Map<string, string>>();
  /** Values met as originals, or reserved: never given as a pseudonym. */
  private readonly originals = new Set<string>();
  private readonly counters = new Map<string, number>();

  /** A value the export holds somewhere (known before it is met): no pseudonym will be it. */
  reserve(original: string): void {
    if (!this.originals.has(original)) this.originals.add(own(original));
  }

  account(original: string): string {
    return this.issue('account', original, 'account', accountPseudonym);
  }

  accessKey(original: string): string {
    return this.issue('accessKey', original, 'accessKey', (n) => keyPseudonym(original, n));
  }

  ip(original: string, version: 4 | 6): string {
    return this.issue('ip', original, `ip${version}`, version === 4 ? ipv4Pseudonym : ipv6Pseudonym);
  }

  /** A user, role, session or bucket name, or another name inside an ARN; `label` names the pseudonym if it is the first. */
  name(original: string, label: string): string {
    if (EMAIL.test(original)) return this.issue('name', original, 'email', (n) => `user-${n + 1}@example.com`);
    return this.issue('name', original, label, (n) => `${label}-${n + 1}`);
  }

  /** Every original and its pseudonym, by kind, in the order they were met. */
  entries(): RedactionEntry[] {
    const entries: RedactionEntry[] = [];
    for (const [kind, map] of this.maps) for (const [original, pseudonym] of map) entries.push({ kind, original, pseudonym });
    return entries;
  }

  private issue(kind: RedactionKind, original: string, counter: string, make: (n: number) => string): string {
    let map = this.maps.get(kind);
    if (!map) this.maps.set(kind, (map = new Map()));
    const known = map.get(original);
    if (known !== undefined) return known;
    // Kept for the whole export: a string of its own, not a view into the record's text (which would keep every record).
    original = own(original);
    this.originals.add(original);
    let n = this.counters.get(counter) ?? 0;
    let pseudonym = make(n++);
    while (this.originals.has(pseudonym)) pseudonym = make(n++);
    this.counters.set(counter, n);
    map.set(original, pseudonym);
    return pseudonym;
  }
}
