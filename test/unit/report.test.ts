/**
 * The investigation report (server/src/report/), as an investigator reads it: the counts the events view shows, the
 * rules' records by eventID with each record in the appendix, session chains, what is new, integrity "not checked"
 * or its counts, redaction with the export's pseudonyms, and hostile log and rule text kept inert in HTML and Markdown.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ReportFormat } from '../../common/reportProtocol';
import type { Finding, RuleInfo } from '../../server/src/detections/ruleSet';
import { getLanguageService, type ReportOptions, type ShownLog } from '../../server/src/languageService';
import { cleanRecord, logOf } from '../support/cleanRecord';
import { DETECTION_FINDINGS, DETECTION_LOG, DETECTION_RULES } from '../support/detectionLog';
import { FIRST_SEEN_RECORDS } from '../support/firstSeenLog';
import { generateLog } from '../support/generateLog';
import { ALICE, eventId, THREE_HOPS } from '../support/sessionLog';

const service = getLanguageService();
const WRITTEN = '2026-12-07T12:00:00.000Z';

function shown(text: string, detections?: { rules: readonly RuleInfo[]; findings: readonly Finding<number>[] }): ShownLog {
  const log = service.shownDocument({ version: 1, text: () => text }, service.analyse(1, text));
  return detections ? { ...log, detections } : log;
}

const report = (log: ShownLog, format: ReportFormat, options: Partial<ReportOptions> = {}) =>
  service.report(log, format, { uri: 'file:///cases/log.json', written: WRITTEN, ...options });

/** The numbers the HTML marks as counting `what`, in page order. */
function counted(page: string, what: string): number[] {
  return [...page.matchAll(new RegExp(`data-count="${what}">([\\d,]+)<`, 'g'))].map((m) => Number(m[1]!.replace(/,/g, '')));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescaped = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** Each rule row's key and count. */
function ruleCounts(page: string): Map<string, number> {
  return new Map(
    [...page.matchAll(/<tr data-rule="([^"]*)">.*?data-count="rule">([\d,]+)</g)].map((m) => [
      unescaped(m[1]!),
      Number(m[2]!.replace(/,/g, '')),
    ]),
  );
}

