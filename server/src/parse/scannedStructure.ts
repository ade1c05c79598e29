/**
 * A clean delivered log's structure (structure.ts) found by the WebAssembly scanner: the document's text
 * encoded into its memory, the records and their colons from its units, the folds from its bracket stack,
 * and the few characters around the Records array looked at here. What it does not answer for alone (another
 * wrapper first, nested values beside Records at the top level, no records) goes to the JavaScript pass,
 * as does text the scanner cannot read, which the output channel is told of once.
 */
import { isSpace } from '../../../common/prettyPrint';
import { ByteScanner } from '../scan/byteScanner';
import { noteJsReader } from '../scan/jsReaderNotice';
import { type ScannerModule, scannerModule } from '../scan/scannerModule';
import { jsStructure, type Structure } from './structure';

/**
 * The structure of `text`, which JSON.parse accepted as an object of `rootKeys` keys: by the scanner where
 * it can tell, else by the JavaScript pass (`loaded` is the scanner's module; a test gives one that failed).
 */
export function logStructure(text: string, rootKeys: number, loaded: ScannerModule = scannerModule()): Structure | undefined {
  const scanned = scannedStructure(text, rootKeys, loaded);
  if (typeof scanned === 'object') return scanned;
  if (typeof scanned === 'string') noteJsReader(scanned, 'a document opened in the editor');
  return jsStructure(text);
}

/** The structure by the scanner; undefined when the JavaScript pass must tell, or why the scanner cannot read the text. */
export function scannedStructure(text: string, rootKeys: number, loaded: ScannerModule): Structure | string | undefined {
  // The scanner takes a leading U+FEFF for a byte-order mark, which has no offset (JSON.parse refuses it anyway).
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const records: [number, number, number][] = [];
  let plain = true;
  const scanner = ByteScanner.create(
    (unit) => {
      plain &&= unit.closed && !unit.top;
      records.push([unit.start, unit.end, unit.colons]);
    },
    loaded,
    false,
  );
  if (!(scanner instanceof ByteScanner)) return scanner.reason;
  scanner.collectFolds();
  scanner.writeText(text);
  const end = scanner.end();
  const cannot = scanner.needsJsReader;
  if (cannot) return cannot;
  if (scanner.wrapper !== 'Records' || records.length === 0 || !plain) return undefined;
  const around = recordsAround(text, records[0]![0], records.at(-1)![1]);
  if (!around) return undefined;
  // Colons outside the records are the root's own only when no other top-level value holds any; else the pass counts.
  let inRecords = 0;
  for (const record of records) inRecords += record[2];
  if (end.colons - inRecords !== rootKeys) return undefined;
  return {
    root: [nonWhiteAfter(text, -1), nonWhiteBefore(text, text.length) + 1],
    records,
    ...around,
    folds: scanner.foldsFound(),
    rootColons: rootKeys,
  };
}

/** The Records array around the records from `first` to `last`, and its key: `"Records"` after `{` or `,`. */
function recordsAround(text: string, first: number, last: number): Pick<Structure, 'recordsKey' | 'recordsArray'> | undefined {
  const open = nonWhiteBefore(text, first);
  const close = nonWhiteAfter(text, last - 1);
  const colon = nonWhiteBefore(text, open);
  const quote = nonWhiteBefore(text, colon);
  const key = quote - 8;
  const ok =
    text[open] === '[' &&
    text[close] === ']' &&
    text[colon] === ':' &&
    text.startsWith('"Records"', key) &&
    // Not the end of a longer key whose quote is escaped: a key follows `{` or `,`.
    ['{', ','].includes(text[nonWhiteBefore(text, key)] ?? '');
  return ok ? { recordsKey: [key, quote + 1], recordsArray: [open, close + 1] } : undefined;
}

/** The offset of the last character before `at` that is not JSON white space (-1: none). */
function nonWhiteBefore(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}

/** The offset of the first character after `at` that is not JSON white space (the text's length: none). */
function nonWhiteAfter(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}
