/**
 * The once-only notice that the JavaScript reader read a log the WebAssembly scanner could not (no
 * WebAssembly or SIMD here, or text it leaves to that reader): a disk read's and an open document's alike.
 */
let noted = false;
let notice: ((message: string) => void) | undefined;

/** Where the server says, once, that a log was read by the JavaScript reader rather than the scanner. */
export function onJsReader(say: (message: string) => void): void {
  notice = say;
}

/** Says why, and where first (a file's path, or an open document), the first time only. */
export function noteJsReader(reason: string, where: string): void {
  if (noted || !notice) return;
  noted = true;
  notice(`Logs are read by the JavaScript reader where the WebAssembly scanner cannot read them: ${reason} (first in ${where})`);
}
