/**
 * The calls that issue temporary credentials, as data: where each writes the key it issued and the identity the key
 * acts as. A session's records carry that key (userIdentity.accessKeyId), so its issuing call is found by the key.
 */
import { dataTable } from '../../../common/dataTable';

/** Where an issuing call's new identity is named: a field of the record, the caller itself, or Identity Center's role. */
export type IssuedIdentity =
  | { readonly field: string }
  | { readonly caller: true }
  /** GetRoleCredentials logs no key: its session is found by account, permission set and user (identityCenterSession). */
  | { readonly identityCenter: true };

export const ISSUED_KEY_FIELD = 'responseElements.credentials.accessKeyId';

/** `eventSource:eventName` of each issuing call, and where its new identity is named. */
export const ISSUING_CALLS: ReadonlyMap<string, IssuedIdentity> = dataTable<IssuedIdentity>({
  'sts.amazonaws.com:AssumeRole': { field: 'responseElements.assumedRoleUser.arn' },
  'sts.amazonaws.com:AssumeRoleWithSAML': { field: 'responseElements.assumedRoleUser.arn' },
  'sts.amazonaws.com:AssumeRoleWithWebIdentity': { field: 'responseElements.assumedRoleUser.arn' },
  'sts.amazonaws.com:GetFederationToken': { field: 'responseElements.federatedUser.arn' },
  // A session token acts as the IAM user (or root) that asked for it.
  'sts.amazonaws.com:GetSessionToken': { caller: true },
  'sso.amazonaws.com:GetRoleCredentials': { identityCenter: true },
});

/** Identity Center's roles are named AWSReservedSSO_<permission set>_<suffix>. */
const SSO_SESSION = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/AWSReservedSSO_(.+)_[0-9a-f]+\/([^/]+)$/;

/** The name both a GetRoleCredentials call and the sessions it issued are known by: account, permission set and user. */
export function identityCenterSession(account: string, permissionSet: string, user: string): string {
  return `identity-center:${account}:${permissionSet}:${user}`;
}

/** The Identity Center name of a session's ARN, when it is one of Identity Center's roles. */
export function identityCenterSessionOfArn(arn: string): string | undefined {
  const m = SSO_SESSION.exec(arn);
  return m ? identityCenterSession(m[1]!, m[2]!, m[3]!) : undefined;
}

/** Names of identities that have no ARN in userIdentity, by userIdentity.type: how a chain's origin is written. */
export const ARNLESS_PRINCIPALS = dataTable<(provider: string | undefined, user: string | undefined) => string | undefined>({
  SAMLUser: (provider, user) => user && `saml:${provider ?? ''}:${user}`,
  WebIdentityUser: (provider, user) => user && `web-identity:${provider ?? ''}:${user}`,
});

/** The name of an Identity Center user, by the user name a GetRoleCredentials call carries or onBehalfOf's user ID. */
export function identityCenterUser(user: string): string {
  return `identity-center-user:${user}`;
}
