/**
 * The chain of a folder's digests, walked: each digest checked by the one after it, which holds its hash and
 * signature (`previousDigestHashValue`, `previousDigestSignature`), and each digest a later one names that the
 * folder does not have reported missing. Pure: the digests come read, their statuses go out.
 */
import type { DigestStatus, IntegrityGap } from '../../../common/integrityProtocol';
import { coverageGaps } from './coverageGaps';
import type { Digest } from './digestFile';
import { checkSignature } from './digestSignature';
import { type DigestName, keyFromAWSLogs } from './evidenceFiles';
import type { PublicKeys } from './publicKeys';

/** A digest file of the folder, as read: by its key, with its digest and content hash, or why it has none. */
export interface ReadDigest {
  readonly key: string;
  /** The folder holding its `AWSLogs`: where the digests it names would be. */
  readonly base: string;
  readonly name: DigestName;
  readonly read: { readonly digest: Digest; readonly sha256: string } | { readonly problem: string };
}

export interface DigestVerdict {
  readonly key: string;
  readonly base: string;
  readonly status: DigestStatus;
  readonly reason?: string;
  /**
   * Its list of logs is believed: it is where it says it was delivered, and its content is what the next digest
   * hashed (or no next digest says otherwise). A signature that fails, or that no key checks, does not unlist
   * its logs: each is still valid, modified or missing by its own hash.
   */
  readonly listHolds: boolean;
}

export interface ChainWalk {
  readonly digests: readonly DigestVerdict[];
  readonly gaps: readonly IntegrityGap[];
}

const NEWEST = "the newest digest: its own signature is kept only in S3's metadata, which a copied folder does not have";
const BACKFILL =
  "a backfill digest (logs delivered late): its signature is kept only in S3's metadata, which a copied folder does not have";
const NO_SUCCESSOR = 'no later digest names it, and only the next digest holds its signature (the next one is missing, or logging stopped)';

/**
 * Signatures checked between turns of the event loop. A check (SHA256withRSA) costs some tens of microseconds on
 * this thread, and as much again when handed to libuv's threads (measured: the hand-over is the cost), so they are
 * checked here, a few milliseconds at a time, leaving the server free to answer meanwhile.
 */
const PER_TURN = 128;

/** Walks the chains of `digests` (every digest file of the folder), checking signatures with `keys`. */
export async function walkChains(
  digests: readonly ReadDigest[],
  keys: PublicKeys,
  isCancelled: () => boolean = () => false,
): Promise<ChainWalk> {
  const byKey = new Map(digests.map((d) => [d.key, d]));
  /** The digest that names each key as its previous one: the one that checks it. */
  const successors = new Map<string, ReadDigest>();
  const missing = new Map<string, DigestVerdict>();
  for (const d of digests) {
    if (!('digest' in d.read) || !d.read.digest.previous) continue;
    const previous = keyFromAWSLogs(d.read.digest.previous.s3Object);
    if (previous === undefined || successors.has(previous)) continue;
    successors.set(previous, d);
    if (!byKey.has(previous) && !missing.has(previous))
      missing.set(previous, {
        key: previous,
        base: d.base,
        status: 'missing',
        reason: `the digest after it names it (${d.key})`,
        listHolds: false,
      });
  }
  const newest = newestOfChains(digests);
  const verdicts: DigestVerdict[] = [];
  for (const d of digests) {
    if (verdicts.length % PER_TURN === PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    if (isCancelled()) break;
    verdicts.push(verdictOf(d, successors.get(d.key), newest.has(d), keys));
  }
  return { digests: [...verdicts, ...missing.values()], gaps: gapsOf(digests) };
}

function verdictOf(d: ReadDigest, successor: ReadDigest | undefined, newest: boolean, keys: PublicKeys): DigestVerdict {
  const at = { key: d.key, base: d.base };
  if ('problem' in d.read) return { ...at, status: 'invalid', reason: d.read.problem, listHolds: false };
  const { digest, sha256 } = d.read;
  if (keyFromAWSLogs(digest.digestS3Object) !== d.key)
    return { ...at, status: 'invalid', reason: `it says it was delivered to ${digest.digestS3Object}, not where it is`, listHolds: false };
  const held = { ...at, listHolds: true };
  if (!successor) return { ...held, status: 'unverified', reason: newest ? NEWEST : d.name.backfill ? BACKFILL : NO_SUCCESSOR };
  if ('problem' in successor.read)
    return { ...held, status: 'unverified', reason: 'the next digest, which holds its signature, cannot be read' };
  const previous = successor.read.digest.previous!;
  if (previous.hashValue.toLowerCase() !== sha256)
    return {
      ...at,
      status: 'invalid',
      reason: 'its content is not what the next digest hashed: it was changed after delivery',
      listHolds: false,
    };
  const check = checkSignature(digest, sha256, previous.signature, keys);
  return check.status === 'valid' ? { ...held, status: 'valid' } : { ...held, ...check };
}

/** Each chain's last digest (backfills stand beside the chain): only S3's metadata holds its signature. */
function newestOfChains(digests: readonly ReadDigest[]): Set<ReadDigest> {
  const newest = new Map<string, ReadDigest>();
  for (const d of digests) {
    if (d.name.backfill) continue;
    const other = newest.get(d.name.chain);
    if (!other || d.name.end > other.name.end) newest.set(d.name.chain, d);
  }
  return new Set(newest.values());
}

/** Each chain's gaps, in time order. */
function gapsOf(digests: readonly ReadDigest[]): IntegrityGap[] {
  const chains = new Map<string, { start: string; end: string }[]>();
  for (const d of digests) {
    if (!('digest' in d.read)) continue;
    const spans = chains.get(d.name.chain) ?? chains.set(d.name.chain, []).get(d.name.chain)!;
    spans.push({ start: d.read.digest.digestStartTime, end: d.read.digest.digestEndTime });
  }
  return [...chains.values()].flatMap(coverageGaps).sort((a, b) => a.after.localeCompare(b.after));
}
