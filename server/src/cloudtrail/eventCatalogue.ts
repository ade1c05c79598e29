/**
 * The Amazon S3 events CloudTrail writes, with the level, kind and API reference page of each.
 *
 * Where the facts come from (descriptions are our own words):
 * - The project's seed page, "Logging Amazon S3 API calls using AWS CloudTrail" (SEED_PAGE_URL): its account-level,
 *   bucket-level and object-level lists, its SOAP table, the OPTIONS preflight and the bucket operations it says are
 *   logged as object-level data events. Its links use retired page names and are not used here.
 * - The current S3 user guide page "Amazon S3 CloudTrail events" (userguide/cloudtrail-logging-s3-info.html): the
 *   PublicAccessBlock names current logs carry (Account… / Bucket…), the Lifecycle and Notification events documented
 *   by the …Configuration pages, GetObjectAttributes as an object-level event.
 * - The S3 API reference indexes (API/API_Operations_Amazon_Simple_Storage_Service.html and
 *   API/API_Operations_AWS_S3_Control.html): every `api` below names a page listed there; S3 Control pages are
 *   API_control_<Action>.html. POST Object has no API_ page: its page is the legacy RESTObjectPOST.html, which the API
 *   reference still serves (LEGACY_API_PAGES). OPTIONS object has only a legacy appendix page, so its event carries no `api`.
 * - S3 user guide Batch Operations and Multi-Region Access Point CloudTrail pages: JobCreated / JobStatusChanged
 *   service events, and Multi-Region Access Point management calls logged under their operation names.
 * - Event names CloudTrail writes that differ from the operation name: GetAccelerateConfiguration /
 *   PutAccelerateConfiguration (bucket accelerate), Get/PutBucketObjectLockConfiguration (object lock configuration),
 *   Get/PutBucketLifecycle, Get/PutBucketNotification, and the PublicAccessBlock names. Everything else is logged under
 *   its operation name.
 */

import { dataTable } from '../../../common/dataTable';
import type { EventLevel } from '../../../common/eventLevel';

export type { EventLevel };

export interface S3Event {
  /** The eventName as CloudTrail writes it. */
  readonly name: string;
  /** Level when the record alone does not decide (see classifyEvent). */
  readonly level: Exclude<EventLevel, 'other'>;
  /** CloudTrail event kind: management or data event. */
  readonly kind: 'management' | 'data';
  /** One line, own words. */
  readonly description: string;
  /** The S3 API action it documents (the API reference page name), e.g. "PutBucketAcl", "control_PutPublicAccessBlock"; undefined where no current page exists. */
  readonly api?: string;
  /** For names that change level with the record (the PublicAccessBlock trio): the api for the bucket-level form. */
  readonly bucketApi?: string;
  /** SOAP operation names logged under this event name. */
  readonly soap?: readonly string[];
  /** True when the seed lists it (for tests and docs). */
  readonly inSeed?: boolean;
}

/** The seed page at its current address in the Amazon S3 User Guide. */
export const SEED_PAGE_URL = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging.html';

export const S3_EVENT_SOURCE = 's3.amazonaws.com';

type Extra = Pick<S3Event, 'bucketApi' | 'soap' | 'inSeed'>;
const SEED: Extra = { inSeed: true };

function ev(
  level: S3Event['level'],
  kind: S3Event['kind'],
  name: string,
  api: string | undefined,
  description: string,
  extra: Extra = {},
): S3Event {
  return { name, level, kind, description, ...(api === undefined ? {} : { api }), ...extra };
}
const account = (name: string, api: string | undefined, description: string, extra?: Extra) =>
  ev('account', 'management', name, api, description, extra);
const bucket = (name: string, api: string | undefined, description: string, extra?: Extra) =>
  ev('bucket', 'management', name, api, description, extra);
const object = (name: string, api: string | undefined, description: string, extra?: Extra) =>
  ev('object', 'data', name, api, description, extra);

