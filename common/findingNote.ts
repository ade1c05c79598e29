/**
 * A flagged record as an analyst notes it: what was called, on what, by whom ("StopLogging · trail
 * management-events · by alice"), and whether the call failed ("attempted (AccessDenied)"). The events view's
 * Detections rows and the editor's finding hover say the same words; each makes the log's text inert its own way
 * (plain text on one line, or escaped Markdown).
 */
import type { RecordItem } from './protocol';

type Noted = Pick<RecordItem, 'eventName' | 'targetType' | 'target' | 'identity'>;

/** The event, its target when the record names one ("trail management-events"), and who acted. */
export function findingNote(record: Noted, inert: (text: string) => string = (text) => text): string {
  // A name that is nothing once made inert (only control characters) is no target.
  const name = record.target ? inert(record.target) : '';
  const target = name && [record.targetType ? inert(record.targetType) : '', name].filter(Boolean).join(' ');
  return [inert(record.eventName), target, `by ${inert(record.identity)}`].filter(Boolean).join(' · ');
}

/** A failed call's outcome: it was attempted, and refused with this error code. */
export function attemptNote(errorCode: string, inert: (text: string) => string = (text) => text): string {
  return `attempted (${inert(errorCode)})`;
}
