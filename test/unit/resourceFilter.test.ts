/**
 * `resource:` in the view: what a record touched (resources' ARNs, any string of the request or response), kept on
 * documents and on disk reads alike, matched in its own case; and the hover on such a value, whose one link is ours.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMANDS } from '../../common/commands';
import { compileFilter } from '../../server/src/features/eventFilter';
import { hoverAt } from '../../server/src/features/hover';
import { summarize } from '../../server/src/features/recordSummary';
import { touchedValues } from '../../server/src/features/touchedValues';
import { parseLog } from '../../server/src/parse/parseLog';
import { cleanRecord } from '../support/cleanRecord';

const ROLE = 'arn:aws:iam::111122223333:role/Deploy';
const HOSTILE = 'x) [run](command:workbench.action.terminal.new) "quoted"';

const RECORDS = [
  cleanRecord({
    eventTime: '2024-03-05T10:00:00Z',
    eventName: 'AssumeRole',
    resources: [{ ARN: ROLE }],
    requestParameters: { roleArn: ROLE, durationSeconds: 3600, tags: [[{ value: 'deep' }]] },
  }),
  cleanRecord({ eventTime: '2024-03-05T12:00:00Z', eventName: 'GetRole', requestParameters: { roleName: 'Deploy', note: HOSTILE } }),
  cleanRecord({ eventTime: '2024-03-05T11:00:00Z', eventName: 'UpdateRole', responseElements: { role: { arn: ROLE } } }),
];

describe('resource: filter', () => {
  test('touched values are ARNs of resources and strings anywhere in the request and response, not numbers or keys', () => {
    assert.deepEqual(touchedValues(RECORDS[0]), [ROLE, 'deep']);
    assert.equal(touchedValues({ requestParameters: { n: 1, b: true, z: null } }), undefined);
    assert.deepEqual(touchedValues(JSON.parse('{"requestParameters":{"__proto__":"p"},"resources":{"ARN":"not-a-list"}}')), ['p']);
  });

  for (const [name, text] of [
    ['a delivered log (fast path)', JSON.stringify({ Records: RECORDS })],
    ['a log with a fault (tolerant parser)', `${JSON.stringify({ Records: RECORDS }, null, 1).slice(0, -3)},,]}`],
  ] as const) {
    test(`counts the records touching a value, case-sensitive, wildcards: ${name}`, () => {
      const summaries = summarize(parseLog(text), text);
      const count = (filter: string) => summaries.filter((s) => compileFilter(filter).test(s, summaries)).length;
      assert.equal(count(`resource:${ROLE}`), 2);
      assert.equal(count(`resource:${ROLE.toLowerCase()}`), 0);
      assert.equal(count('resource:arn:aws:iam::*:role/*'), 2);
      assert.equal(count('resource:deep'), 1);
      assert.equal(count('resource:3600'), 0);
      assert.equal(count('resource:roleArn'), 0);
      assert.equal(count(`-resource:${ROLE}`), 1);
    });
  }

  test('a hover on a touched value counts its records, gives first and last time and one link, to our filter command', () => {
    const text = JSON.stringify({ Records: RECORDS }, null, 2);
    const parsed = parseLog(text);
    const summaries = summarize(parsed, text);
    const markdown = hoverAt(text, parsed, text.indexOf(ROLE) + 3, { summaries })?.markdown ?? '';
    assert.match(markdown, /Records touching it \| 2 \|/);
    assert.match(markdown, /First \| 2024\\-03\\-05T10\\:00\\:00Z/);
    assert.match(markdown, /Last \| 2024\\-03\\-05T11\\:00\\:00Z/);
    const links = [...markdown.matchAll(/(?<!\\)\[([^\]]*)\]\(([^)]*)\)/g)].map((m) => m[2]!);
    assert.equal(links.length, 1);
    const [target, query] = links[0]!.split('?');
    assert.equal(target, `command:${COMMANDS.filterEvents}`);
    assert.deepEqual(JSON.parse(decodeURIComponent(query!)), [`resource:${ROLE}`]);
  });

  test("a hostile value reaches the link only encoded, as the filter's argument", () => {
    const text = JSON.stringify({ Records: RECORDS }, null, 2);
    const parsed = parseLog(text);
    const at = text.indexOf('x) [run]');
    const markdown = hoverAt(text, parsed, at + 1, { summaries: summarize(parsed, text) })?.markdown ?? '';
    const links = [...markdown.matchAll(/(?<!\\)\[([^\]]*)\]\(([^)]*)\)/g)].map((m) => m[2]!);
    assert.equal(links.length, 1, markdown);
    assert.ok(links[0]!.startsWith(`command:${COMMANDS.filterEvents}?`));
    assert.doesNotMatch(links[0]!, /[()[\] "]/);
    assert.equal(JSON.parse(decodeURIComponent(links[0]!.split('?')[1]!))[0], `resource:"${HOSTILE.replace(/"/g, '\\"')}"`);
  });

  test('outside the request, response and resources, no count is given', () => {
    const text = JSON.stringify({ Records: RECORDS }, null, 2);
    const parsed = parseLog(text);
    const markdown = hoverAt(text, parsed, text.indexOf('"GetRole"') + 2, { summaries: summarize(parsed, text) })?.markdown ?? '';
    assert.doesNotMatch(markdown, /touching/);
  });
});
