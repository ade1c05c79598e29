/**
 * The trail folder of the demo workspace (`npm start`) and of its test: six hours of one account's ordinary calls,
 * delivered as CloudTrail does (a .json.gz file every quarter of an hour under AWSLogs/…/YYYY/MM/DD), and among them
 * a small attack: an IAM user signs in to the console without MFA, assumes an admin role, stops the trail and shares
 * an EBS snapshot with an account that is not ours. Generated, deterministic.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CloudTrailRecord, generateRecords } from './generateLog';
import { Dice } from './random';

export const DEMO = {
  account: '111122223333',
  region: 'us-east-1',
  /** Where the snapshot went. */
  foreignAccount: '444455556666',
  user: 'jordan',
  ip: '203.0.113.77',
  role: 'OrganizationAdmin',
  trail: 'management-events',
  snapshot: 'snap-0a1b2c3d4e5f60718',
  noise: 480,
} as const;

const START = Date.UTC(2026, 2, 5, 8, 0, 0);
const HOURS = 6;
const FILE_MINUTES = 15;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const at = (hour: number, minute: number) => iso(Date.UTC(2026, 2, 5, hour, minute, 17));
const ROLE_ARN = `arn:aws:iam::${DEMO.account}:role/${DEMO.role}`;

const user = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEJORDAN001',
  arn: `arn:aws:iam::${DEMO.account}:user/${DEMO.user}`,
  accountId: DEMO.account,
  userName: DEMO.user,
};
const session = {
  type: 'AssumedRole',
  principalId: `AROAEXAMPLEADMIN0001:${DEMO.user}`,
  arn: `arn:aws:sts::${DEMO.account}:assumed-role/${DEMO.role}/${DEMO.user}`,
  accountId: DEMO.account,
  accessKeyId: 'ASIAEXAMPLEADMIN0001',
  sessionContext: {
    sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEADMIN0001', arn: ROLE_ARN, accountId: DEMO.account, userName: DEMO.role },
    attributes: { creationDate: at(10, 5), mfaAuthenticated: 'false' },
  },
};

/** The attack, in time order: when, who, the call, and its fields beside those every call of the story has. */
const STORY: readonly (readonly [string, CloudTrailRecord, string, string, CloudTrailRecord])[] = [
  [
    at(10, 2),
    user,
    'signin.amazonaws.com',
    'ConsoleLogin',
    {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36',
      requestParameters: null,
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
      eventType: 'AwsConsoleSignIn',
    },
  ],
  [
    at(10, 5),
    user,
    'sts.amazonaws.com',
    'AssumeRole',
    {
      requestParameters: { roleArn: ROLE_ARN, roleSessionName: DEMO.user, durationSeconds: 3600 },
      responseElements: { assumedRoleUser: { assumedRoleId: session.principalId, arn: session.arn } },
    },
  ],
  [
    at(10, 9),
    session,
    'cloudtrail.amazonaws.com',
    'StopLogging',
    { requestParameters: { name: `arn:aws:cloudtrail:${DEMO.region}:${DEMO.account}:trail/${DEMO.trail}` }, responseElements: null },
  ],
  [
    at(10, 14),
    session,
    'ec2.amazonaws.com',
    'ModifySnapshotAttribute',
    {
      requestParameters: {
        snapshotId: DEMO.snapshot,
        createVolumePermission: { add: { items: [{ userId: DEMO.foreignAccount }] } },
        attributeType: 'CREATE_VOLUME_PERMISSION',
      },
      responseElements: { _return: true },
    },
  ],
];

/** The story's calls, from the attacker's address, as CloudTrail records them. */
export function storyRecords(): CloudTrailRecord[] {
  return STORY.map(([eventTime, userIdentity, eventSource, eventName, fields], i) => ({
    eventVersion: '1.09',
    userIdentity,
    eventTime,
    eventSource,
    eventName,
    awsRegion: DEMO.region,
    sourceIPAddress: DEMO.ip,
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64',
    eventID: `5e7d0c1a-0000-4000-8000-00000000000${i + 1}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: DEMO.account,
    eventCategory: 'Management',
    ...fields,
  }));
}

/** Ordinary calls spread over the six hours, and the story among them, in time order. */
export function demoRecords(): CloudTrailRecord[] {
  const dice = new Dice(2026);
  const noise = generateRecords(2026, DEMO.noise).map((record) => ({
    ...record,
    eventTime: iso(START + dice.int(HOURS * 3600) * 1000),
  }));
  return [...noise, ...storyRecords()].sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0));
}

function time(record: CloudTrailRecord): string {
  return String(record.eventTime);
}

/** The trail's files: a path under the folder (AWSLogs/…), and the log's text, one a quarter of an hour. */
export function demoTrail(): { readonly path: string; readonly text: string }[] {
  const files = new Map<number, CloudTrailRecord[]>();
  for (const record of demoRecords()) {
    const slot = Math.floor(Date.parse(time(record)) / (FILE_MINUTES * 60_000)) * FILE_MINUTES * 60_000;
    files.set(slot, [...(files.get(slot) ?? []), record]);
  }
  return [...files].map(([slot, records]) => {
    const stamp = iso(slot + FILE_MINUTES * 60_000)
      .replace(/[-:]/g, '')
      .replace(/\d\dZ$/, 'Z');
    const day = iso(slot).slice(0, 10).split('-');
    const name = `${DEMO.account}_CloudTrail_${DEMO.region}_${stamp}_Demo${String((slot / 60_000) % 10_000).padStart(4, '0')}.json.gz`;
    return {
      path: path.join('AWSLogs', DEMO.account, 'CloudTrail', DEMO.region, ...day, name),
      text: JSON.stringify({ Records: records }),
    };
  });
}

/** Writes the trail's files, gzipped, under `folder`. */
export function writeDemoTrail(folder: string): void {
  for (const file of demoTrail()) {
    const target = path.join(folder, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, gzipSync(Buffer.from(file.text)));
  }
}
