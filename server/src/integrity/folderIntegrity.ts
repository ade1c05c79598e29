/**
 * An evidence folder checked against its digests, offline: every digest read and its chain walked
 * (chainWalk.ts), then every log a digest that holds up lists hashed against it, and every log of the folder
 * within the digests' time that none lists reported. Files are read a few at a time (hashing is the cost: it is
 * done as the files stream in, gunzipped on libuv's threads). Cancellable between files.
 */
import { pathToFileURL } from 'node:url';
import type { IntegrityFile, LogStatus, VerifyIntegrityResult } from '../../../common/integrityProtocol';
import { type ReadDigest, walkChains } from './chainWalk';
import { type ContentHash, hashFileContent, readDigestText } from './contentHash';
import { parseDigest } from './digestFile';
import { digestName, type EvidenceFiles, evidenceFiles, keyFromAWSLogs, logName, pathOfKey } from './evidenceFiles';
import { NO_KEYS, type PublicKeys, readPublicKeys } from './publicKeys';

export interface IntegrityOptions {
  readonly keys: PublicKeys;
  isCancelled?(): boolean;
  /** How a log's content is hashed (by default streamed here). */
  hashLog?(path: string): Promise<ContentHash>;
}

/** A check as the server runs it: cancellable, and saying what of the key file could not be read. */
export interface IntegrityRun {
  isCancelled?(): boolean;
  note?(message: string): void;
}

/** Checks the folder at `root` with the keys of a list-public-keys file (none: signatures unverified); undefined when cancelled. */
export async function verifyWithKeyFile(
  root: string,
  keysFile: string | undefined,
  run: IntegrityRun,
): Promise<VerifyIntegrityResult | undefined> {
  const keys = keysFile === undefined ? NO_KEYS : await readPublicKeys(keysFile);
  for (const problem of keys.problems) run.note?.(`Public keys: ${problem}`);
  return verifyFolderIntegrity(root, { keys, ...(run.isCancelled ? { isCancelled: run.isCancelled } : {}) });
}

/** Files read at once: enough to keep the disk and libuv's four threads busy while the hash runs here. */
const AT_ONCE = 8;

/** Runs `work` on each item, `AT_ONCE` at a time, stopping when cancelled. */
async function eachAtOnce<T>(items: readonly T[], work: (item: T) => Promise<void>, isCancelled: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !isCancelled()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
}

const uriOf = (path: string) => pathToFileURL(path).toString();

/** Checks the folder at `root`; undefined when cancelled. */
export async function verifyFolderIntegrity(root: string, options: IntegrityOptions): Promise<VerifyIntegrityResult | undefined> {
  const isCancelled = () => options.isCancelled?.() ?? false;
  const files = await evidenceFiles(root, isCancelled);
  const digests = await readDigests(files, isCancelled);
  const walk = walkChains(digests, options.keys);
  const trusted = new Set(walk.digests.filter((d) => d.status !== 'invalid' && d.status !== 'missing').map((d) => d.key));
  const logs = await checkLogs(files, digests, trusted, options.hashLog ?? hashFileContent, isCancelled);
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

async function readDigests(files: EvidenceFiles, isCancelled: () => boolean): Promise<ReadDigest[]> {
  const read: ReadDigest[] = [];
  const named = [...files.digests].flatMap(([key, path]) => {
    const name = digestName(key);
    return name ? [{ key, path, name }] : [];
  });
  await eachAtOnce(
    named,
    async ({ key, path, name }) => {
      const base = files.bases.get(key)!;
      const text = await readDigestText(path);
      read.push({ key, base, name, read: 'problem' in text ? text : digestOf(text.text, text.sha256) });
    },
    isCancelled,
  );
  return read;
}

/** A digest from its text, or why it is none; one listing a key outside `AWSLogs/` is none (it would name a file anywhere). */
function digestOf(text: string, sha256: string): ReadDigest['read'] {
  const parsed = parseDigest(text);
  if ('problem' in parsed) return parsed;
  const bad = parsed.digest.logFiles.find((log) => keyFromAWSLogs(log.s3Object) === undefined);
  return bad ? { problem: `it lists a file at a key CloudTrail does not write (${bad.s3Object})` } : { digest: parsed.digest, sha256 };
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
  hash: (path: string) => Promise<ContentHash>,
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
  );
  results.push(...unlisted(files, digests, listed));
  return results;
}

async function checkLog(
  listing: Listing,
  files: EvidenceFiles,
  hash: (path: string) => Promise<ContentHash>,
): Promise<IntegrityFile<LogStatus>> {
  const path = files.logs.get(listing.key);
  const uri = uriOf(path ?? pathOfKey(listing.base, listing.key));
  if (!listing.trusted) return { uri, status: 'unlisted', reason: 'only a digest that fails its check lists it' };
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
