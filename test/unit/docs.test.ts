import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { PROBLEM_CODES } from '../../server/src/cloudtrail/problems';
import { repoPath } from '../support/paths';

test('the README documents every problem code a user can see', () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const missing = Object.keys(PROBLEM_CODES).filter((code) => !readme.includes(`| \`${code}\` |`));
  assert.deepEqual(missing, []);
});

test('every setting and command the extension contributes is in the README', () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
    contributes: {
      configuration: { properties: Record<string, unknown> };
      commands: { command: string; title: string; category: string }[];
      menus: { commandPalette: { command: string; when: string }[] };
    };
  };
  // Commands only the view itself runs are hidden from the palette and need no documentation.
  const internal = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
  for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), setting);
  for (const command of manifest.contributes.commands.filter((c) => !internal.has(c.command)))
    assert.ok(readme.includes(`${command.category}: ${command.title}`), command.title);
});

/** Every TypeScript file under a folder of the repository, as repository paths. */
function sourceFiles(folder: string): string[] {
  return readdirSync(repoPath(folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${folder}/${name.split(path.sep).join('/')}`);
}

test("the README's module table lists every source file, and only files that exist", () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const sources = ['client/src', 'server/src', 'common'].flatMap(sourceFiles);
  assert.deepEqual(
    sources.filter((file) => !readme.includes(`| \`${file}\` |`)),
    [],
  );
  const listed = [...readme.matchAll(/^\| `((?:client|server|common)\/[^`]+\.ts)` \|/gm)].map((m) => m[1]!);
  assert.deepEqual(
    listed.filter((file) => !existsSync(repoPath(file))),
    [],
  );
});
