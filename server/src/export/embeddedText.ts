/**
 * Texts held inside a string value, as policy documents are: JSON written in a string (`"{\"Statement\":…}"`) and
 * URL-encoded text (`%7B%22Statement%22…`). Each is read, and a changed copy written back the way the original was:
 * JSON in the original's layout (its white space kept), URL-encoding with the same characters encoded, in the same
 * case, spaces as `+` where the original wrote them so.
 */
import { type JsonNode, readJson } from './jsonTree';

/** A JSON object or array held in a string; undefined for any other text. */
export function embeddedJson(text: string): JsonNode | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  const tree = readJson(text);
  return tree?.kind === 'object' || tree?.kind === 'array' ? tree : undefined;
}

/** A JSON text's strings and literals, in order; what is between them (white space, punctuation) is not here. */
function tokenTexts(node: JsonNode, texts: string[]): void {
  switch (node.kind) {
    case 'string':
    case 'literal':
      texts.push(node.text);
      return;
    case 'array':
      for (const item of node.items) tokenTexts(item, texts);
      return;
    case 'object':
      for (const member of node.members) {
        texts.push(member.keyText);
        tokenTexts(member.value, texts);
      }
  }
}

/** A JSON text's strings (the unrolled loop: no backtracking in a long one) and literals. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|[^\s{}[\],:"]+/g;

/** `tree` (the tree of `original`, its values changed, its structure not) written in `original`'s layout. */
export function writeLike(original: string, tree: JsonNode): string {
  const texts: string[] = [];
  tokenTexts(tree, texts);
  let i = 0;
  return original.replace(TOKEN, (token) => texts[i++] ?? token);
}

const ENCODED = /%[0-9A-Fa-f]{2}/;
const ENCODED_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const UNRESERVED = /^[A-Za-z0-9_.~-]$/;

/** Whether a URL-encoded text writes spaces as `+` (a form's encoding, which writes no literal space). */
const plusIsSpace = (text: string) => text.includes('+') && !text.includes(' ');

/** A URL-encoded text decoded; undefined when it is not one (no escape, or a malformed one). */
export function urlDecoded(text: string): string | undefined {
  if (!ENCODED.test(text)) return undefined;
  try {
    return decodeURIComponent(plusIsSpace(text) ? text.replace(/\+/g, ' ') : text);
  } catch {
    return undefined;
  }
}

/** `text` URL-encoded as `original` was: the characters it encoded encoded, those it wrote as they are kept, in its hex case. */
export function urlEncodedLike(text: string, original: string): string {
  const plain = new Set<string>(original.replace(ENCODED_RUN, ''));
  const encoded = new Set<string>();
  for (const [run] of original.matchAll(ENCODED_RUN)) {
    try {
      for (const c of decodeURIComponent(run)) encoded.add(c);
    } catch {
      // A run that is not UTF-8 says nothing of the characters written.
    }
  }
  const lower = /%(?:[0-9a-f][a-f]|[a-f][0-9a-f])/.test(original);
  const spaces = plusIsSpace(original);
  let out = '';
  for (const c of text) {
    if (c === ' ' && spaces) out += '+';
    else if ((plain.has(c) && c !== '%' && !(c === '+' && spaces)) || (UNRESERVED.test(c) && !encoded.has(c))) out += c;
    else {
      const escaped =
        encodeURIComponent(c) === c ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);
      out += lower ? escaped.toLowerCase() : escaped;
    }
  }
  return out;
}