export const S3_EVENTS: readonly S3Event[] = [
  // Account level: Block Public Access (the seed's names change level with the record; current logs use Account…)
  account(
    'PutPublicAccessBlock',
    'control_PutPublicAccessBlock',
    'Sets Block Public Access settings for the account, or for one bucket when the request names it.',
    { bucketApi: 'PutPublicAccessBlock', inSeed: true },
  ),
  account(
    'GetPublicAccessBlock',
    'control_GetPublicAccessBlock',
    'Reads Block Public Access settings of the account, or of one bucket when the request names it.',
    { bucketApi: 'GetPublicAccessBlock', inSeed: true },
  ),
  account(
    'DeletePublicAccessBlock',
    'control_DeletePublicAccessBlock',
    'Removes Block Public Access settings from the account, or from one bucket when the request names it.',
    { bucketApi: 'DeletePublicAccessBlock', inSeed: true },
  ),
  account('PutAccountPublicAccessBlock', 'control_PutPublicAccessBlock', 'Sets the account-wide Block Public Access settings.'),
  account('GetAccountPublicAccessBlock', 'control_GetPublicAccessBlock', 'Reads the account-wide Block Public Access settings.'),
  account('DeleteAccountPublicAccessBlock', 'control_DeletePublicAccessBlock', 'Removes the account-wide Block Public Access settings.'),
  // Account level: access points (S3 Control)
  account(
    'CreateAccessPoint',
    'control_CreateAccessPoint',
    'Creates an access point, a named endpoint with its own policy in front of one bucket.',
  ),
  account('DeleteAccessPoint', 'control_DeleteAccessPoint', 'Deletes an access point; the bucket behind it is untouched.'),
  account('GetAccessPoint', 'control_GetAccessPoint', 'Returns the configuration of one access point.'),
  account('ListAccessPoints', 'control_ListAccessPoints', 'Lists the access points the account owns, optionally only those of one bucket.'),
  account('PutAccessPointPolicy', 'control_PutAccessPointPolicy', 'Attaches or replaces the resource policy of an access point.'),
  account('GetAccessPointPolicy', 'control_GetAccessPointPolicy', 'Returns the resource policy of an access point.'),
  account('DeleteAccessPointPolicy', 'control_DeleteAccessPointPolicy', 'Removes the resource policy from an access point.'),
  account(
    'GetAccessPointPolicyStatus',
    'control_GetAccessPointPolicyStatus',
    'Reports whether the policy of an access point makes it public.',
  ),
  // Account level: Multi-Region Access Points (S3 Control; requests go through US West (Oregon))
  account(
    'CreateMultiRegionAccessPoint',
    'control_CreateMultiRegionAccessPoint',
    'Starts creating a Multi-Region Access Point over buckets in several Regions (finishes asynchronously).',
  ),
  account(
    'DeleteMultiRegionAccessPoint',
    'control_DeleteMultiRegionAccessPoint',
    'Starts deleting a Multi-Region Access Point (finishes asynchronously).',
  ),
  account('GetMultiRegionAccessPoint', 'control_GetMultiRegionAccessPoint', 'Returns the configuration of one Multi-Region Access Point.'),
  account('ListMultiRegionAccessPoints', 'control_ListMultiRegionAccessPoints', 'Lists the Multi-Region Access Points of the account.'),
  account(
    'DescribeMultiRegionAccessPointOperation',
    'control_DescribeMultiRegionAccessPointOperation',
    'Reports the progress of an asynchronous Multi-Region Access Point request.',
  ),
  account(
    'PutMultiRegionAccessPointPolicy',
    'control_PutMultiRegionAccessPointPolicy',
    'Starts replacing the policy of a Multi-Region Access Point (finishes asynchronously).',
  ),
  account(
    'GetMultiRegionAccessPointPolicy',
    'control_GetMultiRegionAccessPointPolicy',
    'Returns the policy of a Multi-Region Access Point.',
  ),
  account(
    'GetMultiRegionAccessPointPolicyStatus',
    'control_GetMultiRegionAccessPointPolicyStatus',
    'Reports whether the policy of a Multi-Region Access Point makes it public.',
  ),
  account(
    'GetMultiRegionAccessPointRoutes',
    'control_GetMultiRegionAccessPointRoutes',
    'Returns which Regions a Multi-Region Access Point routes to and which stand by.',
  ),
  account(
    'SubmitMultiRegionAccessPointRoutes',
    'control_SubmitMultiRegionAccessPointRoutes',
    'Changes which Regions of a Multi-Region Access Point are active or passive (failover).',
  ),
  // Account level: S3 Storage Lens (S3 Control)
  account(
    'PutStorageLensConfiguration',
    'control_PutStorageLensConfiguration',
    'Creates or replaces an S3 Storage Lens dashboard configuration.',
  ),
  account('GetStorageLensConfiguration', 'control_GetStorageLensConfiguration', 'Returns an S3 Storage Lens dashboard configuration.'),
  account(
    'DeleteStorageLensConfiguration',
    'control_DeleteStorageLensConfiguration',
    'Deletes an S3 Storage Lens dashboard configuration.',
  ),
  account(
    'ListStorageLensConfigurations',
    'control_ListStorageLensConfigurations',
    'Lists the S3 Storage Lens dashboard configurations of the account.',
  ),
  account(
    'PutStorageLensConfigurationTagging',
    'control_PutStorageLensConfigurationTagging',
    'Replaces the tags of an S3 Storage Lens configuration.',
  ),
  account(
    'GetStorageLensConfigurationTagging',
    'control_GetStorageLensConfigurationTagging',
    'Returns the tags of an S3 Storage Lens configuration.',
  ),
  account(
    'DeleteStorageLensConfigurationTagging',
    'control_DeleteStorageLensConfigurationTagging',
    'Removes the tags of an S3 Storage Lens configuration.',
  ),
  // Account level: S3 Batch Operations jobs (S3 Control API calls, and the service events S3 writes as a job runs)
  account('CreateJob', 'control_CreateJob', 'Creates an S3 Batch Operations job that runs one operation over a manifest of objects.'),
  account('DescribeJob', 'control_DescribeJob', 'Returns the configuration and progress of a Batch Operations job.'),
  account('ListJobs', 'control_ListJobs', 'Lists the Batch Operations jobs of the account, optionally by status.'),
  account('UpdateJobPriority', 'control_UpdateJobPriority', 'Changes the priority of a Batch Operations job.'),
  account('UpdateJobStatus', 'control_UpdateJobStatus', 'Confirms (runs) or cancels a Batch Operations job.'),
  account('PutJobTagging', 'control_PutJobTagging', 'Replaces the tags of a Batch Operations job.'),
  account('GetJobTagging', 'control_GetJobTagging', 'Returns the tags of a Batch Operations job.'),
  account('DeleteJobTagging', 'control_DeleteJobTagging', 'Removes the tags of a Batch Operations job.'),
  account('JobCreated', undefined, 'Service event (no API call) S3 writes when a Batch Operations job has been created.'),
  account('JobStatusChanged', undefined, 'Service event (no API call) S3 writes each time a Batch Operations job changes state.'),

  // Bucket level: the seed's list, SOAP table and OPTIONS preflight
  bucket('ListBuckets', 'ListBuckets', 'Lists the buckets the requester owns.', { soap: ['ListAllMyBuckets'], inSeed: true }),
  bucket('CreateBucket', 'CreateBucket', 'Creates a bucket.', { soap: ['CreateBucket'], inSeed: true }),
  bucket('DeleteBucket', 'DeleteBucket', 'Deletes a bucket, which must already be empty.', { soap: ['DeleteBucket'], inSeed: true }),
  bucket('GetBucketAcl', 'GetBucketAcl', 'Returns the access control list of a bucket.', {
    soap: ['GetBucketAccessControlPolicy'],
    inSeed: true,
  }),
  bucket('PutBucketAcl', 'PutBucketAcl', 'Replaces the access control list of a bucket.', {
    soap: ['SetBucketAccessControlPolicy'],
    inSeed: true,
  }),
  bucket('GetBucketLogging', 'GetBucketLogging', 'Returns the server access logging settings of a bucket.', {
    soap: ['GetBucketLoggingStatus'],
    inSeed: true,
  }),
  bucket('PutBucketLogging', 'PutBucketLogging', 'Turns server access logging of a bucket on or off, or changes its target.', {
    soap: ['SetBucketLoggingStatus'],
    inSeed: true,
  }),
  bucket('GetBucketCors', 'GetBucketCors', 'Returns the CORS rules of a bucket.', SEED),
  bucket('PutBucketCors', 'PutBucketCors', 'Replaces the CORS rules of a bucket.', SEED),
  bucket('DeleteBucketCors', 'DeleteBucketCors', 'Removes the CORS rules of a bucket.', SEED),
  bucket('GetBucketEncryption', 'GetBucketEncryption', 'Returns the default encryption settings of a bucket.', SEED),
  bucket('PutBucketEncryption', 'PutBucketEncryption', 'Sets the default encryption of new objects in a bucket.', SEED),
  bucket('DeleteBucketEncryption', 'DeleteBucketEncryption', 'Resets the default encryption of a bucket to SSE-S3.', SEED),
  bucket(
    'GetBucketLifecycle',
    'GetBucketLifecycleConfiguration',
    'Returns the lifecycle rules of a bucket (written for the current and the deprecated lifecycle read).',
    SEED,
  ),
  bucket(
    'PutBucketLifecycle',
    'PutBucketLifecycleConfiguration',
    'Replaces the lifecycle rules of a bucket (written for the current and the deprecated lifecycle write).',
    SEED,
  ),
  bucket('DeleteBucketLifecycle', 'DeleteBucketLifecycle', 'Removes all lifecycle rules of a bucket.', SEED),
  bucket('GetBucketLocation', 'GetBucketLocation', 'Returns the Region a bucket lives in.', SEED),
  bucket('GetBucketNotification', 'GetBucketNotificationConfiguration', 'Returns the event notification settings of a bucket.', SEED),
  bucket('PutBucketNotification', 'PutBucketNotificationConfiguration', 'Replaces the event notification settings of a bucket.', SEED),
  bucket('GetBucketPolicy', 'GetBucketPolicy', 'Returns the bucket policy.', SEED),
  bucket('PutBucketPolicy', 'PutBucketPolicy', 'Attaches or replaces the bucket policy.', SEED),
  bucket('DeleteBucketPolicy', 'DeleteBucketPolicy', 'Removes the bucket policy.', SEED),
  bucket('GetBucketReplication', 'GetBucketReplication', 'Returns the replication rules of a bucket.', SEED),
  bucket('PutBucketReplication', 'PutBucketReplication', 'Replaces the replication rules of a bucket.', SEED),
  bucket('DeleteBucketReplication', 'DeleteBucketReplication', 'Removes the replication rules of a bucket.', SEED),
  bucket('GetBucketRequestPayment', 'GetBucketRequestPayment', 'Returns who pays for requests and downloads (owner or requester).', SEED),
  bucket(
    'PutBucketRequestPayment',
    'PutBucketRequestPayment',
    'Makes the bucket owner or the requester pay for requests and downloads.',
    SEED,
  ),
  bucket('GetBucketTagging', 'GetBucketTagging', 'Returns the tags of a bucket.', SEED),
  bucket('PutBucketTagging', 'PutBucketTagging', 'Replaces the tags of a bucket.', SEED),
  bucket('DeleteBucketTagging', 'DeleteBucketTagging', 'Removes the tags of a bucket.', SEED),
  bucket('GetBucketVersioning', 'GetBucketVersioning', 'Returns the versioning state (and MFA delete state) of a bucket.', SEED),
  bucket('PutBucketVersioning', 'PutBucketVersioning', 'Enables or suspends versioning of a bucket.', SEED),
  bucket('GetBucketWebsite', 'GetBucketWebsite', 'Returns the static website settings of a bucket.', SEED),
  bucket('PutBucketWebsite', 'PutBucketWebsite', 'Configures a bucket as a static website.', SEED),
  bucket('DeleteBucketWebsite', 'DeleteBucketWebsite', 'Removes the static website settings of a bucket.', SEED),
  ev(
    'bucket',
    'data',
    'PreflightRequest',
    undefined,
    'Browser CORS preflight (OPTIONS) for an object, answered from the CORS rules of its bucket.',
    SEED,
  ),
  // Bucket level: beyond the seed
  bucket('GetBucketPublicAccessBlock', 'GetPublicAccessBlock', 'Returns the Block Public Access settings of a bucket.'),
  bucket('PutBucketPublicAccessBlock', 'PutPublicAccessBlock', 'Sets the Block Public Access settings of a bucket.'),
  bucket('DeleteBucketPublicAccessBlock', 'DeletePublicAccessBlock', 'Removes the Block Public Access settings of a bucket.'),
  bucket('GetBucketPolicyStatus', 'GetBucketPolicyStatus', 'Reports whether the bucket policy makes the bucket public.'),
  bucket('GetAccelerateConfiguration', 'GetBucketAccelerateConfiguration', 'Returns whether Transfer Acceleration is on for a bucket.'),
  bucket('PutAccelerateConfiguration', 'PutBucketAccelerateConfiguration', 'Turns Transfer Acceleration on or off for a bucket.'),
  bucket(
    'GetBucketObjectLockConfiguration',
    'GetObjectLockConfiguration',
    'Returns the Object Lock setting and default retention of a bucket.',
  ),
  bucket(
    'PutBucketObjectLockConfiguration',
    'PutObjectLockConfiguration',
    'Sets the Object Lock setting and default retention of a bucket.',
  ),
  bucket('GetBucketOwnershipControls', 'GetBucketOwnershipControls', 'Returns the Object Ownership setting of a bucket.'),
  bucket('PutBucketOwnershipControls', 'PutBucketOwnershipControls', 'Sets Object Ownership of a bucket (for example, ACLs disabled).'),
  bucket('DeleteBucketOwnershipControls', 'DeleteBucketOwnershipControls', 'Removes the Object Ownership setting of a bucket.'),
  bucket(
    'GetBucketIntelligentTieringConfiguration',
    'GetBucketIntelligentTieringConfiguration',
    'Returns one S3 Intelligent-Tiering archive configuration of a bucket.',
  ),
  bucket(
    'PutBucketIntelligentTieringConfiguration',
    'PutBucketIntelligentTieringConfiguration',
    'Creates or replaces an S3 Intelligent-Tiering archive configuration of a bucket.',
  ),
  bucket(
    'DeleteBucketIntelligentTieringConfiguration',
    'DeleteBucketIntelligentTieringConfiguration',
    'Deletes an S3 Intelligent-Tiering archive configuration of a bucket.',
  ),
  bucket(
    'ListBucketIntelligentTieringConfigurations',
    'ListBucketIntelligentTieringConfigurations',
    'Lists the S3 Intelligent-Tiering archive configurations of a bucket.',
  ),
  bucket(
    'GetBucketInventoryConfiguration',
    'GetBucketInventoryConfiguration',
    'Returns one S3 Inventory report configuration of a bucket.',
  ),
  bucket(
    'PutBucketInventoryConfiguration',
    'PutBucketInventoryConfiguration',
    'Creates or replaces an S3 Inventory report configuration of a bucket.',
  ),
  bucket(
    'DeleteBucketInventoryConfiguration',
    'DeleteBucketInventoryConfiguration',
    'Deletes an S3 Inventory report configuration of a bucket.',
  ),
  bucket(
    'ListBucketInventoryConfigurations',
    'ListBucketInventoryConfigurations',
    'Lists the S3 Inventory report configurations of a bucket.',
  ),
  bucket(
    'GetBucketAnalyticsConfiguration',
    'GetBucketAnalyticsConfiguration',
    'Returns one storage class analysis configuration of a bucket.',
  ),
  bucket(
    'PutBucketAnalyticsConfiguration',
    'PutBucketAnalyticsConfiguration',
    'Creates or replaces a storage class analysis configuration of a bucket.',
  ),
  bucket(
    'DeleteBucketAnalyticsConfiguration',
    'DeleteBucketAnalyticsConfiguration',
    'Deletes a storage class analysis configuration of a bucket.',
  ),
  bucket(
    'ListBucketAnalyticsConfigurations',
    'ListBucketAnalyticsConfigurations',
    'Lists the storage class analysis configurations of a bucket.',
  ),
  bucket(
    'GetBucketMetricsConfiguration',
    'GetBucketMetricsConfiguration',
    'Returns one CloudWatch request metrics configuration of a bucket.',
  ),
  bucket(
    'PutBucketMetricsConfiguration',
    'PutBucketMetricsConfiguration',
    'Creates or replaces a CloudWatch request metrics configuration of a bucket.',
  ),
  bucket(
    'DeleteBucketMetricsConfiguration',
    'DeleteBucketMetricsConfiguration',
    'Deletes a CloudWatch request metrics configuration of a bucket.',
  ),
  bucket(
    'ListBucketMetricsConfigurations',
    'ListBucketMetricsConfigurations',
    'Lists the CloudWatch request metrics configurations of a bucket.',
  ),

  // Object level (data events): the seed's list
  object('GetObject', 'GetObject', 'Downloads an object (or a byte range or version of it).', SEED),
  object('HeadObject', 'HeadObject', 'Returns the metadata of an object without its content.', SEED),
  object('PutObject', 'PutObject', 'Uploads an object in a single request.', SEED),
  object('PostObject', 'PostObject', 'Uploads an object from an HTML form (browser-based POST upload).', SEED),
  object('CopyObject', 'CopyObject', 'Copies an object that is already stored in S3.', SEED),
  object('DeleteObject', 'DeleteObject', 'Deletes an object, or one version of it, or adds a delete marker.', SEED),
  object('DeleteObjects', 'DeleteObjects', 'Deletes up to 1,000 objects in one request; the record does not name the deleted keys.', SEED),
  object('RestoreObject', 'RestoreObject', 'Restores a temporary copy of an archived object (S3 Glacier storage classes).', SEED),
  object('GetObjectAcl', 'GetObjectAcl', 'Returns the access control list of an object.', SEED),
  object('PutObjectAcl', 'PutObjectAcl', 'Replaces the access control list of an object.', SEED),
  object('GetObjectTagging', 'GetObjectTagging', 'Returns the tags of an object.', SEED),
  object('PutObjectTagging', 'PutObjectTagging', 'Replaces the tags of an object.', SEED),
  object('GetObjectTorrent', 'GetObjectTorrent', 'Returns a BitTorrent file for an object.', SEED),
  object('CreateMultipartUpload', 'CreateMultipartUpload', 'Starts a multipart upload and returns its upload ID.', SEED),
  object('UploadPart', 'UploadPart', 'Uploads one part of a multipart upload.', SEED),
  object('UploadPartCopy', 'UploadPartCopy', 'Fills one part of a multipart upload by copying from an existing object.', SEED),
  object('CompleteMultipartUpload', 'CompleteMultipartUpload', 'Assembles the uploaded parts into the final object.', SEED),
  object('AbortMultipartUpload', 'AbortMultipartUpload', 'Cancels a multipart upload and frees its stored parts.', SEED),
  object('ListParts', 'ListParts', 'Lists the parts uploaded so far for a multipart upload.', SEED),
  // Object level: bucket operations the seed says are logged as object-level data events
  object(
    'ListObjectsV2',
    'ListObjectsV2',
    'Lists objects of a bucket with the version 2 listing (logs often record it as ListObjects with list-type 2).',
    SEED,
  ),
  object('ListObjectVersions', 'ListObjectVersions', 'Lists the object versions and delete markers of a bucket.', SEED),
  object('HeadBucket', 'HeadBucket', 'Checks that a bucket exists and that the caller may access it.', SEED),
  // Object level: beyond the seed
  object(
    'ListObjects',
    'ListObjects',
    'Lists objects of a bucket (the original listing; also written for version 2 listings, with list-type 2).',
  ),
  object(
    'GetObjectAttributes',
    'GetObjectAttributes',
    'Returns chosen attributes of an object (checksum, parts, size, storage class) without its content.',
  ),
  object('DeleteObjectTagging', 'DeleteObjectTagging', 'Removes the tags of an object.'),
  object('GetObjectLegalHold', 'GetObjectLegalHold', 'Returns whether an Object Lock legal hold is on for an object.'),
  object('PutObjectLegalHold', 'PutObjectLegalHold', 'Places or lifts an Object Lock legal hold on an object.'),
  object('GetObjectRetention', 'GetObjectRetention', 'Returns the Object Lock retention mode and date of an object.'),
  object('PutObjectRetention', 'PutObjectRetention', 'Sets the Object Lock retention mode and date of an object.'),
  object(
    'SelectObjectContent',
    'SelectObjectContent',
    'Runs an SQL expression over a CSV, JSON or Parquet object and returns the matching data.',
  ),
];