describe('investigation report', () => {
  const found = { rules: DETECTION_RULES, findings: DETECTION_FINDINGS };
  const log = shown(DETECTION_LOG, found);

  for (const filter of [undefined, 'user:mallory', '-error:AccessDenied']) {
    test(`its counts are the events view's (filter ${filter ?? 'none'})`, async () => {
      const page = await report(log, 'html', filter ? { filter } : {});
      const tree = service.eventTree(log, 'level', filter);
      assert.deepEqual(counted(page, 'total'), [9]);
      assert.deepEqual(counted(page, 'shown'), [tree.shown]);
      assert.deepEqual(
        counted(page, 'level'),
        tree.groups.map((g) => g.count),
      );
      const rules = service.detections(log, filter);
      assert.deepEqual(ruleCounts(page), new Map(rules.map((r) => [r.key, r.count])));
      assert.ok(rules.length > 0);
      const byActor = service.eventTree(log, 'actor', filter);
      assert.deepEqual(
        counted(page, 'actor'),
        byActor.groups.map((g) => g.count),
      );
      // The timeline's bars hold every record the filter keeps (all have a time here).
      const bars = [...page.matchAll(/<title>[^<]*: (\d+) succeeded, (\d+) failed/gi)].map((m) => Number(m[1]) + Number(m[2]));
      assert.equal(
        bars.reduce((a, b) => a + b, 0),
        tree.shown,
      );
    });
  }

  test('findings by level, highest first, each rule with its first and last time', async () => {
    const page = await report(log, 'markdown');
    const levels = [...page.matchAll(/^### (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(levels, ['Critical', 'High', 'Medium', 'Informational']);
    assert.match(page, /\| Root account used \| 2 \| {2}\| 2024\\-03\\-05T10\\:00\\:00\\\.000Z \| 2024\\-03\\-05T10\\:08\\:00\\\.000Z \|/);
    assert.match(page, /\| AccessDenied burst from one identity \| 4 \| 2 \|/);
  });

  test('the source: its records, bytes and time span; integrity not checked unless a summary is given', async () => {
    const page = await report(log, 'html');
    assert.deepEqual(counted(page, 'source-records'), [9]);
    assert.ok(page.includes(`<td class="n">${Buffer.byteLength(DETECTION_LOG).toLocaleString('en-US')}</td>`));
    assert.match(page, /data-integrity="not-checked"/);
    const integrity = {
      logs: { valid: 200, modified: 1, missing: 2, unlisted: 3 },
      digests: { valid: 20, invalid: 1, unverified: 1, missing: 2 },
    };
    const checked = await report(log, 'html', { integrity });
    assert.doesNotMatch(checked, /not-checked/);
    assert.deepEqual(
      ['logs-valid', 'logs-modified', 'logs-missing', 'logs-unlisted', 'digests-missing'].map((w) => counted(checked, w)[0]),
      [200, 1, 2, 3, 2],
    );
  });

  test('a session chain back to its origin, each issuing call by eventID and linked to its record in the appendix', async () => {
    const page = await report(shown(logOf(...THREE_HOPS)), 'html');
    const chain = /<ol class="chain">(.*?)<\/ol>/.exec(page)?.[1] ?? '';
    const links = [
      ...chain.matchAll(/<li><code>([^<]*)<\/code>(?: — issued by AssumeRole at [^(]*\(<a href="#r(\d+)">([^<]*)<\/a>\))?/g),
    ].map((m) => m.slice(1).filter((v) => v !== undefined));
    assert.deepEqual(links, [
      ['arn:aws:sts::111122223333:assumed-role/Hop3/s3', '2', eventId(3)],
      ['arn:aws:sts::111122223333:assumed-role/Hop2/s2', '1', eventId(2)],
      ['arn:aws:sts::111122223333:assumed-role/Hop1/s1', '0', eventId(1)],
      [ALICE],
    ]);
    for (const index of [0, 1, 2]) assert.match(page, new RegExp(`<h3 id="r${index}">`));
  });

  test('what is new: the view’s items, each with its first record’s eventID', async () => {
    const fresh = shown(logOf(...FIRST_SEEN_RECORDS));
    const page = await report(fresh, 'html');
    const since = service.newSince(fresh)!;
    const expected = (await service.firstSeen(fresh, 'eventName', since)).map((i) => [i.value, i.eventID, String(i.count)]);
    const rows = [
      ...page.matchAll(
        /<tr><td>eventName<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><td>[^<]*<\/td><td><a href="#r\d+">([^<]*)<\/a><\/td><td class="n">(\d+)</g,
      ),
    ];
    assert.deepEqual(
      rows.map((m) => m.slice(1)),
      expected,
    );
    assert.ok(expected.length > 0);
  });

  test('the page loads nothing and runs nothing: a strict policy, its one style sheet allowed by hash', async () => {
    const page = await report(log, 'html');
    const policy = (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.match(policy, /^default-src 'none'; style-src 'sha256-[^']+'; base-uri 'none'; form-action 'none'$/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    assert.ok(policy.includes(createHash('sha256').update(style).digest('base64')));
    assert.doesNotMatch(page, /<script|<link|<img|<iframe|\ssrc=|\sstyle=|url\(/i);
    // The one URL is the SVG's namespace; every link is to the page itself.
    assert.deepEqual(
      [...page.matchAll(/https?:\/\/[^"\s<]*/g)].map((m) => m[0]),
      ['http://www.w3.org/2000/svg'],
    );
    assert.ok([...page.matchAll(/href="([^"]*)"/g)].every((m) => /^#r\d+$/.test(m[1]!)));
  });
});

describe('investigation report: a noisy rule', () => {
  test('lists its first 50 eventIDs and how many more, its count whole; the appendix holds 300 records at most', async () => {
    const text = generateLog({ seed: 23, records: 400 });
    const rule = { ...DETECTION_RULES[0]!, key: 'noisy' };
    const log = shown(text, { rules: [rule], findings: [{ rule: 0, records: Array.from({ length: 400 }, (_, i) => i) }] });
    const page = await report(log, 'html');
    const row = /<tr data-rule="noisy">.*?<\/tr>/.exec(page)![0];
    assert.deepEqual(counted(row, 'rule'), [400]);
    assert.equal([...row.matchAll(/<a href="#r\d+">/g)].length, 50);
    assert.match(row, /and 350 more/);
    assert.ok([...page.matchAll(/<h3 id="r\d+">/g)].length <= 300);
  });
});

describe('investigation report: hostile values', () => {
  const HOSTILE = '<script>alert(1)</script>';
  const records = [
    cleanRecord({
      eventName: '](javascript:alert(1))',
      eventID: '"><img src=x onerror=alert(1)>',
      sourceIPAddress: '[run](command:workbench.action.terminal.new)',
      userAgent: '![x](https://attacker.example/pixel.png)',
      userIdentity: { type: 'IAMUser', userName: HOSTILE, arn: `arn:aws:iam::111122223333:user/${HOSTILE}` },
    }),
    cleanRecord({ eventName: '__proto__', eventTime: '2024-03-05T10:20:00Z', userIdentity: { type: 'IAMUser', userName: '__proto__' } }),
  ];
  const rule: RuleInfo = {
    key: '"><script>x</script>',
    id: 'x',
    title: `${HOSTILE} [t](command:cloudtrail.fixAll)`,
    level: 'high',
    tags: [],
    falsepositives: [],
    references: [],
    file: 'x.yml',
  };
  const log = shown(logOf(...records), { rules: [rule], findings: [{ rule: 0, records: [0, 1] }] });

  test('HTML: every value is text, none a tag, attribute or link', async () => {
    const page = await report(log, 'html');
    assert.doesNotMatch(page, /<script|<img|<[a-z]+\s[^>]*onerror=|href="(?!#r\d)/i);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('data-rule="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"'));
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'), 'the eventID, escaped, in its link');
    assert.deepEqual(ruleCounts(page), new Map([[rule.key, 2]]));
  });

  test('Markdown: no link, image, HTML or command link comes from log or rule text', async () => {
    const page = await report(log, 'markdown');
    // Outside the records' fenced code, no log text is live.
    const prose = page.replace(/^(`{3,})json\n[\s\S]*?\n\1$/gm, '');
    assert.doesNotMatch(prose, /(?<!\\)\]\(|(?<!\\)<[a-z/!]|(?<!\\)!\[|(?<!\\)command:|(?<!\\)javascript:/i);
    assert.ok(prose.includes('\\<script\\>'));
    assert.match(page, /^```json\n\{\n {2}"eventVersion"/m);
  });

  test('a record whose text holds a run of backticks is fenced longer', async () => {
    const fenced = shown(logOf(cleanRecord({ eventName: 'x````y' })), { rules: [rule], findings: [{ rule: 0, records: [0] }] });
    const page = await report(fenced, 'markdown');
    assert.match(page, /^`{5}json\n[\s\S]*x````y[\s\S]*\n`{5}$/m);
  });
});

describe('investigation report: redacted', () => {
  const log = shown(logOf(...THREE_HOPS), { rules: DETECTION_RULES.slice(0, 1), findings: [{ rule: 0, records: [0, 3] }] });

  for (const format of ['html', 'markdown'] as const) {
    test(`${format}: the accounts, keys, addresses and names are the export's pseudonyms, the counts unchanged`, async () => {
      const plain = await report(log, format);
      const page = await report(log, format, { redact: true });
      for (const original of ['111122223333', 'alice', '192.0.2.10', 'AKIAIOSFODNN7EXAMPLE', 'Hop1/s1', 'ASIA0000000000000001']) {
        assert.ok(plain.includes(original) || plain.includes(original.replace(/(\d)/g, '$1')), original);
        assert.ok(!page.includes(original), `${original} is left in the ${format} report`);
      }
      assert.ok(page.includes('000000000001'));
      assert.ok(page.includes('192.0.2.1') || page.includes('192\\.0\\.2\\.1'));
      assert.match(page, /user-1/);
      if (format === 'html') assert.deepEqual(counted(page, 'actor'), counted(plain, 'actor'));
    });
  }
});
