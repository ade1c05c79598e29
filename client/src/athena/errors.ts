/**
 * Why a query did not run, in the user's words around AWS's own: Athena's StateChangeReason verbatim when
 * the query failed, and the SDK's message when a call did, with what to do for the failures a responder
 * meets (expired or missing credentials, no Region, no result location). Credentials never appear here:
 * only the profile's name. No `vscode` here.
 */

/** Why a run ended without an answer. */
export type Failure =
  /** Athena ran the query and it failed: its StateChangeReason (or AthenaError's message). */
  | { readonly kind: 'query'; readonly reason: string }
  /** A call to AWS (or finding credentials for it) failed: the error's name and message as the SDK gave them. */
  | { readonly kind: 'call'; readonly name: string; readonly message: string };

/** The failure an SDK call threw. */
export function callFailure(error: unknown): Failure {
  if (error instanceof Error) return { kind: 'call', name: error.name, message: error.message };
  return { kind: 'call', name: 'Error', message: String(error) };
}

/** The error names AWS gives a request signed with credentials that are no longer good. */
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException']);

/** Who the credentials are: the profile by name, or the standard chain. */
function whose(profile: string | undefined): string {
  return profile
    ? `profile "${profile}"`
    : 'the default credential chain (environment variables, the default profile, SSO or an instance role)';
}

/** How to get fresh credentials for a profile. */
function refresh(profile: string | undefined): string {
  const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
  return `Refresh them (for an SSO profile: ${login}; otherwise renew the keys or session token it uses), then run the query again.`;
}

/** AWS's text as one line ending in a full stop, quoted after "AWS said:". */
function said(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || 'nothing more';
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** What to tell the user; `profile` is the setting the run used. */
export function failureText(failure: Failure, profile: string | undefined): string {
  if (failure.kind === 'query') return `Athena could not run the query: ${said(failure.reason)}`;
  const { name, message } = failure;
  const aws = `AWS said: ${said(message)}`;
  if (EXPIRED.has(name) || /\bexpired\b/i.test(message)) {
    return `The AWS credentials of ${whose(profile)} have expired. ${refresh(profile)} ${aws}`;
  }
  if (name === 'CredentialsProviderError' || /could not load credentials|unable to load credentials/i.test(message)) {
    const where = profile
      ? `Check that profile "${profile}" is in ~/.aws/config or ~/.aws/credentials, or sign in (aws sso login --profile ${profile}).`
      : 'Name a profile in cloudtrail.athena.profile, or sign in (aws configure, or aws sso login).';
    return `No AWS credentials were found for ${whose(profile)}. ${where} ${aws}`;
  }
  if (REJECTED.has(name)) return `AWS did not accept the credentials of ${whose(profile)}. ${aws}`;
  if (/region is missing/i.test(message)) {
    return `No AWS Region is set: set cloudtrail.athena.region (for example us-east-1), or a region for the profile. ${aws}`;
  }
  if (/output location/i.test(message)) {
    return `Athena has nowhere to write the results: set cloudtrail.athena.outputLocation (an s3:// location), or use a workgroup that has one. ${aws}`;
  }
  return `The call to Athena failed (${name}). ${aws}`;
}
