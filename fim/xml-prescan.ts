/**
 * One cheap pass over the markup before any parser sees it: rejects DOCTYPE (and every other
 * markup declaration) so no entity is ever expanded, rejects excessive nesting before the
 * validator or parser could recurse on it, hands out the root start tag for format detection,
 * and finds the root's children so a large message can be parsed one block at a time (and, on
 * request, elements deeper down, such as the fields of a large schema). It also
 * checks what block-wise validation cannot see: one root element, closed by its own end tag,
 * and nothing but whitespace, comments and processing instructions around it.
 *
 * It works on the UTF-8 bytes (markup is ASCII, so byte offsets of `<`, `>` and quotes are safe)
 * and jumps from `<` to `<` with `indexOf`; only the inside of tags is read byte by byte.
 */
import { FimParseError, lineColumnAtBytes } from './errors';

export const DEFAULT_MAX_DEPTH = 64;

/**
 * Most attributes one element may carry. FIM elements have a handful; the limit refuses an
 * element with a million attributes here, in one linear pass, before the validator or parser
 * (whose duplicate check grows worse than linearly) sees it.
 */
export const DEFAULT_MAX_ATTRIBUTES = 256;

/** The root element's start tag as written, e.g. `<xdf3:xdatenfelder… xmlns:xdf3="…">`. */
export interface RootTag {
  raw: string;
  /** Byte offset of its `<`. */
  offset: number;
}

/** What the prescan learnt: the format callback's result and where the root's child elements are. */
export interface PrescanResult<T> {
  result: T;
  root: RootTag;
  /**
   * `[start, end)` byte offsets of every child element of the root, in document order, so a
   * large transfer message can be parsed one `schreibe`/`loesche` block at a time.
   */
  blocks: number[];
  /**
   * `[start, end)` byte offsets of the elements below the root to be parsed on their own (see
   * {@link PrescanOptions.deferLocalNames}), in document order.
   */
  deferred: number[];
}

/** What the prescan checks and what it looks for besides the root's children. */
export interface PrescanOptions<T> {
  maxDepth: number;
  /** Most attributes per element (default {@link DEFAULT_MAX_ATTRIBUTES}). */
  maxAttributes?: number;
  /** Called with the root start tag as soon as it is seen, so an unknown format fails early. */
  onRoot: (root: RootTag) => T;
  /**
   * Local names (any prefix) of elements to cut out of the document and parse on their own,
   * decided from the root's result. Only the innermost are cut: an element that contains
   * another of these names stays in the document (so XDatenfelder's nested `struktur` elements
   * come out as the leaves of the tree, one field each).
   */
  deferLocalNames?: (result: T) => readonly string[];
}

const LT = 60;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const GT = 62;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;
const COMMENT = Buffer.from('!--');
const CDATA = Buffer.from('![CDATA[');

function notWellFormed(bytes: Buffer, offset: number, message: string): FimParseError {
  return new FimParseError('not-well-formed', `Kein wohlgeformtes XML: ${message}`, lineColumnAtBytes(bytes, offset));
}

/** The tag name after `<` or `</` at `from`, as bytes compared by string. */
function nameAt(bytes: Buffer, from: number): string {
  let end = from;
  while (end < bytes.length) {
    const c = bytes[end];
    if (c === GT || c === SLASH || c === 32 || c === 9 || c === 10 || c === 13) break;
    end++;
  }
  return bytes.toString('latin1', from, end);
}

/** True when the tag name at `from` has one of `names` as its local name (`x:datenfeld`, `datenfeld`). */
function hasLocalName(bytes: Buffer, from: number, names: readonly Buffer[]): boolean {
  let end = from;
  while (end < bytes.length) {
    const c = bytes[end];
    if (c === GT || c === SLASH || c === 32 || c === 9 || c === 10 || c === 13) break;
    end++;
  }
  for (const name of names) {
    const start = end - name.length;
    if (start < from || (start > from && bytes[start - 1] !== COLON)) continue;
    if (bytes.compare(name, 0, name.length, start, end) === 0) return true;
  }
  return false;
}

/** Offset of the first byte in `bytes[from, to)` that is not XML whitespace, or -1. */
function firstNonWhitespace(bytes: Buffer, from: number, to: number): number {
  for (let j = from; j < to; j++) {
    const c = bytes[j];
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return j;
  }
  return -1;
}

function assertNoTextOutsideRoot(bytes: Buffer, from: number, to: number): void {
  const text = firstNonWhitespace(bytes, from, to);
  if (text !== -1) throw notWellFormed(bytes, text, 'Text außerhalb des Wurzelelements.');
}

/**
 * Scans the document; calls `onRoot` as soon as the root start tag is seen (so an unknown format
 * fails before the rest is read) and returns its result with the offsets of the root's children
 * and of the deferred elements. Unterminated constructs inside the root end the scan quietly: the
 * validator reports them with line and column.
 */
