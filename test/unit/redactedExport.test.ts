/**
 * A redacted export of records holding every kind of identifier in every place it can be (top-level fields, nested
 * parameters and responses, additionalEventData, error messages, user agents, ARNs, S3 keys and URIs, map keys, policy
 * documents URL-encoded and as JSON in a string): none is left in any format, the records keep their shape, and one
 * value has one pseudonym everywhere.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeExport } from '../../server/src/export/exportFile';
import { summarize } from '../../server/src/features/recordSummary';
import { parseLog } from '../../server/src/parse/parseLog';

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('redacting an export: every kind of identifier planted everywhere it can be', () => {
  const A = '444455556666';
  const A_HYPHENS = '4444-5555-6666';
  const EMAIL = 'mallory.ops@corp-example.net';
  const IP = '81.2.69.161';
  const PRIVATE = '10.20.30.40';
  const KEY = 'AKIA2QXVTESTPLANT001';
  const USER = 'mallory';
  const ROLE = 'BreakGlass';
  const BUCKET = 'acme-evidence-store';
  const ORG = 'acme-sec';
  const REPO = 'break-glass-tools';
  const SUBJECT = `repo:${ORG}/${REPO}:ref:refs/heads/main`;
  const GOOGLE_SUB = '112233445566778899001';
  const EXTERNAL = 'ext-7f3a9c2b-acme';
  const PLANTED = [A, A_HYPHENS, EMAIL, IP, PRIVATE, 'ip-10-20-30-40', KEY, USER, ROLE, BUCKET, ORG, REPO, GOOGLE_SUB, EXTERNAL];

  const roleArn = `arn:aws:iam::${A}:role/${ROLE}`;
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL } } },
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': SUBJECT } },
      },
    ],
  };
  // A policy as JSON in a string, laid out on lines, with the account written as a number.
  const policy = JSON.stringify(
    {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: Number(A) }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/${EMAIL}/*` },
        { Effect: 'Deny', Condition: { IpAddress: { 'aws:SourceIp': `${PRIVATE}/32` }, StringEquals: { 'sts:ExternalId': EXTERNAL } } },
      ],
    },
    null,
    2,
  );
  const identity = {
    type: 'IAMUser',
    principalId: 'AIDA2QXVTESTPLANT0042',
    arn: `arn:aws:iam::${A}:user/${USER}`,
    accountId: A,
    accessKeyId: KEY,
    userName: USER,
  };
  const base = (eventName: string, eventTime: string, eventSource: string) => ({
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime,
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: IP,
  });
  const PUT_AGENT = '[aws-sdk-java/1.12.488 Linux/5.10.184 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372]';
  const records = [
    {
      ...base('CreateRole', '2026-11-02T03:04:05Z', 'iam.amazonaws.com'),
      userAgent: `aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64 acct/${A} ip/${PRIVATE} (from ${IP}) host/ip-10-20-30-40.ec2.internal`,
      requestParameters: {
        roleName: ROLE,
        assumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
        description: `Break glass for ${EMAIL}, account ${A_HYPHENS}`,
        tags: [{ key: 'owner', value: EMAIL }],
      },
      responseElements: { role: { arn: roleArn, roleName: ROLE, assumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)) } },
      resources: [{ ARN: roleArn, accountId: Number(A), type: 'AWS::IAM::Role' }],
      recipientAccountId: A,
    },
    {
      ...base('AssumeRoleWithWebIdentity', '2026-11-02T03:05:00Z', 'sts.amazonaws.com'),
      userIdentity: { type: 'WebIdentityUser', userName: SUBJECT, identityProvider: `token.actions.githubusercontent.com` },
      userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36 acct/${A}`,
      requestParameters: { roleArn, roleSessionName: 'gha-run', externalId: EXTERNAL },
      responseElements: {
        subjectFromWebIdentityToken: SUBJECT,
        assumedRoleUser: { arn: `arn:aws:sts::${A}:assumed-role/${ROLE}/gha-run` },
      },
      additionalEventData: { sub: GOOGLE_SUB, UserName: EMAIL, accountNumber: Number(A), account: A_HYPHENS },
      recipientAccountId: A,
    },
    {
      ...base('PutObject', '2026-11-02T03:06:00Z', 's3.amazonaws.com'),
      userAgent: PUT_AGENT,
      requestParameters: {
        bucketName: BUCKET,
        Host: `${BUCKET}.s3.us-east-1.amazonaws.com`,
        key: `uploads/${EMAIL}/AWSLogs/${A}/CloudTrail/us-east-1/${A}_CloudTrail_us-east-1_20261102T0305Z_x1.json.gz`,
        tagging: { [A]: 'owner-account', [EMAIL]: 'contact', [roleArn]: 'assumer', [PRIVATE]: 'bastion', 'ip-10-20-30-40': 'host' },
        policyDocument: policy,
      },
      additionalEventData: { source: `s3://${BUCKET}/uploads/${EMAIL}/AWSLogs/${A}/report.csv`, numbers: [Number(A)] },
      errorCode: 'AccessDenied',
      errorMessage: `User ${EMAIL} from ${PRIVATE} (ip-10-20-30-40.ec2.internal) in ${A_HYPHENS} cannot write s3://${BUCKET}/x`,
      resources: [{ ARN: `arn:aws:s3:::${BUCKET}/uploads/${EMAIL}/AWSLogs/${A}/dump.csv` }, { accountId: A, type: 'AWS::S3::Bucket' }],
    },
    {
      ...base('CreateAccount', '2026-11-02T03:07:00Z', 'organizations.amazonaws.com'),
      requestParameters: { email: EMAIL, accountName: 'forensics' },
      responseElements: { createAccountStatus: { accountId: A, requestedBy: EMAIL } },
    },
  ];
  const columns = [
    'eventTime',
    'eventName',
    'userIdentity',
    'userAgent',
    'sourceIPAddress',
    'requestParameters',
    'responseElements',
    'additionalEventData',
    'errorMessage',
    'resources',
  ];

  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-redaction-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const exportAs = async (format: 'cloudtrail' | 'jsonl' | 'csv') => {
    const file = path.join(dir, `planted.${format}`);
    const texts = records.map((r) => JSON.stringify(r));
    const summaries = summarize(parseLog(JSON.stringify({ Records: records })));
    const result = await writeExport(summaries, each(texts), { format, path: file, columns, redact: true, keepMapping: true });
    return { text: readFileSync(file, 'utf8'), mapping: result?.mapping ?? [] };
  };
  /** The text with every URL-encoded run decoded, so a value hidden by encoding is found too. */
  const decoded = (text: string) =>
    text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });

  test('no planted value is left, in any format, nor the account in any spelling', async () => {
    const leaks: string[] = [];
    for (const format of ['cloudtrail', 'jsonl', 'csv'] as const) {
      const { text } = await exportAs(format);
      for (const value of PLANTED) {
        if (text.includes(value)) leaks.push(`${format}: ${value}`);
        else if (decoded(text).includes(value)) leaks.push(`${format}, URL-decoded: ${value}`);
      }
    }
    assert.deepEqual(leaks, []);
  });

  test('the structure, event names and times stay, and each value has one pseudonym wherever it is', async () => {
    const { text, mapping } = await exportAs('cloudtrail');
    const out = (JSON.parse(text) as { Records: any[] }).Records; // eslint-disable-line @typescript-eslint/no-explicit-any
    const { text: lines } = await exportAs('jsonl');
    assert.deepEqual(
      lines
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      out,
    );
    // Every key but the identifiers used as keys (the tagging map's), and the same events at the same times.
    const keys = (value: unknown): string =>
      JSON.stringify(value, (k, v: unknown) => (k === 'tagging' ? Object.keys(v as object).length : typeof v === 'string' ? '' : v));
    const numbersAsText = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? '' : v)));
    assert.equal(keys(numbersAsText(out)), keys(numbersAsText(records)));
    assert.deepEqual(
      out.map((r) => `${r.eventName} ${r.eventTime} ${r.eventSource}`),
      records.map((r) => `${r.eventName} ${r.eventTime} ${r.eventSource}`),
    );
    const of = (original: string) => {
      const found = mapping.find((m) => m.original === original);
      assert.ok(found, `${original} is in the mapping`);
      return found.pseudonym;
    };
    const account = of(A);
    const email = of(EMAIL);
    const [org, repo, external, bucket, role] = [of(ORG), of(REPO), of(EXTERNAL), of(BUCKET), of(ROLE)];
    const privateIp = of(PRIVATE);
    const subject = `repo:${org}/${repo}:ref:refs/heads/main`;
    const hyphens = `${account.slice(0, 4)}-${account.slice(4, 8)}-${account.slice(8)}`;
    const [create, web, put, organizations] = out;
    // The account: plain, hyphenated, as a number, in a user agent, in URL-encoded and JSON-in-string policies, in S3 keys.
    assert.equal(create.userIdentity.accountId, account);
    assert.equal(create.requestParameters.description, `Break glass for ${email}, account ${hyphens}`);
    assert.equal(create.resources[0].accountId, Number(account));
    assert.equal(web.additionalEventData.accountNumber, Number(account));
    assert.equal(web.additionalEventData.account, hyphens);
    assert.match(create.userAgent, new RegExp(`acct/${account} ip/${privateIp.replace(/\./g, '\\.')} \\(from [\\d.]+\\) host/ip-`));
    assert.equal(web.userAgent, `Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36 acct/${account}`);
    assert.equal(put.userAgent, PUT_AGENT);
    const roleArn = `arn:aws:iam::${account}:role/${role}`;
    // The URL-encoded trust policy: still URL-encoded, as the original was, and redacted inside.
    const encoded = create.requestParameters.assumeRolePolicyDocument as string;
    assert.equal(encoded, create.responseElements.role.assumeRolePolicyDocument);
    assert.ok(encoded.startsWith('%7B%22Version%22%3A%222012-10-17%22'), encoded);
    const redactedTrust = JSON.parse(decodeURIComponent(encoded));
    assert.equal(encodeURIComponent(JSON.stringify(redactedTrust)), encoded);
    assert.equal(redactedTrust.Statement[0].Principal.AWS, account);
    assert.equal(redactedTrust.Statement[0].Condition.StringEquals['sts:ExternalId'], external);
    assert.ok(redactedTrust.Statement[1].Principal.Federated.startsWith(`arn:aws:iam::${account}:oidc-provider/`));
    assert.equal(redactedTrust.Statement[1].Condition.StringLike['token.actions.githubusercontent.com:sub'], subject);
    // The JSON-in-string policy: its layout kept, the account a number still.
    const redactedPolicy = JSON.parse(put.requestParameters.policyDocument);
    assert.equal(JSON.stringify(redactedPolicy, null, 2), put.requestParameters.policyDocument);
    assert.equal(redactedPolicy.Statement[0].Principal.AWS, Number(account));
    assert.equal(redactedPolicy.Statement[0].Resource, `arn:aws:s3:::${bucket}/${email}/*`);
    assert.equal(redactedPolicy.Statement[1].Condition.IpAddress['aws:SourceIp'], `${privateIp}/32`);
    assert.equal(redactedPolicy.Statement[1].Condition.StringEquals['sts:ExternalId'], external);
    // OIDC subjects and external IDs.
    assert.equal(web.userIdentity.userName, subject);
    assert.equal(web.responseElements.subjectFromWebIdentityToken, subject);
    assert.equal(web.requestParameters.externalId, external);
    assert.equal(web.requestParameters.roleArn, roleArn);
    assert.match(web.additionalEventData.sub, /^subject-\d+$/);
    // Emails wherever they are, S3 keys and URIs, host names, map keys.
    assert.equal(web.additionalEventData.UserName, email);
    assert.equal(organizations.requestParameters.email, email);
    assert.equal(organizations.responseElements.createAccountStatus.requestedBy, email);
    assert.equal(
      put.requestParameters.key,
      `uploads/${email}/AWSLogs/${account}/CloudTrail/us-east-1/${account}_CloudTrail_us-east-1_20261102T0305Z_x1.json.gz`,
    );
    assert.equal(put.resources[0].ARN, `arn:aws:s3:::${bucket}/uploads/${email}/AWSLogs/${account}/dump.csv`);
    assert.equal(put.additionalEventData.source, `s3://${bucket}/uploads/${email}/AWSLogs/${account}/report.csv`);
    const host = `ip-${privateIp.replace(/\./g, '-')}`;
    assert.equal(put.errorMessage, `User ${email} from ${privateIp} (${host}.ec2.internal) in ${hyphens} cannot write s3://${bucket}/x`);
    assert.deepEqual(Object.keys(put.requestParameters.tagging), [account, email, roleArn, privateIp, host]);
    assert.deepEqual(Object.values(put.requestParameters.tagging), Object.values(records[2]!.requestParameters!.tagging!));
  });
});
