/** Telling a large CloudTrail log on disk from other files, in bounded reads, and saying its size. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { diskStatusOf, formatBytes, progressText, SHARE_LIMIT } from '../../client/src/largeFiles/largeFile';
import { probeFile } from '../../client/src/largeFiles/probe';
import { looksLikeLogName, looksLikeLogText } from '../../client/src/largeFiles/sniff';
import { gzipTextSize } from '../../common/gzip';
import { generateLog } from '../support/generateLog';
import { fixturePath } from '../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-probe-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('names CloudTrail gives its logs, and .cloudtrail.json, are logs; other names are not', () => {
  assert.ok(looksLikeLogName('111122223333_CloudTrail_us-west-2_20190201T0320Z_abcdEFGH1234.json'));
  assert.ok(looksLikeLogName('111122223333_CloudTrail_us-west-2_20190201T0320Z_abcdEFGH1234.json.gz'));
  assert.ok(looksLikeLogName('111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20240305T000000Z.json.gz'));
  assert.ok(looksLikeLogName('incident.cloudtrail.json'));
  assert.ok(!looksLikeLogName('export.json'));
  assert.ok(!looksLikeLogName('events.jsonl'));
});

test('the start of every shape the server reads looks like a log', () => {
  for (const name of [
    'bare-array.json',
    'cloudwatch-export.json',
    'digest.json',
    'lookup-events.json',
    'records.jsonl',
    'single-record.json',
  ]) {
    assert.ok(looksLikeLogText(readFileSync(fixturePath('shapes', name), 'utf8').slice(0, 4096)), name);
  }
  assert.ok(looksLikeLogText(generateLog({ seed: 1, records: 3 }).slice(0, 400)));
  assert.ok(looksLikeLogText(generateLog({ seed: 1, records: 3, pretty: true }).slice(0, 800)));
});

test('other JSON does not, even with one CloudTrail-like key', () => {
  assert.ok(!looksLikeLogText('{"items":[1,2,3]}'));
  assert.ok(!looksLikeLogText('[{"eventName":"deploy","when":"2024-01-01"}]'));
  assert.ok(!looksLikeLogText('{"name":"eventVersion","eventSource":1}'));
});

test("a gzip file's text size comes from its trailer", () => {
  const text = 'x'.repeat(70_000);
  assert.equal(gzipTextSize(gzipSync(text)), 70_000);
  assert.equal(gzipTextSize(Uint8Array.of(0x00, 0x00, 0x00, 0x80)), 0x80000000);
  assert.equal(gzipTextSize(Uint8Array.of(1, 2)), undefined);
  // A truncated download ends mid-stream: its last bytes claim a size 6 KB of deflate could never hold.
  assert.equal(gzipTextSize(Uint8Array.of(0xff, 0xff, 0xff, 0x7f), 6000), undefined);
  assert.equal(gzipTextSize(gzipSync(text), 100), 70_000);
});

test('sizes as people say them, and progress in bytes or files', () => {
  assert.equal(formatBytes(0), '0 bytes');
  assert.equal(formatBytes(1), '1 byte');
  assert.equal(formatBytes(812 * 1024), '812 KB');
  assert.equal(formatBytes(60 * 1024 * 1024 + 5), '60.0 MB');
  assert.equal(formatBytes(1.2 * 1024 ** 3), '1.20 GB');
  assert.equal(progressText(12 * 1024 * 1024, 60 * 1024 * 1024, 'bytes'), '12.0 MB of 60.0 MB');
  assert.equal(progressText(3, 200, 'files'), '3 of 200 files');
});

/** A file of `bytes` bytes: `start`, then zero bytes (a sparse file: written at once). */
function fileOf(name: string, start: string, bytes = SHARE_LIMIT + 1): string {
  const path = join(dir, name);
  writeFileSync(path, start);
  truncateSync(path, bytes);
  return path;
}

