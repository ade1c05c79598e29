/**
 * What detections cost: open → diagnostics of the 50 MB log and the read of the folder of 200 delivered
 * logs, with detections off, with the pack, with the pack and 60 more rules, and with the pack and rules shaped
 * like SigmaHQ's CloudTrail folder (sigmaHqShaped.ts), alternated in one run; then heavy rules in process
 * (ruleCosts.ts).
 * The 60 are generated here, written like the CloudTrail rules people collect (a service and its event
 * names, request parameters, identities and errors, a few with no event to index them by).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventTreeRequest, OpenFolderRequest } from '../common/protocol';
import { generateLog } from '../test/support/generateLog';
import { TestClient } from '../test/support/lspClient';
import { BENCH_WAIT_MS } from '../test/support/within';
import { BUCKETS, ERRORS, S3_BUCKET_EVENTS, USERS } from '../test/support/logVocabulary';
import { diskInputs } from './diskData';
import { cpuTimeMs } from './peakMemory';
import { median } from './median';
import { ruleCosts } from './ruleCosts';
import { writeSigmaHqShapedRules } from './sigmaHqShaped';

const MB = 1024 * 1024;

const SERVICES: readonly [string, readonly string[]][] = [
  ['s3.amazonaws.com', S3_BUCKET_EVENTS],
  ['iam.amazonaws.com', ['CreateUser', 'DeleteUser', 'AttachUserPolicy', 'PutRolePolicy', 'UpdateAssumeRolePolicy', 'CreateLoginProfile']],
  ['ec2.amazonaws.com', ['RunInstances', 'ModifyInstanceAttribute', 'CreateKeyPair', 'ImportKeyPair', 'ModifySnapshotAttribute']],
  ['kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy', 'CreateGrant']],
  ['lambda.amazonaws.com', ['CreateFunction20150331', 'UpdateFunctionCode20150331v2', 'AddPermission20150331v2']],
  ['sts.amazonaws.com', ['AssumeRole', 'GetSessionToken', 'GetFederationToken']],
];

/** Rule `i` of the 60: most select a service's events, some narrow by a field, a few have no event to index by. */
function extraRule(i: number): string {
  const [source, names] = SERVICES[i % SERVICES.length]!;
  const picked = [names[i % names.length]!, names[(i + 3) % names.length]!];
  const head = `title: Bench rule ${i}\nid: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}\nlogsource:\n  product: aws\n  service: cloudtrail\n`;
  const variants = [
    `detection:\n  selection:\n    eventSource: ${source}\n    eventName:\n      - ${picked[0]}\n      - ${picked[1]}\n  condition: selection\n`,
    `detection:\n  selection:\n    eventSource: ${source}\n    eventName: ${picked[0]}\n  filter:\n    userIdentity.type: AWSService\n  condition: selection and not filter\n`,
    `detection:\n  selection:\n    eventName|startswith: ${picked[0]!.slice(0, 6)}\n    errorCode: ${ERRORS[i % ERRORS.length]![0]}\n  condition: selection\n`,
    `detection:\n  selection:\n    eventName: ${picked[1]}\n    requestParameters.bucketName|contains: ${BUCKETS[i % BUCKETS.length]!.slice(0, 5)}\n  condition: selection\n`,
    `detection:\n  selection:\n    userIdentity.userName: ${USERS[i % USERS.length]}\n    userAgent|contains: console\n  condition: selection\n`,
  ];
  return `${head}${variants[i % variants.length]}level: low\n`;
}

/** The 60 rules in a folder of their own, written afresh. */
function writeExtraRules(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 60; i++) writeFileSync(path.join(dir, `bench_rule_${i}.yml`), extraRule(i));
  return dir;
}

type Setup = 'off' | 'pack' | 'pack + 60' | 'pack + SigmaHQ-shaped';
const SETUPS: readonly Setup[] = ['off', 'pack', 'pack + 60', 'pack + SigmaHQ-shaped'];

const SETUP_LABELS: Record<Setup, string> = {
  off: 'off',
  pack: 'the pack',
  'pack + 60': 'the pack + 60 collected-style rules',
  'pack + SigmaHQ-shaped': 'the pack + 60 SigmaHQ-shaped rules (57 + 3 correlations)',
};

/** What each setup reads besides the pack: the 60 rules' folder, the SigmaHQ-shaped folder. */
interface RuleFolders {
  readonly extra: string;
  readonly sigmaHq: string;
}

function settingsFor(setup: Setup, folders: RuleFolders): Record<string, unknown> {
  if (setup === 'off') return { detections: { enable: false } };
  const rules = { pack: [], 'pack + 60': [folders.extra], 'pack + SigmaHQ-shaped': [folders.sigmaHq] }[setup];
  return { detections: { rules } };
}

