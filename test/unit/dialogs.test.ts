/** Every file, folder and save dialog the extension opens says what it is for in its title (code-server showed none). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoPath } from '../support/paths';

/** The options object of each `showOpenDialog({…})` or `showSaveDialog({…})` call in a text, braces balanced. */
function dialogOptions(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/show(?:Open|Save)Dialog\(\{/g)) {
    let depth = 0;
    let at = m.index + m[0].length - 1;
    do {
      if (text[at] === '{') depth++;
      else if (text[at] === '}') depth--;
      at++;
    } while (depth > 0 && at < text.length);
    found.push(text.slice(m.index, at));
  }
  return found;
}

test('every file, folder and save dialog has a title', () => {
  const files = readdirSync(repoPath('client', 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const dialogs = files.flatMap((file) =>
    dialogOptions(readFileSync(repoPath('client', 'src', file), 'utf8')).map((options) => ({
      file: file.split(path.sep).join('/'),
      options,
    })),
  );
  assert.ok(dialogs.length >= 4, `${dialogs.length} dialogs found`);
  assert.deepEqual(
    dialogs.filter((d) => !/\btitle\b/.test(d.options)).map((d) => d.file),
    [],
  );
});
