/**
 * Create Athena table…: asks where the trail's logs are (bucket, path, account, Regions, first day) and opens the
 * DDL of AWS's CloudTrail table with partition projection in a SQL editor, named by the `cloudtrail.athena.database`
 * and `table` settings, for the user to run. Nothing is sent to AWS.
 */
import * as vscode from 'vscode';
import { showWarning } from '../notifications';
import { createTableDdl, LOCATION_CHECKS, locationProblem, type TableLocation } from '../../../common/athenaTable';
import { readAthenaSettings } from './athena';
import type { CommandFactory } from './context';

const regionsOf = (text: string) =>
  text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');

async function ask(title: string, prompt: string, value: string, check: (text: string) => string | undefined): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `Create Athena table: ${title}`,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (text) => check(text.trim()) ?? null,
  });
  return answer?.trim();
}

/** A year before today, as the projection's first day. */
function aYearAgo(): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString().slice(0, 10).replace(/-/g, '/');
}

export const createAthenaTable: CommandFactory = (ctx) => async () => {
  const settings = readAthenaSettings();
  const bucket = await ask('bucket', 'The S3 bucket the trail delivers its logs to', '', LOCATION_CHECKS.bucket);
  if (bucket === undefined) return;
  const prefix = await ask(
    'path',
    'From the bucket to the account folders: the trail’s prefix if it has one, then AWSLogs (and o-… for an organization trail)',
    'AWSLogs',
    LOCATION_CHECKS.prefix,
  );
  if (prefix === undefined) return;
  const account = await ask('account', 'The account ID whose logs the table reads', '', LOCATION_CHECKS.account);
  if (account === undefined) return;
  const regions = await ask(
    'Regions',
    'The Regions whose logs the table reads, separated by commas',
    settings.region ?? 'us-east-1',
    (text) => LOCATION_CHECKS.regions(regionsOf(text)),
  );
  if (regions === undefined) return;
  const firstDay = await ask('first day', 'The first day the table reads, yyyy/MM/dd', aYearAgo(), LOCATION_CHECKS.firstDay);
  if (firstDay === undefined) return;
  const location: TableLocation = {
    database: settings.database,
    table: settings.table,
    bucket,
    prefix,
    account,
    regions: regionsOf(regions),
    firstDay,
  };
  const problem = locationProblem(location);
  if (problem) {
    void showWarning(`Cannot write the table: ${problem} (cloudtrail.athena.database and table name it).`);
    return;
  }
  await ctx.sql.open(createTableDdl(location));
};
