/** The names the client, the server and package.json all use for the language and its settings. */

/** The language id of CloudTrail logs, and the client's id (so `cloudtrail.trace.server` applies to it). */
export const LANGUAGE_ID = 'cloudtrail';

/** The settings section: `cloudtrail.validate.enable`, `cloudtrail.maxProblems`, `cloudtrail.trace.server`. */
export const CONFIGURATION_SECTION = 'cloudtrail';
