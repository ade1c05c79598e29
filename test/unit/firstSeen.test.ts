/** What is new, over the hand-worked log of test/support/firstSeenLog.ts: each actor's first API calls, IPs and regions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getLanguageService } from '../../server/src/languageService';
import { logOf } from '../support/cleanRecord';
import { FIRST_SEEN_RECORDS } from '../support/firstSeenLog';
import { ALICE, eventId, time } from '../support/sessionLog';

const service = getLanguageService();
const text = logOf(...FIRST_SEEN_RECORDS);
const analysis = service.analyse(1, text);
const log = service.shownDocument({ version: 1, text: () => text }, analysis);
const BOB = 'arn:aws:iam::111122223333:user/bob';
const SINCE = Date.parse(time(50));

describe('first seen', () => {
  test('API calls: each actor’s calls with none before, the sessions’ counted as their origin’s', async () => {
    assert.deepEqual(await service.firstSeen(log, 'eventName', SINCE), [
      { actor: ALICE, value: 'sts.amazonaws.com:AssumeRole', firstTime: time(50), eventID: eventId(50), count: 1 },
      { actor: BOB, value: 's3.amazonaws.com:ListBuckets', firstTime: time(56), eventID: eventId(56), count: 1 },
      { actor: ALICE, value: 'iam.amazonaws.com:CreateAccessKey', firstTime: time(58), eventID: eventId(58), count: 1 },
    ]);
  });

  test('source IPs and regions: a known value is not new, a new one counts its records since', async () => {
    assert.deepEqual(await service.firstSeen(log, 'sourceIPAddress', SINCE), [
      { actor: ALICE, value: '198.51.100.7', firstTime: time(55), eventID: eventId(55), count: 2 },
      { actor: BOB, value: '192.0.2.10', firstTime: time(56), eventID: eventId(56), count: 1 },
    ]);
    assert.deepEqual(
      (await service.firstSeen(log, 'awsRegion', SINCE)).map((i) => [i.actor, i.value]),
      [
        [ALICE, 'eu-west-1'],
        [BOB, 'us-west-2'],
      ],
    );
    assert.deepEqual(await service.firstSeen(log, 'userAgent', SINCE), [
      { actor: BOB, value: '[aws-cli/2.15.0]', firstTime: time(56), eventID: eventId(56), count: 1 },
    ]);
  });

  test('a record whose eventID key repeats is named by its first eventID, as everything else reads it', async () => {
    const first = `"eventID": ${JSON.stringify(eventId(58))}`;
    assert.ok(text.includes(first));
    const repeated = text.replace(first, `${first}, "eventID": "a-later-copy"`);
    const shown = service.shownDocument({ version: 1, text: () => repeated }, service.analyse(1, repeated));
    const items = await service.firstSeen(shown, 'eventName', SINCE);
    assert.equal(items.find((i) => i.value === 'iam.amazonaws.com:CreateAccessKey')?.eventID, eventId(58));
  });

  test('by default, new means the last tenth of the logs’ span', async () => {
    const since = service.newSince(log)!;
    // 10:00 to 10:59 (and a millisecond): the last tenth starts at 10:53:06.
    assert.equal(new Date(since).toISOString(), '2026-11-01T10:53:06.000Z');
    assert.deepEqual(
      (await service.firstSeen(log, 'eventName', since)).map((i) => i.value),
      ['s3.amazonaws.com:ListBuckets', 'iam.amazonaws.com:CreateAccessKey'],
    );
  });
});
