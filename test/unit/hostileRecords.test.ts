/**
 * Records an attacker shaped: every key and every string value of a realistic record set, in turn, to a name
 * JavaScript objects inherit (`__proto__`, `constructor`, …). Each variant is opened and asked every request
 * the server answers, in-process; and a folder of them all is read from disk. No answer goes missing, no log
 * text becomes a link, a group label or a pseudonym made of a function.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { DiskDetections } from '../../server/src/files/diskDetections';
import { indexFolder } from '../../server/src/files/folderIndex';
import { InlineRunner } from '../../server/src/files/readJobs';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { askEverything, type DocumentAnswers, tokens } from '../support/documentRequests';
import { packFiles } from '../support/rulePack';

const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
/** What a key renamed to one of them holds, when it held a string: Markdown that must stay text. */
const PAYLOAD = '![p](https://attacker.example/p.png) [run](command:workbench.action.terminal.new)';

/** A record with every part the features read: an assumed role's session, an error, resources, an S3 request. */
const BASE = cleanRecord({
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:alice',
    arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
    accountId: '111122223333',
    accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: 'arn:aws:iam::111122223333:role/Admin',
        accountId: '111122223333',
        userName: 'Admin',
      },
      attributes: { creationDate: '2024-03-05T10:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  requestParameters: { bucketName: 'example-bucket', Host: 'example-bucket.s3.us-west-2.amazonaws.com', key: 'a/b.txt' },
  errorCode: 'AccessDenied',
  errorMessage: 'Access Denied',
  resources: [{ accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::example-bucket' }],
});

/**
 * `value` with its `target`-th key or string value (counted in document order) set to `word`, and how many there
 * are; a key so set holds PAYLOAD if it held a string. Objects are made with own properties (Object.fromEntries),
 * so `__proto__` is a key like any.
 */
function rebuild(value: unknown, target: number, word: string): { value: unknown; count: number } {
  let seen = 0;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return seen++ === target ? word : v;
    if (Array.isArray(v)) return v.map(visit);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v).map(([key, inner]): [string, unknown] => {
      if (seen++ === target) return [word, typeof inner === 'string' ? PAYLOAD : visit(inner)];
      return [key, visit(inner)];
    });
    return Object.fromEntries(entries);
  };
  const rebuilt = visit(value);
  return { value: rebuilt, count: seen };
}

const { count } = rebuild(BASE, -1, '');
const VARIANTS: { name: string; text: string }[] = INHERITED.flatMap((word) =>
  Array.from({ length: count }, (_, i) => ({ name: `place ${i} = ${word}`, text: logOf(rebuild(BASE, i, word).value) })),
);

const { set: rules } = compileRules(packFiles().map((f) => ({ file: f.file, text: f.text })));

/** Markdown with escaped characters taken out: what would render as a link, an image or a command. */
function unescapedLogLinks(markdown: string): string[] {
  const bare = markdown.replace(/\\./g, '');
  const found: string[] = [];
  if (bare.includes('![')) found.push('an image');
  if (bare.includes('command:')) found.push('a command link');
  if (bare.includes('attacker.example')) found.push("the log's URL");
  for (const m of bare.matchAll(/\]\(([^)]*)\)/g)) if (!m[1]!.startsWith('https://docs.aws.amazon.com/')) found.push(`a link to ${m[1]}`);
  return found;
}

describe('records whose keys and values are names objects inherit', () => {
  let clean: DocumentAnswers;
  let folder: string;
  let cleanTokens: ReadonlySet<string>;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'cloudtrail-hostile-'));
    clean = await askEverything(logOf(BASE), rules, folder);
    cleanTokens = new Set(tokens(logOf(BASE)).map((t) => t.text));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('the clean record is answered: the test asks what it means to', () => {
    assert.ok(count > 40, `${count} places`);
    for (const [request, answer] of clean.answers) assert.notEqual(answer, null, request);
    assert.deepEqual(clean.failed, []);
  });

  test('every variant is answered wherever the clean record is, with log text kept as text', async () => {
    const failures: string[] = [];
    for (const { name, text } of VARIANTS) {
      const asked = await askEverything(text, rules, folder, cleanTokens);
      for (const [request, answer] of clean.answers) {
        if (answer !== null && request !== 'completion' && asked.answers.get(request) === null)
          failures.push(`${name}: ${request} answered null`);
      }
      for (const failure of asked.failed) failures.push(`${name}: a handler failed: ${failure.split('\n')[0]}`);
      for (const markdown of asked.hovers) {
        for (const link of unescapedLogLinks(markdown)) failures.push(`${name}: a hover shows ${link}: ${markdown}`);
      }
      for (const label of asked.groupLabels) {
        if (typeof label !== 'string' || label === '[object Object]' || label.startsWith('function '))
          failures.push(`${name}: a group is labelled ${String(label)}`);
      }
      for (const written of asked.exported) {
        if (/function Object\(\)|\[native code\]/.test(written)) failures.push(`${name}: an export holds ${written.slice(0, 200)}`);
      }
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });

  describe('read from disk', () => {
    let logs: string;
    before(() => {
      logs = path.join(folder, 'logs');
      mkdirSync(logs);
      VARIANTS.forEach(({ text }, i) => writeFileSync(path.join(logs, `variant-${String(i).padStart(4, '0')}.json`), text));
    });

    test('no file of a folder of variants is dropped, and every record has a text identity', async () => {
      const runner = new InlineRunner(rules);
      try {
        const index = (await indexFolder(logs, { runner, detections: new DiskDetections(rules) }))!;
        assert.deepEqual(index.failed, []);
        assert.equal(index.records.length, VARIANTS.length);
        for (const record of index.records) assert.equal(typeof record.identity, 'string', record.uri);
      } finally {
        runner.close();
      }
    });
  });
});
