/** Work done once per document version: the parse and its problems are computed lazily and kept. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseLog, type ParsedLog } from './parser';
import type { Problem } from './problems';
import { type RecordSummary, summarize } from './eventTree';
import { collectProblems, limitProblems } from './validate';

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

class DocumentAnalysis implements Analysis {
  private all: readonly Problem[] | undefined;
  private limited: { max: number; problems: readonly Problem[] } | undefined;
  private summarized: readonly RecordSummary[] | undefined;

  constructor(readonly version: number, readonly parsed: ParsedLog) {}

  get allProblems(): readonly Problem[] {
    return (this.all ??= collectProblems(this.parsed));
  }

  get summaries(): readonly RecordSummary[] {
    return (this.summarized ??= summarize(this.parsed));
  }

  problems(maxProblems: number): readonly Problem[] {
    if (this.limited?.max !== maxProblems) this.limited = { max: maxProblems, problems: limitProblems(this.allProblems, maxProblems) };
    return this.limited.problems;
  }
}

export class DocumentCache {
  private readonly entries = new Map<string, DocumentAnalysis>();

  get(document: TextDocument): Analysis {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry;
    const analysis = new DocumentAnalysis(document.version, parseLog(document.getText()));
    this.entries.set(document.uri, analysis);
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
