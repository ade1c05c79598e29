/** Folding ranges from the parse's multi-line objects and arrays, the outermost first when there are too many. */

/** A fold by lines, from 0: the editor hides the lines after `startLine` up to `endLine`. */
export interface LineFold {
  readonly startLine: number;
  readonly endLine: number;
}

export function foldingRanges(folds: ArrayLike<number>, limit: number, lineAt: (offset: number) => number): LineFold[] {
  const order: number[] = [];
  for (let i = 0; i < folds.length; i += 3) order.push(i);
  // Records and their first-level objects matter more than the depths of a request's parameters.
  if (order.length > limit) order.sort((a, b) => folds[a + 2]! - folds[b + 2]! || folds[a]! - folds[b]!);
  const ranges: LineFold[] = [];
  for (const i of order) {
    if (ranges.length >= limit) break;
    const startLine = lineAt(folds[i]!);
    // Keep the closing bracket's line visible, as JSON folding does.
    const endLine = lineAt(folds[i + 1]!) - 1;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