/** One measured run: wall time, the server's CPU time over the same span, and findings. */
interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly findings: number;
}

/**
 * Waits until the server says which rules it runs (or that detections are off), as a server does long before
 * a user opens a log: the open is then timed, in every setup alike, without the rules' one reading at start.
 */
function rulesRead(client: TestClient): Promise<string> {
  return client.whenLogged(/^Detections/);
}

/** A fresh server with these settings, once it has read its rules, for one run; stopped after it. */
async function withServer(settings: Record<string, unknown>, run: (client: TestClient) => Promise<Run>): Promise<Run> {
  const client = new TestClient({ waitLimitMs: BENCH_WAIT_MS });
  client.settings = settings;
  try {
    await client.initialize();
    await rulesRead(client);
    return await run(client);
  } finally {
    await client.dispose();
  }
}

/** Open → diagnostics of `text`, and how many findings it published. */
function openOnce(text: string, settings: Record<string, unknown>): Promise<Run> {
  return withServer(settings, async (client) => {
    let start = 0;
    let cpuBefore = 0;
    const diagnostics = await client.open('file:///bench/detections.json', text, () => {
      cpuBefore = cpuTimeMs(client.pid);
      start = performance.now();
    });
    const ms = performance.now() - start;
    return { ms, cpuMs: cpuTimeMs(client.pid) - cpuBefore, findings: diagnostics.filter((d) => d.source === 'sigma').length };
  });
}

/** openFolder → tree, and how many records the rules flagged. */
function folderOnce(folder: string, settings: Record<string, unknown>): Promise<Run> {
  return withServer(settings, async (client) => {
    const uri = pathToFileURL(folder).toString();
    const cpuBefore = cpuTimeMs(client.pid);
    const start = performance.now();
    await client.connection.sendRequest(OpenFolderRequest, { folder: uri });
    const tree = await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri } });
    const ms = performance.now() - start;
    return { ms, cpuMs: cpuTimeMs(client.pid) - cpuBefore, findings: (tree?.detections ?? []).reduce((n, d) => n + d.count, 0) };
  });
}

/** The table: each setup's median time, what it adds over off, and the findings. */
export async function benchDetections(
  rounds: number,
  scale: number,
  dir = path.join(homedir(), '.cache', 'cloudtrail-lens'),
): Promise<string> {
  const folders: RuleFolders = {
    extra: writeExtraRules(path.join(dir, 'bench-rules-60')),
    sigmaHq: writeSigmaHqShapedRules(path.join(dir, 'bench-rules-sigmahq-shaped')),
  };
  const text = generateLog({ seed: 42, targetBytes: 50 * MB });
  const [folder] = await diskInputs(scale, dir);
  const jobs: [string, (settings: Record<string, unknown>) => Promise<Run>][] = [
    ['50 MB minified, open → diagnostics', (s) => openOnce(text, s)],
    [`${folder!.label}, openFolder → tree`, (s) => folderOnce(folder!.path, s)],
  ];
  const out = [
    `Detections' cost (median of ${rounds}, setups alternated in each round, each timed once the server has read its rules; wall ms (the server's CPU ms over the same span, every thread); findings: sigma diagnostics for the log, flagged records for the folder):`,
    '',
    '| Input | Rules | Wall ms (CPU ms) | Added over off, wall (CPU) | Findings |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const [label, run] of jobs) {
    const runs: Record<Setup, Run[]> = { off: [], pack: [], 'pack + 60': [], 'pack + SigmaHQ-shaped': [] };
    for (let round = 0; round < rounds; round++) {
      for (const setup of SETUPS) runs[setup].push(await run(settingsFor(setup, folders)));
    }
    const wall = (setup: Setup) => median(runs[setup].map((r) => r.ms));
    const cpu = (setup: Setup) => median(runs[setup].map((r) => r.cpuMs));
    const cell = (setup: Setup) => `${wall(setup).toFixed(0)} (${cpu(setup).toFixed(0)})`;
    const percent = (value: number, base: number) => `${(((value - base) / base) * 100).toFixed(0)} %`;
    const added = (setup: Setup) => `${percent(wall(setup), wall('off'))} (${percent(cpu(setup), cpu('off'))})`;
    const findings = (setup: Setup) => runs[setup].at(-1)!.findings;
    for (const setup of SETUPS)
      out.push(`| ${label} | ${SETUP_LABELS[setup]} | ${cell(setup)} | ${setup === 'off' ? '' : added(setup)} | ${findings(setup)} |`);
    process.stdout.write(`measured detections on ${label}\n`);
  }
  const records = (JSON.parse(text) as { Records: Record<string, unknown>[] }).Records;
  return `${out.join('\n')}\n\n${ruleCosts(rounds, records)}`;
}