/** Zero bytes compress a thousandfold, and fastest at level 1. */
const gzipFast = (data: Buffer) => gzipSync(data, { level: 1 });

test('a file at the limit is shared; one byte over, it is large, and a log by its start', async () => {
  const log = generateLog({ seed: 2, records: 5 });
  assert.deepEqual(await probeFile(fileOf('at-limit.json', log, SHARE_LIMIT)), { kind: 'small' });
  assert.deepEqual(await probeFile(fileOf('export.json', log)), {
    kind: 'large',
    file: { bytes: SHARE_LIMIT + 1, gzip: false, log: true },
  });
  assert.deepEqual(await probeFile(fileOf('data.json', '{"items":[')), {
    kind: 'large',
    file: { bytes: SHARE_LIMIT + 1, gzip: false, log: false },
  });
  assert.deepEqual(await probeFile(fileOf('111122223333_CloudTrail_us-east-1_20240305T1000Z_x.json', '{"items":[')), {
    kind: 'large',
    file: { bytes: SHARE_LIMIT + 1, gzip: false, log: true },
  });
});

test('a gzip file is large by its decompressed size, and a log by its decompressed start', async () => {
  const head = generateLog({ seed: 3, records: 20 });
  writeFileSync(join(dir, 'export.json.gz'), gzipFast(Buffer.concat([Buffer.from(head), Buffer.alloc(SHARE_LIMIT)])));
  assert.deepEqual(await probeFile(join(dir, 'export.json.gz')), {
    kind: 'large',
    file: { bytes: head.length + SHARE_LIMIT, gzip: true, log: true },
  });
  writeFileSync(join(dir, 'other.json.gz'), gzipFast(Buffer.alloc(SHARE_LIMIT + 10)));
  assert.deepEqual(await probeFile(join(dir, 'other.json.gz')), {
    kind: 'large',
    file: { bytes: SHARE_LIMIT + 10, gzip: true, log: false },
  });
  writeFileSync(join(dir, 'small.json.gz'), gzipFast(Buffer.from(head)));
  assert.deepEqual(await probeFile(join(dir, 'small.json.gz')), { kind: 'small' });
  // Cut off where its last bytes happen to claim 2 GiB: that cannot be, so it is tried as small.
  const cut = gzipFast(Buffer.from(head)).subarray(0, 2000);
  writeFileSync(join(dir, 'cut.json.gz'), Buffer.concat([cut, Uint8Array.of(0x00, 0x00, 0x00, 0x80)]));
  assert.deepEqual(await probeFile(join(dir, 'cut.json.gz')), { kind: 'small' });
});

test('a missing file is unreadable, with why', async () => {
  const probe = await probeFile(join(dir, 'gone.json'));
  assert.equal(probe.kind, 'unreadable');
  assert.match(probe.kind === 'unreadable' ? probe.message : '', /ENOENT/);
});

test("a read's status from the server's answer: read, read in part with why, failed with why, cancelled", () => {
  assert.deepEqual(diskStatusOf({ files: 1, records: 53078, failed: [] }, false), { kind: 'read', records: 53078 });
  const cut = 'This gzip file cannot be read to its end: the file ends early (a truncated download?).';
  assert.deepEqual(diskStatusOf({ files: 1, records: 40, failed: [{ uri: 'file:///a.json.gz', message: cut }] }, false), {
    kind: 'read',
    records: 40,
    incomplete: cut,
  });
  const gone = 'Cannot read /logs/a.json: ENOENT: no such file or directory';
  assert.deepEqual(diskStatusOf({ files: 0, records: 0, failed: [{ uri: 'file:///logs/a.json', message: gone }] }, false), {
    kind: 'failed',
    message: gone,
  });
  assert.deepEqual(diskStatusOf(null, false), { kind: 'cancelled' });
  assert.deepEqual(diskStatusOf({ files: 1, records: 3, failed: [] }, true), { kind: 'cancelled' });
});
