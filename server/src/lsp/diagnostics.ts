/** Turns offset-based problems into LSP diagnostics for one document version. */
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PROBLEM_CODES, type Problem, type Severity } from '../cloudtrail/problems';
import { toRange } from './ranges';

export const SOURCE = 'cloudtrail';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
  return {
    range: toRange(document, problem),
    severity: SEVERITY[PROBLEM_CODES[problem.code].severity],
    source: SOURCE,
    code: problem.code,
    message: problem.message,
  };
}
