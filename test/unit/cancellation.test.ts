/** A progress notification's task ends when the user cancels, whatever the server is still doing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CancelSignal, orCancelled } from '../../client/src/cancellation';

/** A token to cancel by hand, counting the listeners still attached. */
function token(): CancelSignal & { cancel(): void; listeners: number } {
  const listeners = new Set<() => void>();
  const signal = {
    isCancellationRequested: false,
    get listeners() {
      return listeners.size;
    },
    onCancellationRequested(listener: () => void) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    cancel() {
      signal.isCancellationRequested = true;
      for (const listener of [...listeners]) listener();
    },
  };
  return signal;
}

test('cancelled while the server has not answered: null at once, and a late answer or failure changes nothing', async () => {
  const cancel = token();
  let fail: (error: Error) => void = () => undefined;
  const answer = new Promise<number>((_, reject) => (fail = reject));
  const outcome = orCancelled(answer, cancel);
  cancel.cancel();
  assert.equal(await outcome, null);
  fail(new Error('RequestCancelled'));
  await new Promise((resolve) => setImmediate(resolve));
});

test('answered first: the answer, or its failure, and no listener left on the token', async () => {
  const cancel = token();
  assert.equal(await orCancelled(Promise.resolve(7), cancel), 7);
  await assert.rejects(orCancelled(Promise.reject(new Error('Cannot write /x')), cancel), /Cannot write/);
  assert.equal(cancel.listeners, 0);
  cancel.cancel();
  assert.equal(await orCancelled(new Promise<number>(() => undefined), cancel), null, 'cancelled before: null at once');
});
