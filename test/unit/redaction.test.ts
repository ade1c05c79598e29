/** Redaction for sharing: every kind of identifier replaced wherever it is, consistently, in its own shape; the log still CloudTrail. */
import assert from 'node:assert/strict';
import { isIPv4, isIPv6 } from 'node:net';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readJson, writeJson } from '../../server/src/export/jsonTree';
import { ipv4Pseudonym, ipv6Pseudonym, keyPseudonym, Pseudonyms } from '../../server/src/export/pseudonyms';
import { Redactor } from '../../server/src/export/redaction';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateRecords } from '../support/generateLog';

const redacted = (redactor: Redactor, value: unknown) =>
  JSON.parse(writeJson(redactor.redact(readJson(JSON.stringify(value))!))) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ACCOUNT = '123456789012';
const ASSUMED = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAQNZGKIQY56EXAMPLE:jane@example.com',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Incident-Admin/jane@example.com`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAQNZGKIQY56EXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAQNZGKIQY56EXAMPLE',
        arn: `arn:aws:iam::${ACCOUNT}:role/Incident-Admin`,
        accountId: ACCOUNT,
        userName: 'Incident-Admin',
      },
    },
  },
  eventTime: '2026-11-01T01:02:03Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'AttachUserPolicy',
  awsRegion: 'us-east-1',
  sourceIPAddress: '81.2.69.160',
  userAgent: 'Mozilla/5.0 Chrome/120.0.0.0',
  errorMessage: `User: arn:aws:sts::${ACCOUNT}:assumed-role/Incident-Admin/jane@example.com is not authorized from 2a02:8070:1::5 or 10.1.2.3`,
  requestParameters: {
    userName: 'jane@example.com',
    policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    bucketName: 'acme-secrets',
    Host: 'acme-secrets.s3.us-east-1.amazonaws.com',
    cidrIp: '0.0.0.0/0',
    policyDocument: `{"Statement":[{"Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Condition":{"IpAddress":{"aws:SourceIp":"81.2.69.0/24"}}}]}`,
  },
  responseElements: { role: { arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS` } },
  resources: [{ ARN: `arn:aws:s3:::acme-secrets/reports/q3.csv`, accountId: ACCOUNT }],
  recipientAccountId: ACCOUNT,
  invokedBy: 's3.amazonaws.com',
};

describe('redaction', () => {
  test('every kind of identifier is replaced wherever it occurs, the same value by the same pseudonym', () => {
    const redactor = new Redactor();
    const r = redacted(redactor, ASSUMED);
    const text = JSON.stringify(r);
    for (const original of [
      ACCOUNT,
      'ASIAQNZGKIQY56EXAMPLE',
      'AROAQNZGKIQY56EXAMPLE',
      'jane@example.com',
      'Incident-Admin',
      '81.2.69.160',
      '81.2.69.0',
      '2a02:8070:1::5',
      '10.1.2.3',
      'acme-secrets',
    ]) {
      assert.ok(!text.includes(original), `${original} is gone`);
    }
    const p = redactor.pseudonyms;
    const account = p.account(ACCOUNT);
    const session = p.name('jane@example.com', 'x');
    const role = p.name('Incident-Admin', 'x');
    assert.equal(r.userIdentity.accountId, account);
    assert.equal(r.recipientAccountId, account);
    assert.equal(r.resources[0].accountId, account);
    // A name inside an ARN and the same name in userName or principalId: one pseudonym.
    assert.equal(r.userIdentity.arn, `arn:aws:sts::${account}:assumed-role/${role}/${session}`);
    assert.equal(r.userIdentity.sessionContext.sessionIssuer.userName, role);
    assert.equal(r.userIdentity.sessionContext.sessionIssuer.arn, `arn:aws:iam::${account}:role/${role}`);
    assert.equal(r.requestParameters.userName, session);
    assert.equal(r.userIdentity.principalId, `${p.accessKey('AROAQNZGKIQY56EXAMPLE')}:${session}`);
    assert.equal(r.userIdentity.sessionContext.sessionIssuer.principalId, p.accessKey('AROAQNZGKIQY56EXAMPLE'));
    assert.equal(
      r.errorMessage,
      `User: ${r.userIdentity.arn} is not authorized from ${p.ip('2a02:8070:1::5', 6)} or ${p.ip('10.1.2.3', 4)}`,
    );
    const bucket = p.name('acme-secrets', 'x');
    assert.equal(r.requestParameters.bucketName, bucket);
    assert.equal(r.requestParameters.Host, `${bucket}.s3.us-east-1.amazonaws.com`);
    // An object's key is kept, its bucket replaced.
    assert.equal(r.resources[0].ARN, `arn:aws:s3:::${bucket}/reports/q3.csv`);
    assert.equal(
      r.requestParameters.policyDocument,
      `{"Statement":[{"Principal":{"AWS":"arn:aws:iam::${account}:root"},"Condition":{"IpAddress":{"aws:SourceIp":"${p.ip('81.2.69.0', 4)}/24"}}}]}`,
    );
  });

  test('pseudonyms keep their values’ shapes: 12 digits, key prefixes and lengths, documentation IPs, valid names', () => {
    const r = redacted(new Redactor(), ASSUMED);
    assert.match(r.userIdentity.accountId, /^\d{12}$/);
    assert.match(r.userIdentity.accessKeyId, /^ASIA[A-Z0-9]{17}$/);
    assert.equal(r.userIdentity.sessionContext.sessionIssuer.principalId.length, 'AROAQNZGKIQY56EXAMPLE'.length);
    assert.ok(isIPv4(r.sourceIPAddress) && /^(192\.0\.2|198\.51\.100|203\.0\.113)\./.test(r.sourceIPAddress), r.sourceIPAddress);
    assert.match(r.userIdentity.arn, /^arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/);
    assert.match(r.requestParameters.bucketName, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
    for (let n = 0; n < 140_000; n += 997) assert.ok(isIPv4(ipv4Pseudonym(n)), ipv4Pseudonym(n));
    assert.equal(ipv4Pseudonym(0), '192.0.2.1');
    assert.equal(ipv4Pseudonym(761), '203.0.113.254');
    assert.equal(ipv4Pseudonym(762), '198.18.0.1');
    for (const n of [0, 0xfffe, 0xffff, 1e6])
      assert.ok(isIPv6(ipv6Pseudonym(n)) && ipv6Pseudonym(n).startsWith('2001:db8::'), ipv6Pseudonym(n));
    assert.equal(keyPseudonym('AKIAIOSFODNN7EXAMPLE', 0), 'AKIAEXAMPLE000000001');
  });

  test('AWS’s own values, times, IDs and the user agent are kept', () => {
    const r = redacted(new Redactor(), ASSUMED);
    assert.equal(r.requestParameters.policyArn, 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.match(r.responseElements.role.arn, /:role\/aws-service-role\/ecs\.amazonaws\.com\/AWSServiceRoleForECS$/);
    assert.equal(r.requestParameters.cidrIp, '0.0.0.0/0');
    assert.equal(r.invokedBy, 's3.amazonaws.com');
    assert.equal(r.userAgent, ASSUMED.userAgent);
    assert.equal(r.eventTime, ASSUMED.eventTime);
    const { userIdentity, sourceIPAddress, errorMessage, requestParameters, responseElements, resources, recipientAccountId, ...rest } = r;
    const {
      userIdentity: _u,
      sourceIPAddress: _s,
      errorMessage: _e,
      requestParameters: _q,
      responseElements: _r,
      resources: _x,
      recipientAccountId: _a,
      ...same
    } = ASSUMED;
    assert.deepEqual(rest, same);
    assert.ok(userIdentity && sourceIPAddress && errorMessage && requestParameters && responseElements && resources && recipientAccountId);
  });

  test('a pseudonym is never a value the export holds: reserved values are skipped', () => {
    const pseudonyms = new Pseudonyms();
    pseudonyms.reserve('192.0.2.1');
    pseudonyms.reserve('user-1');
    assert.equal(pseudonyms.ip('198.51.100.9', 4), '192.0.2.2');
    assert.equal(pseudonyms.name('alice', 'user'), 'user-2');
    // A value met as an original is reserved from then on.
    assert.equal(pseudonyms.account('000000000002'), '000000000001');
    assert.equal(pseudonyms.account('111122223333'), '000000000003');
    assert.deepEqual(
      pseudonyms.entries().map((e) => `${e.kind} ${e.original} ${e.pseudonym}`),
      ['ip 198.51.100.9 192.0.2.2', 'name alice user-2', 'account 000000000002 000000000001', 'account 111122223333 000000000003'],
    );
  });

  test('a redacted generated log still parses and reads as CloudTrail, with the same events and record count', () => {
    const records = generateRecords(17, 300);
    const redactor = new Redactor();
    const text = `{"Records":[${records.map((r) => writeJson(redactor.redact(readJson(JSON.stringify(r))!))).join(',')}]}`;
    const before = parseLog(JSON.stringify({ Records: records }));
    const after = parseLog(text);
    assert.equal(after.shape, before.shape);
    assert.deepEqual(after.syntax, []);
    const events = (log: typeof before) =>
      summarize(log).map((s) => `${s.eventSource} ${s.eventName} ${s.eventTime} ${s.level} ${s.errorCode ?? ''}`);
    assert.deepEqual(events(after), events(before));
    // Nothing but identifiers changed: the same keys everywhere.
    const keys = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? '' : v));
    assert.equal(keys(JSON.parse(text)), keys({ Records: records }));
  });

  test('the pseudonyms an export keeps hold none of the records’ texts', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const padding = 'x'.repeat(2 * 1024 * 1024);
    const redactor = new Redactor();
    const before = live();
    for (let i = 0; i < 20; i++) {
      // A new text each time, as records read back from disk are.
      // Values long enough that V8 would make them views into the text rather than copies.
      const text = `{"sourceIPAddress":"2001:db8:aaaa:bbbb::${i}","userName":"a-long-user-name-${i}","pad":"${padding}${i}"}`;
      writeJson(redactor.redact(readJson(text)!));
    }
    const grown = live() - before;
    assert.equal(redactor.pseudonyms.entries().length, 40);
    // 20 texts of 2 MB each: a pseudonym keeping its text would keep 40 MB (one may stay as a regular expression's last input).
    assert.ok(grown < 8 * 1024 * 1024, `${(grown / 1024 / 1024).toFixed(1)} MB kept by 40 pseudonyms`);
  });
});
