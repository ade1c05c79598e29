/** Codes in LSP messages that the other side acts on: a code action kind the client asks for, problem codes it reacts to. */

/** The kind of the "fix all" source action: under `source.fixAll`, so `editor.codeActionsOnSave` can run it. */
export const FIX_ALL_KIND = 'source.fixAll.cloudtrail';

/** Problem codes (the diagnostics' `code`) the client reacts to. */
export const CLIENT_PROBLEM_CODES = {
  /** Gzip bytes opened as text: the client offers the file decompressed. */
  compressed: 'compressed',
} as const;
