/**
 * Text as HTML: every character that could open a tag, an entity or end an attribute written as an entity, so a
 * log's value is text wherever it lands, between tags or inside a quoted attribute.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A whole number as the report writes counts: digits grouped by commas. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
