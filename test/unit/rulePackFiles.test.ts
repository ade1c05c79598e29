/**
 * The shipped rule pack as files: each rule reads as Sigma, carries what a finding shows (id, title, level,
 * tags, references, false positives), tests only fields its own records have, and has records to test it with.
 * Whether the records fire their rules is rulePack.test.ts, which runs the evaluator.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { SIGMA_LEVELS } from '../../common/protocol';
import { DERIVED_FIELDS } from '../../server/src/detections/derivedFields';
import { packFiles, packRecords, RECORDS_DIR, referencedNames, reportingRules } from '../support/rulePack';
import { repoPath } from '../support/paths';

const files = packFiles();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TACTICS = new Set(
  [
    'reconnaissance',
    'resource-development',
    'initial-access',
    'execution',
    'persistence',
    'privilege-escalation',
    'defense-evasion',
    'credential-access',
    'discovery',
    'lateral-movement',
    'collection',
    'command-and-control',
    'exfiltration',
    'impact',
  ].map((t) => `attack.${t}`),
);
const ENVELOPE = ['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent'];
const ENVELOPE_AFTER = ['requestID', 'eventID', 'readOnly', 'eventType', 'managementEvent', 'recipientAccountId', 'eventCategory'];

/** Field names a detection tests (selection keys without modifiers, and fieldref targets). */
function detectionFields(detection: Record<string, unknown>): string[] {
  const fields = new Set<string>();
  const fromMap = (map: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(map)) {
      const [field, ...modifiers] = key.split('|');
      if (field) fields.add(field);
      if (modifiers.includes('fieldref')) for (const v of [value].flat()) fields.add(String(v));
    }
  };
  for (const [name, search] of Object.entries(detection)) {
    if (name === 'condition') continue;
    for (const item of [search].flat()) if (item && typeof item === 'object') fromMap(item as Record<string, unknown>);
  }
  return [...fields];
}

/** Whether a dotted path reaches a value in a record, walking through arrays as Sigma does. */
function hasPath(value: unknown, path: readonly string[]): boolean {
  if (path.length === 0) return value !== undefined;
  if (Array.isArray(value)) return value.some((item) => hasPath(item, path));
  if (!value || typeof value !== 'object') return false;
  const object = value as Record<string, unknown>;
  // A key may itself hold dots (none in CloudTrail today); try the longest first.
  for (let n = path.length; n >= 1; n--) {
    const key = path.slice(0, n).join('.');
    if (key in object && hasPath(object[key], path.slice(n))) return true;
  }
  return false;
}

