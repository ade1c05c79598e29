/**
 * jsonc-parser reads recursively, so JSON nested some thousands deep overflows the stack. Our own parser
 * does not (it keeps an explicit stack); where we hand a text to jsonc-parser, such a text gets no answer.
 */
export function unlessTooDeep<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
