/**
 * Positions of many offsets in one version of a document, for its diagnostics, placed by the reading code's
 * own line table (PieceLines: breaks found with indexOf). TextDocument's index looks at every character of
 * the whole text on first use: on a 50 MB log that took 133 ms, more than the rules' whole pass, where a
 * one-line log needs no table at all. The document's index still serves everything else.
 */
import type { Position } from 'vscode-languageserver-types';
import { PieceLines } from '../languageService';

const START = { line: 0, character: 0 };

export class Positions {
  private readonly lines: PieceLines;

  constructor(private readonly text: string) {
    this.lines = new PieceLines(text, START);
  }

  at(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const { line, character } = this.lines.pointAt(at);
    // As the editor's documents do: an offset between \r and \n is placed before the \r.
    return character > 0 && this.text.charCodeAt(at - 1) === 13 ? { line, character: character - 1 } : { line, character };
  }
}
