/**
 * Work that a user's Cancel ends at once: a progress notification's task resolves null when its token is cancelled,
 * so the notification closes then, not when the server gets round to answering the cancelled request. No `vscode`
 * here: the token is shaped as VS Code's and vscode-jsonrpc's both are.
 */

export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** `work`'s outcome, or null as soon as `token` is cancelled, whichever comes first. */
export function orCancelled<T>(work: PromiseLike<T>, token: CancelSignal): Promise<T | null> {
  if (token.isCancellationRequested) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const listening = token.onCancellationRequested(() => {
      listening.dispose();
      resolve(null);
    });
    // Settled already on a cancel, the promise ignores what comes after (a rejection too: it is handled here).
    work.then(
      (value) => {
        listening.dispose();
        resolve(value);
      },
      (error: unknown) => {
        listening.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
