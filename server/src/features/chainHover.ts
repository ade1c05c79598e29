/**
 * The hover on a credential (an access key, an ARN, a session name): its session chain back to the human or service
 * behind it, each link with the time of the call that issued it and a link to that record. Everything from the log
 * goes through markdown.text(); record links are made by the caller from the document's own URI.
 */
import { COMMANDS } from '../../../common/commands';
import { dataTable } from '../../../common/dataTable';
import { formatTerm } from '../../../common/filterSyntax';
import { pivotTitle } from '../../../common/pivots';
import { accessKeyKind, parseArn } from '../cloudtrail/arn';
import { docPath, locate } from '../parse/locate';
import type { ParsedLog } from '../parse/parsedLog';
import type { HoverResult } from './hover';
import { commandLink, text } from './markdown';
import type { RecordSummary } from './recordSummary';
import { type ChainLink, type Credential, principalOf, SessionIndex } from './sessionChain';

/** The fields a chain is shown on, and whose credential each names: the record's caller's, or the one it issued. */
const CHAIN_FIELDS = dataTable<(s: RecordSummary) => Credential | undefined>({
  'userIdentity.accessKeyId': (s) => ({ accessKeyId: s.accessKeyId, arn: principalOf(s) }),
  'userIdentity.arn': (s) => ({ accessKeyId: s.accessKeyId, arn: principalOf(s) }),
  'responseElements.credentials.accessKeyId': issued,
  'responseElements.assumedRoleUser.arn': issued,
  'responseElements.federatedUser.arn': issued,
  'requestParameters.roleSessionName': issued,
});

function issued(s: RecordSummary): Credential | undefined {
  return s.session?.issuedArn === undefined ? undefined : { accessKeyId: s.session.issuedKey, arn: s.session.issuedArn };
}

/** How the last link is described: where the chain ends. */
function originWords(last: ChainLink): string {
  if (last.issuedBy) return 'the chain stops here: it comes back to a credential already shown';
  const resource = parseArn(last.arn)?.resource ?? '';
  const temporary =
    (last.accessKeyId && accessKeyKind(last.accessKeyId) === 'temporary') || /^(assumed-role|federated-user)\//.test(resource);
  return temporary ? 'issued outside these logs' : 'origin';
}

/** A credential's chain as Markdown; `recordLink` gives the URL of record `index` (our own URI, never log text). */
export function chainMarkdown(links: readonly ChainLink[], recordLink: (index: number) => string | undefined): string {
  const lines = links.map((link, i) => {
    const who = `${i + 1}\\. ${text(link.arn)}${link.accessKeyId ? ` · ${text(link.accessKeyId)}` : ''}`;
    if (!link.issuedBy) return `${who} — ${originWords(link)}`;
    const url = recordLink(link.issuedBy.index);
    const call = `${text(link.issuedBy.eventName)} at ${text(link.issuedBy.eventTime)}`;
    const issuedBy = url ? `[${call}](${url})` : call;
    return i === links.length - 1 ? `${who} — issued by ${issuedBy}; ${originWords(link)}` : `${who} — issued by ${issuedBy}`;
  });
  // The record pivot's filter on the origin, through the one command a hover may run (its argument encoded whole).
  const origin = links.at(-1);
  const pivot = origin ? [commandLink(pivotTitle('actor'), COMMANDS.filterEvents, [formatTerm('actor', origin.arn)])] : [];
  return ['**Session chain** (who is behind this credential)', ...lines, ...pivot].join('  \n');
}

/** The chain hover at `offset`, or null when the offset is on no credential with a chain. */
export function chainHover(
  source: string,
  parsed: ParsedLog,
  summaries: readonly RecordSummary[],
  offset: number,
  recordLink: (index: number) => string | undefined,
): HoverResult | null {
  const at = locate(source, parsed, offset);
  if (!at || at.onKey) return null;
  const summary = summaries[at.tree.record.index];
  const credential = summary && CHAIN_FIELDS.get(docPath(at.path))?.(summary);
  if (!credential) return null;
  const links = SessionIndex.of(summaries).chain(credential);
  // A credential with nothing behind it in the logs tells no more than the value itself.
  if (links.length < 2 && !links[0]?.issuedBy && originWords(links[0] ?? { arn: '' }) === 'origin') return null;
  return { markdown: chainMarkdown(links, recordLink), start: at.start, end: at.end };
}
