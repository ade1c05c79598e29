/**
 * A report's values as it shows them: as in the log, or, when asked, with the export's pseudonyms
 * (export/redaction.ts): the records cited redacted as an export redacts them, and every value the report shows
 * (identities, ARNs, IP addresses, user agents, file names, the filter) scanned for identifiers, its bare names (an
 * identity's `role/session`) replaced by the same pseudonyms the records' names got.
 */
import { readJson, writeJson } from '../export/jsonTree';
import { identifiersOf, Redactor } from '../export/redaction';
import { arnName, type RecordSummary } from '../features/recordSummary';

export interface ReportValues {
  readonly redacted: boolean;
  /** A value from the log: an identity, an ARN, an address, a file name. */
  value(text: string): string;
  /** A user agent: its products' versions are not addresses. */
  userAgent(text: string): string;
  /** A record's JSON text, redacted when asked; undefined when it is not JSON. */
  record(text: string): string | undefined;
}

const AS_IS: ReportValues = {
  redacted: false,
  value: (text) => text,
  userAgent: (text) => text,
  record: (text) => text,
};

/** The names a record's summary carries, each with the word its pseudonym starts with (as redaction.ts names them). */
function namesOf(s: RecordSummary): [name: string | undefined, label: string][] {
  return [
    [s.userName, 'user'],
    [s.roleName, 'role'],
    [s.arn?.includes(':assumed-role/') ? arnName(s.arn) : undefined, 'session'],
    [s.bucketName, 'bucket'],
  ];
}

class RedactedValues implements ReportValues {
  readonly redacted = true;
  private readonly redactor = new Redactor();
  /** Each name met, and its pseudonym: a bare name in an identity label is found here. */
  private readonly names = new Map<string, string>();

  constructor(summaries: readonly RecordSummary[]) {
    const pseudonyms = this.redactor.pseudonyms;
    // As an export does: no pseudonym will be a value the records hold.
    for (const s of summaries) for (const value of identifiersOf(s)) pseudonyms.reserve(value);
    for (const s of summaries)
      for (const [name, label] of namesOf(s))
        if (name && !this.names.has(name) && !name.endsWith('.amazonaws.com')) this.names.set(name, pseudonyms.name(name, label));
  }

  value(text: string): string {
    const scanned = this.redactor.scan(text);
    // An identity label is `name` or `role/session`: each part a name the records told of.
    return scanned
      .split(/([/ ])/)
      .map((part) => this.names.get(part) ?? part)
      .join('');
  }

  userAgent(text: string): string {
    return this.redactor.scan(text, true);
  }

  record(text: string): string | undefined {
    const node = readJson(text);
    return node && writeJson(this.redactor.redact(node));
  }
}

/** The report's values: as they are, or redacted, pseudonyms issued for the names of `summaries` (the records it tells of). */
export function reportValues(redact: boolean, summaries: readonly RecordSummary[]): ReportValues {
  return redact ? new RedactedValues(summaries) : AS_IS;
}
