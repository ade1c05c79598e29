/**
 * A record read from its tape asks the rules' index with only the values the index reads: whenever a rule matches
 * the record parsed whole (or feeds a correlation from it), the tape's record says a rule may match. Records that
 * hold the indexed fields nested, flattened into dotted keys, behind arrays, as scalars where objects are expected,
 * and as `__proto__`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRules } from '../../server/src/detections/compileRules';
import { TapedRecord } from '../../server/src/files/tapedRecord';
import { RecordTaper } from '../../server/src/scan/recordTape';
import { generateLog } from '../support/generateLog';

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

describe('a taped record and the rules index', () => {
  const sets = [compileRules(RULES.map((text, i) => ({ file: `/r${i}.yml`, text }))).set];
  for (let i = 0; i < RULES.length; i++) sets.push(compileRules([{ file: `/r${i}.yml`, text: RULES[i]! }]).set);

  test('a record a rule matches is always one the index says a rule may match', () => {
    let matched = 0;
    for (const set of sets) {
      assert.ok(set.indexedPaths, 'every rule here is indexed');
      for (const text of HAND_WRITTEN) {
        const full = JSON.parse(text) as unknown;
        const hits = set.match(full).length + set.correlationEvents(full).length;
        if (hits > 0) matched++;
        if (hits > 0) assert.ok(taped(text).mayMatch(set), `${text} matches, and the tape said no rule may`);
      }
    }
    // The records are written to match: most of them meet their rule.
    assert.ok(matched >= 15, `${matched}`);
  });

  test('most generated records are no candidate, and none a rule matches is missed', () => {
    const set = sets[0]!;
    const log = JSON.parse(generateLog({ seed: 41, records: 400 })) as { Records: unknown[] };
    let candidates = 0;
    for (const record of log.Records) {
      const may = taped(JSON.stringify(record)).mayMatch(set);
      if (may) candidates++;
      if (set.match(record).length > 0) assert.ok(may);
    }
    assert.ok(candidates < log.Records.length / 2, `${candidates} of ${log.Records.length}`);
  });
});
