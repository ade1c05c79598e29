/**
 * A generated log with a shape in time, for the timeline's in-editor checks and its screenshot: six hours of
 * ordinary calls, and a quarter of an hour in the middle when one IAM user, from one address, makes a burst of
 * calls most of which are denied. Deterministic; the records' times are their only order.
 */
import { type CloudTrailRecord, generateRecords } from './generateLog';
import { Dice } from './random';

const START = Date.UTC(2024, 2, 5, 8, 0, 0);
const HOURS = 6;
const BURST_START = Date.UTC(2024, 2, 5, 11, 10, 0);
const BURST_MINUTES = 15;

export const INCIDENT = {
  /** The burst's actor and address. */
  user: 'mallory',
  ip: '198.51.100.23',
  records: 1200,
  burst: 260,
} as const;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

class Times extends Dice {
  at(start: number, spanMs: number): number {
    return start + Math.floor((this.random() * spanMs) / 1000) * 1000;
  }
}

function burstRecord(record: CloudTrailRecord, time: number, denied: boolean): CloudTrailRecord {
  const { errorCode: _code, errorMessage: _message, ...rest } = record;
  return {
    ...rest,
    eventTime: iso(time),
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEMALLORY01',
      arn: `arn:aws:iam::111122223333:user/${INCIDENT.user}`,
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEMALLORY01',
      userName: INCIDENT.user,
    },
    sourceIPAddress: INCIDENT.ip,
    ...(denied ? { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform this operation' } : {}),
  };
}

/** The log's records, in time order. */
export function incidentRecords(): CloudTrailRecord[] {
  const times = new Times(2024);
  const records = generateRecords(14, INCIDENT.records).map((record, i) =>
    i < INCIDENT.burst
      ? burstRecord(record, times.at(BURST_START, BURST_MINUTES * 60_000), times.chance(0.7))
      : { ...record, eventTime: iso(times.at(START, HOURS * 3_600_000)) },
  );
  return records.sort((a, b) => (String(a.eventTime) < String(b.eventTime) ? -1 : String(a.eventTime) > String(b.eventTime) ? 1 : 0));
}

/** The log's text, as CloudTrail delivers it. */
export function incidentLog(): string {
  return JSON.stringify({ Records: incidentRecords() });
}
