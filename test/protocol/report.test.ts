/**
 * cloudtrail/report over LSP, on the demo workspace's trail folder read as the events view reads it (the rule pack
 * in force): every count in the HTML is the events tree's for the same filter, its files are the folder's, and the
 * story's StopLogging is cited by its eventID with its record in the appendix.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EventTreeRequest, OpenLogRequest } from '../../common/protocol';
import { type ReportParams, ReportRequest } from '../../common/reportProtocol';
import { DEMO, demoTrail, storyRecords, writeDemoTrail } from '../support/demoStory';
import { TestClient } from '../support/lspClient';

/** The numbers the HTML marks as counting `what`, in page order. */
function counted(page: string, what: string): number[] {
  return [...page.matchAll(new RegExp(`data-count="${what}">([\\d,]+)<`, 'g'))].map((m) => Number(m[1]!.replace(/,/g, '')));
}

describe('cloudtrail/report', () => {
  let client: TestClient;
  let root: string;
  let folder: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-report-'));
    writeDemoTrail(root);
    folder = pathToFileURL(root).toString();
    client = new TestClient();
    await client.initialize();
    await client.connection.sendRequest(OpenLogRequest, { uri: folder });
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const ask = (params: Omit<ReportParams, 'textDocument'>, uri = folder) =>
    client.connection.sendRequest(ReportRequest, { textDocument: { uri }, ...params });

  for (const filter of [undefined, `user:${DEMO.user}`, '-error:*']) {
    test(`the HTML's counts are the events tree's (filter ${filter ?? 'none'})`, async () => {
      const tree = (await client.connection.sendRequest(EventTreeRequest, {
        textDocument: { uri: folder },
        ...(filter ? { filter } : {}),
      }))!;
      const page = (await ask({ format: 'html', ...(filter ? { filter } : {}) }))!.text;
      assert.deepEqual(counted(page, 'total'), [tree.total]);
      assert.deepEqual(counted(page, 'shown'), [tree.shown]);
      assert.deepEqual(
        counted(page, 'level'),
        tree.groups.map((g) => g.count),
      );
      const rules = [...page.matchAll(/<tr data-rule="([^"]*)">.*?data-count="rule">([\d,]+)</g)].map((m) => [m[1], Number(m[2])]);
      assert.deepEqual(
        rules,
        (tree.detections ?? []).map((d) => [d.key, d.count]),
      );
      assert.ok(rules.length > 0, 'the story is flagged');
      // Each file of the folder, and its records.
      const sources = counted(page, 'source-records');
      assert.equal(sources.length, demoTrail().length);
      assert.equal(
        sources.reduce((a, b) => a + b, 0),
        tree.total,
      );
    });
  }

  test('the trail stopped is cited by its eventID, its record in the appendix', async () => {
    const stop = storyRecords().find((r) => r['eventName'] === 'StopLogging')!;
    const page = (await ask({ format: 'html' }))!.text;
    const link = new RegExp(`<a href="#r(\\d+)">${stop['eventID'] as string}</a>`).exec(page);
    assert.ok(link, 'StopLogging cited');
    assert.match(page, new RegExp(`<h3 id="r${link[1]}">[^<]*StopLogging`));
  });

  test('Markdown too, redacted when asked; an unknown log or format answers null', async () => {
    const markdown = (await ask({ format: 'markdown', redact: true }))!.text;
    assert.match(markdown, /^# Investigation report: /);
    assert.ok(!markdown.includes(DEMO.account) && !markdown.includes(DEMO.ip.replace(/\./g, '\\.')));
    assert.equal(await ask({ format: 'html' }, 'file:///nowhere/at/all'), null);
    assert.equal(await ask({ format: 'pdf' as 'html' }), null);
  });
});
