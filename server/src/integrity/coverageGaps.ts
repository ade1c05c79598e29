/**
 * Times no digest covers. CloudTrail delivers a digest every hour of a trail's logging, with no log files
 * when there were none, each starting where the one before ended: time between two digests of a chain is time
 * for which the folder cannot show what was delivered (logging was stopped, or digests were deleted).
 */
import type { IntegrityGap } from '../../../common/integrityProtocol';

/** A digest's span of time (ISO 8601, as the digest has them). */
export interface Span {
  readonly start: string;
  readonly end: string;
}

/** Digests are cut at delivery, not on the second: time apart by less than this is no gap. */
const SLACK_MS = 60_000;

/** The times between `spans` (one chain's digests, in any order, overlapping or not) that none covers. */
export function coverageGaps(spans: readonly Span[]): IntegrityGap[] {
  const timed = spans
    .map((s) => ({ ...s, from: Date.parse(s.start), to: Date.parse(s.end) }))
    .filter((s) => !Number.isNaN(s.from) && !Number.isNaN(s.to))
    .sort((a, b) => a.from - b.from);
  const gaps: IntegrityGap[] = [];
  let covered: (typeof timed)[number] | undefined;
  for (const span of timed) {
    if (covered && span.from - covered.to > SLACK_MS) gaps.push({ after: covered.end, before: span.start });
    if (!covered || span.to > covered.to) covered = span;
  }
  return gaps;
}
