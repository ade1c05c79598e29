/**
 * A record's tape against JSON.parse: a record the tape says is clean parses, and every value read from the tape is
 * the value JSON.parse gives; a record JSON.parse refuses is never clean, nor one with a key twice in an object.
 * Generated records, hand-written hostile ones, and thousands of records broken by a byte added, removed or changed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecordTaper, type Tape } from '../../server/src/scan/recordTape';
import * as L from '../../server/wasm/layout';
import { generateLog } from '../support/generateLog';

const made = RecordTaper.create();
if (!(made instanceof RecordTaper)) throw new Error(`no scanner: ${made.reason}`);
const taper: RecordTaper = made;

/** The whole value, rebuilt from the tape node by node, as the readers see it. */
function rebuild(tape: Tape, node: number): unknown {
  const kind = tape.kind(node);
  if (kind === 'array') {
    const out: unknown[] = [];
    for (let c = tape.firstChild(node); c >= 0; c = tape.next(c)) out.push(rebuild(tape, c));
    return out;
  }
  if (kind === 'object') {
    const out: Record<string, unknown> = {};
    for (let c = tape.firstChild(node); c >= 0; c = tape.next(c))
      Object.defineProperty(out, tape.key(c), { value: rebuild(tape, c), enumerable: true });
    return out;
  }
  return tape.value(node);
}

function tapeOf(text: string) {
  const bytes = Buffer.from(`  ${text} `, 'utf8');
  return taper.tape(bytes, 2, bytes.length - 1);
}

function parses(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Checks the tape's verdict on `text` against JSON.parse; returns the verdict. */
function agree(text: string): number {
  const tape = tapeOf(text);
  if (typeof tape === 'number') {
    if (tape === L.TAPE_OK) assert.fail('a status of OK comes with a tape');
    if (tape === L.TAPE_INVALID) assert.equal(parses(text), false, `the tape refused JSON.parse's ${JSON.stringify(text.slice(0, 200))}`);
    return tape;
  }
  assert.ok(parses(text), `the tape accepted what JSON.parse refuses: ${JSON.stringify(text.slice(0, 200))}`);
  assert.deepEqual(rebuild(tape, 0), JSON.parse(text));
  return L.TAPE_OK;
}

function generatedRecords(seed: number, records: number): string[] {
  const log = JSON.parse(generateLog({ seed, records })) as { Records: unknown[] };
  return log.Records.map((r) => JSON.stringify(r));
}

describe('a record tape', () => {
  test('generated records are clean, and read back as JSON.parse reads them', () => {
    for (const record of generatedRecords(21, 300)) assert.equal(agree(record), L.TAPE_OK);
  });

  test('pretty-printed records, with tabs and CRLF, read back the same', () => {
    for (const record of generatedRecords(22, 40)) {
      const pretty = JSON.stringify(JSON.parse(record), null, '\t').replace(/\n/g, '\r\n');
      assert.equal(agree(pretty), L.TAPE_OK);
    }
  });

  test('escapes, non-ASCII text, surrogate pairs, lone surrogates and numbers decode as JSON.parse decodes them', () => {
    const texts = [
      '{"a":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u2028"}',
      '{"é日":"é日🚀","b":"plain"}',
      '{"s":"\\ud83d\\ude80 and \\ud800 alone"}',
      '{"n":[0,-0,1.5,-2e-3,1E+21,123456789012345678901234567890,5e-324,1.7976931348623157e308]}',
      '{"t":true,"f":false,"z":null,"e":{},"a":[],"deep":[[[{"x":[{}]}]]]}',
      `{"long":"${'x'.repeat(100_000)}","after":1}`,
      '{"__proto__":{"polluted":true},"constructor":"c","toString":1}',
    ];
    for (const text of texts) assert.equal(agree(text), L.TAPE_OK, text.slice(0, 80));
  });

  test('a key twice in one object is never clean, at any depth, escaped or not', () => {
    const texts = ['{"a":1,"a":2}', '{"x":{"k":1,"y":2,"k":3}}', '{"ab":1,"a\\u0062":2}', '{"x":[{"a":1,"a":1}]}'];
    for (const text of texts) assert.equal(agree(text), L.TAPE_MAYBE_REPEATED_KEY, text);
    // The same key in sibling objects is no repeat.
    assert.equal(agree('{"a":{"k":1},"b":{"k":2},"c":[{"k":1},{"k":2}]}'), L.TAPE_OK);
  });

  test('what JSON refuses is refused', () => {
    const texts = [
      '{"a":1,}',
      '{"a" 1}',
      '{"a":1 "b":2}',
      '{"a":[1,]}',
      '{"a":[,1]}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":.5}',
      '{"a":+1}',
      '{"a":1e}',
      '{"a":tru}',
      '{"a":nul}',
      '{"a":True}',
      '{"a":"tab\there"}',
      '{"a":"\\x41"}',
      '{"a":"\\u12G4"}',
      '{"a":NaN}',
      "{'a':1}",
      '{a:1}',
      '{"a":1}}',
      '{"a":[1}',
      '{"a":{"b":1]}',
      '{"a":"unclosed}',
      '{"a":1} x',
      '[1,2]',
    ];
    for (const text of texts) assert.equal(agree(text), L.TAPE_INVALID, text);
  });

  test('records broken by one byte added, removed or changed agree with JSON.parse', () => {
    const records = generatedRecords(23, 60);
    const bytes = ' {}[]":,\\-0.5eEtfnu\t\n\x01';
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const verdicts = new Map<number, number>();
    for (let i = 0; i < 6000; i++) {
      const record = records[i % records.length]!;
      const at = next(record.length);
      const b = bytes[next(bytes.length)]!;
      const op = next(3);
      const text =
        op === 0
          ? record.slice(0, at) + b + record.slice(at)
          : op === 1
            ? record.slice(0, at) + record.slice(at + 1)
            : record.slice(0, at) + b + record.slice(at + 1);
      const verdict = agree(text);
      verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
    }
    // Both verdicts occur: the mutations are neither all harmless nor all fatal.
    assert.ok((verdicts.get(L.TAPE_OK) ?? 0) > 100 && (verdicts.get(L.TAPE_INVALID) ?? 0) > 100, JSON.stringify([...verdicts]));
  });

  test('nesting past its bound and objects of many keys go the old way, not wrong', () => {
    assert.equal(agree(`{"a":${'['.repeat(300)}${']'.repeat(300)}}`), L.TAPE_TOO_BIG);
    const many = `{${Array.from({ length: 100 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    assert.equal(agree(many), L.TAPE_MAYBE_REPEATED_KEY);
  });
});
