/**
 * The public keys that verify digests, from a file of `aws cloudtrail list-public-keys` output:
 * `{"PublicKeyList": [{"Value", "ValidityStartTime", "ValidityEndTime", "Fingerprint"}]}`. `Value` is the key's
 * DER bytes in base64 (an RSA public key as PKCS #1 writes it); the times are ISO 8601, or seconds since 1970 as
 * the API's JSON has them. A key that cannot be read is left out and said so; the file is evidence, and hostile.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { errorText } from '../../../common/errorText';
import { readRegular } from '../files/regularFile';

export interface PublicKey {
  /** As the file gives it, lower case: a digest names its key by it. */
  readonly fingerprint: string;
  /** Milliseconds since 1970: the key signed digests whose end is in [start, end]. */
  readonly validFrom: number;
  readonly validTo: number;
  readonly key: KeyObject;
}

export interface PublicKeys {
  /** Keys by fingerprint; a fingerprint may have keys for several times. */
  readonly byFingerprint: ReadonlyMap<string, readonly PublicKey[]>;
  /** What was left out, and why. */
  readonly problems: readonly string[];
}

export const NO_KEYS: PublicKeys = { byFingerprint: new Map(), problems: [] };

/** A file of keys is a few kilobytes; this is hundreds of years of them. */
const KEYS_FILE_LIMIT = 4 * 1024 * 1024;

function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function keyOf(der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    // A key written as SubjectPublicKeyInfo (as OpenSSL writes a public key) is read too.
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

function readEntry(entry: unknown, at: number): PublicKey | string {
  if (entry === null || typeof entry !== 'object') return `entry ${at + 1} is not an object`;
  const { Value, Fingerprint, ValidityStartTime, ValidityEndTime } = entry as Record<string, unknown>;
  if (typeof Value !== 'string' || typeof Fingerprint !== 'string') return `entry ${at + 1} has no Value or Fingerprint`;
  const validFrom = timeOf(ValidityStartTime) ?? -Infinity;
  const validTo = timeOf(ValidityEndTime) ?? Infinity;
  try {
    return { fingerprint: Fingerprint.toLowerCase(), validFrom, validTo, key: keyOf(Buffer.from(Value, 'base64')) };
  } catch (error) {
    return `entry ${at + 1}'s Value is not an RSA public key (${errorText(error)})`;
  }
}

/** Keys from the text of a list-public-keys output. */
export function parsePublicKeys(json: string): PublicKeys {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { byFingerprint: new Map(), problems: ['the key file is not JSON'] };
  }
  const list = (value as { PublicKeyList?: unknown } | null)?.PublicKeyList;
  if (!Array.isArray(list))
    return { byFingerprint: new Map(), problems: ['the key file has no PublicKeyList (the output of aws cloudtrail list-public-keys)'] };
  const byFingerprint = new Map<string, PublicKey[]>();
  const problems: string[] = [];
  list.forEach((entry, at) => {
    const read = readEntry(entry, at);
    if (typeof read === 'string') problems.push(read);
    else if (byFingerprint.has(read.fingerprint)) byFingerprint.get(read.fingerprint)!.push(read);
    else byFingerprint.set(read.fingerprint, [read]);
  });
  return { byFingerprint, problems };
}

/** Keys from a file: a regular file only, of a key file's size. */
export async function readPublicKeys(path: string): Promise<PublicKeys> {
  try {
    const read = await readRegular(path, true, KEYS_FILE_LIMIT);
    if (!read) return { byFingerprint: new Map(), problems: ['the key file is larger than any list of keys'] };
    return parsePublicKeys(read.bytes.toString('utf8'));
  } catch (error) {
    return { byFingerprint: new Map(), problems: [`the key file cannot be read: ${errorText(error)}`] };
  }
}
