/** The names the client, the server and package.json all use for the language and its settings. */

/** The language id of CloudTrail logs. */
export const LANGUAGE_ID = 'cloudtrail';

/**
 * The settings section (`cloudtrail.validate.enable`, `cloudtrail.maxProblems`), and the language client's id,
 * so that `cloudtrail.trace.server` applies to it.
 */
export const CONFIGURATION_SECTION = 'cloudtrail';
