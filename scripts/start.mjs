// npm start: the extension tried in a browser, without VS Code. Packages the extension if its sources changed since
// cloudtrail-lens.vsix was made, installs it into code-server (installed as the in-editor suite installs it), writes
// a demo workspace under ~/.cache/cloudtrail-lens/demo (the seed sample, and a trail folder with a small attack in
// it), and serves code-server on 127.0.0.1 only, with no password and no telemetry, until stopped with Ctrl+C.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_ROOT, codeServerArgs, freePort, installCodeServer, startCodeServer } from './codeServer.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VSIX = join(REPO, 'cloudtrail-lens.vsix');
const STORY = join(REPO, 'out', 'support', 'demoStory.js');
const WORKSPACE = join(CACHE_ROOT, 'demo');
// code-server's own state for the demo (settings, the extension installed), kept between starts.
const WORK = join(CACHE_ROOT, 'demo-code-server');
const SEED_NAME = '111122223333_CloudTrail_us-west-2_20190201T0320Z_SeedSample.json';
// What the package is made of: a change to any of these makes it again.
const PACKAGED = ['client/src', 'client/webview', 'server/src', 'common', 'rules', 'syntaxes', 'resources', 'package.json', 'README.md'];
// The workbench asks no gallery for updates and opens on the workspace, not a welcome page.
const SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
};

function log(message) {
  process.stdout.write(`[start] ${message}\n`);
}

/** The newest modification time of a file, or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether `target` is missing or older than something it is made from. */
const stale = (target, sources) => newest(target) < Math.max(...sources.map((s) => newest(join(REPO, s))));

function run(command, args) {
  execFileSync(command, args, { cwd: REPO, stdio: 'inherit' });
}

function buildIfNeeded() {
  if (stale(STORY, ['test/support'])) {
    log('building (node scripts/build.mjs)');
    run(process.execPath, ['scripts/build.mjs']);
  }
  if (stale(VSIX, PACKAGED)) {
    log('packaging the extension (npm run package)');
    run('npm', ['run', 'package']);
  }
}

/** The seed sample, and the trail folder (AWSLogs/…) made anew from the story. */
function writeWorkspace() {
  mkdirSync(WORKSPACE, { recursive: true });
  copyFileSync(join(REPO, 'test', 'fixtures', 'seed-sample.json'), join(WORKSPACE, SEED_NAME));
  rmSync(join(WORKSPACE, 'AWSLogs'), { recursive: true, force: true });
  createRequire(import.meta.url)(STORY).writeDemoTrail(WORKSPACE);
}

function installExtension(bin) {
  const settings = join(WORK, 'user-data', 'User', 'settings.json');
  mkdirSync(dirname(settings), { recursive: true });
  if (!existsSync(settings)) writeFileSync(settings, `${JSON.stringify(SETTINGS, null, 2)}\n`);
  execFileSync(bin, [...codeServerArgs(WORK, 0), '--force', '--install-extension', VSIX], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, XDG_CONFIG_HOME: join(WORK, 'config'), XDG_DATA_HOME: join(WORK, 'data') },
  });
}

async function main() {
  buildIfNeeded();
  const bin = installCodeServer(log);
  writeWorkspace();
  installExtension(bin);
  const port = await freePort();
  const running = await startCodeServer({ bin, work: WORK, workspace: WORKSPACE, port });
  const stop = () => {
    running.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  running.server.on('exit', (code) => {
    log(`code-server stopped (${code}):\n${running.output().slice(-2000)}`);
    process.exit(1);
  });
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}`;
  log(`CloudTrail Lens in code-server, on a demo workspace (${WORKSPACE}): open ${url}`);
  log('the trail folder: right-click AWSLogs in the Explorer, then Open folder of logs…; Ctrl+C stops');
}

main().catch((error) => {
  log(String(error?.message ?? error));
  process.exit(1);
});
