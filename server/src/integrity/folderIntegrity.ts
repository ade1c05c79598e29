/**
 * An evidence folder checked against its digests, offline: every digest read and its chain walked
 * (chainWalk.ts), then every log a digest that holds up lists hashed against it, and every log of the folder
 * within the digests' time that none lists reported. The reading (digests read and parsed a batch at a time, logs
 * streamed through the hash) runs on the reading threads, a few jobs at a time; the chain is walked here.
 * Cancellable between jobs.
 */
import { pathToFileURL } from 'node:url';
import type { IntegrityFile, LogStatus, VerifyIntegrityResult } from '../../../common/integrityProtocol';
import { type ReadDigest, walkChains } from './chainWalk';
import { eachAtOnce } from './eachAtOnce';
import { InlineRunner, type JobRunner } from '../files/readJobs';
import type { ContentHash } from './contentHash';
import { digestName, type EvidenceFiles, evidenceFiles, keyFromAWSLogs, logName, pathOfKey } from './evidenceFiles';
import { NO_KEYS, type PublicKeys, readPublicKeys } from './publicKeys';

export interface IntegrityOptions {
  readonly keys: PublicKeys;
  isCancelled?(): boolean;
  /** The reading threads that read the digests and hash the logs (by default this thread). */
  readonly runner?: JobRunner;
}

/** A check as the server runs it: cancellable, and saying what of the key file could not be read. */
export interface IntegrityRun {
  isCancelled?(): boolean;
  note?(message: string): void;
  readonly runner?: JobRunner;
}

/** Checks the folder at `root` with the keys of a list-public-keys file (none: signatures unverified); undefined when cancelled. */
export async function verifyWithKeyFile(
  root: string,
  keysFile: string | undefined,
  run: IntegrityRun,
): Promise<VerifyIntegrityResult | undefined> {
  const keys = keysFile === undefined ? NO_KEYS : await readPublicKeys(keysFile);
  for (const problem of keys.problems) run.note?.(`Public keys: ${problem}`);
  return verifyFolderIntegrity(root, {
    keys,
    ...(run.isCancelled ? { isCancelled: run.isCancelled } : {}),
    ...(run.runner ? { runner: run.runner } : {}),
  });
}

/** Jobs asked at once: enough to keep every reading thread busy (each takes two) and the disk. */
const AT_ONCE = 8;

/** The two jobs an integrity check asks of reading threads. */
type Threads = Pick<JobRunner, 'digests' | 'hash'>;

/** `runner`'s jobs, each run on this thread instead should its thread fail: an answer never depends on threads. */
function threadsOf(runner: JobRunner | undefined): Threads {
  const here = new InlineRunner();
  if (!runner) return here;
  return {
    digests: (paths) => runner.digests(paths).catch(() => here.digests(paths)),
    hash: (path) => runner.hash(path).catch(() => here.hash(path)),
  };
}

const uriOf = (path: string) => pathToFileURL(path).toString();

/** Checks the folder at `root`; undefined when cancelled. */
export async function verifyFolderIntegrity(root: string, options: IntegrityOptions): Promise<VerifyIntegrityResult | undefined> {
  const isCancelled = () => options.isCancelled?.() ?? false;
  const files = await evidenceFiles(root, isCancelled);
  const threads = threadsOf(options.runner);
  const digests = await readDigestFiles(files, threads, isCancelled);
  // The listed logs are hashed on the reading threads while the chain is walked here; a hash is the file's whichever
  // digest it is checked against (one only a changed digest lists is hashed for nothing).
  const hashes = new Map<string, ContentHash>();
  const hashing = eachAtOnce(
    listedPaths(files, digests),
    async (path) => void hashes.set(path, await threads.hash(path)),
    isCancelled,
    AT_ONCE,
  );
  const walk = await walkChains(digests, options.keys, isCancelled);
  await hashing;
  if (isCancelled()) return undefined;
  // A digest's logs are checked by their hashes whatever its signature says; a digest changed or misplaced lists nothing.
  const trusted = new Set(walk.digests.filter((d) => d.listHolds).map((d) => d.key));
  const hash = (path: string) => hashes.get(path) ?? threads.hash(path);
  const logs = await checkLogs(files, digests, trusted, hash, isCancelled);
  if (isCancelled()) return undefined;
  const byUri = <T extends { uri: string }>(a: T, b: T) => a.uri.localeCompare(b.uri);
  return {
    logs: logs.sort(byUri),
    digests: walk.digests
      .map((d) => ({ uri: uriOf(pathOfKey(d.base, d.key)), status: d.status, ...(d.reason ? { reason: d.reason } : {}) }))
      .sort(byUri),
    gaps: walk.gaps,
  };
}

/** Digests handed to a reading thread at once: a batch is some milliseconds of work, worth a message each way. */
const DIGEST_BATCH = 64;

