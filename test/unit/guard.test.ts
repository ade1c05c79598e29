/** Handlers that fail alone (lsp/guard.ts): a throw is logged and answered null, an error meant for the client is its answer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationTokenSource, ErrorCodes, ResponseError } from 'vscode-languageserver';
import { errorText } from '../../common/errorText';
import { guarded } from '../../server/src/lsp/guard';

test('a ResponseError thrown is the answer the client shows, and is not logged as a failure', async () => {
  const logged: string[] = [];
  const refused = new ResponseError(ErrorCodes.InvalidParams, 'Cannot export onto a log the events view shows');
  const answer = await guarded(
    (m) => logged.push(m),
    'export',
    () => {
      throw refused;
    },
  )({});
  assert.equal(answer, refused);
  assert.deepEqual(logged, []);
});

test('any other throw is logged with what it says and answered null, whatever was thrown', async () => {
  const logged: string[] = [];
  const log = (m: string) => logged.push(m);
  assert.equal(await guarded(log, 'hover', () => Promise.reject(new Error('broken')))({}), null);
  assert.equal(
    await guarded(log, 'records', () => {
      throw 'a string';
    })({}),
    null,
  );
  assert.match(logged[0]!, /^hover failed: Error: broken\n\s+at /);
  assert.equal(logged[1], 'records failed: a string');
});

test('a request cancelled before it starts is not worked on', async () => {
  const source = new CancellationTokenSource();
  source.cancel();
  let ran = false;
  const answer = await guarded(
    () => {},
    'timeline',
    () => (ran = true),
  )({}, source.token);
  assert.equal(answer, null);
  assert.equal(ran, false);
});

test('an error reads as its message, anything else thrown as its text', () => {
  assert.equal(errorText(new RangeError('too deep')), 'too deep');
  assert.equal(errorText('gzip: unexpected end'), 'gzip: unexpected end');
  assert.equal(errorText(undefined), 'undefined');
});
