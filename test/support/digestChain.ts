/**
 * An evidence folder made as CloudTrail delivers one with log file validation on: hourly logs under
 * `AWSLogs/<account>/CloudTrail/<region>/…` and an hourly digest chain under `…/CloudTrail-Digest/…`, each digest
 * listing its hour's logs with their hashes and signed with the tests' own RSA key (never AWS's), plus a file of
 * that key as `aws cloudtrail list-public-keys` writes it. The signing is written here from AWS's page, apart from
 * the server's, so a mistake in either shows.
 */
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { generateLog } from './generateLog';

export const CHAIN_ACCOUNT = '111122223333';
export const CHAIN_REGION = 'us-east-1';
export const CHAIN_BUCKET = 'evidence-bucket';
const TRAIL = 'org-trail';

export interface ChainOptions {
  /** Hourly digests. */
  readonly hours: number;
  /** Logs delivered in each hour (by hour index; the same for every hour when a number). */
  readonly logsPerHour?: number | ((hour: number) => number);
  /** Records in each log. */
  readonly records?: number;
  /** The first digest's start (ms since 1970). */
  readonly start?: number;
  /** A folder to write into (a new temporary one by default). */
  readonly root?: string;
  /** The key to sign with (a new one by default): a year of digests need not make a new one each run. */
  readonly key?: TestKey;
  /** Log files already under `root`'s AWSLogs (the bench's folder), listed too, spread evenly over the hours. */
  readonly listed?: readonly string[];
}

export interface TestKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Its fingerprint as the key file gives it (here: the MD5 of its DER bytes, hex). */
  readonly fingerprint: string;
}

export interface DigestChain {
  readonly root: string;
  /** Log files, in delivery order. */
  readonly logs: readonly string[];
  /** Digest files, oldest first. */
  readonly digests: readonly string[];
  readonly key: TestKey;
  /** Each digest's end (ISO 8601), oldest first. */
  readonly ends: readonly string[];
}

export function newTestKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'pkcs1', format: 'der' });
  return { privateKey, publicKey, fingerprint: createHash('md5').update(der).digest('hex') };
}

/** The text of a list-public-keys output holding `key`, valid from `from` to `to` (ISO 8601). */
export function keyFileText(key: TestKey, from: string, to: string): string {
  const value = key.publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
  return JSON.stringify(
    { PublicKeyList: [{ Value: value, ValidityStartTime: from, ValidityEndTime: to, Fingerprint: key.fingerprint }] },
    null,
    4,
  );
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const compact = (ms: number, seconds: boolean) =>
  iso(ms)
    .replace(/[-:]/g, '')
    .slice(0, seconds ? 15 : 13) + 'Z';
const dayPath = (ms: number) => iso(ms).slice(0, 10).split('-');
const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

const HOUR = 3_600_000;

/** Writes a folder of `hours` hourly digests and their logs, signed with a test key. */
export function makeDigestChain(options: ChainOptions): DigestChain {
  const root = options.root ?? mkdtempSync(path.join(tmpdir(), 'cloudtrail-digests-'));
  const key = options.key ?? newTestKey();
  const start = options.start ?? Date.UTC(2026, 0, 1, 0, 1, 31);
  const perHour = options.logsPerHour ?? 2;
  const logsIn = typeof perHour === 'number' ? () => perHour : perHour;
  const logs: string[] = [];
  const digests: string[] = [];
  const ends: string[] = [];
  let previous: { bucket: string; object: string; hash: string; signature: string } | undefined;
  for (let hour = 0; hour < options.hours; hour++) {
    const from = start + hour * HOUR;
    const to = from + HOUR;
    const listed = Array.from({ length: logsIn(hour) }, (_, i) => {
      const written = from + ((i + 1) * HOUR) / (logsIn(hour) + 1);
      const name = `${CHAIN_ACCOUNT}_CloudTrail_${CHAIN_REGION}_${compact(written, false)}_${sha256(`${hour}/${i}`).slice(0, 16)}.json.gz`;
      const object = ['AWSLogs', CHAIN_ACCOUNT, 'CloudTrail', CHAIN_REGION, ...dayPath(written), name].join('/');
      const text = logText(hour * 100 + i, options.records ?? 5, written);
      const file = path.join(root, ...object.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, gzipSync(text));
      logs.push(file);
      return { s3Bucket: CHAIN_BUCKET, s3Object: object, hashValue: sha256(text), hashAlgorithm: 'SHA-256' };
    });
    const given = options.listed ?? [];
    for (let i = Math.ceil((hour * given.length) / options.hours); i < Math.ceil(((hour + 1) * given.length) / options.hours); i++)
      listed.push(listedFile(given[i]!));
    const name = `${CHAIN_ACCOUNT}_CloudTrail-Digest_${CHAIN_REGION}_${TRAIL}_${CHAIN_REGION}_${compact(to, true)}.json.gz`;
    const object = ['AWSLogs', CHAIN_ACCOUNT, 'CloudTrail-Digest', CHAIN_REGION, ...dayPath(to), name].join('/');
    const digest = {
      awsAccountId: CHAIN_ACCOUNT,
      digestStartTime: iso(from),
      digestEndTime: iso(to),
      digestS3Bucket: CHAIN_BUCKET,
      digestS3Object: object,
      digestPublicKeyFingerprint: key.fingerprint,
      digestSignatureAlgorithm: 'SHA256withRSA',
      previousDigestS3Bucket: previous?.bucket ?? null,
      previousDigestS3Object: previous?.object ?? null,
      previousDigestHashValue: previous?.hash ?? null,
      previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
      previousDigestSignature: previous?.signature ?? null,
      logFiles: listed,
    };
    const text = JSON.stringify(digest);
    const hash = sha256(text);
    // AWS's data-signing string: end time, bucket/key, the content's hash, the previous signature ("null" for the first).
    const signed = `${iso(to)}\n${CHAIN_BUCKET}/${object}\n${hash}\n${previous?.signature ?? 'null'}`;
    const signature = sign('sha256', Buffer.from(signed), key.privateKey).toString('hex');
    const file = path.join(root, ...object.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(text));
    digests.push(file);
    ends.push(iso(to));
    previous = { bucket: CHAIN_BUCKET, object, hash, signature };
  }
  return { root, logs, digests, key, ends };
}

/** A log file already in the folder, as a digest lists it: its key from `AWSLogs/`, and its uncompressed content's hash. */
function listedFile(file: string) {
  const parts = file.split(path.sep);
  const object = parts.slice(parts.lastIndexOf('AWSLogs')).join('/');
  const bytes = readFileSync(file);
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return { s3Bucket: CHAIN_BUCKET, s3Object: object, hashValue: sha256(text), hashAlgorithm: 'SHA-256' };
}

/** A small log of `records` records, all at `at`. */
function logText(seed: number, records: number, at: number): string {
  const log = JSON.parse(generateLog({ seed, records })) as { Records: Record<string, unknown>[] };
  for (const record of log.Records) record.eventTime = iso(at);
  return JSON.stringify(log);
}

/** Writes a key file for `chain` beside it (not in its AWSLogs), valid from `from` to `to`; its path. */
export function writeKeyFile(chain: DigestChain, from = '2020-01-01T00:00:00Z', to = '2099-01-01T00:00:00Z', key = chain.key): string {
  const file = path.join(chain.root, `keys-${sha256(`${key.fingerprint}${from}${to}`).slice(0, 8)}.json`);
  writeFileSync(file, keyFileText(key, from, to));
  return file;
}
