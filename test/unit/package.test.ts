/** What the .vsix carries, and what package.json contributes agreeing with the names the code uses. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CONTEXT_KEYS,
  DETECT_SETTING,
  DETECTED_LANGUAGES,
  EVENTS_VIEW_ID,
  GZIP_EDITOR_VIEW_TYPE,
  TIMELINE_VIEW_ID,
} from '../../client/src/contributions';
import { COMMANDS } from '../../common/commands';
import { CONFIGURATION_SECTION, LANGUAGE_ID } from '../../common/language';
import { PROBLEM_CODES, type ProblemCode, UNIGNORABLE_CODES } from '../../server/src/cloudtrail/problems';
import { compileExclusions, DEFAULT_EXCLUSIONS } from '../../server/src/detections/exclusions';
import { REPO_ROOT, repoPath } from '../support/paths';

test('the package holds the bundles, grammar, docs and rule pack, and no node_modules, sources or tests', () => {
  const vsce = repoPath('node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const needed of [
    'package.json',
    'client/out/extension.js',
    'client/out/timeline/timeline.js',
    'client/out/timeline/timeline.css',
    'server/out/server.js',
    'server/out/readWorker.js',
    // The WebAssembly scanner, built from server/wasm/, loaded by the server and its reading threads from their folder.
    'server/out/scanner.wasm',
    'syntaxes/cloudtrail.tmLanguage.json',
    'language-configuration.json',
    'README.md',
    'LICENSE',
    'resources/icon.png',
    ...walkthroughSteps().map((step) => step.media.markdown),
  ]) {
    assert.ok(files.includes(needed), needed);
  }
  const unwanted = files.filter((f) =>
    /^(node_modules|test|out|scripts|client\/src|server\/src|server\/wasm|common)\/|\.map$|\.ts$/.test(f),
  );
  assert.deepEqual(unwanted, []);
  // The rule pack ships whole, as its .yml files and nothing else from rules/.
  const rules = readdirSync(repoPath('rules')).filter((name) => name.endsWith('.yml'));
  assert.deepEqual(files.filter((f) => f.startsWith('rules/')).sort(), rules.map((name) => `rules/${name}`).sort());
  const others = files.filter((f) => !f.startsWith('rules/'));
  assert.ok(others.length < 30, `${others.length} files`);
});

interface Manifest {
  activationEvents: string[];
  contributes: {
    languages: { id: string }[];
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, unknown> };
    views: Record<string, { id: string; when?: string; initialSize?: number }[]>;
    walkthroughs?: { id: string; title: string; steps: WalkthroughStep[] }[];
    viewsWelcome: { view: string; contents: string }[];
    customEditors: { viewType: string }[];
  };
}

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown: string };
  completionEvents?: string[];
}

const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Manifest & { categories: string[]; icon?: string };

function walkthroughSteps(): WalkthroughStep[] {
  return (manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps);
}

test('first contact: a Get Started walkthrough of local Markdown, whose links name our commands and views', () => {
  const steps = walkthroughSteps();
  assert.deepEqual(
    steps.map((s) => s.id),
    ['openLog', 'openFolder', 'events', 'detections', 'timeline'],
  );
  const commands = new Set<string>([...Object.values(COMMANDS), `${EVENTS_VIEW_ID}.focus`, `${TIMELINE_VIEW_ID}.focus`]);
  for (const step of steps) {
    const linked = [...step.description.matchAll(/\(command:([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(linked.length > 0, `${step.id} offers a command`);
    assert.deepEqual(
      linked.filter((id) => !commands.has(id)),
      [],
      step.id,
    );
    const markdown = readFileSync(repoPath(step.media.markdown), 'utf8');
    // Shown in a webview: nothing remote is fetched, no image, HTML or script.
    assert.doesNotMatch(markdown, /https?:|\]\(\/\/|<[a-z]|!\[/i, step.media.markdown);
  }
});

test('first contact: our own 128×128 icon, as scripts/icon.mjs draws it, and the Visualization category', () => {
  assert.equal(manifest.icon, 'resources/icon.png');
  const png = readFileSync(repoPath('resources', 'icon.png'));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-icon-'));
  try {
    execFileSync(process.execPath, [repoPath('scripts', 'icon.mjs'), path.join(dir, 'icon.png')]);
    assert.ok(readFileSync(path.join(dir, 'icon.png')).equals(png), 'drawn again, the icon is the same');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(manifest.categories.includes('Visualization'));
});

test('first contact: in the side bar, the Events view first and taller, the Timeline below it smaller', () => {
  const views = manifest.contributes.views['cloudtrail']!;
  assert.deepEqual(
    views.map((v) => v.id),
    [EVENTS_VIEW_ID, TIMELINE_VIEW_ID],
  );
  const [events, timeline] = views.map((v) => v.initialSize ?? 1);
  assert.ok(events! >= 2 * timeline!, `events ${events}, timeline ${timeline}`);
});

test('package.json contributes exactly the commands common/ names, and its menus and links name no others', () => {
  const ids = Object.values(COMMANDS);
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...ids].sort());
  const named = [
    ...Object.values(manifest.contributes.menus).flatMap((items) => items.map((i) => i.command)),
    ...manifest.contributes.viewsWelcome.flatMap((w) => [...w.contents.matchAll(/\(command:([^)]+)\)/g)].map((m) => m[1]!)),
  ];
  assert.deepEqual(
    named.filter((id) => !(ids as readonly string[]).includes(id)),
    [],
  );
});

test('package.json uses the language id, settings section, view, editor and context keys the code uses', () => {
  const { contributes } = manifest;
  assert.deepEqual(
    contributes.languages.map((l) => l.id),
    [LANGUAGE_ID],
  );
  assert.ok(manifest.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
  for (const key of Object.keys(contributes.configuration.properties)) assert.ok(key.startsWith(`${CONFIGURATION_SECTION}.`), key);
  // The client's id is the section, so the language client reads `<section>.trace.server`.
  assert.ok(`${CONFIGURATION_SECTION}.trace.server` in contributes.configuration.properties);
  assert.deepEqual(
    Object.values(contributes.views).flatMap((views) => views.map((v) => v.id)),
    [EVENTS_VIEW_ID, TIMELINE_VIEW_ID],
  );
  assert.deepEqual(
    contributes.customEditors.map((e) => e.viewType),
    [GZIP_EDITOR_VIEW_TYPE],
  );
  const whens = [...Object.values(contributes.menus).flat(), ...Object.values(contributes.views).flat()].map((i) => i.when ?? '').join(' ');
  const used = new Set(
    [...whens.matchAll(/\bcloudtrail\.[A-Za-z]+\b/g)].map((m) => m[0]).filter((k) => k !== EVENTS_VIEW_ID && k !== TIMELINE_VIEW_ID),
  );
  assert.deepEqual([...used].sort(), Object.values(CONTEXT_KEYS).sort());
});

test('the events view has a CloudTrail container of its own in the activity bar, shown before activation, with a welcome', () => {
  const full = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Manifest & {
    contributes: { viewsContainers: { activitybar: { id: string; title: string; icon: string }[] } };
  };
  const [container] = full.contributes.viewsContainers.activitybar;
  assert.ok(container && existsSync(repoPath(container.icon)), 'its icon is a file of the extension');
  assert.match(readFileSync(repoPath(container.icon), 'utf8'), /^<svg /);
  const views = full.contributes.views[container.id] ?? [];
  // The timeline below the events, a webview view.
  assert.deepEqual(
    views.map((v) => v.id),
    [EVENTS_VIEW_ID, TIMELINE_VIEW_ID],
  );
  assert.equal((views[1] as { type?: string }).type, 'webview');
  // A `when` on a context key the extension sets would hide the view until something else activated it.
  for (const view of views) assert.equal(view.when, undefined, view.id);
  assert.ok(full.activationEvents.includes(`onView:${EVENTS_VIEW_ID}`));
  assert.ok(full.activationEvents.includes(`onCustomEditor:${GZIP_EDITOR_VIEW_TYPE}`));
  assert.ok(full.contributes.viewsWelcome.some((w) => w.view === EVENTS_VIEW_ID && w.contents.includes('No CloudTrail log is shown')));
});

test('the extension activates for every language detection by content looks at, and contributes its setting, on by default', () => {
  for (const language of DETECTED_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  const setting = manifest.contributes.configuration.properties[`${CONFIGURATION_SECTION}.${DETECT_SETTING}`] as
    { type: string; default: unknown } | undefined;
  assert.deepEqual([setting?.type, setting?.default], ['boolean', true]);
});

/**
 * What each setting can do if a folder's `.vscode/settings.json` sets it. Every setting is here, so a new
 * one needs a decision: all but those that only shape what is shown are withheld from an untrusted folder.
 */