const API_REFERENCE = 'https://docs.aws.amazon.com/AmazonS3/latest/API/';

/** Actions whose API reference page is named outside the API_<Action>.html scheme: POST Object has only its legacy page. */
export const LEGACY_API_PAGES = dataTable<string>({ PostObject: 'RESTObjectPOST.html' });

/** The API reference page of an action: "PutBucketAcl", or "control_PutPublicAccessBlock" for S3 Control. */
export function apiReferenceUrl(api: string): string {
  return API_REFERENCE + (LEGACY_API_PAGES.get(api) ?? `API_${api}.html`);
}

const BY_NAME: ReadonlyMap<string, S3Event> = new Map(S3_EVENTS.map((event) => [event.name, event]));

/** The catalogue entry of exactly this event name. */
export function findS3Event(name: string): S3Event | undefined {
  return BY_NAME.get(name);
}

export interface Classification {
  readonly level: EventLevel;
  readonly event?: S3Event;
  /** The API action whose reference page `url` is. */
  readonly api?: string;
  readonly url?: string;
  readonly kind?: 'management' | 'data';
}

function named(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** Level from name plus record. eventSource other than s3.amazonaws.com -> 'other'. Known S3 event -> its level,
 *  except the PublicAccessBlock trio, which is 'bucket' (with bucketApi's URL) when bucketName is a non-empty string and 'account' otherwise.
 *  Unknown S3 event name -> 'object' if the request names a key, 'bucket' if it names a bucket, else 'account' (no event, no url). */
export function classifyEvent(
  eventName: string | undefined,
  eventSource: string | undefined,
  request: { bucketName?: unknown; key?: unknown },
): Classification {
  if (eventSource !== S3_EVENT_SOURCE) return { level: 'other' };
  const event = eventName === undefined ? undefined : findS3Event(eventName);
  const hasBucket = named(request.bucketName);
  if (!event) return { level: named(request.key) ? 'object' : hasBucket ? 'bucket' : 'account' };
  const bucketForm = event.bucketApi !== undefined && hasBucket;
  const api = bucketForm ? event.bucketApi : event.api;
  return {
    level: bucketForm ? 'bucket' : event.level,
    event,
    kind: event.kind,
    ...(api === undefined ? {} : { api, url: apiReferenceUrl(api) }),
  };
}
