/**
 * What a record tells of session chains: the credential an issuing call gave out, and who a caller is where
 * userIdentity has no ARN. Most records tell nothing and carry none, so a summary stays small.
 */
import { ARNLESS_PRINCIPALS, identityCenterSession, identityCenterUser, ISSUED_KEY_FIELD, ISSUING_CALLS } from '../cloudtrail/issuingCalls';
import { type RecordInfo, stringAt } from '../parse/parsedLog';

export interface SessionFacts {
  /** On an issuing call that succeeded: the key it issued, the identity the key acts as, and the call's eventID. */
  readonly issuedKey: string | undefined;
  readonly issuedArn: string | undefined;
  readonly eventID: string | undefined;
  /** The caller's name where userIdentity has no ARN: a SAML or web-identity subject, an Identity Center user. */
  readonly caller: string | undefined;
  /** The Identity Center user a session acts for (userIdentity.onBehalfOf.userId). */
  readonly onBehalfOf: string | undefined;
  /** The identity the session's issuer set to follow it (sessionContext.sourceIdentity). */
  readonly sourceIdentity: string | undefined;
}

/** The identity an issuing call gave out, named where its table entry says. */
function issuedIdentity(record: RecordInfo, call: string): string | undefined {
  const issued = ISSUING_CALLS.get(call);
  if (!issued) return undefined;
  if ('field' in issued) return stringAt(record, issued.field);
  if ('caller' in issued) return stringAt(record, 'userIdentity.arn');
  const [account, permissionSet, user] = ['requestParameters.accountId', 'requestParameters.roleName', 'userIdentity.userName'].map(
    (path) => stringAt(record, path),
  );
  return account && permissionSet && user ? identityCenterSession(account, permissionSet, user) : undefined;
}

function callerName(record: RecordInfo, eventSource: string): string | undefined {
  if (stringAt(record, 'userIdentity.arn')) return undefined;
  const type = stringAt(record, 'userIdentity.type');
  const user = stringAt(record, 'userIdentity.userName');
  const named = type && ARNLESS_PRINCIPALS.get(type)?.(stringAt(record, 'userIdentity.identityProvider'), user);
  // Identity Center's own calls (GetRoleCredentials) name the signed-in user, with no ARN.
  return named || (eventSource === 'sso.amazonaws.com' && user ? identityCenterUser(user) : undefined);
}

/** A record's facts, or undefined when it tells nothing of sessions. */
export function sessionFacts(record: RecordInfo, eventSource: string, eventName: string, failed: boolean): SessionFacts | undefined {
  const call = `${eventSource}:${eventName}`;
  const issuedArn = failed ? undefined : issuedIdentity(record, call);
  const issuedKey = issuedArn === undefined ? undefined : stringAt(record, ISSUED_KEY_FIELD) || undefined;
  const caller = callerName(record, eventSource);
  const onBehalfOf = stringAt(record, 'userIdentity.onBehalfOf.userId') || undefined;
  const sourceIdentity = stringAt(record, 'userIdentity.sessionContext.sourceIdentity') || undefined;
  if (!issuedArn && !caller && !onBehalfOf && !sourceIdentity) return undefined;
  return {
    issuedKey,
    issuedArn,
    eventID: issuedArn === undefined ? undefined : stringAt(record, 'eventID'),
    caller,
    onBehalfOf,
    sourceIdentity,
  };
}
