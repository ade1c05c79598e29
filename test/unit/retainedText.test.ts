/**
 * What is read from one version of a log must not keep that version's whole text alive: V8's slices
 * point into the string they were cut from. Each test reads many versions of a big text, keeps what the
 * server keeps, and measures the heap after a full collection.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectProblems } from '../../server/src/features/validate';
import { LogAnalysis } from '../../server/src/features/logAnalysis';
import { parseLog } from '../../server/src/parse/parseLog';
import { copyText } from '../../server/src/parse/textCopy';
import { generateLog } from '../support/generateLog';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;
const VERSIONS = 20;

/** Live heap after a full collection, in bytes. */
function liveHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** A new string equal to `text` with one character changed at `at`: another version, not a view of the first. */
function version(text: string, at: number, char: string): string {
  return text.slice(0, at) + char + text.slice(at + 1);
}

describe('text kept by what is read from it', () => {
  test('a copied piece keeps nothing of the text it came from', () => {
    // Flat before the count starts (repeat builds a tree of concatenations).
    const base = 'x'.repeat(2 * MB);
    assert.equal(base.indexOf('y'), -1);
    const pieces = (): string[] => Array.from({ length: VERSIONS }, (_, i) => copyText(version(base, i, 'y'), 1000, 1100));
    const before = liveHeap();
    const kept = pieces();
    const grown = liveHeap() - before;
    assert.ok(grown < MB, `${(grown / MB).toFixed(1)} MB kept by ${VERSIONS} pieces of 100 characters`);
    assert.equal(kept[3], 'x'.repeat(100));
  });

  test('edits in a log, each in another record, keep no earlier version of the text', () => {
    let text = generateLog({ seed: 8, targetBytes: 2 * MB, pretty: true });
    const key = '"userAgent": "';
    let analysis = LogAnalysis.of(1, text);
    void analysis.allProblems;
    void analysis.summaries;
    let before = 0;
    for (let i = 0; i < VERSIONS; i++) {
      // Inside a userAgent value, further on each time: the log stays valid and each edit is read alone.
      const at = text.indexOf(key, Math.floor((text.length * i) / VERSIONS)) + key.length + 1;
      const next = text.slice(0, at) + 'x' + text.slice(at);
      analysis = analysis.next(i + 2, next, { start: at, end: at, text: 'x' });
      text = next;
      void analysis.allProblems;
      void analysis.summaries;
      // Offsets of the records after an edit are found when asked for: ask for those of the edited record's neighbours.
      const edited = analysis.parsed.records.findIndex((r) => r.end > at);
      void analysis.parsed.records[edited + 1]?.fields;
      if (i === 1) before = liveHeap();
    }
    const grown = liveHeap() - before;
    assert.ok(grown < 2 * MB, `${(grown / MB).toFixed(1)} MB kept over ${VERSIONS - 2} edits of a 2 MB log`);
  });

  test('a misspelt S3 event name in a log read whole keeps nothing of it', () => {
    // A missing comma, so the log is read whole by the tolerant parser, whose values are views of the text.
    const base = generateLog({ seed: 9, targetBytes: MB, pretty: true }).replace(/,\n(\s*)"awsRegion"/, '\n$1"awsRegion"');
    const name = '"eventName": "GetObject"';
    const at = base.indexOf(name);
    const before = liveHeap();
    for (let i = 0; i < VERSIONS; i++) {
      // Names of 13 characters or more: V8 copies shorter slices anyway.
      const text = `${base.slice(0, at)}"eventName": "GetObjectAttribut${String.fromCharCode(97 + i)}"${base.slice(at + name.length)}`;
      const problems = collectProblems(parseLog(text));
      assert.ok(problems.some((p) => p.code === 'unknown-s3-event'));
    }
    const grown = liveHeap() - before;
    assert.ok(grown < MB, `${(grown / MB).toFixed(1)} MB kept after checking ${VERSIONS} versions of a 1 MB log`);
  });
});
