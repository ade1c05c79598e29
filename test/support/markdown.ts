/**
 * Reading the repository's Markdown as GitHub renders it, for the docs tests: its tables (a broken row renders as
 * text, not as a row), its links, and the anchors its headings make. Fenced code is left out of all three.
 */

/** A line of a Markdown text outside fenced code, with its 1-based number. */
export interface ProseLine {
  readonly number: number;
  readonly text: string;
}

/** The lines outside fenced code blocks (``` or ~~~). */
export function proseLines(text: string): ProseLine[] {
  const lines: ProseLine[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, i) => {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === undefined || fence === marker)) fence = fence === undefined ? marker : undefined;
    else if (fence === undefined) lines.push({ number: i + 1, text: line });
  });
  return lines;
}

/** How many cells a table line has: its unescaped pipes, less one (GitHub splits on `|` inside code spans too). */
function cellCount(line: string): number {
  return (
    line
      .trim()
      .replace(/\\\\|\\\|/g, '')
      .split('|').length - 2
  );
}

const SEPARATOR = /^\|(\s*:?-+:?\s*\|)+\s*$/;

/** What is wrong with one run of consecutive `|` lines: it must be a header, a separator and rows of as many cells. */
function blockProblems(block: ProseLine[]): string[] {
  const [header, separator, ...rows] = block;
  if (!separator || !SEPARATOR.test(separator.text.trim()))
    return [`line ${header!.number}: a row with no header and separator above it (a blank line inside a table?)`];
  const cells = cellCount(header!.text);
  const problems: string[] = [];
  for (const line of [separator, ...rows]) {
    if (!line.text.trim().endsWith('|')) problems.push(`line ${line.number}: a row that does not end with |`);
    else if (cellCount(line.text) !== cells)
      problems.push(`line ${line.number}: ${cellCount(line.text)} cells where the header has ${cells}`);
  }
  return problems;
}

/** Every way a table of the text would not render as written, as `line N: why`; empty when all render. */
export function tableProblems(text: string): string[] {
  const blocks: ProseLine[][] = [];
  let previous = -1;
  for (const line of proseLines(text)) {
    if (!line.text.trimStart().startsWith('|')) continue;
    if (line.number === previous + 1) blocks.at(-1)!.push(line);
    else blocks.push([line]);
    previous = line.number;
  }
  return blocks.flatMap(blockProblems);
}

/** A link's target, and the line it is on. */
export interface Link {
  readonly line: number;
  readonly target: string;
}

/** Every link and image of the text (`[text](target)`, `![alt](target)`), outside code spans and fenced code. */
export function links(text: string): Link[] {
  return proseLines(text).flatMap((line) =>
    [...line.text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({ line: line.number, target: m[1]! })),
  );
}

/** Whether a link leaves the repository: a scheme such as `https:` or `mailto:`. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The anchors GitHub gives the text's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line.text)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}
