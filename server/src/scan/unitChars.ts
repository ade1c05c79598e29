/**
 * Byte offsets inside a scanned unit as UTF-16 offsets inside its text, as an editor and the parser count
 * them. A unit whose text is as long as its bytes is ASCII, and its offsets are the same numbers; any other
 * is counted from its bytes: a continuation byte adds no unit, a 4-byte character's lead adds two.
 */
import type { ScannedUnit } from './byteScanner';

/** UTF-16 units of the UTF-8 bytes from `from` to `to`. */
export function utf16Length(bytes: Uint8Array, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if ((b & 0xc0) === 0x80) n--;
    else if (b >= 0xf0) n++;
  }
  return n;
}

export class UnitChars {
  private readonly ascii: boolean;
  private byte = 0;
  private char = 0;

  /** `bytes` are the unit's, from its first byte. */
  constructor(
    unit: ScannedUnit,
    private readonly bytes: Uint8Array,
  ) {
    this.ascii = unit.end - unit.start === unit.byteEnd - unit.byteStart;
  }

  /** The UTF-16 offset of byte offset `at` (offsets asked in increasing order are counted on from the last). */
  at(at: number): number {
    if (this.ascii) return at;
    if (at < this.byte) this.byte = this.char = 0;
    this.char += utf16Length(this.bytes, this.byte, at);
    this.byte = at;
    return this.char;
  }
}
