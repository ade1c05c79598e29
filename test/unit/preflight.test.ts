/**
 * npm test's first step (scripts/preflight.mjs): with a Debian package the in-editor suite needs missing, it installs
 * it as root, or else stops at once with the one command to run; with everything there it lets the tests run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { decide, NEEDS } from '../../scripts/preflight.mjs';
import { REPO_ROOT } from '../support/paths';

describe('the preflight of npm test', () => {
  test('decides from what is missing and who runs it', () => {
    assert.deepEqual(decide({ missing: [], root: false, aptGet: false }), { kind: 'continue' });
    assert.deepEqual(decide({ missing: ['ripgrep', 'jq'], root: true, aptGet: true }), { kind: 'install', packages: ['ripgrep', 'jq'] });
    for (const situation of [
      { root: false, aptGet: true },
      { root: true, aptGet: false },
    ]) {
      assert.deepEqual(decide({ missing: ['ripgrep', 'jq'], ...situation }), {
        kind: 'stop',
        line: 'npm test needs ripgrep, jq: as root, run apt-get install -y ripgrep jq',
      });
    }
    assert.deepEqual(
      NEEDS.map((need) => need.name),
      ['chromium', 'ripgrep', 'libkrb5-dev', 'jq'],
    );
  });

  // A PATH of our own: a shell, and whichever fake tools a test puts there. The script runs from a copy there too,
  // which nobody can read wherever the repository is (under /root, say).
  const bin = mkdtempSync(path.join(tmpdir(), 'cloudtrail-preflight-'));
  chmodSync(bin, 0o755);
  symlinkSync('/bin/sh', path.join(bin, 'sh'));
  for (const script of ['preflight.mjs', 'codeServer.mjs']) copyFileSync(path.join(REPO_ROOT, 'scripts', script), path.join(bin, script));
  after(() => rmSync(bin, { recursive: true, force: true }));

  /** Runs the script as a user who is not root (nobody, when the tests run as root), without apt-get on its PATH. */
  const run = (chromium: string) =>
    spawnSync(process.execPath, [path.join(bin, 'preflight.mjs')], {
      cwd: bin,
      encoding: 'utf8',
      env: { PATH: bin, CHROMIUM_PATH: chromium },
      ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    });

  test('without root, a missing tool stops it with one line saying what to run', () => {
    const result = run(path.join(bin, 'no-chromium'));
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^npm test needs chromium, ripgrep(, libkrb5-dev)?, jq: as root, run apt-get install -y chromium ripgrep( libkrb5-dev)? jq\n$/,
    );
  });

  test('with everything there, it says nothing and lets the tests run', () => {
    for (const tool of ['rg', 'jq', 'chromium']) {
      writeFileSync(path.join(bin, tool), '#!/bin/sh\n');
      chmodSync(path.join(bin, tool), 0o755);
    }
    const result = run(path.join(bin, 'chromium'));
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });
});
