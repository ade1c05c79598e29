/**
 * The WebAssembly scanner against the reference reader (files/unitSplitter.ts) on generated logs of every
 * shape, minified and pretty: the same units at the same bytes, UTF-16 offsets and places, the same flags and
 * colon counts, the same shape of file, however the bytes are cut into chunks; and each unit's top-level
 * members where a JSON parser finds them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateLog } from '../support/generateLog';
import { shapedLogs } from '../support/logShapes';
import { corpora } from '../support/paths';
import { assertMembers, scannerFinds, splitterFinds } from '../support/scanCompare';

/** Chunk sizes: one byte, odd, a block, a page, the reader's 64 KB, and a mix that puts boundaries everywhere. */
const CHUNKINGS: Readonly<Record<string, readonly number[]>> = {
  '1 byte': [1],
  '7 bytes': [7],
  '64 bytes': [64],
  '4096 bytes': [4096],
  '65536 bytes': [65536],
  mixed: [1, 63, 2, 129, 5, 4093, 17, 64, 3, 1000, 65, 11],
};

function logs(): { name: string; text: string }[] {
  const shaped = shapedLogs(7).map((log) => ({ name: log.name, text: log.text }));
  const withNonAscii = generateLog({ seed: 5, records: 30 })
    .replace(/"userAgent":"/g, '"userAgent":"é日🚀 ')
    .replace(/"eventName":"/g, '"eventName":"\\"\\\\');
  return [
    ...shaped,
    { name: 'delivered log, CRLF, pretty', text: generateLog({ seed: 3, records: 12, pretty: true }).replace(/\n/g, '\r\n') },
    { name: 'delivered log with 2-, 3- and 4-byte characters and escapes', text: withNonAscii },
    { name: 'byte-order mark', text: `\ufeff${generateLog({ seed: 4, records: 9 })}` },
  ];
}

describe('the scanner finds the units the splitter finds', () => {
  for (const log of [...logs(), ...corpora()]) {
    test(log.name, () => {
      const bytes = Buffer.from(log.text);
      const reference = splitterFinds(bytes);
      assert.ok(reference.units.length > 0, 'the log has units');
      let members = 0;
      for (const [name, sizes] of Object.entries(CHUNKINGS)) {
        const found = scannerFinds(bytes, sizes);
        assert.equal(found.needs, undefined, `${name}: the scanner reads it`);
        assert.deepEqual(found.units, reference.units, `${name}: units`);
        assert.deepEqual(found.file, reference.file, `${name}: file`);
        for (let k = 0; k < found.raw.length; k++) members += assertMembers(found.raw[k]!, reference.raw[k]!.text, bytes, `${name}`);
      }
      assert.ok(members > 0, 'members were compared');
    });
  }

  test('random chunkings of a pretty log put every boundary at every offset', () => {
    const bytes = Buffer.from(generateLog({ seed: 8, records: 6, pretty: true }));
    const reference = splitterFinds(bytes);
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 200;
    for (let run = 0; run < 40; run++) {
      const sizes = Array.from({ length: 50 }, () => 1 + next());
      assert.deepEqual(scannerFinds(bytes, sizes).units, reference.units, `sizes ${sizes.join(',')}`);
    }
  });
});
