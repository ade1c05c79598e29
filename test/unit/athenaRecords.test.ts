/** An Athena answer's rows back into CloudTrail records, and the result documents' text: a log the events view reads, or CSV. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { holdsRecords, recordColumns, recordFromRow } from '../../client/src/athena/rowRecords';
import { recordsText, resultDescription, resultKind, resultMessage, tableText } from '../../client/src/athena/resultText';
import { PROBLEM_CODES } from '../../server/src/cloudtrail/problems';
import { parseLog } from '../../server/src/parse/parseLog';
import { athenaRow, RECORD_COLUMNS, tableRecord } from '../support/athenaRows';
import { type CloudTrailRecord, generateRecords } from '../support/generateLog';
import { validateLog } from '../support/validateLog';

const columns = recordColumns(RECORD_COLUMNS);
const TWO_SPACES = { tabSize: 2, insertSpaces: true };

describe('rows of a record query as records', () => {
  test('generated records come back from their Athena rows as the table keeps them', () => {
    for (const record of generateRecords(15, 400)) {
      assert.deepEqual(recordFromRow(columns, athenaRow(record)), tableRecord(record));
    }
  });

  test('the table keeps every field a generated record has but managementEvent and a few identity fields it does not declare', () => {
    const lost = new Set<string>();
    for (const record of generateRecords(16, 200)) {
      const back = recordFromRow(columns, athenaRow(record));
      for (const key of Object.keys(record)) if (!(key in back) && record[key] !== null) lost.add(key);
      const identity = record.userIdentity as CloudTrailRecord;
      for (const key of Object.keys(identity)) if (!(key in (back.userIdentity as CloudTrailRecord))) lost.add(`userIdentity.${key}`);
    }
    assert.deepEqual([...lost].sort(), ['managementEvent', 'userIdentity.identityProvider']);
  });

  test('readOnly is a boolean again, sessionCredentialFromConsole stays text, and NULL cells are left out', () => {
    const row = RECORD_COLUMNS.map((name) =>
      name === 'readonly' ? 'false' : name === 'sessioncredentialfromconsole' ? 'true' : name === 'eventname' ? 'GetObject' : undefined,
    );
    assert.deepEqual(recordFromRow(columns, row), { eventName: 'GetObject', readOnly: false, sessionCredentialFromConsole: 'true' });
  });

  test("a resource's ARN is in capitals, an identity's arn is not, and a web identity's attribute keys are the record's own", () => {
    const record = recordFromRow(recordColumns(['useridentity', 'resources']), [
      JSON.stringify({
        type: 'WebIdentityUser',
        arn: 'arn:aws:sts::111122223333:assumed-role/app/web',
        sessioncontext: {
          webidfederationdata: {
            federatedprovider: 'cognito-identity.amazonaws.com',
            attributes: { 'cognito-identity.amazonaws.com:AUD': 'x' },
          },
          sessionissuer: null,
        },
      }),
      JSON.stringify([{ arn: 'arn:aws:s3:::bucket', accountid: '111122223333', type: 'AWS::S3::Bucket' }, null]),
    ]);
    assert.deepEqual(record, {
      userIdentity: {
        type: 'WebIdentityUser',
        arn: 'arn:aws:sts::111122223333:assumed-role/app/web',
        sessionContext: {
          webIdFederationData: {
            federatedProvider: 'cognito-identity.amazonaws.com',
            attributes: { 'cognito-identity.amazonaws.com:AUD': 'x' },
          },
        },
      },
      resources: [{ ARN: 'arn:aws:s3:::bucket', accountId: '111122223333', type: 'AWS::S3::Bucket' }],
    });
  });

  test("a nested key named __proto__ (a table that declares one) is a key, not the record's prototype", () => {
    const record = recordFromRow(recordColumns(['useridentity']), ['{"type":"IAMUser","__proto__":{"username":"alice"}}']);
    const identity = record.userIdentity as object;
    assert.equal(Object.getPrototypeOf(identity), Object.prototype);
    assert.equal(JSON.stringify(identity), '{"type":"IAMUser","__proto__":{"userName":"alice"}}');
  });

  test('a JSON column that holds a plain sentence, and a nested one that is not JSON, are kept as text', () => {
    const record = recordFromRow(recordColumns(['additionaleventdata', 'addendum']), ['The domain was renewed', 'not json']);
    assert.deepEqual(record, { additionalEventData: 'The domain was renewed', addendum: 'not json' });
  });

  test("an answer holds records when its columns are the table's (any case, any subset, none twice)", () => {
    assert.ok(holdsRecords(RECORD_COLUMNS));
    assert.ok(holdsRecords(['EventTime', 'eventname']));
    assert.equal(holdsRecords(['group_key', 'count']), false);
    assert.equal(holdsRecords(['eventname', 'eventname']), false);
    assert.equal(holdsRecords([]), false);
    assert.equal(resultKind(RECORD_COLUMNS, undefined), 'records');
    assert.equal(resultKind(RECORD_COLUMNS, true), 'table');
    assert.equal(resultKind(['eventname', 'n'], false), 'table');
  });
});

describe('result documents', () => {
  test('a record result is a CloudTrail log of the records, which validates without an error', () => {
    const records = generateRecords(17, 50);
    const result = recordsText({ columns: RECORD_COLUMNS, rows: records.map(athenaRow), truncated: false }, TWO_SPACES);
    const log = JSON.parse(result.text) as { Records: CloudTrailRecord[] };
    assert.deepEqual(log.Records, records.map(tableRecord));
    assert.equal(result.rows, 50);
    assert.equal(result.truncated, false);
    const errors = validateLog(parseLog(result.text), { maxProblems: 500 }).filter((p) => PROBLEM_CODES[p.code].severity === 'error');
    assert.deepEqual(errors, []);
  });

  test('a record result indents as the editor does, and stops whole records short of the size limit, saying so', () => {
    const answer = { columns: RECORD_COLUMNS, rows: generateRecords(18, 20).map(athenaRow), truncated: false };
    const tabs = recordsText(answer, { tabSize: 4, insertSpaces: false });
    assert.match(tabs.text, /^\{\n\t"Records": \[\n\t\t\{\n\t\t\t"eventVersion"/);
    const cut = recordsText(answer, TWO_SPACES, tabs.text.length / 2);
    assert.ok(cut.rows > 0 && cut.rows < 20);
    assert.equal(cut.truncated, true);
    assert.equal((JSON.parse(cut.text) as { Records: unknown[] }).Records.length, cut.rows);
    assert.deepEqual(JSON.parse(recordsText({ ...answer, rows: [] }, TWO_SPACES).text), { Records: [] });
  });

  test('a table of counts is CSV: quoted where a value needs it, NULL empty, nothing altered', () => {
    const result = tableText({
      columns: ['group_key', 'count'],
      rows: [
        ['AssumeRole', '1204'],
        ['a "quoted", value\nover two lines', '3'],
        [undefined, '2'],
        [' =1+1', '1'],
      ],
      truncated: false,
    });
    assert.equal(result.text, 'group_key,count\r\nAssumeRole,1204\r\n"a ""quoted"", value\nover two lines",3\r\n,2\r\n" =1+1",1\r\n');
    assert.equal(result.rows, 4);
  });

  test("a result's tab names its rows and the data scanned; its message says the time and whether it was cut", () => {
    const stats = { scannedBytes: 1_258_291, engineMs: 3400 };
    assert.equal(resultDescription({ kind: 'records', rows: 120, truncated: false }, stats), '120 records · 1.20 MB scanned');
    assert.equal(
      resultDescription({ kind: 'table', rows: 1, truncated: true }, { scannedBytes: undefined, engineMs: undefined }),
      'first 1 row',
    );
    assert.equal(
      resultMessage({ kind: 'records', rows: 120, truncated: false }, stats),
      'Athena answered in 3.4 s, scanning 1.20 MB: 120 records.',
    );
    assert.match(resultMessage({ kind: 'records', rows: 10_000, truncated: true }, stats), /only the first 10,000 records are shown/);
    assert.equal(
      resultMessage({ kind: 'table', rows: 0, truncated: false }, { scannedBytes: 0, engineMs: 800 }),
      'Athena answered in 0.8 s, scanning 0 bytes: no rows.',
    );
  });
});
