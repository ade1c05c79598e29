/**
 * The most text Format Document or Format Selection lays out. Above it the server answers no edits and the
 * client offers a read-only pretty-printed copy instead: the workbench applies a formatting as edits it keeps
 * for undo, beside the new text's lines, and a 42 MB one-line log took code-server's page past 3 GB until it
 * crashed, while auto-save wrote the half-edited buffer over the file on disk.
 *
 * How it was chosen: in code-server 4.100.3 with Debian's Chromium (on a busy 2-core machine), Format Document
 * on generated one-line logs: 5 MB was applied in 87 s, the page's memory peaking at 1.1 GB (0.3 GB before);
 * 10 MB took about 5 minutes, the page peaking at 3.0 GB, next to the 3.1 GB at which 42 MB crashed. So 4 MB,
 * a margin below the 5 MB that worked. Not measured in VS Code desktop: @vscode/test-electron cannot download it here.
 */
export const FORMAT_LIMIT = 4 * 1024 * 1024;

/** Whether formatting `chars` characters (the document's, or Format Selection's range) is declined. */
export function formatDeclined(chars: number): boolean {
  return chars > FORMAT_LIMIT;
}
