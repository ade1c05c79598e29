/**
 * Positions of many offsets in one version of a document, for its diagnostics, placed by the reading code's
 * own line table (PieceLines: breaks found with indexOf). TextDocument's index looks at every character of
 * the whole text on first use: on a 50 MB log that took 133 ms, more than the rules' whole pass, where a
 * one-line log needs no table at all. The document's index still serves everything else.
 */
import type { Position } from 'vscode-languageserver-types';
import { getLanguageService } from '../languageService';

const service = getLanguageService();

export class Positions {
  private readonly lines: { pointAt(offset: number): { line: number; character: number } };

  constructor(private readonly text: string) {
    this.lines = service.lines(text);
  }

  at(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const { line, character } = this.lines.pointAt(at);
    // As the editor's documents do: an offset between \r and \n is placed before the \r.
    return character > 0 && this.text.charCodeAt(at - 1) === 13 ? { line, character: character - 1 } : { line, character };
  }
}
