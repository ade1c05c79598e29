/**
 * The rule pack the extension ships (rules/*.yml) and its hand-written test records (test/rules/<stem>.json),
 * read as plain data: what the pack's tests need, with or without the evaluator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './paths';

/** One rule file's records: `match` fire its rule (together, for a correlation), `noMatch` are near misses that do not. */
export interface RuleRecords {
  readonly match: readonly Record<string, unknown>[];
  readonly noMatch: readonly Record<string, unknown>[];
  /** Other rule files (by stem) that these records also fire, with why; absent when they fire nothing else. */
  readonly alsoFires?: Readonly<Record<string, string>>;
}

export interface PackFile {
  /** The file name without `.yml`; its records are test/rules/<stem>.json. */
  readonly stem: string;
  /** The path used as RuleSource.file. */
  readonly file: string;
  readonly text: string;
  /** Each YAML document as plain data (a rule, a correlation, or the base rule a correlation refers to). */
  readonly docs: readonly Record<string, unknown>[];
  /** YAML errors and warnings, as text. */
  readonly yamlProblems: readonly string[];
}

export const RULES_DIR = repoPath('rules');
export const RECORDS_DIR = repoPath('test', 'rules');

export function packFiles(): PackFile[] {
  return readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => {
      const file = repoPath('rules', name);
      const text = readFileSync(file, 'utf8');
      const parsed = parseAllDocuments(text);
      const documents = Array.isArray(parsed) ? parsed : [];
      return {
        stem: name.slice(0, -'.yml'.length),
        file,
        text,
        docs: documents.map((d) => d.toJS() as Record<string, unknown>),
        yamlProblems: documents.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message)),
      };
    });
}

export function packRecords(stem: string): RuleRecords {
  return JSON.parse(readFileSync(repoPath('test', 'rules', `${stem}.json`), 'utf8')) as RuleRecords;
}

/** Names that correlation rules in the file refer to: the base rules, which report nothing on their own. */
export function referencedNames(docs: readonly Record<string, unknown>[]): Set<string> {
  const names = new Set<string>();
  for (const doc of docs) {
    const correlation = doc['correlation'] as { rules?: unknown } | undefined;
    if (Array.isArray(correlation?.rules)) for (const name of correlation.rules) names.add(String(name));
  }
  return names;
}

/** The documents that report findings of their own: correlations, and rules no correlation refers to. */
export function reportingRules(docs: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const referenced = referencedNames(docs);
  return docs.filter((doc) => !referenced.has(String(doc['name'])) && !referenced.has(String(doc['id'])));
}
