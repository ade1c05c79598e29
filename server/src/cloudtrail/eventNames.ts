/** Spelling help for S3 event names, by edit distance to the catalogue. */
import { distance } from 'fastest-levenshtein';
import { findS3Event, S3_EVENTS } from './eventCatalogue';

/** How far a name may be from a catalogue name to count as a misspelling of it. */
const MAX_DISTANCE = 2;

/** The catalogue name a non-catalogue name is most likely a misspelling of, or undefined. */
export function nearestS3Event(name: string): string | undefined {
  if (findS3Event(name) || name.length < 4) return undefined;
  // A log repeats its names: compare each one with the catalogue once.
  if (nearest.has(name)) return nearest.get(name);
  const found = search(name);
  if (nearest.size > 10_000) nearest.clear();
  // The key copied (as parse/textCopy.ts does): a name read from a log can be a view that keeps its whole text alive.
  nearest.set(` ${name}`.slice(1), found);
  return found;
}

const nearest = new Map<string, string | undefined>();

function search(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_DISTANCE + 1;
  for (const event of S3_EVENTS) {
    if (Math.abs(event.name.length - name.length) > MAX_DISTANCE) continue;
    const d = distance(name, event.name);
    if (d < bestDistance) {
      best = event.name;
      bestDistance = d;
    }
  }
  return best;
}
