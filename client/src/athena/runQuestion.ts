/**
 * The question asked before a run: what the statement is, and where and as whom it would run (workgroup,
 * Region, the credentials' profile, where results go). The account is not looked up: that would be a call to
 * AWS (STS) before the user said yes, so the profile names whose credentials they are. A statement that does
 * more than read is said to, and its button names it. No `vscode` here.
 */
import type { AthenaSettings } from './settings';
import type { StatementKind } from './statementKind';

export interface RunQuestion {
  readonly message: string;
  /** One fact a line. */
  readonly detail: string;
  /** The button that runs it; any other answer runs nothing. */
  readonly button: string;
}

export function runQuestion(kind: StatementKind, settings: AthenaSettings, region: string | undefined): RunQuestion {
  const message = kind.readOnly
    ? `Run this ${kind.name} query in Athena?`
    : `This is not a query that only reads: it is ${kind.name}. Athena would run it with your AWS credentials, and it may write to S3 or change or drop tables. Run it anyway?`;
  const detail = [
    `Statement: ${kind.name}`,
    `Workgroup: ${settings.workgroup}`,
    `Region: ${region ?? 'none set (cloudtrail.athena.region, the profile’s or AWS_REGION)'}`,
    `Account: ${settings.profile ? `that of profile "${settings.profile}"` : 'that of the default credentials (environment, default profile, SSO or role)'}, not looked up, since nothing is sent before you confirm`,
    `Results: ${settings.outputLocation ?? 'the workgroup’s result location'}`,
  ].join('\n');
  return { message, detail, button: kind.readOnly ? 'Run' : `Run ${kind.name}` };
}
