/** The outline: one symbol per record, named by time and event, covering the record's own text. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summarize } from '../../server/src/features/recordSummary';
import { recordSymbols } from '../../server/src/features/symbols';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateLog } from '../support/generateLog';

describe('record symbols', () => {
  test('each symbol spans its record and selects the opening brace', () => {
    const text = generateLog({ seed: 41, records: 15, pretty: true });
    const records = (JSON.parse(text) as { Records: { eventTime: string; eventName: string; eventID: string }[] }).Records;
    const symbols = recordSymbols(summarize(parseLog(text)));
    assert.deepEqual(
      symbols.map((s) => s.name),
      records.map((r) => `${r.eventTime} ${r.eventName}`),
    );
    symbols.forEach((s, i) => {
      assert.equal((JSON.parse(text.slice(s.start, s.end)) as { eventID: string }).eventID, records[i]!.eventID);
      assert.equal(text.slice(s.selectionStart, s.selectionEnd), '{');
    });
  });

  test('a record without a time or an event name still gets a name, and its identity as detail', () => {
    const text = '{"Records":[{"userIdentity":{"type":"Root"}}]}';
    const [symbol] = recordSymbols(summarize(parseLog(text)));
    assert.equal(symbol!.name, '(no time) (no eventName)');
    assert.equal(symbol!.detail, 'root');
  });
});
