// The browser check of the investigation report, run by test-editor.mjs after the suite when the report's in-editor
// test left its page in the workspace: opened in Chromium from its file, it makes no request but its own file and
// breaks no rule of its Content Security Policy, shows its sections and its timeline picture; the screenshots, its top
// and its timeline, are kept for the README (docs/screenshots/report.jpg and report-timeline.jpg with --screenshots).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPORT_FILE = 'investigation-report.html';

function check(condition, message) {
  if (!condition) throw new Error(`report check failed: ${message}`);
}

/** Whether the suite left a report to open. */
export function reportWritten(workspace) {
  return existsSync(join(workspace, REPORT_FILE));
}

export async function reportCheck({ browser, workspace, outDir, log }) {
  const file = pathToFileURL(join(workspace, REPORT_FILE)).href;
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const requests = [];
  const complaints = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) complaints.push(message.text());
  });
  await page.goto(file);
  await page.locator('svg.timeline').waitFor({ timeout: 10_000 });
  check(
    requests.every((url) => url === file),
    `it requested ${requests.filter((url) => url !== file).join(', ')}`,
  );
  check(complaints.length === 0, `its policy was broken: ${complaints.join(' | ')}`);
  for (const id of ['scope', 'findings', 'timeline', 'actors', 'new', 'appendix'])
    check((await page.locator(`h2#${id}`).count()) === 1, `its ${id} section`);
  // The style sheet applied (allowed by its hash): the tables have their borders.
  const border = await page
    .locator('td')
    .first()
    .evaluate((td) => getComputedStyle(td).borderTopStyle);
  check(border === 'solid', `its style applies (a cell's border is ${border})`);
  await page.screenshot({ path: join(outDir, 'report.jpg'), type: 'jpeg', quality: 85 });
  // The timeline lies below the findings' eventIDs: a second picture, from its heading to the foot of its picture.
  const heading = await page.locator('h2#timeline').boundingBox();
  const timeline = await page.locator('svg.timeline').boundingBox();
  check(heading !== null && timeline !== null, 'its timeline is laid out');
  const clip = { x: 0, y: heading.y - 16, width: 1200, height: timeline.y + timeline.height + 32 - heading.y };
  await page.screenshot({ path: join(outDir, 'report-timeline.jpg'), type: 'jpeg', quality: 85, fullPage: true, clip });
  log(`report check: ${REPORT_FILE} opened offline, its picture in ${outDir}`);
  await page.close();
}
