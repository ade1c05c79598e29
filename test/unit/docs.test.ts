import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { PROBLEM_CODES } from '../../server/src/cloudtrail/problems';
import { anchors, isExternal, links, proseLines, tableProblems } from '../support/markdown';
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

/** The Markdown pages the repository keeps true: the README, the pages under docs/, and the rule pack's table. */
function markdownPages(): string[] {
  const docs = readdirSync(repoPath('docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', 'rules/README.md', ...docs.map((name) => `docs/${name}`)];
}

function read(file: string): string {
  return readFileSync(repoPath(file), 'utf8');
}

test('every table of the README, docs/ and rules/README.md renders: a header, its separator, rows of as many cells', () => {
  const problems = markdownPages().flatMap((file) => tableProblems(read(file)).map((p) => `${file} ${p}`));
  assert.deepEqual(problems, []);
});

test('no page says a thing twice: each heading once in its page, each paragraph, item or row once across the pages', () => {
  const where = new Map<string, string[]>();
  for (const file of markdownPages())
    for (const { number, text } of proseLines(read(file))) {
      const heading = /^#{1,6} /.test(text);
      if (!heading && text.trim().length < 80) continue;
      const key = heading ? `${file} ${text}` : text.trim();
      where.set(key, [...(where.get(key) ?? []), `${file}:${number}`]);
    }
  assert.deepEqual(
    [...where.values()].filter((places) => places.length > 1),
    [],
  );
});

/** Where a link leads, checked: a file that exists and, for `#anchor`, a heading of that page that makes it. */
function brokenTarget(file: string, target: string): string | undefined {
  const [pathPart, anchor] = target.split('#') as [string, string | undefined];
  const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
  if (resolved.startsWith('../') || !existsSync(repoPath(resolved))) return `${target}: no file ${resolved}`;
  if (anchor !== undefined && (!resolved.endsWith('.md') || !anchors(read(resolved)).has(anchor)))
    return `${target}: no heading makes #${anchor} in ${resolved}`;
  return undefined;
}

test('every relative link and anchor of the README, docs/ and rules/README.md leads to a file and heading that exist', () => {
  const broken = markdownPages().flatMap((file) =>
    links(read(file))
      .filter((link) => !isExternal(link.target))
      .map((link) => brokenTarget(file, link.target) && `${file}:${link.line} ${brokenTarget(file, link.target)}`)
      .filter(Boolean),
  );
  assert.deepEqual(broken, []);
});

/** Whether the .vsix holds a file: .vscodeignore's patterns in order, the last that matches deciding. */
function shipped(file: string): boolean {
  let included = true;
  for (const line of read('.vscodeignore').split('\n')) {
    const pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    const glob = pattern.replace(/^!/, '');
    const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*|\*/g, (star) => (star === '**' ? '.*' : '[^/]*'));
    if (new RegExp(`^${source}$`).test(file)) included = pattern.startsWith('!');
  }
  return included;
}

test('the README links to what the .vsix does not ship by the repository URL, each naming a page that exists', () => {
  const manifest = JSON.parse(read('package.json')) as { repository: { url: string } };
  const base = `${manifest.repository.url.replace(/\.git$/, '')}/blob/HEAD/`;
  const readme = links(read('README.md'));
  const local = readme.filter((link) => !isExternal(link.target) && !link.target.startsWith('#'));
  assert.deepEqual(
    local.filter((link) => !shipped(link.target.split('#')[0]!)).map((link) => `README.md:${link.line} ${link.target}`),
    [],
    'a relative link to a file the .vsix leaves out is broken in the Extensions view',
  );
  const toRepository = readme.filter((link) => link.target.startsWith(base));
  const broken = toRepository.map((link) => brokenTarget('README.md', link.target.slice(base.length))).filter((why) => why !== undefined);
  assert.deepEqual(broken, []);
  const linked = new Set(toRepository.map((link) => link.target.slice(base.length).split('#')[0]));
  const pages = markdownPages().filter((file) => file !== 'README.md');
  assert.deepEqual(
    pages.filter((page) => !linked.has(page)),
    [],
    'every page beside the README is reachable from it',
  );
});

/** The folders that hold the project's sources: the top level's, and those under server/src, client/src, client/webview and test (whose own folders are described instead). */
function sourceFolders(): string[] {
  const folders = (dir: string): string[] =>
    readdirSync(repoPath(dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => (dir === '.' ? entry.name : `${dir}/${entry.name}`));
  const top = folders('.').filter((name) => !['node_modules', 'out', 'client', 'server', 'test'].includes(name));
  return [...top, 'client/src', ...['server/src', 'client/src', 'client/webview', 'test'].flatMap(folders)];
}

test('docs/architecture.md describes every source folder, and names only files and folders that exist', () => {
  const architecture = read('docs/architecture.md');
  const table = architecture.slice(architecture.indexOf('## Folders'));
  const described = new Set([...table.matchAll(/^\| `([^`]+?)\/?` \|/gm)].map((m) => m[1]!));
  assert.deepEqual(
    sourceFolders().filter((folder) => !described.has(folder)),
    [],
  );
  assert.deepEqual(
    [...described].filter((name) => !existsSync(repoPath(name))),
    [],
  );
});
