/** cloudtrail/timeline as the client asks for it: its bars add up to the events view's count, for an open log and a read folder. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  EventTreeRequest,
  GROUP_BY_VALUES,
  OpenFolderRequest,
  TIMELINE_MAX_BINS,
  type TimelineResult,
  TimelineRequest,
} from '../../common/protocol';
import { generateLog } from '../support/generateLog';
import { TestClient } from '../support/lspClient';

/** Records in the bars. */
function barred(result: TimelineResult): number {
  return result.series.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0);
}

/** Bare words: the filter's meaning of them (a substring of name, identity, IP or error) holds across its syntax. */
const FILTERS = [undefined, 'AccessDenied', 'alice', 'Put', 'no record has this'];

describe('cloudtrail/timeline over LSP', () => {
  let client: TestClient;
  let root: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudtrail-timeline-'));
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  /** For every filter, stacking and grouping: the bars plus the untimed records are the tree's `shown`. */
  async function assertSums(uri: string): Promise<void> {
    for (const filter of FILTERS) {
      for (const groupBy of GROUP_BY_VALUES) {
        const tree = (await client.connection.sendRequest(EventTreeRequest, { textDocument: { uri }, groupBy, filter }))!;
        for (const stack of ['outcome', 'group'] as const) {
          const what = `${filter} ${groupBy} ${stack}`;
          const result = (await client.connection.sendRequest(TimelineRequest, { textDocument: { uri }, filter, groupBy, stack }))!;
          assert.equal(result.total, tree.shown, what);
          assert.equal(barred(result) + result.untimed, tree.shown, what);
          assert.ok(result.findings.length <= TIMELINE_MAX_BINS, what);
          assert.equal(result.start % result.intervalMs, 0, what);
          for (const s of result.series) assert.equal(s.counts.length, result.findings.length, what);
          result.findings.forEach((flagged, bin) =>
            assert.ok(flagged <= result.series.reduce((n, s) => n + s.counts[bin]!, 0), `${what}: bar ${bin}`),
          );
          if (stack === 'group' && groupBy === 'level') {
            assert.deepEqual(
              result.series.map((s) => s.label),
              tree.groups.map((g) => g.label),
              what,
            );
          }
        }
      }
    }
  }

  test('an open log: the bars add up to the tree, for every filter, grouping and stacking; an untimed record is counted apart', async () => {
    const text = generateLog({ seed: 1414, records: 2500 }).replace(/"eventTime":"[^"]*"/, '"eventTime":"yesterday"');
    const uri = 'file:///timeline/open.json';
    await client.open(uri, text);
    const all = (await client.connection.sendRequest(TimelineRequest, { textDocument: { uri }, stack: 'outcome' }))!;
    assert.equal(all.untimed, 1);
    assert.equal(all.total, 2500);
    assert.ok(all.findings.length > 10, `${all.findings.length} bars`);
    // The pack's rules flag some of a generated log's records.
    assert.ok(all.findings.some((n) => n > 0));
    await assertSums(uri);
    await client.close(uri);
  });

  test('a folder read from disk: the bars add up to the tree the same way', async () => {
    const day = path.join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '03', '05');
    mkdirSync(day, { recursive: true });
    for (let i = 0; i < 6; i++) {
      const name = `111122223333_CloudTrail_us-east-1_20240305T0${i}00Z_part${i}.json.gz`;
      writeFileSync(path.join(day, name), gzipSync(Buffer.from(generateLog({ seed: 700 + i, records: 300 }))));
    }
    const folder = pathToFileURL(root).toString();
    const read = (await client.connection.sendRequest(OpenFolderRequest, { folder }))!;
    assert.equal(read.records, 1800);
    await assertSums(folder);
  });

  test('no such log: null; requests a client should not send are answered, not crashed on', async () => {
    assert.equal(
      await client.connection.sendRequest(TimelineRequest, { textDocument: { uri: 'file:///nowhere.json' }, stack: 'outcome' }),
      null,
    );
    const uri = 'file:///timeline/odd.json';
    await client.open(uri, generateLog({ seed: 3, records: 50 }));
    const odd = { textDocument: { uri }, stack: 'sideways', groupBy: 'nonsense', maxBins: 'many', filter: 42 } as never;
    const result = (await client.connection.sendRequest(TimelineRequest, odd))!;
    assert.ok(result === null || barred(result) + result.untimed === result.total);
    const few = (await client.connection.sendRequest(TimelineRequest, { textDocument: { uri }, stack: 'outcome', maxBins: 3 }))!;
    assert.ok(few.findings.length <= 3);
    await client.close(uri);
  });
});
