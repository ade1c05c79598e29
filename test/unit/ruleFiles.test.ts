/**
 * Rule paths a workspace may have written: a filesystem root or the home folder is refused before anything
 * is read, only regular `.yml`/`.yaml` files are read, and a file that is no Sigma rule never has its text
 * quoted in a problem (a credentials file named as a rule file must not reach the Problems view).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readRuleFiles, ruleRootProblem } from '../../server/src/detections/ruleFiles';
import { readRules } from '../../server/src/detections/ruleReader';

/** AWS's documented example secret key: what must never be quoted back. */
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CREDENTIALS = `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n`;
const RULE = `title: Stopped logging
logsource: { product: aws, service: cloudtrail }
detection: { selection: { eventName: StopLogging }, condition: selection }
`;

/** YAML whose parse errors would quote the text (a directive, a tag), and maps that are no rule at all. */
const NOT_RULES: readonly string[] = [
  CREDENTIALS,
  `%${SECRET} directive\n---\nkey: 1\n`,
  `key: !${SECRET.replace(/\//g, '')} x\n`,
  `aws_secret_access_key: ${SECRET}\nlevel: ${SECRET}\ntitle: ${SECRET}\n`,
  `PATH=/usr/bin\0AWS_SECRET_ACCESS_KEY=${SECRET}\0`,
];

describe('rule roots', () => {
  test('a filesystem root, the home folder and a folder holding it are refused; folders below it are not', () => {
    const home = path.join(path.parse(process.cwd()).root, 'home', 'me');
    for (const root of [path.parse(process.cwd()).root, home, path.dirname(home), `${home}${path.sep}`, path.join(home, 'x', '..')]) {
      assert.match(ruleRootProblem(root, home) ?? '', /^Not read: (a filesystem root|the home folder)/, root);
    }
    for (const root of [path.join(home, 'rules'), path.join(home, 'src', 'sigma', 'rules'), path.join(path.dirname(home), 'other')]) {
      assert.equal(ruleRootProblem(root, home), undefined, root);
    }
  });

  test('"/" and the home folder are refused at once, with a problem that says why, and nothing is read', async () => {
    const { sources, problems } = await readRuleFiles([path.parse(process.cwd()).root, homedir()]);
    assert.deepEqual(sources, []);
    assert.deepEqual(
      problems.map((p) => p.message.replace(/\..*/, '')),
      ['Not read: a filesystem root is not a rules folder', 'Not read: the home folder (or a folder holding it) is not a rules folder'],
    );
  });
});

describe('rule files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-rule-files-'));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'stop.yml'), RULE);
    writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
    writeFileSync(path.join(dir, 'outside.yml'), RULE.replace('Stopped logging', 'Outside the folder'));
    symlinkSync(path.join(dir, 'outside.yml'), path.join(dir, 'rules', 'link.yml'));
    symlinkSync(path.join(dir, 'credentials'), path.join(dir, 'credentials.yml'));
    NOT_RULES.forEach((text, i) => writeFileSync(path.join(dir, `not-rule-${i}.yml`), text));
    if (process.platform !== 'win32') {
      symlinkSync('/dev/zero', path.join(dir, 'rules', 'zero.yml'));
      execFileSync('mkfifo', [path.join(dir, 'rules', 'pipe.yml')]);
      execFileSync('mkfifo', [path.join(dir, 'named-pipe.yml')]);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a folder gives its regular .yml files; links and pipes in it are not read', async () => {
    const { sources, problems } = await readRuleFiles([path.join(dir, 'rules')]);
    assert.deepEqual(
      sources.map((s) => path.basename(s.file)),
      ['stop.yml'],
    );
    assert.deepEqual(problems, []);
  });

  test('a named file that is not .yml or .yaml, or a link to one, is refused unread', async () => {
    for (const name of ['credentials', 'credentials.yml']) {
      const { sources, problems } = await readRuleFiles([path.join(dir, name)]);
      assert.deepEqual(sources, [], name);
      assert.deepEqual(
        problems.map((p) => p.message),
        ['Not read: rule files are named .yml or .yaml'],
        name,
      );
    }
  });

  test('a named pipe is refused, not waited on', { skip: process.platform === 'win32' }, async () => {
    const { sources, problems } = await readRuleFiles([path.join(dir, 'named-pipe.yml')]);
    assert.deepEqual(sources, []);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['Not read: neither a rule file nor a folder'],
    );
  });

  test('a .yml file that is no Sigma rule is said to be none, its text never quoted', async () => {
    const files = NOT_RULES.map((_, i) => path.join(dir, `not-rule-${i}.yml`));
    const { sources } = await readRuleFiles(files);
    assert.equal(sources.length, NOT_RULES.length);
    for (const source of sources) {
      const { rules, problems } = readRules(source.text, source.file);
      assert.deepEqual(rules, []);
      assert.deepEqual(
        problems.map((p) => p.message),
        ['not a Sigma rule (no detection, logsource or correlation): not read'],
        source.file,
      );
      assert.ok(!JSON.stringify(problems).includes(SECRET.slice(0, 12)), source.file);
    }
  });

  test('a rule is still read, and its own mistakes still quoted', () => {
    const { rules, problems } = readRules(`${RULE}level: severe\n`, 'rule.yml');
    assert.equal(rules.length, 1);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['unknown level "severe": read as medium'],
    );
  });
});
