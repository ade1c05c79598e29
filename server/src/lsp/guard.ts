/**
 * Request handlers that fail alone: a throw is logged and answered null, and a cancelled request is not worked on. A
 * ResponseError thrown is the answer (an error the client shows), as the connection itself would send it.
 */
import { type CancellationToken, ResponseError } from 'vscode-languageserver';
import { errorDetail } from '../../../common/errorText';

export type Log = (message: string) => void;

export type Handler<P, R> = (params: P, token?: CancellationToken) => R | Promise<R>;

function failureMessage(name: string, error: unknown): string {
  return `${name} failed: ${errorDetail(error)}`;
}

export function guarded<P, R>(
  log: Log,
  name: string,
  handler: Handler<P, R>,
): (params: P, token?: CancellationToken) => Promise<R | ResponseError | null> {
  return async (params: P, token?: CancellationToken) => {
    try {
      if (token?.isCancellationRequested) return null;
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) return error;
      log(failureMessage(name, error));
      return null;
    }
  };
}

/** A request about one open document: answered null when the document is not open. */
export function forDocument<D, P extends { textDocument: { uri: string } }, R>(
  host: { readonly log: Log; readonly documents: { get(uri: string): D | undefined } },
  name: string,
  handler: (document: D, params: P) => R | Promise<R>,
): (params: P, token?: CancellationToken) => Promise<R | ResponseError | null> {
  return guarded(host.log, name, (params: P) => {
    const document = host.documents.get(params.textDocument.uri);
    return document ? handler(document, params) : null;
  });
}
