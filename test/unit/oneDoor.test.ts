/**
 * One door into the server: lint lets server/src/lsp/ import the facade (languageService.ts), lsp/ itself and
 * common/, and nothing else under server/src; the facade hands out its types and operations only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as facade from '../../server/src/languageService';
import { REPO_ROOT } from '../support/paths';

interface Linter {
  lintText(code: string, options: { filePath: string }): Promise<{ messages: { ruleId: string | null; message: string }[] }[]>;
}

/** ESLint as `npm run lint` runs it, loaded at run time rather than bundled into the test. */
async function linter(): Promise<Linter> {
  const name = 'eslint';
  const { ESLint } = (await import(name)) as { ESLint: new (options: { cwd: string }) => Linter };
  return new ESLint({ cwd: REPO_ROOT });
}

async function restricted(eslint: Linter, file: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport const y = x;\n`, { filePath: `${REPO_ROOT}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('lsp/ imports the facade, lsp/ and common/; anything else under server/src fails lint', async () => {
  const eslint = await linter();
  for (const allowed of ['../languageService', './convert', '../../../common/protocol'])
    assert.deepEqual(await restricted(eslint, 'server/src/lsp/planted.ts', allowed), [], allowed);
  for (const planted of [
    '../features/ignoredProblems',
    '../settings/serverSettings',
    '../files/readJobs',
    '../../package.json',
    '../newFolder/x',
  ])
    assert.equal((await restricted(eslint, 'server/src/lsp/planted.ts', planted)).length, 1, planted);
  // The rule is lsp/'s: the facade itself reaches every layer.
  assert.deepEqual(await restricted(eslint, 'server/src/planted.ts', './features/ignoredProblems'), []);
});

test('the facade exports its operations, no implementation', () => {
  assert.deepEqual(Object.keys(facade), ['getLanguageService']);
});
