/** A log holding one record of every S3 catalogue event, the PublicAccessBlock trio both with and without a bucket. */
import { type EventLevel, S3_EVENTS, type S3Event } from '../../server/src/cloudtrail/eventCatalogue';
import { cleanRecord } from './cleanRecord';

/** The words a hover uses for each level. */
export const LEVEL_WORDS: Readonly<Record<EventLevel, string>> = {
  account: 'account-level',
  bucket: 'bucket-level',
  object: 'object-level',
  other: 'not an S3',
};

export interface CatalogueCase {
  readonly event: S3Event;
  readonly withBucket: boolean;
  /** The level a user should see for this record. */
  readonly level: EventLevel;
  /** The API reference page the hover must link. */
  readonly api: string | undefined;
}

export function catalogueCases(): CatalogueCase[] {
  return S3_EVENTS.flatMap((event): CatalogueCase[] => {
    if (event.bucketApi) {
      return [
        { event, withBucket: false, level: 'account', api: event.api },
        { event, withBucket: true, level: 'bucket', api: event.bucketApi },
      ];
    }
    return [{ event, withBucket: event.level !== 'account', level: event.level, api: event.api }];
  });
}

export function catalogueRecord(c: CatalogueCase, index: number): Record<string, unknown> {
  const requestParameters: Record<string, unknown> = { Host: 's3.us-west-2.amazonaws.com' };
  if (c.withBucket) requestParameters.bucketName = 'amzn-s3-demo-bucket';
  if (c.level === 'object') requestParameters.key = 'reports/2024.csv';
  return cleanRecord(
    {
      eventTime: new Date(Date.UTC(2024, 2, 5, 10, 0, index)).toISOString().replace('.000Z', 'Z'),
      eventName: c.event.name,
      requestParameters,
      requestID: 'A1B2C3D4E5F60718',
      eventID: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      managementEvent: c.event.kind === 'management',
      eventCategory: c.event.kind === 'management' ? 'Management' : 'Data',
    },
    '1.09',
  );
}

/** The log text, pretty-printed so each eventName sits on a line of its own. */
export function catalogueLog(): { text: string; cases: CatalogueCase[] } {
  const cases = catalogueCases();
  return { text: JSON.stringify({ Records: cases.map(catalogueRecord) }, null, 2), cases };
}
