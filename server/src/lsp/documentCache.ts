/**
 * Work done once per document version: the parse, each record's problems and the summaries are
 * computed lazily and kept. After edits inside one record, the next version is made from the last
 * one by reading that record again (see incremental.ts), not the whole file.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type RecordSummary, summarize } from '../features/eventGroups';
import { type EditRegion, mergeEdit, reparseAfterEdit, type TextChange } from '../parse/incremental';
import type { ParsedLog } from '../parse/parsedLog';
import { parseLog } from '../parse/parseLog';
import type { Fix, Problem } from '../cloudtrail/problems';
import { checkRecord, collectProblems, limitProblems } from '../features/validate';

export interface Analysis {
  readonly version: number;
  readonly parsed: ParsedLog;
  /** Every problem, errors first: what quick fixes are looked up in. */
  readonly allProblems: readonly Problem[];
  /** The problems to show under a limit. */
  problems(maxProblems: number): readonly Problem[];
  /** One summary per record, for the events view and the outline. */
  readonly summaries: readonly RecordSummary[];
}

function shiftFix(fix: Fix | undefined, delta: number): Fix | undefined {
  return fix && { title: fix.title, edits: fix.edits.map((e) => ({ start: e.start + delta, end: e.end + delta, text: e.text })) };
}

function shiftProblem(p: Problem, delta: number): Problem {
  const fix = shiftFix(p.fix, delta);
  const suggestion = shiftFix(p.suggestion, delta);
  return {
    code: p.code,
    message: p.message,
    start: p.start + delta,
    end: p.end + delta,
    ...(fix ? { fix } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}

class DocumentAnalysis implements Analysis {
  private all: readonly Problem[] | undefined;
  private limited: { max: number; problems: readonly Problem[] } | undefined;
  private summarized: readonly RecordSummary[] | undefined;

  constructor(
    readonly version: number,
    readonly parsed: ParsedLog,
    /** Each record's own problems, in record order, when already known. */
    private perRecord?: (readonly Problem[])[],
  ) {}

  recordProblems(): (readonly Problem[])[] {
    return (this.perRecord ??= this.parsed.records.map(checkRecord));
  }

  /** Whether each record's problems are known (they are, once the file was validated). */
  get checked(): boolean {
    return this.perRecord !== undefined;
  }

  get allProblems(): readonly Problem[] {
    return (this.all ??= collectProblems(this.parsed, this.recordProblems()));
  }

  problems(maxProblems: number): readonly Problem[] {
    if (this.limited?.max !== maxProblems) this.limited = { max: maxProblems, problems: limitProblems(this.allProblems, maxProblems) };
    return this.limited.problems;
  }

  get summaries(): readonly RecordSummary[] {
    return (this.summarized ??= summarize(this.parsed));
  }
}

export class DocumentCache {
  private readonly entries = new Map<string, DocumentAnalysis>();
  /** Edits since the cached version, merged into one region, and the version they lead to. */
  private readonly edits = new Map<string, { region: EditRegion; version: number }>();

  /**
   * Notes one edit taking `document` (its version before the edit) to `version`. `change` is undefined
   * when the edit cannot be described by one span (a whole-text change, several cursors).
   */
  noteEdit(document: TextDocument, version: number, change: TextChange | undefined): void {
    const uri = document.uri;
    const log = this.edits.get(uri);
    const base = this.entries.get(uri)?.version;
    if (change && log && log.version === document.version) {
      this.edits.set(uri, { region: mergeEdit(log.region, change), version });
    } else if (change && !log && base === document.version) {
      this.edits.set(uri, { region: mergeEdit(undefined, change), version });
    } else {
      this.edits.delete(uri);
      // Nothing to build on: the next version is parsed whole.
      if (base !== undefined && base !== version) this.entries.delete(uri);
    }
  }

  get(document: TextDocument): Analysis {
    const uri = document.uri;
    const entry = this.entries.get(uri);
    if (entry && entry.version === document.version) return entry;
    const analysis = (entry && this.incremental(entry, document)) ?? new DocumentAnalysis(document.version, parseLog(document.getText()));
    this.edits.delete(uri);
    this.entries.set(uri, analysis);
    return analysis;
  }

  private incremental(entry: DocumentAnalysis, document: TextDocument): DocumentAnalysis | undefined {
    const log = this.edits.get(document.uri);
    if (!log || log.version !== document.version) return undefined;
    const text = document.getText();
    const { start, oldEnd, newEnd } = log.region;
    const result = reparseAfterEdit(entry.parsed, text, { start, end: oldEnd, text: text.slice(start, newEnd) });
    if (!result) return undefined;
    if (!entry.checked) return new DocumentAnalysis(document.version, result.parsed);
    // Reuse every other record's problems, moved by the edit's length.
    const perRecord = entry.recordProblems().slice();
    perRecord[result.index] = checkRecord(result.parsed.records[result.index]!);
    if (result.delta !== 0) {
      for (let i = result.index + 1; i < perRecord.length; i++) {
        const problems = perRecord[i]!;
        if (problems.length > 0) perRecord[i] = problems.map((p) => shiftProblem(p, result.delta));
      }
    }
    return new DocumentAnalysis(document.version, result.parsed, perRecord);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.edits.delete(uri);
  }
}
