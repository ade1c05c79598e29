/**
 * Who is AWS rather than a person: a service principal (`ec2.amazonaws.com`, the `invokedBy` of an AWS service's
 * call, and the source IP CloudTrail writes for it) and `AWS Internal`, the source of calls AWS makes inside its
 * own network. The events view and hovers say so beside the value, which stays as the log has it.
 */

/** Service principals by their shape (data): every partition's service domain. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/;

/** What AWS a value is, in a few words, or undefined when it is no AWS principal. */
export function awsNote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'AWS Internal') return 'AWS, inside its own network';
  return SERVICE_PRINCIPAL.test(value) ? 'an AWS service' : undefined;
}
