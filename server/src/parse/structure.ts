/**
 * Where a clean delivered log's parts are in its text: the root object, the Records key and array, each
 * record with its colons (to catch a repeated key JSON.parse hides), the root's colons, and the folds.
 * The WebAssembly scanner finds them (scannedStructure.ts); this JavaScript pass is the reference, and
 * serves where the scanner cannot read or the log has more at its top level than the scanner answers for.
 */

export interface Structure {
  readonly root: readonly [number, number];
  /** Each record's `{`, after its `}`, and its colons outside strings. */
  readonly records: readonly (readonly [number, number, number])[];
  readonly recordsKey: readonly [number, number];
  readonly recordsArray: readonly [number, number];
  /** As ParsedLog.folds. */
  readonly folds: ArrayLike<number>;
  readonly rootColons: number;
}

/** One pass over the characters: strings skipped, brackets and colons counted. Only for text JSON.parse accepted. */
export function jsStructure(text: string): Structure | undefined {
  const n = text.length;
  const opens: number[] = [];
  const folds: number[] = [];
  const records: [number, number, number][] = [];
  let root: [number, number] | undefined;
  let recordsKey: [number, number] | undefined;
  let recordsArray: [number, number] | undefined;
  // The last string's span, as two numbers: an array per string would be millions of allocations.
  let stringStart = -1;
  let stringEnd = -1;
  let lastLineBreak = -1;
  let colons = 0;
  let rootColons = 0;
  let recordStart = -1;
  let inRecords = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x22: {
        const start = i;
        for (;;) {
          const quote = text.indexOf('"', i + 1);
          let backslashes = 0;
          for (let b = quote - 1; text.charCodeAt(b) === 0x5c; b--) backslashes++;
          i = quote;
          if ((backslashes & 1) === 0) break;
        }
        stringStart = start;
        stringEnd = i + 1;
        break;
      }
      case 0x0a:
      case 0x0d:
        lastLineBreak = i;
        break;
      case 0x3a:
        if (opens.length === 1) rootColons++;
        else colons++;
        break;
      case 0x7b:
      case 0x5b:
        if (opens.length === 1 && c === 0x5b && stringEnd - stringStart === 9 && text.startsWith('"Records"', stringStart)) {
          recordsKey = [stringStart, stringEnd];
          inRecords = true;
        }
        if (opens.length === 2 && inRecords && c === 0x7b) {
          recordStart = i;
          colons = 0;
        }
        opens.push(i);
        break;
      case 0x7d:
      case 0x5d: {
        const open = opens.pop()!;
        if (lastLineBreak > open) folds.push(open, i, opens.length + 1);
        if (opens.length === 2 && inRecords && recordStart >= 0) {
          records.push([recordStart, i + 1, colons]);
          recordStart = -1;
        } else if (opens.length === 1 && inRecords) {
          recordsArray = [open, i + 1];
          inRecords = false;
        } else if (opens.length === 0) {
          root = [open, i + 1];
        }
        break;
      }
      default:
        break;
    }
  }
  if (!root || !recordsKey || !recordsArray) return undefined;
  return { root, records, recordsKey, recordsArray, folds, rootColons };
}