export function prescanXml<T>(bytes: Buffer, options: PrescanOptions<T>): PrescanResult<T> {
  const { maxDepth, onRoot } = options;
  const maxAttributes = options.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
  let deferNames: Buffer[] = [];
  const deferred: number[] = [];
  /** Start and depth of the open candidate for deferring (depth 0 when none is open). */
  let deferStart = 0;
  let deferDepth = 0;
  let root: RootTag | undefined;
  let rootName = '';
  let rootClosed = false;
  let result: T | undefined;
  let depth = 0;
  const blocks: number[] = [];
  let textFrom = 0;
  let i = bytes.indexOf(LT);
  while (i !== -1) {
    if (depth === 0) assertNoTextOutsideRoot(bytes, textFrom, i);
    const next = bytes[i + 1];
    if (next === QUESTION) {
      i = indexAfter(bytes, '?>', i + 2);
    } else if (next === BANG) {
      i = skipDeclaration(bytes, i);
    } else if (next === SLASH) {
      depth--;
      if (depth === 0) {
        if (nameAt(bytes, i + 2) !== rootName) {
          throw notWellFormed(bytes, i, `Das Wurzelelement <${rootName}> wird nicht mit </${rootName}> geschlossen.`);
        }
        rootClosed = true;
      }
      i = indexAfter(bytes, '>', i + 2);
      if (depth === 1 && i !== -1) blocks.push(i);
      if (depth === deferDepth - 1 && i !== -1) {
        deferred.push(deferStart, i);
        deferDepth = 0;
      }
    } else {
      if (rootClosed) throw notWellFormed(bytes, i, 'Mehr als ein Wurzelelement.');
      const end = endOfStartTag(bytes, i + 1, maxAttributes);
      if (end === -1) break;
      if (end === TOO_MANY_ATTRIBUTES) {
        throw new FimParseError(
          'too-many-attributes',
          `Das Element <${nameAt(bytes, i + 1)}> hat mehr als ${maxAttributes} Attribute; erlaubt sind höchstens ${maxAttributes}.`,
          lineColumnAtBytes(bytes, i),
        );
      }
      depth++;
      if (depth > maxDepth) {
        throw new FimParseError(
          'too-deep',
          `Die Elemente sind tiefer als ${maxDepth} Ebenen verschachtelt.`,
          lineColumnAtBytes(bytes, i),
        );
      }
      if (root === undefined) {
        root = { raw: bytes.toString('utf8', i, end + 1), offset: i };
        rootName = nameAt(bytes, i + 1);
        result = onRoot(root);
        deferNames = (options.deferLocalNames?.(result) ?? []).map((name) => Buffer.from(name, 'latin1'));
      }
      if (depth === 2) blocks.push(i);
      // A new candidate inside an open one means the open one is not innermost: it stays.
      if (depth >= 2 && deferNames.length > 0 && hasLocalName(bytes, i + 1, deferNames)) {
        deferStart = i;
        deferDepth = depth;
      }
      if (bytes[end - 1] === SLASH) {
        depth--;
        if (depth === 1) blocks.push(end + 1);
        if (depth === deferDepth - 1) {
          deferred.push(deferStart, end + 1);
          deferDepth = 0;
        }
        if (depth === 0) rootClosed = true;
      }
      i = end + 1;
    }
    if (i === -1) break;
    textFrom = i;
    i = bytes.indexOf(LT, i);
  }
  if (root === undefined) {
    throw new FimParseError('not-well-formed', 'Die Datei enthält kein XML-Element.', { line: 1, column: 1 });
  }
  if (i === -1 && depth === 0) assertNoTextOutsideRoot(bytes, textFrom, bytes.length);
  if (!rootClosed && i === -1 && depth > 0 && blocks.length % 2 === 0) {
    throw notWellFormed(bytes, bytes.length, `Das Wurzelelement <${rootName}> ist nicht geschlossen.`);
  }
  // An unterminated last block has no end; its own validation reports where it breaks.
  if (blocks.length % 2 === 1) blocks.push(bytes.length);
  if (deferDepth !== 0) deferred.push(deferStart, bytes.length);
  return { result: result as T, root, blocks, deferred };
}

/** Comments and CDATA are skipped; any other `<!…` (DOCTYPE, ENTITY, ELEMENT) is refused. */
function skipDeclaration(bytes: Buffer, i: number): number {
  if (bytes.compare(COMMENT, 0, COMMENT.length, i + 1, i + 1 + COMMENT.length) === 0) {
    return indexAfter(bytes, '-->', i + 4);
  }
  if (bytes.compare(CDATA, 0, CDATA.length, i + 1, i + 1 + CDATA.length) === 0) {
    return indexAfter(bytes, ']]>', i + 9);
  }
  throw new FimParseError(
    'doctype-forbidden',
    'DOCTYPE- und ENTITY-Deklarationen sind nicht erlaubt (keine Entitäten, keine externen Verweise).',
    lineColumnAtBytes(bytes, i),
  );
}

function indexAfter(bytes: Buffer, terminator: string, from: number): number {
  const at = bytes.indexOf(terminator, from, 'latin1');
  return at === -1 ? -1 : at + terminator.length;
}

/** What {@link endOfStartTag} returns for a tag with more attributes than allowed. */
export const TOO_MANY_ATTRIBUTES = -2;

/**
 * Index of the `>` closing a start tag; `>` inside quoted attribute values does not count.
 * -1 when the tag does not end; {@link TOO_MANY_ATTRIBUTES} as soon as it has more than
 * `maxAttributes` quoted values (one per attribute).
 */
export function endOfStartTag(bytes: Buffer, from: number, maxAttributes = Infinity): number {
  let attributes = 0;
  for (let j = from; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === GT) return j;
    if (c === DQUOTE || c === SQUOTE) {
      if (++attributes > maxAttributes) return TOO_MANY_ATTRIBUTES;
      j = bytes.indexOf(c, j + 1);
      if (j === -1) return -1;
    }
  }
  return -1;
}