type SettingPower = 'reads files' | 'runs queries' | 'turns checks off' | 'hides, and says so' | 'shapes the view';

const SETTING_POWERS: Readonly<Record<string, SettingPower>> = {
  'validate.enable': 'turns checks off',
  // A log no longer recognised by its content gets no problems and no detections.
  detectByContent: 'turns checks off',
  // At 1, every problem but one is hidden.
  maxProblems: 'turns checks off',
  // Problems of the codes it names are hidden, never silently: a note no setting can hide says how many, by code.
  'problems.ignore': 'hides, and says so',
  'detections.enable': 'turns checks off',
  'detections.rules': 'reads files',
  'detections.minimumLevel': 'turns checks off',
  // An account listed is never foreign: sharing with it is no finding.
  accounts: 'turns checks off',
  // Reads a file the folder names (its accounts' names only).
  accountsFile: 'reads files',
  // Reads a file the folder names, and decides which keys vouch for the evidence.
  'integrity.publicKeys': 'reads files',
  // Only hides findings, but a folder listing `{"eventName|exists": true}` would silence every rule below high.
  'detections.exclude': 'turns checks off',
  'gzip.prettyPrint': 'shapes the view',
  'trace.server': 'shapes the view',
  'pivot.minutes': 'shapes the view',
  // Only offers CSV columns (a record's own fields), which the user still picks before anything is written.
  'export.columns': 'shapes the view',
  'athena.profile': 'runs queries',
  'athena.region': 'runs queries',
  'athena.workgroup': 'runs queries',
  'athena.database': 'runs queries',
  'athena.table': 'runs queries',
  'athena.outputLocation': 'runs queries',
  'athena.partitioning': 'runs queries',
  'lake.eventDataStore': 'runs queries',
};

