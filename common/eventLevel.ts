/** The S3 event levels of the CloudTrail documentation; `other` holds every other service's events. */
export type EventLevel = 'account' | 'bucket' | 'object' | 'other';
