/**
 * Run by the bench in a fresh Node process, as cold as a server at its first open: reads a log from disk
 * and does what the server does before it publishes a file's diagnostics (parse, check every record, the
 * problems as LSP diagnostics) and the events view's summaries; then compares the text with a copy that
 * came another way, as a server would to know the editor's text is the file on disk. Prints the times as JSON.
 *
 *   node out/bench/readAndCheck.js <file>
 */
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../server/src/languageService';

function main(): void {
  const file = process.argv[2]!;
  const start = performance.now();
  const text = readFileSync(file, 'utf8');
  const read = performance.now() - start;
  const analysis = getLanguageService().analyse(1, text);
  const document = TextDocument.create('file:///bench/log.json', 'cloudtrail', 1, text);
  const diagnostics = analysis.problems(500).map((p) => ({ start: document.positionAt(p.start), end: document.positionAt(p.end) }));
  const checked = performance.now() - start;
  const records = analysis.summaries.length;
  const summarized = performance.now() - start;
  // The editor's text arrives as its own string: equal content, another copy.
  const arrived = Buffer.from(text, 'utf8').toString('utf8');
  const compareStart = performance.now();
  if (arrived !== text) throw new Error('the copies differ');
  const compare = performance.now() - compareStart;
  process.stdout.write(JSON.stringify({ read, checked, summarized, compare, records, diagnostics: diagnostics.length }));
}

main();
