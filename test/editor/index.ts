/**
 * Entry point of the in-editor suite: VS Code's extension host calls run() with the extension under
 * development loaded. The same suite runs under @vscode/test-electron and under code-server.
 * Results also go to the file named by CLOUDTRAIL_TEST_RESULTS, for harnesses that cannot see the console.
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

interface Outcome {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly error?: string;
  readonly ms?: number;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // scripts/test-editor.mjs --grep: only the tests whose full title matches.
  const grep = process.env.CLOUDTRAIL_EDITOR_GREP;
  if (grep) mocha.grep(grep);
  // The suites are bundled into this file: give them mocha's globals, then load them.
  mocha.suite.emit('pre-require', globalThis, 'editor-suite', mocha);
  // Loaded after mocha's globals exist, one suite per file, in this order.
  /* eslint-disable @typescript-eslint/no-require-imports */
  // Detection first: it checks that no language server starts before a log opens.
  require('./detection.editor');
  require('./extension.editor');
  require('./records.editor');
  require('./view.editor');
  require('./detections.editor');
  require('./investigate.editor');
  require('./export.editor');
  require('./report.editor');
  require('./timeline.editor');
  require('./athena.editor');
  require('./sql.editor');
  require('./actors.editor');
  require('./integrity.editor');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const outcomes: Outcome[] = [];
  const resultsFile = process.env.CLOUDTRAIL_TEST_RESULTS;
  const write = (done: boolean) => {
    if (!resultsFile) return;
    const failed = outcomes.filter((o) => o.state === 'failed').length;
    writeFileSync(resultsFile, JSON.stringify({ done, passed: outcomes.length - failed, failed, outcomes }, null, 2));
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      write(true);
      if (failures > 0) reject(new Error(`${failures} in-editor tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      outcomes.push({ title: t.fullTitle(), state: 'passed', ms: t.duration ?? 0 });
      write(false);
    });
    runner.on('fail', (t, error: Error) => {
      outcomes.push({ title: t.fullTitle(), state: 'failed', error: error.stack ?? String(error) });
      write(false);
    });
  });
}
