/** The problems a user is shown for a text, composed as the server composes them (see lsp/documentCache.ts). */
import type { Problem } from '../../server/src/cloudtrail/problems';
import { collectProblems, limitProblems } from '../../server/src/features/validate';
import type { ParsedLog } from '../../server/src/parse/parsedLog';

/** Every problem in a parsed log, errors first, at most `maxProblems` (plus one note when cut). */
export function validateLog(parsed: ParsedLog, options: { readonly maxProblems: number }): Problem[] {
  return limitProblems(collectProblems(parsed), options.maxProblems);
}
