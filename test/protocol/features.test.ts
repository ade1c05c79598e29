/** Hover and completion as an editor asks for them. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompletionRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { apiReferenceUrl } from '../../server/src/cloudtrail/eventCatalogue';
import { catalogueLog, LEVEL_WORDS } from '../support/catalogueLog';
import { TestClient } from '../support/lspClient';

describe('hover and completion over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(async () => {
    await client.dispose();
  });

  test('every catalogue event: the hover links its own API page and names its level', async () => {
    const { text, cases } = catalogueLog();
    const uri = 'file:///catalogue/every-event.json';
    await client.open(uri, text);
    const document = client.document(uri);
    let from = 0;
    for (const c of cases) {
      const at = text.indexOf(`"eventName": "${c.event.name}"`, from) + '"eventName": "'.length + 1;
      from = at;
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(at) });
      const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      assert.ok(markdown.includes(LEVEL_WORDS[c.level]), `${c.event.name}: ${c.level}`);
      if (c.api) assert.ok(markdown.includes(`(${apiReferenceUrl(c.api)})`), `${c.event.name}: ${c.api}`);
      assert.equal(document.getText(hover!.range!), JSON.stringify(c.event.name));
    }
    await client.close(uri);
  });

  test('a hostile value arrives escaped', async () => {
    const text = JSON.stringify({
      Records: [{ eventSource: 's3.amazonaws.com', eventName: '[run](command:workbench.action.terminal.new)' }],
    });
    const uri = 'file:///hostile/name.json';
    await client.open(uri, text);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: text.indexOf('[run') + 2 },
    });
    const markdown = (hover?.contents as MarkupContent).value;
    assert.ok(!markdown.replace(/\\./g, '').includes('command:'), markdown);
    await client.close(uri);
  });

  test('completion of eventName values inside a record', async () => {
    const text = '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"PutB"}]}';
    const uri = 'file:///complete/name.json';
    await client.open(uri, text);
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: text.indexOf('PutB') + 4 },
    });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const item = items.find((i) => i.label === 'PutBucketAcl');
    assert.ok(item, 'PutBucketAcl is offered');
    assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.newText : undefined, '"PutBucketAcl"');
    await client.close(uri);
  });

  test('requests on a position outside any record answer null or nothing', async () => {
    const uri = 'file:///complete/outside.json';
    await client.open(uri, '{"Records":[]}');
    assert.equal(
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }),
      null,
    );
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 12 },
    });
    assert.deepEqual(result, []);
    await client.close(uri);
  });
});
