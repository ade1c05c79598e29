/** A log file's text read in chunks: the same characters as the file holds, wherever a chunk ends inside one. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { endsMidCharacter, LogSource } from '../../server/src/files/logSource';

const dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-source-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** ASCII with a 2-, 3- and 4-byte character straddling every 64 KB boundary, and some whole chunks of ASCII between. */
function mixedText(): string {
  const parts: string[] = [];
  const characters = ['é', '€', '😀'];
  let bytes = 0;
  for (let i = 0; i < 24; i++) {
    const character = characters[i % 3]!;
    const boundary = (i + 1) * 64 * 1024 * (i % 4 === 3 ? 2 : 1);
    // End the ASCII run so the character starts one byte before the boundary.
    const fill = Math.max(0, boundary - bytes - 1);
    parts.push('a'.repeat(fill), character);
    bytes += fill + Buffer.byteLength(character);
  }
  return parts.join('');
}

async function readAll(file: string): Promise<string> {
  const source = await LogSource.open(file);
  const chunks: string[] = [];
  for await (const chunk of source.chunks()) chunks.push(chunk);
  return chunks.join('');
}

for (const gzip of [false, true]) {
  test(`a ${gzip ? 'gzipped' : 'plain'} file's text reads back exactly, characters cut by chunk ends included`, async () => {
    const text = mixedText();
    const file = path.join(dir, gzip ? 'mixed.json.gz' : 'mixed.json');
    writeFileSync(file, gzip ? gzipSync(Buffer.from(text)) : text);
    assert.equal(await readAll(file), text);
  });
}

test('bytes that are not UTF-8 read as the decoder reads the whole file, even a character cut short at a chunk end before ASCII', async () => {
  const chunk = 64 * 1024;
  const bytes = Buffer.alloc(3 * chunk, 0x61);
  bytes[chunk - 1] = 0xe2; // a 3-byte character's lead, then ASCII: one replacement character, where it is
  bytes[2 * chunk + 5] = 0xff;
  const file = path.join(dir, 'invalid.json');
  writeFileSync(file, bytes);
  assert.equal(await readAll(file), new TextDecoder().decode(bytes));
});

test('a chunk ends inside a character only when its last lead byte announces more bytes than follow it', () => {
  const cases: [number[], boolean][] = [
    [[0x61], false],
    [[0xc3], true],
    [[0xc3, 0xa9], false],
    [[0xe2, 0x82], true],
    [[0xe2, 0x82, 0xac], false],
    [[0xf0, 0x9f, 0x98], true],
    [[0xf0, 0x9f, 0x98, 0x80], false],
    [[0x80, 0x80, 0x80, 0x80], false],
    [[], false],
  ];
  for (const [bytes, mid] of cases) assert.equal(endsMidCharacter(Uint8Array.from(bytes)), mid, JSON.stringify(bytes));
});
