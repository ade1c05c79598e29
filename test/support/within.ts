/**
 * A limit on every wait of a test: a bug that keeps the server from answering fails the test that waited, saying
 * what it waited for, instead of hanging the suite until the job's timeout, which names no test.
 */

/** How long a protocol test waits for anything by default: far more than any answer takes on a loaded machine. */
export const WAIT_LIMIT_MS = 30_000;

/** How long a benchmark waits: reading a gigabyte log on a busy machine takes minutes, but never an hour. */
export const BENCH_WAIT_MS = 60 * 60_000;

/** The limit as said in a failure: "30 s", "250 ms". */
function said(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * `promise`, or, once `ms` have passed without it, a failure reading "`failure` within `ms`" (and `detail()`, if
 * given, worked out then); `onTimeout` lets the waiter stop waiting.
 */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
  failure: string,
  options: { readonly onTimeout?: () => void; readonly detail?: () => string } = {},
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      options.onTimeout?.();
      const detail = options.detail?.();
      reject(new Error(`${failure} within ${said(ms)}${detail ? ` (${detail})` : ''}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}
