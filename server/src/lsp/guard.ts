/** Request handlers that fail alone: a throw is logged and answered null, and a cancelled request is not worked on. */
import type { CancellationToken } from 'vscode-languageserver';

export type Log = (message: string) => void;

export type Handler<P, R> = (params: P, token?: CancellationToken) => R | Promise<R>;

function failureMessage(name: string, error: unknown): string {
  return `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

export function guarded<P, R>(log: Log, name: string, handler: Handler<P, R>): (params: P, token?: CancellationToken) => Promise<R | null> {
  return async (params: P, token?: CancellationToken) => {
    try {
      if (token?.isCancellationRequested) return null;
      return await handler(params, token);
    } catch (error) {
      log(failureMessage(name, error));
      return null;
    }
  };
}
