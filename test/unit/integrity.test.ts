/**
 * Offline integrity (server/src/integrity/): an evidence folder checked against its digest chain, made by the
 * tests and signed with their own key. Each status and gap comes from one thing done to the folder: a log
 * changed or deleted, one digest or two in a row deleted, a digest's list edited, a wrong or expired key.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { integrityCounts, type VerifyIntegrityResult } from '../../common/integrityProtocol';
import { readerThreads } from '../../server/src/files/readerPool';
import { verifyFolderIntegrity } from '../../server/src/integrity/folderIntegrity';
import { NO_KEYS, parsePublicKeys, type PublicKeys, readPublicKeys } from '../../server/src/integrity/publicKeys';
import { type DigestChain, makeDigestChain, newTestKey, type TestKey, writeKeyFile } from '../support/digestChain';
import { gzipBomb } from '../support/gzipBomb';
import { repoPath } from '../support/paths';

let key: TestKey;
const made: string[] = [];
before(() => {
  key = newTestKey();
});
after(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

const uri = (file: string) => pathToFileURL(file).toString();
const statusOf = (result: VerifyIntegrityResult, file: string) =>
  [...result.logs, ...result.digests].find((f) => f.uri === uri(file))?.status;

function chain(hours = 6): DigestChain {
  const c = makeDigestChain({ hours, key });
  made.push(c.root);
  return c;
}

async function verify(c: DigestChain, keys?: PublicKeys): Promise<VerifyIntegrityResult> {
  const result = await verifyFolderIntegrity(c.root, { keys: keys ?? (await readPublicKeys(writeKeyFile(c))) });
  assert.ok(result);
  return result;
}

function rewriteGzip(file: string, change: (text: string) => string): void {
  writeFileSync(file, gzipSync(change(gunzipSync(readFileSync(file)).toString('utf8'))));
}

describe('offline integrity of a digest chain', () => {
  test('an untouched folder: every log valid, every digest valid but the newest, which is unverified; no gaps', async () => {
    const c = chain();
    const result = await verify(c);
    const counts = integrityCounts(result);
    assert.deepEqual(counts.logs, { valid: c.logs.length, modified: 0, missing: 0, unlisted: 0 });
    assert.deepEqual(counts.digests, { valid: 5, invalid: 0, unverified: 1, missing: 0 });
    assert.equal(statusOf(result, c.digests.at(-1)!), 'unverified');
    assert.match(result.digests.find((d) => d.status === 'unverified')!.reason!, /newest/);
    assert.deepEqual(result.gaps, []);
  });

  test('with no key, the digests are unverified, not valid, and the logs still hash', async () => {
    const c = chain(3);
    const result = await verify(c, NO_KEYS);
    assert.deepEqual(integrityCounts(result).digests, { valid: 0, invalid: 0, unverified: 3, missing: 0 });
    assert.equal(integrityCounts(result).logs.valid, c.logs.length);
  });

  test('a log changed after delivery is modified; the others stay valid', async () => {
    const c = chain(3);
    rewriteGzip(c.logs[2]!, (text) => text.replace('"eventName":"', '"eventName":"X'));
    const result = await verify(c);
    assert.equal(statusOf(result, c.logs[2]!), 'modified');
    assert.equal(integrityCounts(result).logs.valid, c.logs.length - 1);
  });

  test('a log changed only in its gzip wrapping (same content) is still valid: the hash is of the content', async () => {
    const c = chain(2);
    writeFileSync(c.logs[0]!, gzipSync(gunzipSync(readFileSync(c.logs[0]!)), { level: 1 }));
    assert.equal(statusOf(await verify(c), c.logs[0]!), 'valid');
  });

  test('a deleted log is missing, at the place it should be', async () => {
    const c = chain(3);
    unlinkSync(c.logs[1]!);
    const result = await verify(c);
    assert.equal(statusOf(result, c.logs[1]!), 'missing');
  });

  test('a deleted digest is missing, the one before it unverified, and its hour a gap', async () => {
    const c = chain(6);
    unlinkSync(c.digests[3]!);
    const result = await verify(c);
    assert.equal(statusOf(result, c.digests[3]!), 'missing');
    assert.equal(statusOf(result, c.digests[2]!), 'unverified');
    assert.equal(statusOf(result, c.digests[4]!), 'valid');
    assert.deepEqual(result.gaps, [{ after: c.ends[2], before: c.ends[3] }]);
  });

  test('two digests deleted in a row: the later is missing, and the gap spans both hours', async () => {
    const c = chain(7);
    unlinkSync(c.digests[2]!);
    unlinkSync(c.digests[3]!);
    const result = await verify(c);
    assert.equal(statusOf(result, c.digests[3]!), 'missing');
    assert.equal(statusOf(result, c.digests[1]!), 'unverified');
    assert.deepEqual(result.gaps, [{ after: c.ends[1], before: c.ends[3] }]);
    // Their logs are in the folder, and no digest left lists them.
    assert.equal(integrityCounts(result).logs.unlisted, 4);
  });

  test('a digest whose list was edited is invalid, and the logs only it lists are no longer vouched for', async () => {
    const c = chain(4);
    const edited = c.digests[1]!;
    rewriteGzip(edited, (text) => {
      const digest = JSON.parse(text) as { logFiles: { hashValue: string }[] };
      digest.logFiles[0]!.hashValue = '0'.repeat(64);
      return JSON.stringify(digest);
    });
    const result = await verify(c);
    assert.equal(statusOf(result, edited), 'invalid');
    assert.equal(statusOf(result, c.logs[2]!), 'unlisted');
    assert.equal(statusOf(result, c.digests[0]!), 'valid');
  });

  test('signed with another key of the same fingerprint: every signature fails', async () => {
    const c = chain(3);
    const other = { ...newTestKey(), fingerprint: key.fingerprint };
    const result = await verify(c, await readPublicKeys(writeKeyFile(c, undefined, undefined, other)));
    assert.deepEqual(integrityCounts(result).digests, { valid: 0, invalid: 2, unverified: 1, missing: 0 });
    assert.match(result.digests.find((d) => d.status === 'invalid')!.reason!, /does not verify/);
  });

  test('a key file without the digests’ fingerprint leaves them unverified', async () => {
    const c = chain(3);
    const result = await verify(c, await readPublicKeys(writeKeyFile(c, undefined, undefined, newTestKey())));
    assert.deepEqual(integrityCounts(result).digests, { valid: 0, invalid: 0, unverified: 3, missing: 0 });
  });

  test('a key that had expired before the digests were signed makes them invalid', async () => {
    const c = chain(3);
    const result = await verify(c, await readPublicKeys(writeKeyFile(c, '2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z')));
    assert.deepEqual(integrityCounts(result).digests, { valid: 0, invalid: 2, unverified: 1, missing: 0 });
    assert.match(result.digests.find((d) => d.status === 'invalid')!.reason!, /not valid at/);
  });

  test('a wrong or expired key fails the digests’ signatures, not their lists: each log is valid, modified or missing by its hash', async () => {
    const c = chain(3);
    rewriteGzip(c.logs[0]!, (text) => text.replace('"eventName":"', '"eventName":"X'));
    unlinkSync(c.logs[1]!);
    const wrong = await readPublicKeys(writeKeyFile(c, undefined, undefined, { ...newTestKey(), fingerprint: key.fingerprint }));
    const expired = await readPublicKeys(writeKeyFile(c, '2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z'));
    for (const [keys, why] of [
      [wrong, /does not verify .*wrong key file/],
      [expired, /not valid at .*expired key/],
    ] as const) {
      const result = await verify(c, keys);
      assert.equal(statusOf(result, c.logs[0]!), 'modified');
      assert.equal(statusOf(result, c.logs[1]!), 'missing');
      assert.deepEqual(integrityCounts(result).logs, { valid: c.logs.length - 2, modified: 1, missing: 1, unlisted: 0 });
      const invalid = result.digests.filter((d) => d.status === 'invalid');
      assert.equal(invalid.length, 2);
      for (const d of invalid) assert.match(d.reason!, why);
      assert.match(invalid[0]!.reason!, /logs are still checked/);
    }
  });

  test('a log in the digests’ time that no digest lists is unlisted', async () => {
    const c = chain(3);
    const extra = path.join(path.dirname(c.logs[0]!), `111122223333_CloudTrail_us-east-1_20260101T0130Z_planted.json.gz`);
    writeFileSync(extra, gzipSync('{"Records":[]}'));
    assert.equal(statusOf(await verify(c), extra), 'unlisted');
  });

  test('a digest moved to another place says where it belongs, and is invalid', async () => {
    const c = chain(3);
    const renamed = path.join(
      path.dirname(c.digests[0]!),
      `111122223333_CloudTrail-Digest_us-east-1_other_us-east-1_20260101T010131Z.json.gz`,
    );
    writeFileSync(renamed, readFileSync(c.digests[0]!));
    const result = await verify(c);
    assert.equal(statusOf(result, renamed), 'invalid');
  });
});

describe('backfill digests', () => {
  test('a backfill digest stands beside the chain: its logs are checked, it is unverified, the chain is not broken', async () => {
    const c = chain(3);
    // A log delivered late, and the backfill digest CloudTrail delivers for it, for the first digest's hour.
    const late = path.join(path.dirname(c.logs[0]!), '111122223333_CloudTrail_us-east-1_20260101T0150Z_late.json.gz');
    const text = '{"Records":[]}';
    writeFileSync(late, gzipSync(text));
    const first = JSON.parse(gunzipSync(readFileSync(c.digests[0]!)).toString()) as Record<string, unknown>;
    const name = path.basename(c.digests[0]!).replace('.json.gz', '_backfill.json.gz');
    const object = `${String(first['digestS3Object']).slice(0, String(first['digestS3Object']).lastIndexOf('/'))}/${name}`;
    const parts = late.split(path.sep);
    const listed = { s3Bucket: 'evidence-bucket', s3Object: parts.slice(parts.lastIndexOf('AWSLogs')).join('/'), hashAlgorithm: 'SHA-256' };
    const backfill = {
      ...first,
      digestS3Object: object,
      logFiles: [{ ...listed, hashValue: createHash('sha256').update(text).digest('hex') }],
    };
    const file = path.join(path.dirname(c.digests[0]!), name);
    writeFileSync(file, gzipSync(JSON.stringify(backfill)));
    const result = await verify(c);
    assert.equal(statusOf(result, late), 'valid');
    assert.equal(statusOf(result, file), 'unverified');
    assert.match(result.digests.find((d) => d.uri === uri(file))!.reason!, /backfill/);
    assert.deepEqual(integrityCounts(result).digests, { valid: 2, invalid: 0, unverified: 2, missing: 0 });
    assert.deepEqual(result.gaps, []);
  });
});

describe('on the reading threads', () => {
  /**
   * A folder with one of each status: a log changed, one deleted, one planted, a digest deleted, another's list
   * edited; and logs that are a gzip bomb, text over the ratio a log has, and a cut-off download.
   */
  function damaged(): DigestChain {
    const c = chain(8);
    rewriteGzip(c.logs[0]!, (text) => text.replace('"eventName":"', '"eventName":"X'));
    unlinkSync(c.logs[3]!);
    writeFileSync(c.logs[6]!, gzipBomb(64 * 1024 * 1024));
    writeFileSync(c.logs[7]!, gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20)));
    const whole = readFileSync(c.logs[8]!);
    writeFileSync(c.logs[8]!, whole.subarray(0, whole.length >> 1));
    writeFileSync(path.join(path.dirname(c.logs[0]!), '111122223333_CloudTrail_us-east-1_20260101T0130Z_planted.json.gz'), gzipBomb(1e8));
    unlinkSync(c.digests[5]!);
    rewriteGzip(c.digests[2]!, (text) => text.replace(/"hashValue":"[0-9a-f]/, '"hashValue":"x'));
    return c;
  }

  test('every answer is the one the main thread gives', async () => {
    const c = damaged();
    const keys = await readPublicKeys(writeKeyFile(c));
    const here = await verifyFolderIntegrity(c.root, { keys });
    const threads = readerThreads(undefined, repoPath('server', 'out', 'readWorker.js'), 2);
    try {
      const onThreads = await verifyFolderIntegrity(c.root, { keys, runner: threads });
      assert.deepEqual(onThreads, here);
      assert.deepEqual(integrityCounts(here!).logs, { valid: c.logs.length - 9, modified: 4, missing: 1, unlisted: 5 });
      const reasons = here!.logs.filter((l) => l.status === 'modified').map((l) => l.reason);
      assert.equal(reasons.filter((r) => /gzip bomb/.test(r!)).length, 2);
      assert.equal(reasons.filter((r) => /cut off/.test(r!)).length, 1);
    } finally {
      threads.close();
    }
  });

  test('threads that stop (a worker died) leave the check to this thread, with the same answer', async () => {
    const c = damaged();
    const keys = await readPublicKeys(writeKeyFile(c));
    const threads = readerThreads(undefined, repoPath('server', 'out', 'readWorker.js'), 1);
    threads.close();
    assert.deepEqual(await verifyFolderIntegrity(c.root, { keys, runner: threads }), await verifyFolderIntegrity(c.root, { keys }));
  });
});

