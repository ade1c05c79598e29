/** The middle of a bench's rounds (the upper one of an even count), so one slow or fast round moves nothing. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
