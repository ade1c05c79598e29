/**
 * A hover on a log: what lies under the cursor (hover.ts), a credential's session chain (chainHover.ts) and the
 * rules' findings on the record (findingHover.ts), one after another.
 */
import type { LogFindings } from '../detections/logFindings';
import type { ParsedLog } from '../parse/parsedLog';
import { chainHover } from './chainHover';
import { findingsHover } from './findingHover';
import { type HoverContext, hoverAt, type HoverResult } from './hover';

/**
 * What a hover knows of the log beyond the text: its summaries and account names (a touched value's records, an
 * account's name), and a link to a record by its index (a credential's session chain).
 */
export interface HoverAbout extends HoverContext {
  recordLink?(index: number): string | undefined;
}

export function hoverWithFindings(
  text: string,
  parsed: ParsedLog,
  offset: number,
  findings?: LogFindings,
  about?: HoverAbout,
): HoverResult | null {
  const { summaries, recordLink } = about ?? {};
  const parts = [
    hoverAt(text, parsed, offset, about),
    summaries && recordLink ? chainHover(text, parsed, summaries, offset, recordLink) : null,
    findings ? findingsHover(text, parsed, findings, offset) : null,
  ].filter((h): h is HoverResult => h !== null && h !== undefined);
  if (parts.length === 0) return null;
  return { ...parts[0]!, markdown: parts.map((h) => h.markdown).join('\n\n---\n\n') };
}
