/** Which fields of a record are indexed with offsets: all of the record's own, and the nested ones features read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTrackedContainer, trackedPath } from '../../server/src/cloudtrail/recordIndex';
import { parseTolerant } from '../../server/src/parse/tolerantParser';

test('every property of the record itself is indexed, by its own name', () => {
  assert.equal(trackedPath('', 'eventName'), 'eventName');
  assert.equal(trackedPath('', 'anything at all'), 'anything at all');
});

test('nested fields are indexed by dotted path only where features read them', () => {
  assert.equal(trackedPath('userIdentity', 'arn'), 'userIdentity.arn');
  assert.equal(
    trackedPath('userIdentity.sessionContext.sessionIssuer', 'accountId'),
    'userIdentity.sessionContext.sessionIssuer.accountId',
  );
  assert.equal(
    trackedPath('userIdentity.sessionContext.attributes', 'mfaAuthenticated'),
    'userIdentity.sessionContext.attributes.mfaAuthenticated',
  );
  assert.equal(trackedPath('requestParameters', 'bucketName'), 'requestParameters.bucketName');
  assert.equal(trackedPath('requestParameters', 'policy'), undefined);
  assert.equal(trackedPath('userIdentity', 'somethingNew'), undefined);
  assert.equal(trackedPath('responseElements', 'bucketName'), undefined);
});

test('only the containers on the way to a tracked field have their members looked at', () => {
  // responseElements holds what an issuing call issued (session chains); not its other members.
  for (const path of [
    'userIdentity',
    'userIdentity.sessionContext',
    'userIdentity.sessionContext.sessionIssuer',
    'requestParameters',
    'responseElements.credentials',
  ]) {
    assert.ok(isTrackedContainer(path), path);
  }
  for (const path of ['responseElements.bucket', 'resources', 'userIdentity.arn', '']) assert.ok(!isTrackedContainer(path), path);
});

test('the tolerant parser indexes exactly those fields of a record', () => {
  const record = {
    eventVersion: '1.08',
    userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/R', extra: 1 } } },
    requestParameters: { bucketName: 'b', policy: { Statement: [] } },
    responseElements: { bucketName: 'c' },
  };
  const fields = parseTolerant(JSON.stringify(record)).root!.fields;
  assert.deepEqual([...fields.keys()].sort(), [
    'eventVersion',
    'requestParameters',
    'requestParameters.bucketName',
    'responseElements',
    'userIdentity',
    'userIdentity.sessionContext',
    'userIdentity.sessionContext.sessionIssuer',
    'userIdentity.sessionContext.sessionIssuer.arn',
    'userIdentity.type',
  ]);
});
