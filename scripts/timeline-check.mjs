// The browser check of the Timeline view, run by editor-screenshots.mjs in its workbench: a generated log with a
// burst in it opened, its bars read from the keyboard (each bar's count announced) and matched against the log's
// own times, a bar's tooltip (the screenshot), a click listing a bar's records, and a drag across bars writing
// after:/before: into the Events view's filter, as its description shows.
import { join } from 'node:path';

const TIMEOUT = 30_000;

/** The page inside the Timeline's webview (VS Code nests the page in a frame of its own). */
function timelineFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** A bar as the live region announces it: its number, the bar count, its time range (ms) and its records. */
function readAnnouncement(text) {
  const m =
    /^Bar (\d+) of (\d+), (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)(?:–| – (\d{4}-\d{2}-\d{2}) )(\d{2}:\d{2}(?::\d{2})?) UTC: ([\d,]+) records?\b/.exec(
      text,
    );
  if (!m) return undefined;
  const [, bar, bars, day, from, toDay, to, records] = m;
  return {
    bar: Number(bar),
    bars: Number(bars),
    after: Date.parse(`${day}T${from}Z`),
    before: Date.parse(`${toDay ?? day}T${to}Z`),
    records: Number(records.replace(/,/g, '')),
  };
}

/** Presses a key on the chart and reads what the live region then says. */
async function press(frame, key, before) {
  await frame.locator('#chart').press(key);
  const live = frame.locator('#live');
  for (let i = 0; i < 100; i++) {
    const text = (await live.textContent()) ?? '';
    if (text && text !== before) return text;
    await live.page().waitForTimeout(20);
  }
  return (await live.textContent()) ?? '';
}

/** Drags the sash nearest a point (a vertical one across x, or a horizontal one across y) by dx, dy; false when there is none. */
async function dragSash(page, kind, at, dx, dy) {
  const sashes = page.locator(`.monaco-sash.${kind}`);
  for (let i = 0; i < (await sashes.count()); i++) {
    const box = await sashes.nth(i).boundingBox();
    if (!box) continue;
    const middle = kind === 'vertical' ? box.x + box.width / 2 : box.y + box.height / 2;
    const across = kind === 'vertical' ? at.y >= box.y && at.y <= box.y + box.height : at.x >= box.x && at.x <= box.x + box.width;
    if (!across || Math.abs(middle - (kind === 'vertical' ? at.x : at.y)) > 6) continue;
    const start = kind === 'vertical' ? { x: middle, y: at.y } : { x: at.x, y: middle };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + dx, start.y + dy, { steps: 6 });
    await page.mouse.up();
    return true;
  }
  return false;
}

/** A wider side bar, and more of it for the Timeline than for the Events view: room for the picture. */
async function roomForTheTimeline(page) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const wider = sidebar && (await dragSash(page, 'vertical', { x: sidebar.x + sidebar.width, y: sidebar.y + sidebar.height / 2 }, 320, 0));
  const header = await page.locator('.pane-header', { hasText: 'Timeline' }).first().boundingBox();
  if (header) await dragSash(page, 'horizontal', { x: header.x + header.width / 2, y: header.y }, 0, -150);
  return wider;
}

/** Resolves once the chart's plotting area is wider than `width` (it follows the view's size). */
async function chartWiderThan(frame, width) {
  const deadline = Date.now() + TIMEOUT;
  while (((await frame.locator('.u-over').boundingBox())?.width ?? 0) <= width) {
    if (Date.now() > deadline) throw new Error('the chart did not follow the wider view');
    await frame.locator('.u-over').page().waitForTimeout(50);
  }
}

export async function timelineCheck({ page, name, text, outDir, log, check }) {
  const times = JSON.parse(text).Records.map((r) => Date.parse(r.eventTime));
  // Open the log as a user would, with Quick Open; the Events view and the Timeline follow the active editor.
  // Typed only once Quick Open has the focus (keys before it went to the tree's type-to-find), and the log's row
  // clicked rather than Enter: while the query is partial, the first row may be the seed sample opened before.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.type(name);
  const logRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
  await logRow.waitFor({ timeout: TIMEOUT });
  await logRow.click();
  await page.locator('.monaco-list-row', { hasText: 'Object-level' }).first().waitFor({ timeout: TIMEOUT });

  const frame = timelineFrame(page);
  await frame.locator('#chart canvas').first().waitFor({ timeout: TIMEOUT });
  await frame.locator('#summary', { hasText: `${times.length.toLocaleString('en-US')} records` }).waitFor({ timeout: TIMEOUT });

  // Every bar from the keyboard: its announced count is the log's records in its time range.
  let said = await press(frame, 'Home', '');
  const bars = [];
  for (;;) {
    const bar = readAnnouncement(said);
    check(bar, `the live region announces a bar ("${said}")`);
    bars.push(bar);
    if (bar.bar === bar.bars) break;
    said = await press(frame, 'ArrowRight', said);
  }
  check(bars.length > 20, `${bars.length} bars`);
  for (const bar of bars) {
    const expected = times.filter((t) => t >= bar.after && t < bar.before).length;
    check(bar.records === expected, `bar ${bar.bar} holds ${expected} records of the log, as announced (${bar.records})`);
  }
  check(bars.reduce((n, b) => n + b.records, 0) === times.length, 'the bars hold every record');
  log(`timeline: ${bars.length} bars, each announcing the log's count for its range`);

  // The tallest bar's tooltip: its range and counts per series, the chart given room and the keyboard's focus gone.
  await frame.locator('#chart').evaluate((chart) => chart.blur());
  const narrow = (await frame.locator('.u-over').boundingBox())?.width ?? 0;
  if (await roomForTheTimeline(page)) await chartWiderThan(frame, narrow + 100);
  const tallest = bars.reduce((a, b) => (b.records > a.records ? b : a));
  const over = await frame.locator('.u-over').boundingBox();
  check(over, 'the chart has a plotting area');
  const xOf = (bar) => over.x + ((bar.bar - 0.5) * over.width) / bars.length;
  await page.mouse.move(xOf(tallest), over.y + over.height - 4);
  const tooltip = frame.locator('#tooltip');
  await tooltip.locator('.head', { hasText: `${tallest.records} records` }).waitFor({ timeout: TIMEOUT });
  check((await tooltip.innerText()).includes('Failed'), 'the burst bar shows its failed records');
  await page.screenshot({ path: join(outDir, 'timeline.jpg'), type: 'jpeg', quality: 85 });
  log(`timeline tooltip on the tallest bar: ${tallest.records} records`);

  // A click lists the bar's records in a Quick Pick, whose first choice filters the view to the bar.
  await page.mouse.click(xOf(tallest), over.y + over.height - 4);
  const pick = page.locator('.quick-input-widget', { hasText: 'Filter the events view to' });
  await pick.first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Escape');
  log('a click on a bar lists its records');

  // A drag across bars writes their range into the Events view's filter.
  const first = bars[Math.floor(bars.length / 3)];
  const last = bars[Math.floor(bars.length / 2)];
  await page.mouse.move(xOf(first), over.y + over.height / 2);
  await page.mouse.down();
  await page.mouse.move(xOf(last), over.y + over.height / 2, { steps: 8 });
  await page.mouse.up();
  const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const filter = `after:${iso(first.after)} before:${iso(last.before)}`;
  const description = page.locator('.pane-header', { hasText: 'Events' }).locator('.description');
  await description.filter({ hasText: filter }).first().waitFor({ timeout: TIMEOUT });
  log(`a drag wrote "${filter}" into the events view's filter`);
}
