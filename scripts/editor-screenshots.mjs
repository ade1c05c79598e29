// The browser check of what a user sees, run by test-editor.mjs after the suite: the seed sample open with
// its squiggles and the Problems count, the hover with its link, the CloudTrail Events view with its
// groups, the light-bulb quick fix applied, and the Timeline's bars, tooltip, Quick Pick and drag. Each step
// asserts what is on screen; with --screenshots the pictures are saved under docs/screenshots/ for the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { timelineCheck } from './timeline-check.mjs';

const SEED_NAME = '111122223333_CloudTrail_us-west-2_20190201T0320Z_SeedSample.json';
const INCIDENT_NAME = '111122223333_CloudTrail_us-east-1_20240305T0800Z_Incident.json';
const TIMEOUT = 30_000;

function check(condition, message) {
  if (!condition) throw new Error(`user check failed: ${message}`);
}

/** The Problems counts in the status bar, from its accessible label ("Errors: 2, Warnings: 3"). */
async function problemCounts(page) {
  const label = (await page.locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
  const count = (word) => Number(new RegExp(`${word}s?: (\\d+)`, 'i').exec(label)?.[1] ?? NaN);
  return { errors: count('Error'), warnings: count('Warning'), label };
}

async function waitForErrors(page, errors) {
  await page.waitForFunction(
    (n) => /Errors?: (\d+)/i.exec(document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '')?.[1] === String(n),
    errors,
    { timeout: TIMEOUT },
  );
}

async function goToLine(page, line, column) {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

export async function userCheck({ browser, port, workspace, repo, outDir, log }) {
  // A folder of its own, holding just the seed sample, as a user would have it.
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, SEED_NAME), readFileSync(join(repo, 'test', 'fixtures', 'seed-sample.json'), 'utf8'));
  // And a generated log with a burst in it, for the timeline (built by scripts/build.mjs from test/support/incidentLog.ts).
  const incident = createRequire(import.meta.url)(join(repo, 'out', 'support', 'incidentLog.js')).incidentLog();
  writeFileSync(join(workspace, INCIDENT_NAME), incident);
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(repo)]];
  await page.goto(
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
  await page.locator('.explorer-folders-view').waitFor({ timeout: TIMEOUT });

  // Open the seed sample from the Explorer, as a user would.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SEED_NAME }).first().click();
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: TIMEOUT });
  await waitForErrors(page, 2);
  const counts = await problemCounts(page);
  check(counts.errors === 2, `two errors in the status bar (${counts.label})`);

  await goToLine(page, 68, 11);
  await page.locator('.squiggly-error').first().waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: join(outDir, 'diagnostics.jpg'), type: 'jpeg', quality: 85 });
  log(`squiggles and Problems count: ${counts.label}`);

  // The light bulb on the missing comma, and its fix. The keystroke can land while the editor is
  // still taking focus back from the go-to-line box, so ask again until the menu shows.
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Insert missing comma' });
  for (let attempt = 1; ; attempt++) {
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+.');
    const shown = await fix
      .first()
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) break;
    check(attempt < 6, 'the quick fix menu offers "Insert missing comma"');
    await page.keyboard.press('Escape');
  }
  await page.screenshot({ path: join(outDir, 'quick-fix.jpg'), type: 'jpeg', quality: 85 });
  // The preferred fix comes first and is selected.
  await page.keyboard.press('Enter');
  await waitForErrors(page, 1);
  log('quick fix applied: one error left');

  // Hover on an event name: its level and the API reference link.
  await goToLine(page, 46, 1);
  const name = page.locator('.view-lines span', { hasText: /^"?PutBucketAcl"?$/ }).first();
  await name.waitFor({ timeout: TIMEOUT });
  await name.hover();
  const hover = page.locator('.monaco-hover', { hasText: 'Amazon S3 API Reference' });
  await hover.first().waitFor({ timeout: TIMEOUT });
  const link = await hover.locator('a', { hasText: 'PutBucketAcl in the Amazon S3 API Reference' }).first().getAttribute('href');
  check(
    link?.includes('API_PutBucketAcl.html') || (await hover.first().innerHTML()).includes('API_PutBucketAcl.html'),
    `hover links PutBucketAcl's page (${link})`,
  );
  check((await hover.first().innerText()).includes('bucket-level'), 'hover names the level');
  await page.screenshot({ path: join(outDir, 'hover.jpg'), type: 'jpeg', quality: 85 });
  log('hover shows the level and the API reference link');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // The CloudTrail container in the activity bar, its Events view grouped by level.
  const container = page.locator('.activitybar .action-item a[aria-label^="CloudTrail"]').first();
  await container.waitFor({ timeout: TIMEOUT });
  await container.click();
  await page
    .locator('.sidebar .title-label', { hasText: /CloudTrail/i })
    .first()
    .waitFor({ timeout: TIMEOUT });
  const bucketLevel = page.locator('.monaco-list-row', { hasText: 'Bucket-level' }).first();
  await bucketLevel.waitFor({ timeout: TIMEOUT });
  await bucketLevel.click();
  await page.locator('.monaco-list-row', { hasText: 'PutBucketAcl' }).first().waitFor({ timeout: TIMEOUT });
  check((await page.locator('.monaco-list-row', { hasText: 'Account-level' }).count()) === 0, 'no account-level events in the seed sample');
  await page.screenshot({ path: join(outDir, 'events-view.jpg'), type: 'jpeg', quality: 85 });
  log('events view shows Bucket-level with its events');

  await timelineCheck({ page, name: INCIDENT_NAME, text: incident, outDir, log, check });
  await page.close();
}
