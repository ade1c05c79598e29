/**
 * The `cloudtrail.athena.*` settings, read in one place: where a query runs (profile, region, workgroup,
 * database, output location) and the table the SQL names. The caller hands in the configuration's getter,
 * so no `vscode` here and plain Node tests reach it. Credentials are never settings: they come from the
 * AWS SDK's provider chain or the named profile, and the extension never holds them.
 */

import { TABLE_DEFAULTS } from '../../../common/athenaTable';

/** The section under `cloudtrail.`. */
export const ATHENA_SECTION = 'athena';

export interface AthenaSettings {
  /** A named profile of ~/.aws/config and ~/.aws/credentials; none: the SDK's standard provider chain. */
  readonly profile: string | undefined;
  /** None: the profile's region, or AWS_REGION. */
  readonly region: string | undefined;
  readonly workgroup: string;
  readonly database: string;
  readonly table: string;
  /** An `s3://` URI; none: the workgroup's own result location. */
  readonly outputLocation: string | undefined;
}

export const ATHENA_DEFAULTS = { workgroup: 'primary', ...TABLE_DEFAULTS } as const;

/** A setting's value as text, trimmed; undefined when it is not text or empty. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The settings, from a getter of keys under `cloudtrail.athena` (`profile`, `region`…). */
export function athenaSettingsFrom(get: (key: string) => unknown): AthenaSettings {
  return {
    profile: text(get('profile')),
    region: text(get('region')),
    workgroup: text(get('workgroup')) ?? ATHENA_DEFAULTS.workgroup,
    database: text(get('database')) ?? ATHENA_DEFAULTS.database,
    table: text(get('table')) ?? ATHENA_DEFAULTS.table,
    outputLocation: text(get('outputLocation')),
  };
}

/** What is wrong with the settings before anything is sent, in the user's words; undefined when nothing is. */
export function settingsProblem(settings: AthenaSettings): string | undefined {
  if (settings.outputLocation !== undefined && !/^s3:\/\/[^/]+/.test(settings.outputLocation)) {
    return `cloudtrail.athena.outputLocation must be an S3 location such as s3://my-athena-results/cloudtrail/, not "${settings.outputLocation}".`;
  }
  if (settings.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(settings.region)) {
    return `cloudtrail.athena.region must be an AWS Region code such as us-east-1, not "${settings.region}".`;
  }
  return undefined;
}
