/** The columns a CSV export offers, as dotted field paths of a record: data both sides read (the client's choice, the server's default). */

export const EXPORT_COLUMNS = [
  'eventTime',
  'eventName',
  'eventSource',
  'userIdentity.type',
  'userIdentity.arn',
  'userIdentity.userName',
  'userIdentity.sessionContext.sessionIssuer.userName',
  'userIdentity.accessKeyId',
  'userIdentity.accountId',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'awsRegion',
  'recipientAccountId',
  'requestParameters.bucketName',
  'requestParameters.key',
  'readOnly',
  'eventType',
  'eventID',
  'requestParameters',
  'responseElements',
  'resources',
] as const;

export const DEFAULT_EXPORT_COLUMNS: readonly string[] = [
  'eventTime',
  'eventName',
  'eventSource',
  'userIdentity.arn',
  'sourceIPAddress',
  'errorCode',
  'awsRegion',
  'requestParameters.bucketName',
];
