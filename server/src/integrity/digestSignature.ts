/**
 * A digest's signature, checked as AWS's "Custom implementations of CloudTrail log file integrity validation"
 * page describes: SHA256withRSA over a string of four lines (the digest's end time, its bucket and key, the
 * SHA-256 of its uncompressed content, and the previous digest's signature, `null` for a chain's first),
 * with the key of the digest's fingerprint whose validity holds the digest's end time. The signature itself is
 * not in the digest: its successor carries it as `previousDigestSignature`.
 */
import { verify } from 'node:crypto';
import type { Digest } from './digestFile';
import type { PublicKey, PublicKeys } from './publicKeys';

/** The string CloudTrail signs for a digest. */
export function signingString(digest: Digest, sha256: string): string {
  const previous = digest.previous?.signature ?? 'null';
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${sha256}\n${previous}`;
}

/** What checking a signature found: `valid`, `invalid` (it is wrong), or `unverified` (no key to check it with), and why. */
export type SignatureCheck = { readonly status: 'valid' } | { readonly status: 'invalid' | 'unverified'; readonly reason: string };

const HEX = /^(?:[0-9a-f]{2})+$/i;

/** A failed signature leaves the digest's list standing (chainWalk.ts): said so, since its logs may read valid. */
const STILL_CHECKED = '. Its logs are still checked against the hashes it lists.';

/** Checks `signature` (hex, from the digest after this one) against a digest and its content's hash. */
export function checkSignature(digest: Digest, sha256: string, signature: string, keys: PublicKeys): SignatureCheck {
  if (keys.byFingerprint.size === 0) return { status: 'unverified', reason: 'no public keys were given to check its signature' };
  if (!/^SHA256withRSA$/i.test(digest.digestSignatureAlgorithm))
    return {
      status: 'invalid',
      reason: `it names a signature algorithm CloudTrail does not use (${digest.digestSignatureAlgorithm || 'none'})`,
    };
  const fingerprint = digest.digestPublicKeyFingerprint.toLowerCase();
  const candidates = keys.byFingerprint.get(fingerprint);
  if (!candidates) return { status: 'unverified', reason: `the key file has no key with fingerprint ${fingerprint || '(none)'}` };
  const at = Date.parse(digest.digestEndTime);
  const current = candidates.filter((k) => k.validFrom <= at && at <= k.validTo);
  if (current.length === 0)
    return {
      status: 'invalid',
      reason: `the key file's key for it (fingerprint ${fingerprint}) was not valid at its end time, ${digest.digestEndTime}: an expired key cannot vouch for it${STILL_CHECKED}`,
    };
  if (!HEX.test(signature)) return { status: 'invalid', reason: 'the signature the next digest holds for it is not hex' };
  const data = Buffer.from(signingString(digest, sha256), 'utf8');
  const bytes = Buffer.from(signature, 'hex');
  // A malformed signature or key is a signature that does not verify.
  const verifies = (key: PublicKey) => {
    try {
      return verify('sha256', data, key.key, bytes);
    } catch {
      return false;
    }
  };
  return current.some(verifies)
    ? { status: 'valid' }
    : {
        status: 'invalid',
        reason: `its signature does not verify with the key file's key for it: a wrong key file, or this digest or the next one was changed${STILL_CHECKED}`,
      };
}
