import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  apiReferenceUrl,
  classifyEvent,
  LEGACY_API_PAGES,
  findS3Event,
  S3_EVENTS,
  SEED_PAGE_URL,
  type S3Event,
} from '../../server/src/cloudtrail/eventCatalogue';
import { fixturePath, repoPath } from '../support/paths';

// The project's source document, copied from shared/seed/ so the repository tests itself.
const SEED_FILE = fixturePath('seed-page.md');
const CATALOGUE_SOURCE = repoPath('server', 'src', 'cloudtrail', 'eventCatalogue.ts');

interface Seed {
  readonly account: string[];
  readonly bucket: string[];
  readonly object: string[];
  /** Link texts of the bucket operations the seed says are logged as object-level events. */
  readonly bucketOpsAsObject: string[];
  /** SOAP operation -> event name. */
  readonly soap: [string, string][];
}

/** The text between two `<a name="…">` anchors of the seed. */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(`<a name="${from}">`);
  const end = text.indexOf(`<a name="${to}">`);
  assert.ok(start >= 0 && end > start, `seed sections ${from} .. ${to}`);
  return text.slice(start, end);
}

/** Link texts of the `+ [text](url)` bullets, markdown escapes removed. */
function bullets(text: string): string[] {
  return [...text.matchAll(/^\+ \[([^\]]+)\]\(/gm)].map((m) => m[1]!.replace(/\\(.)/g, '$1').trim());
}

function readSeed(): Seed {
  const text = readFileSync(SEED_FILE, 'utf8');
  const objectSection = section(text, 'cloudtrail-object-level-tracking', 'cloudtrail-object-level-crossaccount');
  const split = objectSection.indexOf('In addition to these operations');
  assert.ok(split > 0, 'seed: object-level bucket operations paragraph');
  const soapSection = section(text, 'cloudtrail-s3-soap', 'cloudtrail-logging-vs-server-logs');
  return {
    account: bullets(section(text, 'cloudtrail-account-level-tracking', 'cloudtrail-bucket-level-tracking')),
    bucket: bullets(section(text, 'cloudtrail-bucket-level-tracking', 'cloudtrail-object-level-tracking')),
    object: bullets(objectSection.slice(0, split)),
    bucketOpsAsObject: bullets(objectSection.slice(split)),
    soap: [...soapSection.matchAll(/^\|\s*\[([^\]]+)\]\([^)]*\)\s*\|\s*(\w+)\s*\|/gm)].map((m) => [m[1]!.trim(), m[2]!]),
  };
}

/** The seed names these bucket operations by their REST titles; these are the event names CloudTrail writes for them. */
const BUCKET_OPS_AS_OBJECT: Record<string, string> = {
  'GET Bucket (List Objects) Version 2': 'ListObjectsV2',
  'GET Bucket Object versions': 'ListObjectVersions',
  'HEAD Bucket': 'HeadBucket',
  'Delete Multiple Objects': 'DeleteObjects',
};

/**
 * Event names whose API reference page is named differently, and why. Every other entry's page is its own name
 * (with the control_ prefix for S3 Control).
 */
const ALIASES: Record<string, string> = {
  // Account-wide Block Public Access is the S3 Control PublicAccessBlock action.
  PutAccountPublicAccessBlock: 'control_PutPublicAccessBlock',
  GetAccountPublicAccessBlock: 'control_GetPublicAccessBlock',
  DeleteAccountPublicAccessBlock: 'control_DeletePublicAccessBlock',
  // Bucket Block Public Access is the S3 (bucket) PublicAccessBlock action.
  PutBucketPublicAccessBlock: 'PutPublicAccessBlock',
  GetBucketPublicAccessBlock: 'GetPublicAccessBlock',
  DeleteBucketPublicAccessBlock: 'DeletePublicAccessBlock',
  // CloudTrail names the Transfer Acceleration calls without "Bucket".
  GetAccelerateConfiguration: 'GetBucketAccelerateConfiguration',
  PutAccelerateConfiguration: 'PutBucketAccelerateConfiguration',
  // CloudTrail names the bucket's Object Lock configuration calls with "Bucket".
  GetBucketObjectLockConfiguration: 'GetObjectLockConfiguration',
  PutBucketObjectLockConfiguration: 'PutObjectLockConfiguration',
  // The lifecycle and notification events keep their old names; the current actions are the …Configuration pages
  // (the user guide links them so; the old-named pages describe deprecated request formats).
  GetBucketLifecycle: 'GetBucketLifecycleConfiguration',
  PutBucketLifecycle: 'PutBucketLifecycleConfiguration',
  GetBucketNotification: 'GetBucketNotificationConfiguration',
  PutBucketNotification: 'PutBucketNotificationConfiguration',
};

