import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiReferenceUrl, SEED_PAGE_URL } from '../../server/src/cloudtrail/eventCatalogue';
import { hoverAt } from '../../server/src/features/hover';
import { parseLog } from '../../server/src/parse/parseLog';
import { catalogueLog, LEVEL_WORDS } from '../support/catalogueLog';

/** Hover at the first occurrence of `needle` (plus `into` characters) in `text`. */
function hover(text: string, needle: string, into = 1, from = 0): string {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} is in the text`);
  return hoverAt(text, parseLog(text), at + into)?.markdown ?? '';
}

function log(...records: unknown[]): string {
  return JSON.stringify({ Records: records }, null, 2);
}

/** Every link in the Markdown, as [label, url]. */
function links(markdown: string): string[][] {
  return [...markdown.matchAll(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(([^)]*)\)/g)].map((m) => [m[1]!, m[2]!]);
}

describe('hover: every S3 catalogue event', () => {
  const { text, cases } = catalogueLog();
  const parsed = parseLog(text);

  test('links its own API reference page and names its level', () => {
    let from = 0;
    for (const c of cases) {
      const at = text.indexOf(`"eventName": "${c.event.name}"`, from);
      from = at + 1;
      const markdown = hoverAt(text, parsed, at + '"eventName": "'.length + 1)?.markdown ?? '';
      const where = `${c.event.name}${c.withBucket ? ' with a bucket' : ''}`;
      assert.ok(markdown.includes(LEVEL_WORDS[c.level]), `${where}: level ${c.level} in\n${markdown}`);
      assert.ok(markdown.includes(`${c.event.kind} event`), `${where}: ${c.event.kind}`);
      const urls = links(markdown).map(([, url]) => url);
      if (c.api) assert.ok(urls.includes(apiReferenceUrl(c.api)), `${where}: links ${apiReferenceUrl(c.api)}, got ${urls.join(', ')}`);
      assert.ok(urls.includes(SEED_PAGE_URL), `${where}: links the CloudTrail page`);
      assert.ok(
        urls.every((u) => u.startsWith('https://docs.aws.amazon.com/')),
        `${where}: only AWS documentation links`,
      );
    }
  });

  test('GetBucketLifecycle does not point at the encryption page', () => {
    const markdown = hover(
      log({ eventSource: 's3.amazonaws.com', eventName: 'GetBucketLifecycle', requestParameters: { bucketName: 'b' } }),
      '"GetBucketLifecycle"',
    );
    assert.ok(links(markdown).some(([, url]) => /Lifecycle/.test(url)));
    assert.ok(!links(markdown).some(([, url]) => /ncryption/.test(url)));
  });
});

test('PostObject links its legacy API reference page, the only one POST Object has', () => {
  const markdown = hover(
    log({ eventSource: 's3.amazonaws.com', eventName: 'PostObject', requestParameters: { bucketName: 'b', key: 'k' } }),
    '"PostObject"',
  );
  assert.ok(
    links(markdown).some(
      ([label, url]) =>
        label === 'PostObject in the Amazon S3 API Reference' &&
        url === 'https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html',
    ),
    markdown,
  );
});

describe('hover: other services and unknown names', () => {
  test("another service's event names the service and links nothing of S3's API", () => {
    const markdown = hover(log({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole' }), '"AssumeRole"');
    assert.match(markdown, /AWS STS/);
    assert.deepEqual(links(markdown), []);
  });

  test('an S3 event outside the catalogue is classified from its request', () => {
    const markdown = hover(
      log({ eventSource: 's3.amazonaws.com', eventName: 'GetBrandNewThing', requestParameters: { bucketName: 'b', key: 'k' } }),
      '"GetBrandNewThing"',
    );
    assert.match(markdown, /object-level/);
  });
});

describe('hover: fields and values', () => {
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
      accountId: '111122223333',
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      sessionContext: { sessionIssuer: { type: 'Role', accountId: '111122223333' } },
    },
    eventTime: '2024-03-05T10:05:30Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    sourceIPAddress: 's3.amazonaws.com',
    additionalEventData: { SignatureVersion: 'SigV4', CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256' },
    resources: [{ type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::amzn-s3-demo-bucket', accountId: '444455556666' }],
    recipientAccountId: '111122223333',
    tlsDetails: { tlsVersion: 'TLSv1.3' },
  };
  const previous = { eventTime: '2024-03-05T10:02:00Z', eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' };
  const text = log(previous, record, { eventName: 'IAMUserCall', userIdentity: { type: 'IAMUser', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } });

  test('a field name explains the field', () => {
    assert.match(hover(text, '"userIdentity"'), /Who made the request/);
    assert.match(hover(text, '"SignatureVersion"'), /signature version/i);
    assert.match(hover(text, '"CipherSuite"'), /cipher suite/i);
    assert.match(hover(text, '"tlsVersion"'), /TLS/);
    assert.match(hover(text, '"recipientAccountId"'), /delivered/);
  });

  test('userIdentity.type says what kind of caller it is', () => {
    assert.match(hover(text, '"AssumedRole"'), /assuming an IAM role/);
  });

  test('an ARN is taken apart', () => {
    const markdown = hover(text, '"arn:aws:sts::');
    for (const row of ['Partition | aws', 'Service | sts', 'Account | 111122223333', 'Resource | assumed\\-role\\/Admin\\/alice'])
      assert.ok(markdown.includes(row), row);
    assert.match(markdown, /Region \| global/);
  });

  test('access key IDs: temporary ASIA and long-term AKIA', () => {
    assert.match(hover(text, '"ASIA'), /temporary credentials/);
    assert.match(hover(text, '"AKIA'), /long-term key/);
  });

  test('eventTime in UTC, in local time, and the gap to the previous record', () => {
    const markdown = hover(text, '"2024-03-05T10:05:30Z"');
    assert.ok(markdown.includes('UTC | 2024\\-03\\-05T10\\:05\\:30Z'), markdown);
    assert.match(markdown, /Local time/);
    assert.match(markdown, /3 min 30 s after the previous record/);
  });

  test('an account ID says its role in the record', () => {
    assert.match(hover(text, '"111122223333"', 1, text.indexOf('"recipientAccountId"')), /the caller, the session issuer, the recipient/);
    assert.match(hover(text, '"444455556666"'), /a resource owner/);
  });

  test('sourceIPAddress: an address or an AWS service', () => {
    assert.match(hover(text, '"s3.amazonaws.com"', 1, text.indexOf('"sourceIPAddress"')), /An AWS service made this call/);
    assert.match(hover(log({ sourceIPAddress: '192.0.2.1' }), '"192.0.2.1"'), /IPv4/);
    assert.match(hover(log({ sourceIPAddress: '2001:db8::1' }), '"2001:db8::1"'), /IPv6/);
  });

  test('outside any record there is nothing to say', () => {
    assert.equal(hoverAt(text, parseLog(text), 2), null);
    assert.equal(hoverAt('not json', parseLog('not json'), 3), null);
  });

  test('hovers come from a broken file too', () => {
    const broken = '{"Records":[{"eventSource":"s3.amazonaws.com" "eventName":"PutBucketAcl","requestParameters":{"bucketName":"b"}},';
    assert.match(hover(broken, '"PutBucketAcl"'), /bucket-level/);
  });
});

describe('hover: log text is hostile', () => {
  const hostile = [
    '[click me](command:workbench.action.terminal.new)',
    '![x](https://evil.example/pixel.png)',
    '<img src=x onerror=alert(1)>',
    '<a href="command:workbench.action.quit">quit</a>',
    'https://evil.example/phish',
    'www.evil.example',
    '`code` **bold** _it_ # heading',
    '[ref]: command:x',
    '[ref] and ][ and [x][ref]',
    'line\n\n# injected heading\n[x](command:y)',
  ];

  for (const value of hostile) {
    test(JSON.stringify(value), () => {
      for (const field of ['eventName', 'eventSource', 'sourceIPAddress', 'userAgent', 'eventTime']) {
        const text = log({ eventSource: 's3.amazonaws.com', [field]: value });
        const markdown = hover(text, JSON.stringify(value), 1);
        const inert = markdown.replace(/\\./g, '');
        assert.ok(!/[<>]/.test(inert), `${field}: no raw HTML in ${markdown}`);
        assert.ok(!/command:|https?:\/\/evil|www\.evil/.test(inert), `${field}: no live link`);
        assert.ok(
          links(markdown).every(([, url]) => url.startsWith('https://docs.aws.amazon.com/')),
          `${field}: only our links`,
        );
        assert.ok(!markdown.includes('\n#'), `${field}: no injected heading`);
        // A bracket left live could open or close a link with any other: every one from the log is escaped.
        const ours = markdown.replace(/(?<!\\)\[(?:\\.|[^\]\\])*\]\(https:\/\/docs\.aws\.amazon\.com\/[^)]*\)/g, '');
        assert.ok(!/[[\]]/.test(ours.replace(/\\./g, '')), `${field}: a bracket from the log is live in ${markdown}`);
      }
    });
  }
});