/** Every digest file of the folder read, hashed and parsed, a batch at a time on the reading threads. */
async function readDigestFiles(files: EvidenceFiles, threads: Threads, isCancelled: () => boolean): Promise<ReadDigest[]> {
  const named = [...files.digests].flatMap(([key, path]) => {
    const name = digestName(key);
    return name ? [{ key, path, name, base: files.bases.get(key)! }] : [];
  });
  const batches = Array.from({ length: Math.ceil(named.length / DIGEST_BATCH) }, (_, i) =>
    named.slice(i * DIGEST_BATCH, (i + 1) * DIGEST_BATCH),
  );
  // In the folder's order whatever order the batches come back in: a log two digests list is checked against the first.
  const read: ReadDigest[][] = [];
  await eachAtOnce(
    batches.map((_, i) => i),
    async (i) => {
      const batch = batches[i]!;
      const reads = await threads.digests(batch.map((d) => d.path));
      read[i] = batch.map(({ key, base, name }, j) => ({ key, base, name, read: reads[j]! }));
    },
    isCancelled,
    AT_ONCE,
  );
  return read.flat();
}

/** The folder's files that readable digests list, each once. */
function listedPaths(files: EvidenceFiles, digests: readonly ReadDigest[]): string[] {
  const paths = new Set<string>();
  for (const d of digests) {
    if (!('digest' in d.read)) continue;
    for (const log of d.read.digest.logFiles) {
      const path = files.logs.get(keyFromAWSLogs(log.s3Object)!);
      if (path !== undefined) paths.add(path);
    }
  }
  return [...paths];
}

interface Listing {
  readonly key: string;
  readonly base: string;
  readonly hashValue: string;
  readonly hashAlgorithm: string;
  readonly trusted: boolean;
}

async function checkLogs(
  files: EvidenceFiles,
  digests: readonly ReadDigest[],
  trusted: ReadonlySet<string>,
  hash: (path: string) => ContentHash | Promise<ContentHash>,
  isCancelled: () => boolean,
): Promise<IntegrityFile<LogStatus>[]> {
  const listed = new Map<string, Listing>();
  for (const d of digests) {
    if (!('digest' in d.read)) continue;
    for (const log of d.read.digest.logFiles) {
      const key = keyFromAWSLogs(log.s3Object)!;
      const earlier = listed.get(key);
      // A log listed twice (by its hour's digest and a backfill) is checked against a digest that holds up.
      if (earlier?.trusted) continue;
      listed.set(key, { key, base: d.base, hashValue: log.hashValue, hashAlgorithm: log.hashAlgorithm, trusted: trusted.has(d.key) });
    }
  }
  const results: IntegrityFile<LogStatus>[] = [];
  await eachAtOnce(
    [...listed.values()],
    async (listing) => {
      results.push(await checkLog(listing, files, hash));
    },
    isCancelled,
    AT_ONCE,
  );
  results.push(...unlisted(files, digests, listed));
  return results;
}

async function checkLog(
  listing: Listing,
  files: EvidenceFiles,
  hash: (path: string) => ContentHash | Promise<ContentHash>,
): Promise<IntegrityFile<LogStatus>> {
  const path = files.logs.get(listing.key);
  const uri = uriOf(path ?? pathOfKey(listing.base, listing.key));
  if (!listing.trusted) return { uri, status: 'unlisted', reason: 'only a digest that was changed or moved after delivery lists it' };
  if (!path) return { uri, status: 'missing', reason: 'a digest lists it, and the folder has no such file' };
  if (!/^SHA-?256$/i.test(listing.hashAlgorithm))
    return { uri, status: 'modified', reason: `its digest hashes it with ${listing.hashAlgorithm}, which CloudTrail does not use` };
  const hashed = await hash(path);
  if ('problem' in hashed) return { uri, status: 'modified', reason: hashed.problem };
  return hashed.sha256 === listing.hashValue.toLowerCase()
    ? { uri, status: 'valid' }
    : { uri, status: 'modified', reason: 'its content is not what its digest hashed: it was changed after delivery' };
}

/** The folder's logs within the time its digests cover, for their account and region, that no digest lists. */
function unlisted(files: EvidenceFiles, digests: readonly ReadDigest[], listed: ReadonlyMap<string, Listing>): IntegrityFile<LogStatus>[] {
  const spans = new Map<string, { start: string; end: string }>();
  for (const d of digests) {
    if (!('digest' in d.read)) continue;
    const { awsAccountId, digestStartTime, digestEndTime } = d.read.digest;
    const at = `${awsAccountId}/${regionOf(d.key, 'CloudTrail-Digest')}`;
    const span = spans.get(at);
    spans.set(at, {
      start: span && span.start < digestStartTime ? span.start : digestStartTime,
      end: span && span.end > digestEndTime ? span.end : digestEndTime,
    });
  }
  const found: IntegrityFile<LogStatus>[] = [];
  for (const [key, path] of files.logs) {
    const name = logName(key);
    if (!name || listed.has(key)) continue;
    const span = spans.get(`${name.account}/${regionOf(key, 'CloudTrail')}`);
    if (span && span.start <= name.time && name.time <= span.end)
      found.push({ uri: uriOf(path), status: 'unlisted', reason: `no digest lists it, though digests cover ${span.start} to ${span.end}` });
  }
  return found;
}

/** The region folder after `kind` (`CloudTrail` or `CloudTrail-Digest`) in a key. */
function regionOf(key: string, kind: string): string {
  const parts = key.split('/');
  return parts[parts.indexOf(kind) + 1] ?? '';
}