describe('hostile evidence', () => {
  test('a digest listing a key that climbs out of the folder is invalid, and nothing outside is read', async () => {
    const c = chain(2);
    rewriteGzip(c.digests[1]!, (text) =>
      text.replace(/AWSLogs\/111122223333\/CloudTrail\/us-east-1\/[^"]*/, 'AWSLogs/../../../etc/passwd'),
    );
    const result = await verify(c);
    assert.equal(statusOf(result, c.digests[1]!), 'invalid');
    assert.ok(result.logs.every((l) => !l.uri.includes('etc/passwd')));
  });

  test('a gzip bomb in a log’s place is modified, decompression stopped at a cap', async () => {
    const c = chain(2);
    writeFileSync(c.logs[0]!, gzipBomb(512 * 1024 * 1024));
    const result = await verify(c);
    assert.equal(statusOf(result, c.logs[0]!), 'modified');
    assert.match(result.logs.find((l) => l.uri === uri(c.logs[0]!))!.reason!, /gzip bomb/);
  });

  test('a symbolic link in a log’s place is not followed: the log is missing', async () => {
    const c = chain(2);
    rmSync(c.logs[0]!);
    symlinkSync('/dev/zero', c.logs[0]!);
    assert.equal(statusOf(await verify(c), c.logs[0]!), 'missing');
  });

  test('a key file that is not list-public-keys output gives no keys and says why', () => {
    assert.match(parsePublicKeys('{"__proto__": {"PublicKeyList": 1}}').problems[0]!, /PublicKeyList/);
    assert.match(parsePublicKeys('not json').problems[0]!, /not JSON/);
    const bad = parsePublicKeys('{"PublicKeyList":[{"Value":"AAAA","Fingerprint":"ab"}, 7]}');
    assert.equal(bad.byFingerprint.size, 0);
    assert.equal(bad.problems.length, 2);
  });
});
