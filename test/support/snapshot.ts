import type { ParsedLog } from '../../server/src/parse/parsedLog';

/** The parse as plain data, to compare an incremental parse with a whole one. */
export function snapshot(parsed: ParsedLog) {
  const triples: number[][] = [];
  const folds = Array.from(parsed.folds);
  for (let i = 0; i < folds.length; i += 3) triples.push(folds.slice(i, i + 3));
  return {
    length: parsed.length,
    shape: parsed.shape,
    records: parsed.records.map((r) => ({
      index: r.index,
      start: r.start,
      end: r.end,
      closed: r.closed,
      fields: [...r.fields].map(([k, v]) => [k, { ...v }]),
    })),
    duplicateKeys: parsed.duplicateKeys.map((d) => ({ ...d })),
    nonObjectRecords: parsed.nonObjectRecords,
    syntax: parsed.syntax,
    folds: triples.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
    recordsEnd: parsed.recordsValue?.end,
  };
}
