/** When files are checked: an opened one at once, an edited one after a pause, and only the version the editor holds. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { DEFAULT_SETTINGS, type ServerSettings as Settings } from '../../server/src/settings/serverSettings';
import { Validation, VALIDATION_DELAY_MS } from '../../server/src/lsp/validation';

const URI = 'file:///v/log.json';
const BROKEN = '{"Records":[{"eventVersion":"1.08" "eventName":"GetObject"}]}';

/** Whether a published set of diagnostics reports the missing comma. */
const broken = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'missing-comma');

function harness() {
  const open = new Map<string, TextDocument>();
  const cache = new DocumentCache();
  const published: PublishDiagnosticsParams[] = [];
  const logged: string[] = [];
  let settings: () => Promise<Settings> = () => Promise.resolve(DEFAULT_SETTINGS);
  const validation = new Validation({
    current: (uri) => open.get(uri),
    analyse: (document) => cache.get(document),
    findings: () => Promise.resolve([]),
    settings: () => settings(),
    publish: async (params) => void published.push(params),
    log: (message) => void logged.push(message),
  });
  const show = (version: number, text = BROKEN) => {
    const document = TextDocument.create(URI, 'cloudtrail', version, text);
    open.set(URI, document);
    return document;
  };
  return {
    validation,
    published,
    logged,
    show,
    close: () => open.delete(URI),
    gateSettings: (gate: Promise<Settings>) => (settings = () => gate),
  };
}

describe('validation scheduling', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  test('an opened file is checked at once, and once, though opening also reports a change', async () => {
    const h = harness();
    const document = h.show(1);
    h.validation.opened(document);
    h.validation.changed(document);
    await h.validation.settled(URI);
    assert.deepEqual(
      h.published.map((p) => [p.version, broken(p)]),
      [[1, true]],
    );
    mock.timers.tick(VALIDATION_DELAY_MS * 10);
    await h.validation.settled(URI);
    assert.equal(h.published.length, 1);
  });

  test('edits are checked after a pause in typing, a burst of them once, for the last version', async () => {
    const h = harness();
    h.validation.opened(h.show(1));
    await h.validation.settled(URI);
    h.validation.changed(h.show(2));
    mock.timers.tick(VALIDATION_DELAY_MS - 1);
    h.validation.changed(h.show(3, BROKEN.replace('" "', '", "')));
    mock.timers.tick(VALIDATION_DELAY_MS - 1);
    await h.validation.settled(URI);
    assert.equal(h.published.length, 1);
    mock.timers.tick(1);
    await h.validation.settled(URI);
    assert.deepEqual(
      h.published.map((p) => [p.version, broken(p)]),
      [
        [1, true],
        [3, false],
      ],
    );
  });

  test('a version the editor no longer holds when the settings arrive is not published', async () => {
    const h = harness();
    let answer!: (settings: Settings) => void;
    h.gateSettings(new Promise<Settings>((resolve) => (answer = resolve)));
    h.validation.opened(h.show(1));
    h.show(2);
    answer(DEFAULT_SETTINGS);
    await h.validation.settled(URI);
    assert.deepEqual(h.published, []);
  });

  test('an edit while the settings are on their way is not published under the old problems, though the editor updates the document in place', async () => {
    const h = harness();
    let answer!: (settings: Settings) => void;
    h.gateSettings(new Promise<Settings>((resolve) => (answer = resolve)));
    const document = h.show(1);
    h.validation.opened(document);
    // The server's TextDocuments updates one object per file: the version checked is then the object's new one.
    TextDocument.update(document, [{ text: BROKEN.replace('" "', '", "') }], 2);
    answer(DEFAULT_SETTINGS);
    await h.validation.settled(URI);
    assert.deepEqual(h.published, []);
  });

  test('closing clears the diagnostics and drops a check still waiting, even when the file is opened again', async () => {
    const h = harness();
    h.validation.opened(h.show(1));
    await h.validation.settled(URI);
    h.validation.changed(h.show(2));
    h.close();
    h.validation.closed(URI);
    h.validation.opened(h.show(1));
    await h.validation.settled(URI);
    mock.timers.tick(VALIDATION_DELAY_MS);
    await h.validation.settled(URI);
    assert.deepEqual(
      h.published.map((p) => [p.version, p.diagnostics.length > 0]),
      [
        [1, true],
        [undefined, false],
        [1, true],
      ],
    );
  });

  test('a check that fails is logged, and the next one still runs', async () => {
    const h = harness();
    h.gateSettings(Promise.reject(new Error('boom')));
    h.validation.opened(h.show(1));
    await h.validation.settled(URI);
    assert.match(h.logged[0]!, /^validate failed: Error: boom/);
    h.gateSettings(Promise.resolve(DEFAULT_SETTINGS));
    h.validation.recheck(h.show(2));
    mock.timers.tick(0);
    await h.validation.settled(URI);
    assert.deepEqual(
      h.published.map((p) => p.version),
      [2],
    );
  });
});
