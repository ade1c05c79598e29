/** A Sigma time span (a correlation's `timespan`, an old aggregation's `timeframe`): a number and s, m, h or d. */
const TIME_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The span in milliseconds, or undefined when the text is not one. */
export function parseTimespan(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^([0-9]{1,9})([smhd])$/.exec(text.trim());
  return match ? Number(match[1]) * TIME_UNITS[match[2]!]! : undefined;
}
