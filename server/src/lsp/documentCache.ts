/**
 * The analysis of each open document's last analysed version (see features/logAnalysis.ts), kept the way VS
 * Code's JSON server keeps its parsed documents: a closed document's is dropped, and past a few
 * documents the least recently used one's goes (it is read whole again if asked for). Edits are noted
 * as they arrive, so the next version can be made from the cached one by reading only what changed.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, type EditRegion, getLanguageService, type LanguageService, type TextChange } from '../languageService';

export type { Analysis } from '../languageService';

/** How many documents' analyses are kept, as VS Code's JSON server keeps ten. */
const MAX_ENTRIES = 10;

interface Entry {
  readonly analysis: Analysis;
  /** Edits since the analysed version, merged into one region, and the version they lead to. */
  readonly edits?: { readonly region: EditRegion; readonly version: number };
}

export class DocumentCache {
  /** By URI, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly service: LanguageService;

  constructor(options: { readonly maxEntries?: number; readonly service?: LanguageService } = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? MAX_ENTRIES);
    this.service = options.service ?? getLanguageService();
  }

  /**
   * Notes one edit taking `document` (its version before the edit) to `version`. `change` is undefined
   * when the edit cannot be described by one span (a whole-text change, several cursors).
   */
  noteEdit(document: TextDocument, version: number, change: TextChange | undefined): void {
    const entry = this.entries.get(document.uri);
    if (!entry) return;
    const { analysis, edits } = entry;
    // Kept in place, not moved to the end: an edit is not a use.
    if (change && edits?.version === document.version) {
      this.entries.set(document.uri, { analysis, edits: { region: this.service.mergeEdit(edits.region, change), version } });
    } else if (change && !edits && analysis.version === document.version) {
      this.entries.set(document.uri, { analysis, edits: { region: this.service.mergeEdit(undefined, change), version } });
    } else if (analysis.version !== version) {
      // Nothing to build on: the next version is read whole.
      this.entries.delete(document.uri);
    } else {
      this.entries.set(document.uri, { analysis });
    }
  }

  get(document: TextDocument): Analysis {
    const uri = document.uri;
    const entry = this.entries.get(uri);
    this.entries.delete(uri);
    if (entry?.analysis.version === document.version) {
      this.entries.set(uri, entry);
      return entry.analysis;
    }
    const analysis = this.analyse(document, entry);
    this.entries.set(uri, { analysis });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** The document's analysis, from the cached version when the edits since it are known. */
  private analyse(document: TextDocument, entry: Entry | undefined): Analysis {
    const text = document.getText();
    if (!entry?.edits || entry.edits.version !== document.version) return this.service.analyse(document.version, text);
    const { start, oldEnd, newEnd } = entry.edits.region;
    return entry.analysis.next(document.version, text, { start, end: oldEnd, text: text.slice(start, newEnd) });
  }
}
