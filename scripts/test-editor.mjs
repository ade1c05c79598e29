// Runs the in-editor suite (out/editor/index.js) inside code-server, VS Code's server and web workbench,
// because VS Code itself cannot be downloaded here. code-server's Node extension host runs the extension
// under development and the suite; Debian's Chromium, driven by playwright-core, opens the workbench.
// Needs: Debian packages chromium and ripgrep (see README). code-server is installed on first use into a
// cache folder outside the project, never into its dependencies.
//
//   node scripts/test-editor.mjs [--screenshots]   (--screenshots: save the user check's pictures in docs/screenshots/)
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.CLOUDTRAIL_CODE_SERVER_DIR ?? join(homedir(), '.cache', 'cloudtrail-lens', `code-server-${CODE_SERVER_VERSION}`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 5 * 60_000;
const screenshots = process.argv.includes('--screenshots');

function log(message) {
  process.stdout.write(`[test:editor] ${message}\n`);
}

function fail(message) {
  log(message);
  process.exit(1);
}

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** code-server's install fetches a ripgrep binary unless a cached archive exists: give it Debian's rg. */
function seedRipgrepCache() {
  const rg = which('rg');
  if (!rg) fail('ripgrep is missing: apt-get install ripgrep (see README)');
  const dir = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  const staging = mkdtempSync(join(tmpdir(), 'rg-'));
  copyFileSync(rg, join(staging, 'rg'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

function installCodeServer() {
  const bin = join(CACHE, 'node_modules', '.bin', 'code-server');
  if (existsSync(bin)) return bin;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (once, about a minute)`);
  seedRipgrepCache();
  mkdirSync(CACHE, { recursive: true });
  // npm 11 runs only the install scripts a project approves; code-server's sets up its bundled VS Code.
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CACHE,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its postinstall refuses to run as root unless told it may (CI runs as root).
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (!existsSync(bin)) fail('code-server did not install');
  return bin;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitFor(what, test, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Runs in the workbench page: reports each modal dialog and each error editor (an editor that failed to
 * open shows a placeholder with an error icon) as it appears, through the function the harness exposed.
 */
function watchForErrors() {
  const reported = new WeakSet();
  const report = (element, kind) => {
    if (reported.has(element)) return;
    reported.add(element);
    window.cloudtrailErrorShown(`${kind}: ${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300)}`);
  };
  const check = () => {
    for (const dialog of document.querySelectorAll('.monaco-dialog-box')) report(dialog, 'a dialog');
    for (const placeholder of document.querySelectorAll('.monaco-editor-pane-placeholder'))
      if (placeholder.querySelector('.codicon-error')) report(placeholder, 'an error editor');
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

async function main() {
  if (!existsSync(join(REPO, 'out', 'editor', 'index.js')) || !existsSync(join(REPO, 'client', 'out', 'extension.js'))) {
    fail('build first: npm run build (the suite is out/editor/index.js)');
  }
  if (!existsSync(CHROMIUM)) fail(`Chromium is missing at ${CHROMIUM}: apt-get install chromium (see README)`);
  const codeServer = installCodeServer();
  const { chromium } = await import('playwright-core');

  const work = mkdtempSync(join(tmpdir(), 'cloudtrail-editor-'));
  const workspace = join(work, 'workspace');
  const results = join(work, 'results.json');
  for (const dir of [workspace, join(work, 'user-data'), join(work, 'extensions'), join(work, 'config')])
    mkdirSync(dir, { recursive: true });
  const port = await freePort();

  const server = spawn(
    codeServer,
    [
      '--config',
      join(work, 'config', 'config.yaml'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      join(work, 'user-data'),
      '--extensions-dir',
      join(work, 'extensions'),
      workspace,
    ],
    {
      // Its own process group, so stopping it by its id also stops the extension host it started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDTRAIL_TEST_RESULTS: results, XDG_CONFIG_HOME: join(work, 'config'), XDG_DATA_HOME: join(work, 'data') },
    },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopServer);

  let browser;
  let exitCode = 1;
  try {
    await waitFor(
      'code-server to listen',
      async () => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/healthz`);
          return response.ok;
        } catch {
          return false;
        }
      },
      60_000,
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // What the extension host cannot see: a modal dialog, or an error editor, shown while the suite runs.
    const errorsShown = [];
    await page.exposeFunction('cloudtrailErrorShown', (what) => errorsShown.push(what));
    await page.addInitScript(watchForErrors);
    // The vscode-remote form makes code-server's Node extension host run the suite.
    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(REPO)],
      ['extensionTestsPath', remote(join(REPO, 'out', 'editor', 'index.js'))],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port}; running the suite`);
    await page.goto(url);

    const outcome = await waitFor(
      'the suite to finish',
      () => {
        if (!existsSync(results)) return undefined;
        try {
          const parsed = JSON.parse(readFileSync(results, 'utf8'));
          return parsed.done ? parsed : undefined;
        } catch {
          return undefined;
        }
      },
      SUITE_TIMEOUT_MS,
      500,
    ).catch((error) => {
      log(String(error));
      const partial = existsSync(results) ? readFileSync(results, 'utf8') : '(no results)';
      log(`partial results: ${partial}`);
      log(`code-server log:\n${serverLog.slice(-4000)}`);
      if (pageErrors.length) log(`page errors:\n${pageErrors.slice(-10).join('\n')}`);
      return undefined;
    });

    if (outcome) {
      for (const o of outcome.outcomes) {
        process.stdout.write(`${o.state === 'passed' ? '  ✔' : '  ✖'} ${o.title}${o.ms !== undefined ? ` (${o.ms} ms)` : ''}\n`);
        if (o.error) process.stdout.write(`${o.error.replace(/^/gm, '      ')}\n`);
      }
      process.stdout.write(`in-editor: ${outcome.passed} passed, ${outcome.failed} failed\n`);
      for (const shown of errorsShown) process.stdout.write(`  ✖ the workbench showed ${shown}\n`);
      process.stdout.write(`error dialogs and error editors shown: ${errorsShown.length}\n`);
      exitCode = outcome.failed === 0 && outcome.passed > 0 && errorsShown.length === 0 ? 0 : 1;
    }
    if (exitCode === 0) {
      // What a user sees, checked in the browser; pictures kept under docs/ only when asked for.
      const outDir = screenshots ? join(REPO, 'docs', 'screenshots') : join(work, 'screenshots');
      mkdirSync(outDir, { recursive: true });
      const { userCheck } = await import('./editor-screenshots.mjs');
      exitCode = 1;
      await userCheck({ browser, port, workspace: join(work, 'logs'), repo: REPO, outDir, log });
      exitCode = 0;
      process.stdout.write('user check: 5 passed, 0 failed\n');
    }
  } catch (error) {
    log(String(error?.stack ?? error));
    log(`code-server log:\n${serverLog.slice(-4000)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    stopServer();
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

await main();
