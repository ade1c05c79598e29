/**
 * The events view's Integrity node in plain Node: first in the tree of the folder checked, its counts those of the
 * check, each status listing its files (a changed log opens at its first line, a missing one does not open), and
 * names from the evidence folder shown as plain text on one line.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EventTreeModel } from '../../client/src/eventsView/model';
import { itemOf } from '../../client/src/eventsView/items';
import type { EventNode, IntegrityGroupNode, IntegrityNode } from '../../client/src/eventsView/nodes';
import type { VerifyIntegrityResult } from '../../common/integrityProtocol';
import { verifyFolderIntegrity } from '../../server/src/integrity/folderIntegrity';
import { readPublicKeys } from '../../server/src/integrity/publicKeys';
import { makeDigestChain, writeKeyFile } from '../support/digestChain';
import { inProcessServer } from '../support/inProcessServer';
import { KNOWN_LOG } from '../support/knownLog';

const URI = 'file:///evidence';
const made: string[] = [];
after(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

async function checked(): Promise<{ result: VerifyIntegrityResult; changed: string; deleted: string }> {
  const chain = makeDigestChain({ hours: 4 });
  made.push(chain.root);
  const [changed, deleted] = [chain.logs[0]!, chain.logs[3]!];
  writeFileSync(changed, gzipSync(gunzipSync(readFileSync(changed)).toString().replace('"eventName":"', '"eventName":"Z')));
  unlinkSync(deleted);
  const result = await verifyFolderIntegrity(chain.root, { keys: await readPublicKeys(writeKeyFile(chain)) });
  return { result: result!, changed, deleted };
}

async function modelWith(result: VerifyIntegrityResult) {
  const model = new EventTreeModel(inProcessServer(KNOWN_LOG), () => {});
  await model.show(URI);
  await model.showIntegrity(URI, result);
  return model;
}

const groupOf = (model: EventTreeModel, key: string) =>
  (model.children((model.children() as EventNode[])[0]) as EventNode[]).find(
    (n): n is IntegrityGroupNode => n.kind === 'integrityGroup' && n.key === key,
  )!;

test('the Integrity node comes first, with the check’s counts, and lists each status’s files', async () => {
  const { result, changed, deleted } = await checked();
  const model = await modelWith(result);
  const roots = model.children() as EventNode[];
  assert.equal(roots[0]!.kind, 'integrity');
  assert.ok(roots.slice(1).every((n) => n.kind !== 'integrity'));
  const item = itemOf(roots[0]!, 'level');
  assert.equal(item.label, 'Integrity');
  assert.equal(item.description, `${result.logs.length - 2} valid · 1 modified · 1 missing`);
  const [modified] = model.children(groupOf(model, 'logs/modified')) as EventNode[];
  const modifiedItem = itemOf(modified!, 'level');
  assert.equal(modifiedItem.label, changed.split('/').at(-1));
  assert.deepEqual(modifiedItem.action && modifiedItem.action.kind === 'reveal' && modifiedItem.action.range.start, {
    line: 0,
    character: 0,
  });
  const [missing] = model.children(groupOf(model, 'logs/missing')) as EventNode[];
  assert.equal(itemOf(missing!, 'level').label, deleted.split('/').at(-1));
  assert.equal(itemOf(missing!, 'level').action, undefined);
  // The newest digest is never among the valid ones.
  assert.equal((model.children(groupOf(model, 'digests/unverified')) as EventNode[]).length, 1);
});

test('another folder’s tree has no Integrity node', async () => {
  const { result } = await checked();
  const model = new EventTreeModel(inProcessServer(KNOWN_LOG), () => {});
  await model.show('file:///other');
  await model.showIntegrity(URI, result);
  assert.ok((model.children() as EventNode[]).every((n) => n.kind !== 'integrity'));
});

test('a file name and a reason from the evidence are shown on one line, as plain text', async () => {
  const hostile: VerifyIntegrityResult = {
    logs: [{ uri: 'file:///evidence/a%0Ab%E2%80%AEc.json.gz', status: 'modified', reason: 'it\nsays [x](command:evil)' }],
    digests: [],
    gaps: [{ after: '2026-01-01T01:00:00Z', before: '2026-01-01T03:00:00Z' }],
  };
  const model = await modelWith(hostile);
  const [file] = model.children(groupOf(model, 'logs/modified')) as EventNode[];
  const item = itemOf(file!, 'level');
  assert.equal(item.label, 'a b c.json.gz');
  assert.equal(item.description, 'it says [x](command:evil)');
  const [gap] = model.children(groupOf(model, 'gaps')) as EventNode[];
  assert.equal(itemOf(gap!, 'level').description, '2.0 h');
  assert.equal(itemOf((model.children() as IntegrityNode[])[0]!, 'level').icon.id, 'error');
});
