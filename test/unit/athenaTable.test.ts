/**
 * The Athena table as AWS's "Querying AWS CloudTrail logs" defines it, and the DDL "Create Athena table…" writes:
 * every column of the contract in order with the documented types, partition projection by Region and day, and
 * no value the user types can leave its place in the DDL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ATHENA_COLUMN_TYPES,
  createTableDdl,
  hiveType,
  LOCATION_CHECKS,
  locationProblem,
  type TableLocation,
} from '../../common/athenaTable';
import { CLOUDTRAIL_COLUMNS } from '../../common/cloudtrailColumns';

const LOCATION: TableLocation = {
  database: 'security',
  table: 'cloudtrail_logs',
  bucket: 'amzn-s3-demo-bucket',
  prefix: 'trails/AWSLogs/o-aa111bb222',
  account: '111122223333',
  regions: ['us-east-1', 'eu-west-1'],
  firstDay: '2025/11/30',
};

describe('the Athena table', () => {
  test('has the contract’s columns, in order, with the types of AWS’s table', () => {
    assert.deepEqual(
      ATHENA_COLUMN_TYPES.map((c) => c.column),
      CLOUDTRAIL_COLUMNS.map((c) => c.column),
    );
    const type = (column: string) => hiveType(ATHENA_COLUMN_TYPES.find((c) => c.column === column)!.type);
    assert.equal(
      type('useridentity'),
      'STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, invokedby:STRING, accesskeyid:STRING, username:STRING, ' +
        'onbehalfof:STRUCT<userid:STRING, identitystorearn:STRING>, sessioncontext:STRUCT<attributes:STRUCT<mfaauthenticated:STRING, ' +
        'creationdate:STRING>, sessionissuer:STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, username:STRING>, ' +
        'ec2roledelivery:STRING, webidfederationdata:STRUCT<federatedprovider:STRING, attributes:MAP<STRING,STRING>>>>',
    );
    assert.equal(type('resources'), 'ARRAY<STRUCT<arn:STRING, accountid:STRING, type:STRING>>');
    assert.equal(type('tlsdetails'), 'STRUCT<tlsversion:STRING, ciphersuite:STRING, clientprovidedhostheader:STRING>');
    // The request, response and additional data are JSON text, read with json_extract.
    for (const column of ['requestparameters', 'responseelements', 'additionaleventdata', 'eventtime', 'readonly'])
      assert.equal(type(column), 'STRING', column);
  });

  test('its DDL projects a partition per Region and day under the trail’s path', () => {
    const ddl = createTableDdl(LOCATION);
    assert.match(ddl, /^CREATE EXTERNAL TABLE security\.cloudtrail_logs \(\n {2}eventversion STRING,\n/);
    for (const { column, type } of ATHENA_COLUMN_TYPES) assert.ok(ddl.includes(`\n  ${column} ${hiveType(type)}`), column);
    assert.match(ddl, /PARTITIONED BY \(region STRING, `timestamp` STRING\)/);
    assert.match(ddl, /LOCATION 's3:\/\/amzn-s3-demo-bucket\/trails\/AWSLogs\/o-aa111bb222\/111122223333\/CloudTrail\/'/);
    assert.match(ddl, /'projection.region.values'='us-east-1,eu-west-1'/);
    assert.match(ddl, /'projection.timestamp.format'='yyyy\/MM\/dd'/);
    assert.match(ddl, /'projection.timestamp.range'='2025\/11\/30,NOW'/);
    assert.match(ddl, /'storage.location.template'='s3:\/\/amzn-s3-demo-bucket\/.*\/CloudTrail\/\$\{region\}\/\$\{timestamp\}'/);
    assert.equal(locationProblem(LOCATION), undefined);
  });

  test('what the user types is checked: nothing can close a quote or add a property', () => {
    assert.ok(LOCATION_CHECKS.bucket("bucket'),('x"));
    assert.ok(LOCATION_CHECKS.bucket('Upper'));
    assert.ok(LOCATION_CHECKS.prefix("AWSLogs'"));
    assert.ok(LOCATION_CHECKS.prefix('a b'));
    assert.ok(LOCATION_CHECKS.account('11112222333'));
    assert.ok(LOCATION_CHECKS.regions(["us-east-1'"]));
    assert.ok(LOCATION_CHECKS.regions([]));
    assert.ok(LOCATION_CHECKS.firstDay('2025-11-30'));
    assert.match(locationProblem({ ...LOCATION, table: 'trail; DROP TABLE x' }) ?? '', /not a name Athena reads unquoted/);
    assert.equal(LOCATION_CHECKS.prefix(''), undefined, 'a trail without a prefix');
  });
});
