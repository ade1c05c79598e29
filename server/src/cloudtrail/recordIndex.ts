/**
 * Which fields of a record the parsers index with offsets: every property of the record itself, and the
 * nested ones that checks, hovers and the events view ask for by dotted path.
 */
import { TARGET_FIELDS } from './eventTargets';

/** Nested fields kept in a record's index, besides its own properties. */
const TRACKED_FIELDS: readonly string[] = [
  'userIdentity.type',
  'userIdentity.principalId',
  'userIdentity.arn',
  'userIdentity.accountId',
  'userIdentity.accessKeyId',
  'userIdentity.userName',
  'userIdentity.invokedBy',
  'userIdentity.sessionContext',
  'userIdentity.sessionContext.sessionIssuer',
  'userIdentity.sessionContext.sessionIssuer.type',
  'userIdentity.sessionContext.sessionIssuer.principalId',
  'userIdentity.sessionContext.sessionIssuer.arn',
  'userIdentity.sessionContext.sessionIssuer.accountId',
  'userIdentity.sessionContext.sessionIssuer.userName',
  'userIdentity.sessionContext.attributes',
  'userIdentity.sessionContext.attributes.creationDate',
  'userIdentity.sessionContext.attributes.mfaAuthenticated',
  'requestParameters.bucketName',
  'requestParameters.key',
  'requestParameters.Host',
  // Session chains (features/sessionFacts.ts): who a caller without an ARN is, and what an issuing call issued.
  'userIdentity.identityProvider',
  'userIdentity.onBehalfOf',
  'userIdentity.onBehalfOf.userId',
  'userIdentity.sessionContext.sourceIdentity',
  'requestParameters.accountId',
  'requestParameters.roleName',
  'responseElements.credentials',
  'responseElements.credentials.accessKeyId',
  'responseElements.assumedRoleUser',
  'responseElements.assumedRoleUser.arn',
  'responseElements.federatedUser',
  'responseElements.federatedUser.arn',
  // What a record acts on, for the Detections group's rows: read from a broken record too.
  ...TARGET_FIELDS,
];

/** Containers whose members may be tracked (prefixes of TRACKED_FIELDS). */
const TRACKED_CONTAINERS: ReadonlySet<string> = new Set([
  'userIdentity',
  'userIdentity.sessionContext',
  'userIdentity.sessionContext.sessionIssuer',
  'userIdentity.sessionContext.attributes',
  'userIdentity.onBehalfOf',
  'requestParameters',
  'responseElements',
  'responseElements.credentials',
  'responseElements.assumedRoleUser',
  'responseElements.federatedUser',
]);

/** For each tracked container, its tracked members by property name: found without building a path. */
const TRACKED_MEMBERS: ReadonlyMap<string, ReadonlyMap<string, string>> = (() => {
  const members = new Map<string, Map<string, string>>();
  for (const path of [...TRACKED_FIELDS, ...TRACKED_CONTAINERS]) {
    const dot = path.lastIndexOf('.');
    if (dot < 0) continue;
    const parent = path.slice(0, dot);
    if (!members.has(parent)) members.set(parent, new Map());
    members.get(parent)!.set(path.slice(dot + 1), path);
  }
  return members;
})();

/**
 * The dotted path under which property `key` of the container at `containerPath` is indexed
 * ('' is the record itself, whose every property is kept), or undefined when it is not kept.
 */
export function trackedPath(containerPath: string, key: string): string | undefined {
  return containerPath === '' ? key : TRACKED_MEMBERS.get(containerPath)?.get(key);
}

/** Whether the members of the object at `path` may be indexed too. */
export function isTrackedContainer(path: string): boolean {
  return TRACKED_CONTAINERS.has(path);
}
