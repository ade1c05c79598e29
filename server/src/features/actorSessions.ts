/**
 * `actor:` outside the editor: the chains are followed here, through every loaded log, and a query of one table or
 * one file (the SQL, the jq program) asks for the credentials of the sessions they lead from. Each record falls in
 * one list, by what names its caller: a long-term identity by ARN, a session by its key, and the rare record with
 * no key by its ARN or, with neither, by the view's identity.
 */
import type { ActorSessions, ResolvedActor } from '../../../common/actorProtocol';
import { parseFilter } from '../../../common/filterSyntax';
import { actorPattern } from './eventFilter';
import type { RecordSummary } from './recordSummary';
import { isSession, SessionIndex } from './sessionChain';

/** The list a record's caller goes in, and the value it is listed by. */
function listOf(s: RecordSummary): [keyof ActorSessions, string] {
  if (s.arn !== undefined && !isSession(s.arn)) return ['arns', s.arn];
  if (s.accessKeyId !== undefined) return ['accessKeyIds', s.accessKeyId];
  return s.arn !== undefined ? ['keylessArns', s.arn] : ['keylessIdentities', s.identity];
}

/** The sessions of the loaded records whose actor the term's value names (as `actor:` reads it in the view). */
export function actorSessions(summaries: readonly RecordSummary[], value: string): ActorSessions {
  const test = actorPattern(value);
  const index = SessionIndex.of(summaries);
  const lists = {
    arns: new Set<string>(),
    accessKeyIds: new Set<string>(),
    keylessArns: new Set<string>(),
    keylessIdentities: new Set<string>(),
  };
  for (const s of summaries) {
    if (!test(index.actorOf(s))) continue;
    const [list, listed] = listOf(s);
    lists[list].add(listed);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    arns: sorted(lists.arns),
    accessKeyIds: sorted(lists.accessKeyIds),
    keylessArns: sorted(lists.keylessArns),
    keylessIdentities: sorted(lists.keylessIdentities),
  };
}

/** Each `actor:` term's sessions, once per value; empty when the filter has none. */
export function resolveActors(summaries: readonly RecordSummary[], filter: string | undefined): ResolvedActor[] {
  if (filter === undefined || !/actor:/i.test(filter)) return [];
  const values = new Set(
    parseFilter(filter)
      .terms.filter((t) => t.key === 'actor')
      .map((t) => t.value),
  );
  return [...values].map((term) => ({ term, sessions: actorSessions(summaries, term) }));
}
