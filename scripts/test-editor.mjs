// Runs the in-editor suite (out/editor/index.js) inside code-server, VS Code's server and web workbench,
// because VS Code itself cannot be downloaded here. code-server's Node extension host runs the extension
// under development and the suite; Debian's Chromium, driven by playwright-core, opens the workbench.
// Needs: Debian packages chromium and ripgrep (scripts/preflight.mjs, run by npm test, sees to them).
//
//   node scripts/test-editor.mjs [--screenshots] [--grep PATTERN]
//   (--screenshots: save the user check's pictures in docs/screenshots/; --grep: only the matching tests)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, freePort, installCodeServer, startCodeServer, waitFor } from './codeServer.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 5 * 60_000;
const screenshots = process.argv.includes('--screenshots');
// --grep PATTERN: only the tests whose full title matches, and no user check after them.
const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;

function log(message) {
  process.stdout.write(`[test:editor] ${message}\n`);
}

function fail(message) {
  log(message);
  process.exit(1);
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

/** Where `area` is on the page, once its right edge is dragged out to its width (as a user drags a side bar's). */
async function areaOf(page, { selector, width, height }) {
  const element = page.locator(selector).first();
  let box = await element.boundingBox();
  if (box && width && box.width < width) {
    const middle = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width, middle);
    await page.mouse.down();
    await page.mouse.move(box.x + width, middle, { steps: 5 });
    await page.mouse.up();
    box = await element.boundingBox();
  }
  return box && { ...box, height: Math.min(box.height, height ?? Infinity) };
}

/**
 * Takes the pictures the suite asked for (test/editor/pictures.ts): for each `NAME.wanted` in `pictures`, the
 * workbench as it is now (or the part the file names) in `outDir/NAME.jpg`, then `NAME.taken` so the test goes on.
 */
async function takeWantedPictures(page, pictures, outDir) {
  for (const file of readdirSync(pictures)) {
    const name = file.endsWith('.wanted') ? file.slice(0, -'.wanted'.length) : undefined;
    if (!name || existsSync(join(pictures, `${name}.taken`))) continue;
    const area = JSON.parse(readFileSync(join(pictures, file), 'utf8') || 'null');
    const clip = area && (await areaOf(page, area));
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, `${name}.jpg`), type: 'jpeg', quality: 85, ...(clip ? { clip } : {}) });
    writeFileSync(join(pictures, `${name}.taken`), '');
    log(`picture ${name}.jpg taken for the suite, in ${outDir}`);
  }
}

async function main() {
  if (!existsSync(join(REPO, 'out', 'editor', 'index.js')) || !existsSync(join(REPO, 'client', 'out', 'extension.js'))) {
    fail('build first: npm run build (the suite is out/editor/index.js)');
  }
  if (!existsSync(CHROMIUM)) fail(`Chromium is missing at ${CHROMIUM}: apt-get install chromium (see README)`);
  let codeServer;
  try {
    codeServer = installCodeServer(log);
  } catch (error) {
    fail(String(error.message ?? error));
  }
  const { chromium } = await import('playwright-core');

  const work = mkdtempSync(join(tmpdir(), 'cloudtrail-editor-'));
  const workspace = join(work, 'workspace');
  const results = join(work, 'results.json');
  const pictures = join(work, 'pictures');
  const outDir = screenshots ? join(REPO, 'docs', 'screenshots') : join(work, 'screenshots');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(pictures, { recursive: true });
  const port = await freePort();

  let running;
  let browser;
  let exitCode = 1;
  try {
    running = await startCodeServer({
      bin: codeServer,
      work,
      workspace,
      port,
      env: { CLOUDTRAIL_TEST_RESULTS: results, CLOUDTRAIL_PICTURES: pictures, ...(grep ? { CLOUDTRAIL_EDITOR_GREP: grep } : {}) },
    });

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
      async () => {
        await takeWantedPictures(page, pictures, outDir);
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
      log(`code-server log:\n${running?.output().slice(-4000)}`);
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
    const { reportCheck, reportWritten } = await import('./report-check.mjs');
    if (exitCode === 0 && reportWritten(workspace)) {
      // The page the report's test wrote, opened in the browser as a reader would (with --grep too).
      mkdirSync(outDir, { recursive: true });
      exitCode = 1;
      await reportCheck({ browser, workspace, outDir, log });
      exitCode = 0;
    }
    if (exitCode === 0 && !grep) {
      // What a user sees, checked in the browser; pictures kept under docs/ only when asked for.
      mkdirSync(outDir, { recursive: true });
      const { userCheck } = await import('./editor-screenshots.mjs');
      exitCode = 1;
      await userCheck({ browser, port, workspace: join(work, 'logs'), repo: REPO, outDir, log });
      exitCode = 0;
      process.stdout.write('user check: 5 passed, 0 failed\n');
    }
  } catch (error) {
    log(String(error?.stack ?? error));
    if (running) log(`code-server log:\n${running.output().slice(-4000)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    running?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

await main();
