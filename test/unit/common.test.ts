/** The names common/ declares for both sides mean what the other side takes them to mean. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver-types';
import { CLIENT_PROBLEM_CODES, FIX_ALL_KIND } from '../../common/codes';
import { PROBLEM_CODES } from '../../server/src/cloudtrail/problems';

test('fix all is a source.fixAll kind, so editor.codeActionsOnSave runs it', () => {
  assert.ok(FIX_ALL_KIND.startsWith(`${CodeActionKind.SourceFixAll}.`), FIX_ALL_KIND);
});

test('the problem codes the client reacts to are codes the server reports', () => {
  for (const code of Object.values(CLIENT_PROBLEM_CODES)) assert.ok(code in PROBLEM_CODES, code);
});
