/**
 * The WebAssembly scanner on hostile bytes, against the reference reader (files/unitSplitter.ts): escapes and
 * backslash runs at every offset of a block and a chunk, 2- to 4-byte characters, a byte-order mark, repeated
 * keys, broken JSON, strings longer than a chunk, deep nesting, the bad inputs users open. Where the scanner
 * leaves a file to the JavaScript reader, it says why, and only for the inputs expected to need it. And where
 * WebAssembly or SIMD is missing, the scanner says so instead of reading.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BAD_INPUTS } from '../support/badInputs';
import { generateLog } from '../support/generateLog';
import { assertMembers, scannerFinds, splitterFinds } from '../support/scanCompare';
import { ByteScanner, MEMBER_FIELDS } from '../../server/src/scan/byteScanner';
import { loadScanner, scannerModule } from '../../server/src/scan/scannerModule';

const SIZES: readonly (readonly number[])[] = [[1], [7], [64], [65536], [3, 61, 64, 1, 127]];

/** Both read `text` alike, cut every way in SIZES; returns what the scanner said of it. */
function agree(name: string, text: string | Uint8Array, sizes = SIZES): string | undefined {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const reference = splitterFinds(bytes);
  let needs: string | undefined;
  for (const cut of sizes) {
    const found = scannerFinds(bytes, cut);
    needs = found.needs;
    if (needs) continue;
    assert.deepEqual(found.units, reference.units, `${name}, pieces of ${cut.join(',')}: units`);
    assert.deepEqual(found.file, reference.file, `${name}, pieces of ${cut.join(',')}: file`);
    found.raw.forEach((u, k) => assertMembers(u, reference.raw[k]!.text, bytes, name));
  }
  return needs;
}

/** Records whose strings hold `run` backslashes then a quote, shifted by `pad` bytes: every escape lands at every offset. */
function backslashRuns(): string[] {
  const texts: string[] = [];
  for (let run = 0; run <= 9; run++) {
    for (let pad = 0; pad < 64; pad += run < 3 ? 1 : 7) {
      const value = `${'p'.repeat(pad)}${'\\'.repeat(run)}"}]${'\\'.repeat(run)}`;
      texts.push(JSON.stringify({ Records: [{ [value]: value, eventName: value }, { a: [value, { b: value }] }] }));
    }
  }
  return texts;
}

const HAND_MADE: Readonly<Record<string, string>> = {
  'repeated keys': '{"Records":[{"eventName":"A","eventName":"B","x":{"y":1,"y":2}},{"a":1,"a":1}]}',
  'keys and values with 2-, 3- and 4-byte characters': '{"Records":[{"ké日🚀":"v🚀","日":["é",{"🚀":"🚀"}]},{"a":"\\ud83d\\ude80"}]}',
  'a byte-order mark on a tiny file': '\ufeff{"Records":[{"a":1}]}',
  'a byte-order mark before JSON Lines': '\ufeff{"a":1}\n{"b":2}\n',
  'a byte-order mark alone': '\ufeff',
  'unicode line separators in strings': '{"Records":[{"a":"x\u2028y\u2029z"}]}',
  'a missing comma between records': '{"Records":[{"a":1}{"b":2}]}',
  'a trailing comma': '{"Records":[{"a":1,},{"b":2},]}',
  'a record closed by the wrong bracket': '{"Records":[{"a":[1,2}, {"b":1]]}',
  'an array closed by a brace': '{"Records":[{"a":1}}',
  'values with no keys': '{"Records":[{1:2, "a" 3, "b":, :4, "c"}]}',
  'junk between records': '{"Records":[{"a":1} junk , 5, "s", [1,{"x":1}], {"b":2}]}',
  'records after the end': '{"Records":[{"a":1}]} {"b":2}',
  'JSON Lines after a string': '"s"\n{"a":1}\n{"b":2}',
  'JSON Lines after junk': 'x {"a":1}\n{"b":2}',
  'an array then objects': '[{"a":1}] {"b":2}',
  'two objects then an array': '{"a":1}{"b":2}[{"c":3}]',
  'a wrapper after other keys, spaced': '{"NextToken":"[x]","Events" \r\n: \t [{"CloudTrailEvent":"{}"},{"a":[1]}],"more":{"b":[2]}}',
  'a wrapper name too far from its bracket': `{"Records":${' '.repeat(60)}[{"a":1}]}`,
  'a wrapper name just near enough': `{"Records":${' '.repeat(54)}[{"a":1}]}`,
  'a wrapper name in a nested object': '{"x":{"Records":[{"a":1}]},"Events":[{"b":2}]}',
  'a wrapper name as a value': '{"x":"Records","y":[{"a":1}]}',
  'empty objects and arrays': '{"Records":[{},{"a":{}},{"b":[]}]}',
  'a record cut off in a string': '{"Records":[{"a":1},{"b":"xyz',
  'a record cut off after a colon': '{"Records":[{"a":1},{"b":',
  'a lone \\r line end': '{"Records":[\r{"a":1},\r{"b":2}\r]}\r',
  'a \\r last in a file': '{"a":1}\r',
  'control bytes outside strings': '{"Records":[{"a":1}\u0000,\u0001{"b":2}\f]}',
};

