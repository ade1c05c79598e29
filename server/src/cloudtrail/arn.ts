/** Reading ARNs and access key IDs found in log values. */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|)?:(.+)$/;

export function parseArn(value: string): Arn | undefined {
  const m = ARN.exec(value);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4] ?? '', resource: m[5]! };
}

export type AccessKeyKind = 'long-term' | 'temporary';

/** AKIA keys belong to IAM users or the root user; ASIA keys are temporary STS credentials. */
export function accessKeyKind(value: string): AccessKeyKind | undefined {
  if (!/^A[KS]IA[A-Z0-9]{12,124}$/.test(value)) return undefined;
  return value.startsWith('AKIA') ? 'long-term' : 'temporary';
}
