/** What the .vsix carries: the two bundles and what VS Code shows, never dependencies or sources. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { REPO_ROOT, repoPath } from '../support/paths';

test('the package holds the bundles, grammar and docs, and no node_modules, sources or tests', () => {
  const vsce = repoPath('node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const needed of [
    'package.json',
    'client/out/extension.js',
    'server/out/server.js',
    'syntaxes/cloudtrail.tmLanguage.json',
    'language-configuration.json',
    'README.md',
    'LICENSE',
  ]) {
    assert.ok(files.includes(needed), needed);
  }
  const unwanted = files.filter((f) => /^(node_modules|test|out|scripts|client\/src|server\/src|common)\/|\.map$|\.ts$/.test(f));
  assert.deepEqual(unwanted, []);
  assert.ok(files.length < 30, `${files.length} files`);
});
