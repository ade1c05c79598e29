/**
 * Quick fixes and "fix all" for the problems a parse found. Every fix is certain and touches
 * punctuation and white space only; fixes are found by problem code and position, never by message.
 */
import { CodeAction, CodeActionKind, Command, type Diagnostic, TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetEdit, Problem } from '../cloudtrail/problems';
import { SOURCE } from '../lsp/diagnostics';
import { toRange } from '../lsp/ranges';

/** The kind of the "fix all" source action, under source.fixAll so editor.codeActionsOnSave can run it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cloudtrail`;

function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => TextEdit.replace(toRange(document, e), e.text));
}

function workspaceEdit(document: TextDocument, edits: readonly OffsetEdit[]): WorkspaceEdit {
  return { changes: { [document.uri]: toTextEdits(document, edits) } };
}

/**
 * One quick fix per diagnostic in the request that the current parse can repair.
 * `problems` must belong to the document's current version.
 */
export function quickFixes(document: TextDocument, problems: readonly Problem[], diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const start = document.offsetAt(diagnostic.range.start);
    const problem = problems.find((p) => (p.fix || p.suggestion) && p.code === diagnostic.code && p.start === start);
    const fix = problem?.fix ?? problem?.suggestion;
    if (!fix) continue;
    const action = CodeAction.create(fix.title, workspaceEdit(document, fix.edits), CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    // Only a certain, data-preserving fix is the one the editor may apply without asking.
    action.isPreferred = fix === problem?.fix;
    actions.push(action);
  }
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || diagnostic.code !== 'compressed') continue;
    // The client's command opens the same file decompressed; the argument is the document's own URI.
    const action = CodeAction.create(
      'Open decompressed',
      Command.create('Open decompressed', 'cloudtrail.openDecompressed', document.uri),
      CodeActionKind.QuickFix,
    );
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    actions.push(action);
  }
  const all = fixAllEdits(problems);
  const certain = actions.filter((a) => a.isPreferred);
  if (certain.length > 0 && all.length > certain.reduce((n, a) => n + (a.edit?.changes?.[document.uri]?.length ?? 0), 0)) {
    // Offered beside the single fixes, as VS Code's own linters do.
    actions.push(CodeAction.create('Fix all JSON problems in this file', workspaceEdit(document, all), CodeActionKind.QuickFix));
  }
  return actions;
}

/** The "fix all" source action, or nothing when no problem has a certain fix. */
export function fixAllAction(document: TextDocument, problems: readonly Problem[]): CodeAction | null {
  const edits = fixAllEdits(problems);
  if (edits.length === 0) return null;
  return CodeAction.create('Fix all JSON problems', workspaceEdit(document, edits), FIX_ALL_KIND);
}

/** Every certain fix's edits, in order, dropping any that would overlap one already taken. */
export function fixAllEdits(problems: readonly Problem[]): OffsetEdit[] {
  const edits = problems.flatMap((p) => (p.fix ? [...p.fix.edits] : []));
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: OffsetEdit[] = [];
  let lastEnd = -1;
  for (const edit of edits) {
    const previous = taken[taken.length - 1];
    if (previous && previous.start === edit.start && previous.end === edit.end && previous.text === edit.text) continue;
    if (edit.start < lastEnd) continue;
    taken.push(edit);
    lastEnd = edit.end;
  }
  return taken;
}
