/** The filter's words: what each term reads as, what it cannot read and why, and the terms the client writes. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterTime, formatTerm, parseFilter, replaceTerms, withTimeRange } from '../../common/filterSyntax';

const read = (text: string) => parseFilter(text).terms.map((t) => `${t.negated ? '-' : ''}${t.key ?? ''}${t.key ? ':' : ''}${t.value}`);
const problems = (text: string) => parseFilter(text).problems.map((p) => `${p.text} → ${p.message}`);

describe('filter syntax', () => {
  const cases: [string, string[]][] = [
    ['GetObject', ['GetObject']],
    ['event:Put* ip:*.amazonaws.com', ['event:Put*', 'ip:*.amazonaws.com']],
    ['  EVENT:PutObject   -error:AccessDenied ', ['event:PutObject', '-error:AccessDenied']],
    ['user:"Jane Doe" "two words"', ['user:Jane Doe', 'two words']],
    ['user:"say \\"hi\\""', ['user:say "hi"']],
    ['event:A event:B', ['event:A', 'event:B']],
    ['arn:aws:iam::111122223333:user/alice', ['arn:aws:iam::111122223333:user/alice']],
    ['2001:db8::1', ['2001:db8::1']],
    ['ip:2001:db8::1', ['ip:2001:db8::1']],
  ];
  for (const [text, terms] of cases) test(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(read(text), terms));

  test('says why it cannot read a term, and keeps reading the others', () => {
    assert.deepEqual(problems('evnt:PutObject event:GetObject'), [
      'evnt:PutObject → no key "evnt:" (keys: event, source, user, ip, error, region, bucket, key, account, resource, actor, after, before)',
    ]);
    assert.deepEqual(read('evnt:PutObject event:GetObject'), ['event:GetObject']);
    assert.deepEqual(problems('event:'), ['event: → event: needs a value']);
    assert.deepEqual(problems('-'), ['- → - needs a term after it']);
    assert.deepEqual(problems('user:"open'), ['user:"open → a quote is not closed']);
    assert.deepEqual(problems('after:yesterday'), ['after:yesterday → after: takes a time, as 2026-11-01T01:00:00Z or 2026-11-01']);
    assert.deepEqual(problems('-before:2026-11-01'), ['-before:2026-11-01 → -before: cannot be negated: use after:']);
  });

  test('times are UTC unless they say their zone', () => {
    assert.equal(filterTime('2026-11-01'), Date.UTC(2026, 10, 1));
    assert.equal(filterTime('2026-11-01T01:00:00Z'), Date.UTC(2026, 10, 1, 1));
    assert.equal(filterTime('2026-11-01T01:00'), Date.UTC(2026, 10, 1, 1));
    assert.equal(filterTime('2026-11-01T03:00:00+02:00'), Date.UTC(2026, 10, 1, 1));
    assert.equal(filterTime('2026-11-01T01:00:00.250Z'), Date.UTC(2026, 10, 1, 1, 0, 0, 250));
    assert.equal(filterTime('2026-13-01'), undefined);
    assert.equal(filterTime('1 Nov 2026'), undefined);
    const [after] = parseFilter('after:2026-11-01T01:00:00Z').terms;
    assert.equal(after?.time, Date.UTC(2026, 10, 1, 1));
  });

  test('writes terms that read back as written', () => {
    for (const value of ['alice', 'Jane Doe', 'say "hi"', 'back\\slash', '']) {
      const written = formatTerm('user', value, true);
      const [term] = parseFilter(written).terms;
      if (value === '') assert.equal(term, undefined);
      else assert.deepEqual([term?.key, term?.value, term?.negated], ['user', value, true]);
    }
    assert.equal(formatTerm(undefined, 'GetObject'), 'GetObject');
  });

  test('a pivot or a time range replaces only its own terms', () => {
    assert.equal(replaceTerms('user:"Jane Doe" -ip:10.0.0.1 Get', ['ip'], ['ip:10.0.0.2']), 'user:"Jane Doe" Get ip:10.0.0.2');
    const ranged = withTimeRange('event:Put* after:2020-01-01', Date.UTC(2026, 10, 1, 1), Date.UTC(2026, 10, 1, 2, 30));
    assert.equal(ranged, 'event:Put* after:2026-11-01T01:00:00Z before:2026-11-01T02:30:00Z');
    assert.equal(withTimeRange(ranged), 'event:Put*');
    assert.equal(withTimeRange('', Date.UTC(2026, 10, 1, 1, 0, 0, 5)), 'after:2026-11-01T01:00:00.005Z');
  });
});
