/**
 * Markdown for hovers and completion docs. Log text is hostile: every piece of it goes through
 * `text()`, which escapes every punctuation character, so nothing from a log can become a link,
 * an image, HTML, an autolink or a `command:` URI. Links come only from `link()` with our own URLs, and
 * `commandLink()` with our own commands.
 */

import { plainText } from '../../../common/plainText';

const MAX_SHOWN = 200;

/** Log text as inert Markdown: punctuation escaped, line breaks flattened, long values cut. */
export function text(value: string): string {
  const short = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return plainText(short).replace(/[\\`*_{}[\]()#+\-.!<>|~:&"'=$%@/;?^,]/g, '\\$&');
}

/** A link to one of our own, known pages; never call this with text from a log. */
export function link(label: string, url: string): string {
  return `[${text(label)}](${url})`;
}

/** A two-column table of label and already-escaped value. */
export function table(rows: readonly (readonly [string, string])[]): string {
  return ['| | |', '| --- | --- |', ...rows.map(([label, value]) => `| ${label} | ${value.replace(/\|/g, '\\|')} |`)].join('\n');
}

/**
 * A link that runs one of our own commands (never a name from a log) with these arguments: every character of
 * them that could end the link or the URI is percent-encoded, so a log's value in them stays an argument.
 */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${text(label)}](command:${command}?${encoded})`;
}