test('an untrusted folder cannot set a setting that reads files, runs queries or turns checks off', () => {
  const full = manifest as Manifest & {
    capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] } };
  };
  const settings = Object.keys(full.contributes.configuration.properties).map((key) => key.slice(CONFIGURATION_SECTION.length + 1));
  assert.deepEqual(
    settings.filter((s) => !(s in SETTING_POWERS)),
    [],
    'every setting has its power decided here',
  );
  const trust = full.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  const allowed = new Set<SettingPower | undefined>(['shapes the view', 'hides, and says so']);
  const expected = settings.filter((s) => !allowed.has(SETTING_POWERS[s])).map((s) => `${CONFIGURATION_SECTION}.${s}`);
  assert.deepEqual([...(trust?.restrictedConfigurations ?? [])].sort(), expected.sort());
});

test('cloudtrail.problems.ignore offers every problem code but the notes on what is not shown', () => {
  const ignore = manifest.contributes.configuration.properties['cloudtrail.problems.ignore'] as {
    items: { enum: string[] };
    scope: string;
  };
  const codes = Object.keys(PROBLEM_CODES).filter((code) => !UNIGNORABLE_CODES.has(code as ProblemCode));
  assert.deepEqual([...ignore.items.enum].sort(), codes.sort());
  assert.ok(!ignore.items.enum.includes('problems-hidden'));
  // A folder's settings may name the codes its own logs would raise.
  assert.equal(ignore.scope, 'resource');
});

test('the exclusion list the settings offer is the one the server falls back on, and every entry of it can run', () => {
  const setting = manifest.contributes.configuration.properties[`${CONFIGURATION_SECTION}.detections.exclude`] as
    { default: unknown } | undefined;
  assert.deepEqual(setting?.default, DEFAULT_EXCLUSIONS);
  assert.deepEqual(compileExclusions(DEFAULT_EXCLUSIONS).problems, []);
});
