/** What is new, over the hand-worked log of test/support/firstSeenLog.ts: each actor's first API calls, IPs and regions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIRST_SEEN_FIELDS } from '../../common/actorProtocol';
import { firstSeen } from '../../server/src/features/firstSeen';
import { summarize } from '../../server/src/features/recordSummary';
import { SessionIndex } from '../../server/src/features/sessionChain';
import { getLanguageService } from '../../server/src/languageService';
import { parseLog } from '../../server/src/parse/parseLog';
import { generateLog } from '../support/generateLog';
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

  test('on generated logs, what is new is what a plain count of every value finds, at several times', () => {
    for (const seed of [3, 11]) {
      const generated = generateLog({ seed, records: 3000 });
      const summaries = summarize(parseLog(generated), generated);
      const actors = SessionIndex.of(summaries);
      const times = summaries.map((s) => Date.parse(s.eventTime));
      const span = [Math.min(...times.filter((t) => !Number.isNaN(t))), Math.max(...times.filter((t) => !Number.isNaN(t)))];
      for (const share of [0, 0.5, 0.9, 1]) {
        const since = span[0]! + (span[1]! - span[0]!) * share;
        for (const field of FIRST_SEEN_FIELDS) {
          // Every (actor, value) with all its records' times; new when none is before `since`.
          const all = new Map<string, { actor: string; value: string; times: number[]; indexes: number[] }>();
          summaries.forEach((s, i) => {
            const value =
              field === 'eventName'
                ? `${s.eventSource}:${s.eventName}`
                : field === 'sourceIPAddress'
                  ? s.sourceIPAddress || undefined
                  : s[field];
            if (value === undefined || Number.isNaN(times[i]!)) return;
            const actor = actors.actorOf(s);
            const key = JSON.stringify([actor, value]);
            const entry = all.get(key) ?? { actor, value, times: [], indexes: [] };
            entry.times.push(times[i]!);
            entry.indexes.push(i);
            all.set(key, entry);
          });
          const expected = [...all.values()]
            .filter((e) => Math.min(...e.times) >= since)
            .map((e) => {
              const first = Math.min(...e.times);
              const index = e.indexes[e.times.indexOf(first)]!;
              return { actor: e.actor, value: e.value, firstTime: summaries[index]!.eventTime, index, count: e.times.length };
            })
            .sort(
              (a, b) =>
                Date.parse(a.firstTime) - Date.parse(b.firstTime) ||
                a.index - b.index ||
                (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
            );
          assert.deepEqual(firstSeen(summaries, field, since), expected, `seed ${seed}, ${field}, since ${share}`);
        }
      }
    }
  });
});