/** Events with no page of their own in the current API reference. */
const NO_PAGE = ['PreflightRequest', 'JobCreated', 'JobStatusChanged'];

/** POST Object has no API_ page; its legacy page is the one the API reference still serves for it. */
const LEGACY_PAGES: Record<string, string> = { PostObject: 'https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html' };

const URL_SHAPE = /^https:\/\/docs\.aws\.amazon\.com\/AmazonS3\/latest\/API\/API_(control_)?([A-Z][A-Za-z0-9]+)\.html$/;
const OLD_PAGE = /REST[A-Za-z]*\.html|mpUpload|SOAP[A-Za-z]*\.html|multiobjectdeleteapi|v2-RESTBucketGET|RESTOPTIONSobject/;

function event(name: string): S3Event {
  const found = findS3Event(name);
  assert.ok(found, `${name} is in the catalogue`);
  return found;
}

function urlsOf(e: S3Event): string[] {
  return [e.api, e.bucketApi].filter((api): api is string => api !== undefined).map(apiReferenceUrl);
}

const S3 = 's3.amazonaws.com';

describe('the catalogue covers the seed page', () => {
  const seed = readSeed();

  test('the seed parses into its lists', () => {
    assert.deepEqual(seed.account, ['DeletePublicAccessBlock', 'GetPublicAccessBlock', 'PutPublicAccessBlock']);
    assert.equal(new Set(seed.bucket).size, 37);
    assert.equal(seed.object.length, 19);
    assert.deepEqual(seed.bucketOpsAsObject.sort(), Object.keys(BUCKET_OPS_AS_OBJECT).sort());
    assert.equal(seed.soap.length, 7);
  });

  test('account-level names classify as account level without a bucket, management events', () => {
    for (const name of seed.account) {
      const c = classifyEvent(name, S3, {});
      assert.equal(c.level, 'account', name);
      assert.equal(c.kind, 'management', name);
      assert.equal(event(name).inSeed, true, name);
    }
  });

  test('bucket-level names classify as bucket level on a bucket record, management events', () => {
    for (const name of seed.bucket) {
      const c = classifyEvent(name, S3, { bucketName: 'amzn-s3-demo-bucket' });
      assert.equal(c.level, 'bucket', name);
      assert.equal(c.kind, 'management', name);
      assert.equal(event(name).inSeed, true, name);
    }
  });

  test('object-level names classify as object level, data events', () => {
    for (const name of seed.object) {
      const c = classifyEvent(name, S3, { bucketName: 'amzn-s3-demo-bucket', key: 'a/b.txt' });
      assert.equal(c.level, 'object', name);
      assert.equal(c.kind, 'data', name);
      assert.equal(event(name).inSeed, true, name);
    }
  });

  test('the bucket operations logged as object-level events, and ListObjects, are object-level data events', () => {
    for (const name of [...Object.values(BUCKET_OPS_AS_OBJECT), 'ListObjects']) {
      const e = event(name);
      assert.equal(e.level, 'object', name);
      assert.equal(e.kind, 'data', name);
      assert.equal(classifyEvent(name, S3, { bucketName: 'amzn-s3-demo-bucket' }).level, 'object', name);
    }
  });

  test('SOAP operations are listed under the event name they are logged as', () => {
    for (const [soap, name] of seed.soap) {
      assert.ok(event(name).soap?.includes(soap), `${soap} -> ${name}`);
      assert.equal(event(name).level, 'bucket', name);
    }
    const soapNames = S3_EVENTS.flatMap((e) => e.soap ?? []);
    assert.deepEqual(soapNames.sort(), seed.soap.map(([soap]) => soap).sort());
  });

  test('the OPTIONS object preflight is the bucket-level PreflightRequest event, with no API page', () => {
    const e = event('PreflightRequest');
    assert.equal(e.level, 'bucket');
    assert.equal(e.api, undefined);
    assert.equal(classifyEvent('PreflightRequest', S3, { bucketName: 'b', key: 'k' }).url, undefined);
  });

  test('inSeed marks exactly the names the seed lists', () => {
    const seedNames = new Set([
      ...seed.account,
      ...seed.bucket,
      ...seed.object,
      ...Object.values(BUCKET_OPS_AS_OBJECT),
      ...seed.soap.map(([, n]) => n),
      'PreflightRequest',
    ]);
    assert.deepEqual(
      S3_EVENTS.filter((e) => e.inSeed)
        .map((e) => e.name)
        .sort(),
      [...seedNames].sort(),
    );
  });

  test('the seed page link is its current user guide address', () => {
    assert.equal(SEED_PAGE_URL, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging.html');
  });
});

describe('every link names its own action', () => {
  test('no duplicate names', () => {
    const names = S3_EVENTS.map((e) => e.name);
    assert.equal(new Set(names).size, names.length);
    for (const e of S3_EVENTS) assert.equal(findS3Event(e.name), e);
  });

  test('every URL is a current API reference page for the action itself or a listed alias', () => {
    for (const e of S3_EVENTS) {
      for (const url of urlsOf(e)) {
        if (LEGACY_PAGES[e.name] === url) continue;
        const m = URL_SHAPE.exec(url);
        assert.ok(m, `${e.name}: ${url}`);
        const api = url.slice(url.lastIndexOf('/API_') + 5, -'.html'.length);
        if (m[2] !== e.name) assert.equal(ALIASES[e.name], api, `${e.name} links ${url}`);
      }
    }
  });

  test('the alias table is exactly the entries whose page is named differently', () => {
    for (const [name, api] of Object.entries(ALIASES)) assert.equal(event(name).api, api, name);
    const renamed = S3_EVENTS.filter((e) => e.api !== undefined && e.api.replace(/^control_/, '') !== e.name).map((e) => e.name);
    assert.deepEqual(renamed.sort(), Object.keys(ALIASES).sort());
  });

  test('GetBucketLifecycle links the lifecycle page, never an encryption page', () => {
    const url = classifyEvent('GetBucketLifecycle', S3, { bucketName: 'b' }).url;
    assert.equal(url, 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html');
    for (const e of S3_EVENTS) {
      if (!e.name.includes('Encryption')) for (const url of urlsOf(e)) assert.ok(!url.includes('Encryption'), `${e.name}: ${url}`);
    }
  });

  test('S3 Control pages belong to account-level events, and account-level pages are S3 Control pages', () => {
    for (const e of S3_EVENTS) {
      if (e.api === undefined) continue;
      assert.equal(e.api.startsWith('control_'), e.level === 'account', `${e.name}: ${e.api}`);
    }
  });

  test('only the events without a current page of their own have no link', () => {
    assert.deepEqual(
      S3_EVENTS.filter((e) => e.api === undefined)
        .map((e) => e.name)
        .sort(),
      [...NO_PAGE].sort(),
    );
  });

  test('no URL anywhere uses the old REST, multipart or SOAP page names, but for the one legacy page listed', () => {
    const legacy = Object.values(LEGACY_PAGES);
    for (const e of S3_EVENTS) for (const url of urlsOf(e)) if (!legacy.includes(url)) assert.doesNotMatch(url, OLD_PAGE, e.name);
    assert.doesNotMatch(SEED_PAGE_URL, OLD_PAGE);
    const source = readFileSync(CATALOGUE_SOURCE, 'utf8');
    const urls = source.match(/https?:\/\/[^\s'"`)]+/g) ?? [];
    assert.ok(urls.length > 0);
    for (const url of urls) assert.doesNotMatch(url, OLD_PAGE, url);
    assert.deepEqual([...LEGACY_API_PAGES.keys()].map(apiReferenceUrl), legacy, "the catalogue's legacy pages are exactly these");
  });

  test('every entry has a one-line description', () => {
    for (const e of S3_EVENTS) assert.ok(e.description.length > 10 && !e.description.includes('\n'), e.name);
  });
});

describe('classifyEvent', () => {
  const trio = [
    ['PutPublicAccessBlock', 'control_PutPublicAccessBlock', 'PutPublicAccessBlock'],
    ['GetPublicAccessBlock', 'control_GetPublicAccessBlock', 'GetPublicAccessBlock'],
    ['DeletePublicAccessBlock', 'control_DeletePublicAccessBlock', 'DeletePublicAccessBlock'],
  ] as const;

  test('the PublicAccessBlock trio is account level without a bucket, with the S3 Control page', () => {
    for (const [name, accountApi] of trio) {
      for (const request of [{}, { bucketName: '' }, { bucketName: 42 }, { bucketName: null }]) {
        const c = classifyEvent(name, S3, request);
        assert.equal(c.level, 'account', `${name} ${JSON.stringify(request)}`);
        assert.equal(c.url, apiReferenceUrl(accountApi));
        assert.equal(c.event, findS3Event(name));
      }
    }
  });

  test('the PublicAccessBlock trio is bucket level when the request names a bucket, with the bucket page', () => {
    for (const [name, , bucketApi] of trio) {
      const c = classifyEvent(name, S3, { bucketName: 'amzn-s3-demo-bucket' });
      assert.equal(c.level, 'bucket', name);
      assert.equal(c.url, apiReferenceUrl(bucketApi));
      assert.equal(c.kind, 'management');
    }
  });

  test('the Account and Bucket PublicAccessBlock names keep their level whatever the request', () => {
    assert.equal(classifyEvent('PutAccountPublicAccessBlock', S3, { bucketName: 'b' }).level, 'account');
    assert.equal(classifyEvent('PutAccountPublicAccessBlock', S3, {}).url, apiReferenceUrl('control_PutPublicAccessBlock'));
    assert.equal(classifyEvent('GetBucketPublicAccessBlock', S3, {}).level, 'bucket');
    assert.equal(classifyEvent('GetBucketPublicAccessBlock', S3, { bucketName: 'b' }).url, apiReferenceUrl('GetPublicAccessBlock'));
  });

  test('an event source other than S3 is other, whatever the name', () => {
    assert.deepEqual(classifyEvent('PutObject', 'iam.amazonaws.com', { bucketName: 'b', key: 'k' }), { level: 'other' });
    assert.deepEqual(classifyEvent('CreateSession', 's3express.amazonaws.com', { bucketName: 'b' }), { level: 'other' });
    assert.deepEqual(classifyEvent('GetObject', undefined, {}), { level: 'other' });
  });

  test('unknown S3 names are classified by what the request names', () => {
    assert.deepEqual(classifyEvent('FutureObjectCall', S3, { bucketName: 'b', key: 'k' }), { level: 'object' });
    assert.deepEqual(classifyEvent('FutureObjectCall', S3, { key: 'k' }), { level: 'object' });
    assert.deepEqual(classifyEvent('FutureBucketCall', S3, { bucketName: 'b' }), { level: 'bucket' });
    assert.deepEqual(classifyEvent('FutureBucketCall', S3, { bucketName: 'b', key: '' }), { level: 'bucket' });
    assert.deepEqual(classifyEvent('FutureAccountCall', S3, {}), { level: 'account' });
    assert.deepEqual(classifyEvent('FutureAccountCall', S3, { bucketName: '' }), { level: 'account' });
    assert.deepEqual(classifyEvent(undefined, S3, { bucketName: 'b' }), { level: 'bucket' });
  });

  test('names match exactly', () => {
    assert.equal(findS3Event('getobject'), undefined);
    assert.equal(classifyEvent('getobject', S3, {}).event, undefined);
  });

  test('a known event keeps its level, kind and page', () => {
    assert.deepEqual(classifyEvent('GetObject', S3, { bucketName: 'b', key: 'k' }), {
      level: 'object',
      event: findS3Event('GetObject'),
      kind: 'data',
      api: 'GetObject',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html',
    });
    assert.equal(classifyEvent('HeadBucket', S3, { bucketName: 'b' }).level, 'object');
    assert.equal(classifyEvent('ListBuckets', S3, {}).level, 'bucket');
    assert.equal(classifyEvent('CreateJob', S3, {}).url, 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateJob.html');
    assert.equal(
      classifyEvent('GetAccelerateConfiguration', S3, { bucketName: 'b' }).url,
      apiReferenceUrl('GetBucketAccelerateConfiguration'),
    );
    assert.equal(
      classifyEvent('PostObject', S3, { bucketName: 'b', key: 'k' }).url,
      'https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html',
    );
  });
});
