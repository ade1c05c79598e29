/** Work done once per document version: the parse and its problems are computed lazily and kept. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseLog, type ParsedLog } from './parser';
import type { Problem } from './problems';
import { validateLog } from './validate';

export interface Analysis {
  readonly version: number;
  readonly parsed: ParsedLog;
  /** Problems under the limit they were computed with. */
  problems(maxProblems: number): readonly Problem[];
}

class DocumentAnalysis implements Analysis {
  private cached: { max: number; problems: readonly Problem[] } | undefined;

  constructor(readonly version: number, readonly parsed: ParsedLog) {}

  problems(maxProblems: number): readonly Problem[] {
    if (this.cached?.max !== maxProblems) {
      this.cached = { max: maxProblems, problems: validateLog(this.parsed, { maxProblems }) };
    }
    return this.cached.problems;
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
