/** Completion inside a record: property names with their docs, and the values CloudTrail writes. */
import { getLocation, type Segment } from 'jsonc-parser';
import { dataTable } from '../../../common/dataTable';
import { S3_EVENT_SOURCE, S3_EVENTS } from '../cloudtrail/eventCatalogue';
import { EVENT_CATEGORY_DOCS, EVENT_TYPE_DOCS, FIELD_DOCS, USER_IDENTITY_TYPE_DOCS } from '../cloudtrail/fieldDocs';
import { docPath, recordAt } from '../parse/locate';
import { fieldOf, type ParsedLog, type RecordInfo } from '../parse/parsedLog';
import { AWS_REGIONS, EVENT_CATEGORIES, EVENT_TYPES, EVENT_VERSIONS, RECORD_FIELDS, USER_IDENTITY_TYPES } from '../cloudtrail/recordSchema';
import { SERVICE_NAMES } from '../cloudtrail/serviceNames';
import { unlessTooDeep } from '../parse/tooDeep';

export interface Completion {
  readonly label: string;
  readonly kind: 'property' | 'value';
  /** Markdown; our own text only. */
  readonly documentation?: string;
  readonly detail?: string;
  /** Replaces the text between start and end. */
  readonly insertText: string;
  readonly start: number;
  readonly end: number;
}

interface Candidate {
  readonly label: string;
  readonly detail?: string;
  readonly documentation?: string;
}

const FIELD_DOC_BY_PATH: ReadonlyMap<string, string> = new Map(FIELD_DOCS.map((d) => [d.path, d.doc]));

const withDocs = (values: readonly string[], docs?: ReadonlyMap<string, string>): Candidate[] =>
  values.map((label) => {
    const documentation = docs?.get(label);
    return documentation ? { label, documentation } : { label };
  });

/** Values offered by field path (data). */
const VALUE_CANDIDATES = dataTable<(record: RecordInfo) => Candidate[]>({
  eventName: (record) => {
    const source = fieldOf(record, 'eventSource')?.value;
    if (source !== undefined && source !== S3_EVENT_SOURCE) return [];
    return S3_EVENTS.map((e) => ({ label: e.name, detail: `S3 ${e.level}-level · ${e.kind} event`, documentation: e.description }));
  },
  eventSource: () => [...SERVICE_NAMES].map(([label, name]) => ({ label, detail: name })),
  eventType: () => withDocs(EVENT_TYPES, EVENT_TYPE_DOCS),
  eventCategory: () => withDocs(EVENT_CATEGORIES, EVENT_CATEGORY_DOCS),
  'userIdentity.type': () => withDocs(USER_IDENTITY_TYPES, USER_IDENTITY_TYPE_DOCS),
  awsRegion: () => withDocs(AWS_REGIONS),
  eventVersion: () => withDocs(EVENT_VERSIONS),
});

/** Property names documented directly under a parent path ('' for the record itself). */
function propertyCandidates(parent: string): Candidate[] {
  if (parent === '') {
    return RECORD_FIELDS.map((f) => {
      const documentation = FIELD_DOC_BY_PATH.get(f.name);
      const detail = f.since > '1.00' ? `since eventVersion ${f.since}` : undefined;
      return { label: f.name, ...(detail ? { detail } : {}), ...(documentation ? { documentation } : {}) };
    });
  }
  const prefix = `${parent}.`;
  return FIELD_DOCS.filter((d) => d.path.startsWith(prefix) && !d.path.slice(prefix.length).includes('.')).map((d) => ({
    label: d.path.slice(prefix.length),
    documentation: d.doc,
  }));
}

export function completionsAt(text: string, parsed: ParsedLog, offset: number): Completion[] {
  const record = recordAt(parsed, offset);
  // At the very end of a record the cursor is after its closing brace: not inside.
  // Inside a record carried in a string, an edit is escaped text: no completion there.
  if (!record || offset <= record.start || record.embedding) return [];
  const local = offset - record.start;
  const location = unlessTooDeep(() => getLocation(text.slice(record.start, record.end), local));
  if (!location) return [];
  const node = location.previousNode;
  const inNode =
    node !== undefined &&
    (node.type === 'string' || node.type === 'property') &&
    local >= node.offset &&
    local <= node.offset + node.length;
  const start = inNode ? record.start + node.offset : offset;
  const end = inNode ? record.start + node.offset + node.length : offset;

  if (location.isAtPropertyKey) {
    const parent = docPath(location.path.slice(0, -1) as Segment[]);
    return propertyCandidates(parent).map((c) => ({
      ...c,
      kind: 'property',
      insertText: inNode ? JSON.stringify(c.label) : `${JSON.stringify(c.label)}: `,
      start,
      end,
    }));
  }
  if (node !== undefined && !inNode) return [];
  const candidates = VALUE_CANDIDATES.get(docPath(location.path))?.(record) ?? [];
  return candidates.map((c) => ({ ...c, kind: 'value', insertText: JSON.stringify(c.label), start, end }));
}
