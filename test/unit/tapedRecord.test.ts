/**
 * A record read from its tape is, to the rules, the value JSON.parse would give: the same matches and correlation
 * events for every rule of the pack and of hand-written rules, the exclusion list's too, over records that hold the
 * fields nested, flattened into dotted keys, behind arrays, as scalars where objects are expected, as `__proto__`,
 * and over the pack's own test records and generated ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { TapedRecord } from '../../server/src/files/tapedRecord';
import { RecordTaper } from '../../server/src/scan/recordTape';
import { matchValue } from '../../server/src/detections/logFindings';
import { generateLog } from '../support/generateLog';
import { packFiles, packRecords } from '../support/rulePack';

const rule = (id: number, title: string, selection: string, level = 'high') => `title: ${title}
id: 00000000-0000-4000-8000-0000000000${String(id).padStart(2, '0')}
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
${selection
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
  condition: selection
level: ${level}
`;

const RULES = [
  rule(1, 'Root', 'userIdentity.type: Root'),
  rule(2, 'Trail deleted', 'eventName: DeleteTrail'),
  rule(3, 'Public policy', "requestParameters.policy.Statement.Effect: Allow\nrequestParameters.policy.Statement.Principal: '*'"),
  rule(4, 'IAM calls', 'eventSource|startswith: iam.'),
  rule(5, 'Issuer named', 'userIdentity.sessionContext.sessionIssuer.userName: Admin'),
  rule(6, 'Keyword', "- '*Admin*'").replace('selection:', 'keywords:').replace('condition: selection', 'condition: keywords'),
  rule(7, 'Field reference', 'userIdentity.userName|fieldref: userIdentity.sessionContext.sessionIssuer.userName'),
  rule(8, 'Any region', "awsRegion|endswith: '-1'"),
];

const made = RecordTaper.create();
if (!(made instanceof RecordTaper)) throw new Error(made.reason);
const taper: RecordTaper = made;

function taped(text: string): TapedRecord {
  const bytes = Buffer.from(text);
  const tape = taper.tape(bytes, 0, bytes.length);
  if (typeof tape === 'number') throw new Error(`not clean: ${text}`);
  return new TapedRecord(0, 0, text.length, tape);
}

const HAND_WRITTEN = [
  '{"eventName":"DeleteTrail"}',
  '{"userIdentity":{"type":"Root"}}',
  '{"userIdentity.type":"Root"}',
  '{"userIdentity":{"sessionContext.sessionIssuer.userName":"Admin"}}',
  '{"userIdentity":{"sessionContext":{"sessionIssuer.userName":"Admin"}}}',
  '{"userIdentity.sessionContext.sessionIssuer.userName":"Admin"}',
  '{"userIdentity":[{"type":"Root"}]}',
  '{"userIdentity":"Root"}',
  '{"userIdentity":{"type":["Root","IAMUser"]}}',
  '{"requestParameters":{"policy":{"Statement":[{"Effect":"Allow","Principal":"*"}]}}}',
  '{"requestParameters":{"policy":{"Statement":{"Effect":"Allow","Principal":"*"}}}}',
  '{"requestParameters":{"policy.Statement":[{"Effect":"Allow","Principal":"*"}]}}',
  '{"requestParameters":{"policy":{"Statement.Effect":"Allow","Statement.Principal":"*"}}}',
  '{"eventSource":"iam.amazonaws.com","eventName":"CreateUser"}',
  '{"eventSource":"IAM.amazonaws.com"}',
  '{"eventSource":["s3.amazonaws.com","iam.amazonaws.com"]}',
  '{"__proto__":{"type":"Root"},"userIdentity":{"__proto__":"Root","type":"IAMUser"}}',
  '{"userIdentity":{"type":null},"eventName":null}',
  '{"userIdentity":{"sessionContext":{"sessionIssuer":{"userName":"Admin"}}},"userIdentity.type":"Root"}',
];

describe('a taped record as the rules read it', () => {
  const pack = packFiles().map((f) => ({ file: f.file, text: f.text }));
  const sets = [
    compileRules(RULES.map((text, i) => ({ file: `/r${i}.yml`, text }))).set,
    compileRules(pack).set,
    compileRules(pack, { exclude: [{ 'userAgent|contains': 'Boto3' }, { 'userIdentity.type': 'AWSService' }] }).set,
  ];
  const packed = packFiles().flatMap((f) => [...packRecords(f.stem).match, ...packRecords(f.stem).noMatch]);
  const generated = (JSON.parse(generateLog({ seed: 41, records: 300 })) as { Records: unknown[] }).Records;
  const texts = [...HAND_WRITTEN, ...packed.map((r) => JSON.stringify(r)), ...generated.map((r) => JSON.stringify(r))];

  test('every rule matches it, and feeds correlations from it, exactly as it does the parsed record', (t) => {
    let matched = 0;
    for (const set of sets) {
      for (const text of texts) {
        const expected = matchValue(set, JSON.parse(text));
        assert.deepEqual(matchValue(set, taped(text).forRules()), expected, text.slice(0, 200));
        if (expected.rules.length > 0 || expected.events.length > 0) matched++;
      }
    }
    t.diagnostic(`${texts.length} records, ${sets.length} rule sets, ${matched} matches compared`);
    // The records are written to match: many of them meet some rule.
    assert.ok(matched > 300, `${matched}`);
  });
});