describe('the rule pack, as files', () => {
  test('ships at least 25 rules, at least 4 of them correlations', () => {
    const reporting = files.flatMap((f) => reportingRules(f.docs));
    assert.ok(reporting.length >= 25, `${reporting.length} rules`);
    assert.ok(reporting.filter((r) => r['correlation']).length >= 4);
  });

  test('every file reads as YAML with no problems', () => {
    for (const f of files) assert.deepEqual(f.yamlProblems, [], f.stem);
  });

  test('every rule and base rule has a fresh UUID v4 id, unique in the pack, and correlation names are unique', () => {
    const ids = files.flatMap((f) => f.docs.map((d) => String(d['id'])));
    for (const id of ids) assert.match(id, UUID_V4);
    assert.equal(new Set(ids).size, ids.length);
    const names = files.flatMap((f) => f.docs.filter((d) => d['name'] !== undefined).map((d) => String(d['name'])));
    assert.equal(new Set(names).size, names.length);
  });

  for (const f of files) {
    describe(f.stem, () => {
      const referenced = referencedNames(f.docs);
      const records = existsSync(repoPath('test', 'rules', `${f.stem}.json`)) ? packRecords(f.stem) : undefined;

      test('each rule that reports carries the metadata a finding shows', () => {
        const reporting = reportingRules(f.docs);
        assert.equal(reporting.length, 1, 'one reporting rule a file');
        for (const rule of reporting) {
          for (const key of ['title', 'description', 'date']) assert.equal(typeof rule[key], 'string', key);
          assert.ok(['stable', 'test', 'experimental'].includes(String(rule['status'])), 'status');
          assert.equal(rule['author'], 'CloudTrail Lens');
          assert.match(String(rule['date']), /^\d{4}-\d{2}-\d{2}$/);
          assert.ok((SIGMA_LEVELS as readonly string[]).includes(String(rule['level'])), 'level');
          const references = rule['references'] as string[];
          assert.ok(references.length > 0);
          for (const url of references) assert.match(url, /^https:\/\/docs\.aws\.amazon\.com\//);
          const tags = rule['tags'] as string[];
          assert.ok(
            tags.some((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t)),
            'a technique tag',
          );
          assert.ok(
            tags.some((t) => TACTICS.has(t)),
            'a tactic tag',
          );
          for (const t of tags) assert.ok(TACTICS.has(t) || /^attack\.t\d{4}(\.\d{3})?$/.test(t), t);
          assert.ok((rule['falsepositives'] as string[]).length > 0);
        }
      });

      test('single-record rules read CloudTrail and name their condition; correlations refer to rules in the file', () => {
        for (const doc of f.docs) {
          const correlation = doc['correlation'] as Record<string, unknown> | undefined;
          if (correlation) {
            assert.ok(['event_count', 'value_count', 'temporal', 'temporal_ordered'].includes(String(correlation['type'])));
            assert.match(String(correlation['timespan']), /^\d+[smhd]$/);
            assert.ok((correlation['group-by'] as string[]).length > 0);
            for (const name of correlation['rules'] as string[])
              assert.ok(
                f.docs.some((d) => d['name'] === name),
                name,
              );
            const condition = correlation['condition'] as Record<string, unknown>;
            assert.ok(['gt', 'gte', 'lt', 'lte', 'eq'].some((k) => typeof condition[k] === 'number'));
            if (correlation['type'] === 'value_count') assert.equal(typeof condition['field'], 'string');
            continue;
          }
          assert.deepEqual(doc['logsource'], { product: 'aws', service: 'cloudtrail' });
          const detection = doc['detection'] as Record<string, unknown>;
          assert.equal(typeof detection['condition'], 'string');
          // A base rule leaves status, level and the rest to the correlation that refers to it.
          if (referenced.has(String(doc['name']))) assert.equal(doc['level'], undefined);
        }
      });

      test('has records: at least one that fires it and one near miss, each a complete CloudTrail record', () => {
        assert.ok(records, `test/rules/${f.stem}.json`);
        assert.ok(records.match.length > 0 && records.noMatch.length > 0);
        for (const record of [...records.match, ...records.noMatch]) {
          const keys = Object.keys(record);
          for (const key of [...ENVELOPE, ...ENVELOPE_AFTER]) assert.ok(keys.includes(key), key);
          assert.ok(keys.includes('requestParameters') && keys.includes('responseElements'));
          assert.match(String(record['eventTime']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          assert.match(String(record['recipientAccountId']), /^(111122223333|123456789012)$/);
          assert.match(String(record['sourceIPAddress']), /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$|\.amazonaws\.com$/);
        }
      });

      test('every field its rules test is in its records (no misspelt field can pass unseen)', () => {
        assert.ok(records);
        const all = [...records.match, ...records.noMatch];
        for (const doc of f.docs) {
          const fields = doc['detection'] ? detectionFields(doc['detection'] as Record<string, unknown>) : [];
          const correlation = doc['correlation'] as
            { 'group-by'?: string[]; condition?: { field?: string }; aliases?: Record<string, Record<string, string>> } | undefined;
          const named = [...(correlation?.['group-by'] ?? []), ...(correlation?.condition?.field ? [correlation.condition.field] : [])];
          // An alias stands for the field each referred rule's records hold it in.
          for (const field of named) fields.push(...(correlation?.aliases?.[field] ? Object.values(correlation.aliases[field]) : [field]));
          // A derived field (derivedFields.ts) is read from a field the records hold.
          for (const field of fields.map((name) => DERIVED_FIELDS.get(name)?.from ?? name))
            assert.ok(
              all.some((r) => hasPath(r, field.split('.'))),
              field,
            );
        }
      });
    });
  }

  test('every records file belongs to a rule file', () => {
    const stems = new Set(files.map((f) => f.stem));
    const orphans = readdirSync(RECORDS_DIR).filter((name) => !stems.has(name.replace(/\.json$/, '')));
    assert.deepEqual(orphans, []);
  });

  test('rules/README.md lists every rule of the pack in its table, with its ATT&CK techniques', () => {
    const rows = readFileSync(repoPath('rules', 'README.md'), 'utf8').split('\n');
    for (const f of files)
      for (const rule of reportingRules(f.docs)) {
        const title = String(rule['title']);
        const row = rows.find((line) => line.startsWith(`| ${title} |`));
        assert.ok(row, title);
        const techniques = (rule['tags'] as string[]).filter((t) => /^attack\.t\d/.test(t));
        for (const technique of techniques)
          assert.ok(row.includes(technique.slice('attack.'.length).toUpperCase()), `${title}: ${technique}`);
      }
  });
});
