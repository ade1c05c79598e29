/**
 * Fields a correlation may group by or count that no record holds as such: each is read from a field the record
 * does hold, keeping the part of its value a pattern's first group takes. Sigma compares values as they are
 * written, and CloudTrail writes some things two ways: `StopLogging` and `StartLogging` name their trail by name
 * or by ARN, so grouping by `requestParameters.name` would not pair `org-trail` with
 * `arn:aws:cloudtrail:…:trail/org-trail`; grouping by `lens.trailName` does. A new derived field is a row here
 * (and a line in rules/README.md); other Sigma tools see no such field, and group such records as one.
 */

export interface DerivedField {
  /** The record's field it is read from. */
  readonly from: string;
  /** Its first group is the derived value; a value it does not match is kept whole. */
  readonly pattern: RegExp;
}

export const DERIVED_FIELDS: ReadonlyMap<string, DerivedField> = new Map([
  // A trail's name, whether the call names it or gives its ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>).
  ['lens.trailName', { from: 'requestParameters.name', pattern: /^arn:[^:]*:cloudtrail:[^:]*:[^:]*:trail\/(.+)$/ }],
]);

/** The derived field's value from its source field's (undefined stays undefined). */
export function deriveValue(field: DerivedField, value: string | undefined): string | undefined {
  return value === undefined ? undefined : (field.pattern.exec(value)?.[1] ?? value);
}
