/**
 * The Timeline view in the workbench: its page draws bars that add up to what the events view shows, follows
 * the view's filter and grouping, and writes a time range into the view's filter. (The drag itself, with a
 * mouse on the page, is the browser check's: scripts/editor-screenshots.mjs.)
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../common/commands';
import { TIMELINE_VIEW_ID } from '../../client/src/contributions';
import type { CloudTrailApi } from '../../client/src/extension';
import type { Drawn } from '../../client/src/timeline/timelineView';
import { INCIDENT, incidentLog } from '../support/incidentLog';
import { closeAll, extensionApi, openFile, treeFor } from './support';

/**
 * Resolves once the timeline's page has drawn what `accept` likes (checking what it last drew first). A page that
 * never does fails the test before Mocha's own timeout, saying what the view knew: whether it was shown, what the
 * page last drew, and what the server last answered.
 */
function drawnWhen(api: CloudTrailApi, accept: (drawn: Drawn) => boolean): Promise<Drawn> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const { visible, lastDrawn, result } = api.timeline;
      const answered = result ? `${result.series.length} series, ${result.total} records` : String(result);
      reject(new Error(`no such drawing: visible ${visible}, last drawn ${JSON.stringify(lastDrawn)}, server's bars ${answered}`));
    }, 45_000);
    const check = (drawn: Drawn | undefined) => {
      if (!drawn || !accept(drawn)) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(drawn);
      return true;
    };
    const subscription = api.timeline.onDidDraw((drawn) => check(drawn));
    check(api.timeline.lastDrawn);
  });
}

describe('the Timeline view', () => {
  let api: CloudTrailApi;
  let uri: vscode.Uri;

  before(async () => {
    api = await extensionApi();
    const editor = await openFile('incident.cloudtrail.json', incidentLog());
    uri = editor.document.uri;
    await treeFor(api, uri);
    await vscode.commands.executeCommand(`${TIMELINE_VIEW_ID}.focus`);
    // Shown, the view asks for what the events view shows now, or sends the page what it has again.
    await api.timeline.update();
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearFilter);
    await api.timeline.setStack('outcome');
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'level');
    await closeAll();
  });

  it("draws the shown log's records in bars that add up to the events view's count, stacked by outcome", async () => {
    const drawn = await drawnWhen(api, (d) => d.records === INCIDENT.records && d.stack === 'outcome');
    assert.equal(api.events.result?.shown, INCIDENT.records);
    const chart = api.timeline.chart!;
    assert.equal(drawn.bars, chart.xs.length);
    // Six hours in five-minute bars, aligned to the hour.
    assert.equal(chart.intervalMs, 5 * 60_000);
    assert.equal(chart.start, Date.UTC(2024, 2, 5, 8, 0));
    assert.deepEqual(
      chart.series.map((s) => s.label),
      ['Succeeded', 'Failed'],
    );
    // The burst's quarter of an hour holds the tallest bars.
    const tallest = chart.totals.indexOf(Math.max(...chart.totals));
    assert.ok(chart.xs[tallest]! >= Date.UTC(2024, 2, 5, 11, 10) && chart.xs[tallest]! < Date.UTC(2024, 2, 5, 11, 25));
  });

  it("follows the events view's filter and grouping", async () => {
    await vscode.commands.executeCommand(COMMANDS.filterEvents, INCIDENT.user);
    const shown = api.events.result!.shown;
    assert.ok(shown >= INCIDENT.burst && shown < INCIDENT.records, `${shown} records of ${INCIDENT.user}`);
    await drawnWhen(api, (d) => d.records === shown);
    await vscode.commands.executeCommand(COMMANDS.filterEvents, '');
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'level');
    await api.timeline.setStack('group');
    await drawnWhen(api, (d) => d.records === INCIDENT.records && d.stack === 'group');
    const groups = api.events.result!.groups;
    assert.deepEqual(
      api.timeline.chart!.series.map((s) => [s.label, s.total]),
      groups.map((g) => [g.label, g.count]),
    );
  });

  it("writes a range into the events view's filter, keeping its other terms, and takes it out again", async () => {
    await vscode.commands.executeCommand(COMMANDS.filterEvents, INCIDENT.user);
    await api.timeline.applyRange(Date.UTC(2024, 2, 5, 11, 10), Date.UTC(2024, 2, 5, 11, 25));
    assert.match(api.view.description ?? '', /filter: mallory after:2024-03-05T11:10:00Z before:2024-03-05T11:25:00Z$/);
    await api.timeline.applyRange(undefined, undefined);
    assert.match(api.view.description ?? '', /filter: mallory$/);
  });
});
