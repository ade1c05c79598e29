/** Resolves after the events waiting now (requests, cancellations) have run: long work yields with it. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
