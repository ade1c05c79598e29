/** The files the in-editor suite opens, by name in its workspace folder. */
export const DELIVERED_NAME = '111122223333_CloudTrail_us-west-2_20190201T0320Z_abcdEFGH1234.json';
export const FIRST_LINE_NAME = 'exported-events';
export const PLAIN_JSON_NAME = 'plain.json';
export const GENERATED_NAME = 'generated.cloudtrail.json';
