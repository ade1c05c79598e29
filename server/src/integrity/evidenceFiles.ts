/**
 * An evidence folder's logs and digests, by the S3 key CloudTrail delivered each to. A digest names files by
 * key (`[prefix/]AWSLogs/<account>/CloudTrail/…`, `…/CloudTrail-Digest/…`); a copied folder holds them at the
 * same path below some folder (the bucket's copy, or AWSLogs itself): a file's key is its path from its last
 * `AWSLogs` folder. Only regular files count: the walk goes by what an entry is and follows no link.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * A key from `AWSLogs/` on, the optional prefix left out: how a digest's keys and the folder's paths are matched.
 * Undefined for a key CloudTrail does not write: none under `AWSLogs/`, or one with `.`, `..`, empty or `\\` parts
 * (a hostile digest's key must not name a file outside the folder).
 */
export function keyFromAWSLogs(s3Object: string): string | undefined {
  const at = s3Object.startsWith('AWSLogs/') ? 0 : s3Object.lastIndexOf('/AWSLogs/') + 1;
  if (at === 0 && !s3Object.startsWith('AWSLogs/')) return undefined;
  const key = s3Object.slice(at);
  return key.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\')) ? key : undefined;
}

/** A digest's file name: `<account>_CloudTrail-Digest_<region>_<trail>_<region>_<end>[_backfill].json.gz`. */
const DIGEST_NAME = /^(.+_CloudTrail-Digest_.+)_(\d{8}T\d{6}Z)(_backfill)?\.json(?:\.gz)?$/;

export interface DigestName {
  /** Account, region and trail: the digests of one chain share it. */
  readonly chain: string;
  /** The end of the digest's time, from its name (ISO 8601). */
  readonly end: string;
  /** Delivered late, for logs its hour's digest did not list: it stands beside the chain. */
  readonly backfill: boolean;
}

/** What a digest's key or file name says of it; undefined for a name not a digest's. */
export function digestName(keyOrName: string): DigestName | undefined {
  const match = DIGEST_NAME.exec(keyOrName.slice(keyOrName.lastIndexOf('/') + 1));
  if (!match) return undefined;
  const t = match[2]!;
  const end = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`;
  return { chain: match[1]!, end, backfill: match[3] !== undefined };
}

/** A log's file name: `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz`. */
const LOG_NAME = /^(\d+)_CloudTrail_([a-z0-9-]+)_(\d{8}T\d{4}Z)_[^/]*\.json(?:\.gz)?$/;

export interface LogName {
  readonly account: string;
  readonly region: string;
  /** When it was written, from its name (ISO 8601, to the minute). */
  readonly time: string;
}

export function logName(keyOrName: string): LogName | undefined {
  const match = LOG_NAME.exec(keyOrName.slice(keyOrName.lastIndexOf('/') + 1));
  if (!match) return undefined;
  const t = match[3]!;
  const time = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:00Z`;
  return { account: match[1]!, region: match[2]!, time };
}

export interface EvidenceFiles {
  /** Log files by key. */
  readonly logs: ReadonlyMap<string, string>;
  /** Digest files by key. */
  readonly digests: ReadonlyMap<string, string>;
  /** Each key's folder: the folder that holds `AWSLogs`, where a missing file of that tree would be. */
  readonly bases: ReadonlyMap<string, string>;
}

/** The file a key would be at, below the folder that holds the `AWSLogs` of a file found near it. */
export function pathOfKey(base: string, key: string): string {
  return path.join(base, ...key.split('/'));
}

/** Every regular log and digest file below `root`, by key; a file outside an `AWSLogs` folder has no key and is left out. */
export async function evidenceFiles(root: string, isCancelled: () => boolean = () => false): Promise<EvidenceFiles> {
  const logs = new Map<string, string>();
  const digests = new Map<string, string>();
  const bases = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    if (isCancelled()) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      if (!entry.isFile() || !/\.json(\.gz)?$/i.test(entry.name)) continue;
      const parts = full.split(path.sep);
      const at = parts.lastIndexOf('AWSLogs');
      if (at < 0) continue;
      const key = parts.slice(at).join('/');
      const digest = parts[at + 2] === 'CloudTrail-Digest' || parts[at + 3] === 'CloudTrail-Digest';
      (digest ? digests : logs).set(key, full);
      bases.set(key, parts.slice(0, at).join(path.sep) || path.sep);
    }
  };
  await walk(root);
  return { logs, digests, bases };
}
