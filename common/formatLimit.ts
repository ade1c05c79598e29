/**
 * The most text Format Document or Format Selection lays out. Above it the server answers no edits and the
 * client offers a read-only pretty-printed copy instead: the workbench applies a formatting as edits it keeps
 * for undo, beside the new text's lines, and a 42 MB one-line log took code-server's page past 3 GB until it
 * crashed, while auto-save wrote the half-edited buffer over the file on disk.
 *
 * How it was chosen: in code-server 4.100.3 with Chromium, Format Document on generated one-line logs
 * (MEASURED). The limit keeps a margin below that.
 */
export const FORMAT_LIMIT = 8 * 1024 * 1024;

/** Whether formatting `chars` characters (the document's, or Format Selection's range) is declined. */
export function formatDeclined(chars: number): boolean {
  return chars > FORMAT_LIMIT;
}
