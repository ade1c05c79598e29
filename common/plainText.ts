/**
 * Text from a log, a rule, a setting, AWS or the server, made inert for a notification, a progress or status
 * bar message or a QuickPick title. VS Code turns `[label](command:…)` in a notification into a link that runs
 * the command, so every `](` is broken apart; control characters and line breaks become one space, so a value
 * cannot fake a second line. Hovers escape the same text further, as Markdown (server/src/features/markdown.ts).
 */

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

export function plainText(value: string): string {
  return value.replace(CONTROL, ' ').replace(/\]\s*\(/g, '] (');
}