/** Inputs the scanner leaves to the JavaScript reader, and why. */
const NEEDS_JS: Readonly<Record<string, string>> = {
  'binary bytes': 'a backslash outside a string',
  'gzip bytes read as text': 'a backslash outside a string',
  'comments everywhere': 'a comment',
  'an unterminated 3 MB string': undefined!,
};

describe('the scanner on hostile bytes', () => {
  test('runs of backslashes before quotes and brackets, at every offset of a block, in chunks of every size', () => {
    for (const text of backslashRuns()) assert.equal(agree('backslash runs', text), undefined);
  });

  test('line breaks of each kind (\\n, \\r\\n, \\r) at every offset of a block', () => {
    for (const lineEnd of ['\n', '\r\n', '\r']) {
      for (let pad = 0; pad < 66; pad++) {
        const text = `{"Records":[${' '.repeat(pad)}${lineEnd}{"a":1},${lineEnd}{"b":"é"}${lineEnd}${lineEnd}]}${lineEnd}`;
        assert.equal(agree(`${JSON.stringify(lineEnd)} after ${pad}`, text, [[1], [64], [65536]]), undefined);
      }
    }
  });

  for (const [name, text] of Object.entries(HAND_MADE)) {
    test(name, () => assert.equal(agree(name, text), undefined, 'the scanner reads it'));
  }

  for (const [name, make] of Object.entries(BAD_INPUTS)) {
    test(`bad input: ${name}`, () => assert.equal(agree(name, make(), [[1000], [64, 1]]), NEEDS_JS[name]));
  }

  test('repeated keys are each listed, in order', () => {
    const found = scannerFinds(Buffer.from('{"Records":[{"a":1,"a":2,"b":[{"a":3}],"a":4}]}'), [5]);
    const text = '{"a":1,"a":2,"b":[{"a":3}],"a":4}';
    const keys = [];
    const { members, memberStart, memberCount } = found.raw[0]!;
    for (let k = memberStart; k < memberStart + memberCount * MEMBER_FIELDS; k += MEMBER_FIELDS)
      keys.push(text.slice(members[k]!, members[k + 1]!));
    assert.deepEqual(keys, ['"a"', '"a"', '"b"', '"a"']);
  });

  test("a fault at a record's top level makes it irregular; one deeper down does not", () => {
    const irregular = (record: string) => scannerFinds(Buffer.from(`{"Records":[${record}]}`), [3]).raw[0]!.irregular;
    for (const faulty of [
      '{"a" 1}',
      '{"a":1,}',
      '{1:2}',
      '{"a":}',
      '{"a":1 "b":2}',
      '{"a"}',
      '{,}',
      '{"a"::1}',
      '{"a":[1}',
      '{"a":1,,"b":2}',
    ]) {
      assert.equal(irregular(faulty), true, faulty);
    }
    for (const clean of ['{}', '{"a":1}', '{ "a" : 1 , "b" : [ ] }', '{"a":{"b" 1}}', '{"a":[1,,2]}'])
      assert.equal(irregular(clean), false, clean);
  });

  test('a string spanning many chunks, its record split into 1-byte chunks', () => {
    assert.equal(agree('long string', `{"Records":[{"a":"${'x\\"'.repeat(40_000)}"},{"b":1}]}`, [[1], [65536], [4095]]), undefined);
  });

  test('nesting deeper than the scanner keeps goes to the JavaScript reader', () => {
    const deep = Buffer.from(`{"Records":[{"a":${'['.repeat(1_100_000)}`);
    assert.equal(scannerFinds(deep, [65536]).needs, 'nesting deeper than the scanner keeps');
  });

  test('bytes that are not UTF-8 go to the JavaScript reader', () => {
    for (const bad of [[0xff], [0xc0, 0xaf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe6, 0x97]]) {
      const bytes = Buffer.concat([Buffer.from('{"Records":[{"a":"'), Buffer.from(bad), Buffer.from('"}]}')]);
      assert.equal(scannerFinds(bytes, [1]).needs, 'bytes that are not UTF-8', `bytes ${bad.join(' ')}`);
    }
  });

  test('random records of every shape, cut anywhere', () => {
    const piece = fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', '\n', '\r', '/*', '//', 'é', '日', '🚀', ' ', 'x:y', 'Records');
    const str = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''));
    const rec = fc.dictionary(str, fc.oneof(str, fc.integer(), fc.constant(null), fc.array(str, { maxLength: 3 })), { maxKeys: 6 });
    const shapes = [
      (t: string[]) => `{"Records":[${t.join(',')}]}`,
      (t: string[]) => `[${t.join(' , ')}]`,
      (t: string[]) => t.join('\r\n'),
    ];
    fc.assert(
      fc.property(
        fc.array(rec, { minLength: 1, maxLength: 4 }),
        fc.nat(2),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 8 }),
        (records, shape, pretty, sizes) => {
          const texts = records.map((r) => JSON.stringify(r, null, pretty ? 2 : undefined));
          assert.equal(agree('random', shapes[shape]!(texts), [sizes]), undefined);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a generated log split in pieces of every size from 1 to 130', () => {
    const text = generateLog({ seed: 21, records: 3 });
    agree(
      'every size',
      text,
      Array.from({ length: 130 }, (_, i) => [i + 1]),
    );
  });
});

describe('where the scanner cannot run', () => {
  test('this Node runs it', () => assert.equal(scannerModule().ok, true));

  test('no WebAssembly: the scanner says so, and no scanner is made', () => {
    const loaded = loadScanner({}, () => new Uint8Array());
    assert.deepEqual(loaded, { ok: false, reason: 'WebAssembly is not available' });
    assert.deepEqual(
      ByteScanner.create(() => {}, loaded),
      { reason: 'WebAssembly is not available' },
    );
  });

  test('WebAssembly without SIMD: the scanner says so', () => {
    const noSimd = { ...(globalThis as unknown as { WebAssembly: object }).WebAssembly, validate: () => false };
    const loaded = loadScanner({ WebAssembly: noSimd as never }, () => new Uint8Array());
    assert.deepEqual(loaded, { ok: false, reason: 'WebAssembly SIMD is not available' });
  });

  test('a missing or broken module: the scanner says so', () => {
    const missing = loadScanner(globalThis as never, () => {
      throw new Error('ENOENT: scanner.wasm');
    });
    assert.deepEqual(missing, { ok: false, reason: 'the scanner could not be loaded: ENOENT: scanner.wasm' });
    const broken = loadScanner(globalThis as never, () => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]));
    assert.equal(broken.ok, false);
  });
});
