/**
 * The CloudTrail table of AWS's "Querying AWS CloudTrail logs" (Amazon Athena) as data: each column's type, nested
 * structs and all, in the order of CLOUDTRAIL_COLUMNS. The server resolves a record's path against it when it
 * writes SQL; "Create Athena table…" writes its DDL with partition projection; the tests build the same table in DuckDB.
 */
import { CLOUDTRAIL_COLUMNS } from './cloudtrailColumns';

/** The database and table the settings name when they name none (`cloudtrail.athena.database`, `.table`). */
export const TABLE_DEFAULTS = { database: 'default', table: 'cloudtrail_logs' } as const;

/** A column's type: a string, a struct of named fields, an array, or a map of strings. */
export type ColumnType =
  'string' | { readonly struct: Readonly<Record<string, ColumnType>> } | { readonly array: ColumnType } | { readonly map: 'string' };

const struct = (...names: string[]): ColumnType => ({ struct: Object.fromEntries(names.map((n) => [n, 'string' as const])) });

const USER_IDENTITY: ColumnType = {
  struct: {
    type: 'string',
    principalid: 'string',
    arn: 'string',
    accountid: 'string',
    invokedby: 'string',
    accesskeyid: 'string',
    username: 'string',
    onbehalfof: struct('userid', 'identitystorearn'),
    sessioncontext: {
      struct: {
        attributes: struct('mfaauthenticated', 'creationdate'),
        sessionissuer: struct('type', 'principalid', 'arn', 'accountid', 'username'),
        ec2roledelivery: 'string',
        webidfederationdata: { struct: { federatedprovider: 'string', attributes: { map: 'string' } } },
      },
    },
  },
};

/** The columns that are not strings (every other column of CLOUDTRAIL_COLUMNS is a string). */
const NESTED_TYPES: Readonly<Record<string, ColumnType>> = {
  useridentity: USER_IDENTITY,
  resources: { array: struct('arn', 'accountid', 'type') },
  addendum: struct('reason', 'updatedfields', 'originalrequestid', 'originaleventid'),
  tlsdetails: struct('tlsversion', 'ciphersuite', 'clientprovidedhostheader'),
};

/** Every column of the table with its type, in CLOUDTRAIL_COLUMNS' order. */
export const ATHENA_COLUMN_TYPES: readonly { readonly column: string; readonly type: ColumnType }[] = CLOUDTRAIL_COLUMNS.map((c) => ({
  column: c.column,
  type: NESTED_TYPES[c.column] ?? 'string',
}));

/** A type as Hive DDL writes it: `STRUCT<type:STRING,…>`. */
export function hiveType(type: ColumnType): string {
  if (type === 'string') return 'STRING';
  if ('array' in type) return `ARRAY<${hiveType(type.array)}>`;
  if ('map' in type) return 'MAP<STRING,STRING>';
  return `STRUCT<${Object.entries(type.struct)
    .map(([name, inner]) => `${name}:${hiveType(inner)}`)
    .join(', ')}>`;
}

/** What "Create Athena table…" asks for. */
export interface TableLocation {
  readonly database: string;
  readonly table: string;
  readonly bucket: string;
  /** The path from the bucket to the account folders: the trail's prefix, then `AWSLogs` (and an organization's `o-…`). */
  readonly prefix: string;
  readonly account: string;
  readonly regions: readonly string[];
  /** The first day projected, `yyyy/MM/dd`. */
  readonly firstDay: string;
}

/** Why each part of a location is not one, or undefined: for the inputs that ask for them, and before writing DDL. */
export const LOCATION_CHECKS = {
  bucket: (bucket: string) =>
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) ? undefined : 'an S3 bucket name: 3 to 63 of a-z, 0-9, . and -',
  prefix: (prefix: string) => (/^[A-Za-z0-9!_.*()/-]*$/.test(prefix) ? undefined : 'letters, digits, / and !_.*()- only'),
  account: (account: string) => (/^\d{12}$/.test(account) ? undefined : 'an account ID is 12 digits'),
  regions: (regions: readonly string[]) =>
    regions.length > 0 && regions.every((r) => /^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) ? undefined : 'Regions as us-east-1, separated by commas',
  firstDay: (day: string) => (/^\d{4}\/\d{2}\/\d{2}$/.test(day) ? undefined : 'a day as yyyy/MM/dd'),
  name: (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? undefined : `${JSON.stringify(name)} is not a name Athena reads unquoted`),
} as const;

/** Why a location cannot make a table, or undefined. */
export function locationProblem(location: TableLocation): string | undefined {
  return (
    LOCATION_CHECKS.bucket(location.bucket) ??
    LOCATION_CHECKS.prefix(location.prefix) ??
    LOCATION_CHECKS.account(location.account) ??
    LOCATION_CHECKS.regions(location.regions) ??
    LOCATION_CHECKS.firstDay(location.firstDay) ??
    LOCATION_CHECKS.name(location.database) ??
    LOCATION_CHECKS.name(location.table)
  );
}

/**
 * The DDL of the table with partition projection, one partition a day of the projected regions: Athena works the
 * partitions out from the table's properties, so none need adding. Assumes locationProblem found nothing.
 */
export function createTableDdl(location: TableLocation): string {
  const columns = ATHENA_COLUMN_TYPES.map((c) => `  ${c.column} ${hiveType(c.type)}`).join(',\n');
  const path = location.prefix.replace(/^\/+|\/+$/g, '');
  const root = `s3://${location.bucket}/${path === '' ? '' : `${path}/`}${location.account}/CloudTrail`;
  return [
    `CREATE EXTERNAL TABLE ${location.database}.${location.table} (`,
    columns,
    ')',
    'PARTITIONED BY (region STRING, `timestamp` STRING)',
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION '${root}/'`,
    'TBLPROPERTIES (',
    "  'projection.enabled'='true',",
    "  'projection.region.type'='enum',",
    `  'projection.region.values'='${location.regions.join(',')}',`,
    "  'projection.timestamp.type'='date',",
    "  'projection.timestamp.format'='yyyy/MM/dd',",
    `  'projection.timestamp.range'='${location.firstDay},NOW',`,
    "  'projection.timestamp.interval'='1',",
    "  'projection.timestamp.interval.unit'='DAYS',",
    `  'storage.location.template'='${root}/\${region}/\${timestamp}'`,
    ');',
    '',
  ].join('\n');
}
