/**
 * One cheap pass over the markup before any parser sees it: rejects DOCTYPE (and every other
 * markup declaration) so no entity is ever expanded, rejects excessive nesting before the
 * validator or parser could recurse on it, and hands out the root start tag for format detection.
 * It jumps from `<` to `<` with `indexOf`; only the inside of tags is read character by character.
 */
import { FimParseError, lineColumnAt } from './errors';

export const DEFAULT_MAX_DEPTH = 64;

/** The root element's start tag as written, e.g. `<xdf3:xdatenfelder… xmlns:xdf3="…">`. */
export interface RootTag {
  raw: string;
  offset: number;
}

/** What the prescan learnt: the format callback's result and where the root's child elements are. */
export interface PrescanResult<T> {
  result: T;
  root: RootTag;
  /**
   * `[start, end)` offsets of every child element of the root, in document order, so a large
   * transfer message can be parsed one `schreibe`/`loesche` block at a time.
   */
  blocks: number[];
}

const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const GT = 62;
const DQUOTE = 34;
const SQUOTE = 39;

/**
 * Scans the document; calls `onRoot` as soon as the root start tag is seen (so an unknown format
 * fails before the rest is read) and returns its result with the offsets of the root's children.
 * Unterminated constructs end the scan quietly: the validator reports them with line and column.
 */
export function prescanXml<T>(text: string, maxDepth: number, onRoot: (root: RootTag) => T): PrescanResult<T> {
  let root: RootTag | undefined;
  let result: T | undefined;
  let depth = 0;
  const blocks: number[] = [];
  let i = text.indexOf('<');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    if (next === QUESTION) {
      i = indexAfter(text, '?>', i + 2);
    } else if (next === BANG) {
      i = skipDeclaration(text, i);
    } else if (next === SLASH) {
      depth--;
      i = indexAfter(text, '>', i + 2);
      if (depth === 1 && i !== -1) blocks.push(i);
    } else {
      const end = endOfStartTag(text, i + 1);
      if (end === -1) break;
      depth++;
      if (depth > maxDepth) {
        throw new FimParseError(
          'too-deep',
          `Die Elemente sind tiefer als ${maxDepth} Ebenen verschachtelt.`,
          lineColumnAt(text, i),
        );
      }
      if (root === undefined) {
        root = { raw: text.slice(i, end + 1), offset: i };
        result = onRoot(root);
      }
      if (depth === 2) blocks.push(i);
      if (text.charCodeAt(end - 1) === SLASH) {
        depth--;
        if (depth === 1) blocks.push(end + 1);
      }
      i = end + 1;
    }
    if (i === -1) break;
    i = text.indexOf('<', i);
  }
  if (root === undefined) {
    throw new FimParseError('not-well-formed', 'Die Datei enthält kein XML-Element.', { line: 1, column: 1 });
  }
  // An unterminated last block has no end; the validator rejects such a document anyway.
  if (blocks.length % 2 === 1) blocks.pop();
  return { result: result as T, root, blocks };
}

/** Comments and CDATA are skipped; any other `<!…` (DOCTYPE, ENTITY, ELEMENT) is refused. */
function skipDeclaration(text: string, i: number): number {
  if (text.startsWith('!--', i + 1)) return indexAfter(text, '-->', i + 4);
  if (text.startsWith('![CDATA[', i + 1)) return indexAfter(text, ']]>', i + 9);
  throw new FimParseError(
    'doctype-forbidden',
    'DOCTYPE- und ENTITY-Deklarationen sind nicht erlaubt (keine Entitäten, keine externen Verweise).',
    lineColumnAt(text, i),
  );
}

function indexAfter(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length;
}

/** Index of the `>` closing a start tag; `>` inside quoted attribute values does not count. */
function endOfStartTag(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === GT) return j;
    if (c === DQUOTE || c === SQUOTE) {
      j = text.indexOf(c === DQUOTE ? '"' : "'", j + 1);
      if (j === -1) return -1;
    }
  }
  return -1;
}
