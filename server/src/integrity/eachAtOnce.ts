/** Bounded concurrency for an integrity check's work: files read, signatures checked, a few at a time. */

/** Runs `work` on each item, `atOnce` at a time, stopping (between items) when cancelled. */
export async function eachAtOnce<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  isCancelled: () => boolean,
  atOnce: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !isCancelled()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
}
