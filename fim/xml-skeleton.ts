/**
 * A document read as a skeleton plus cut-out elements. The prescan finds the elements to defer
 * (the fields of a large XDatenfelder schema); the skeleton is the document with each of them
 * emptied to a marked start tag, so it stays small, and each cut-out element is checked on its
 * own and parsed only when the reader first reads its content. Once the reader has released it,
 * its tree is garbage: only one field's tree, not the whole schema's, is alive at a time.
 *
 * Well-formedness is checked in full before anything is parsed: the skeleton and every cut-out
 * element, one at a time. Together these are exactly the document's well-formedness, because a
 * cut-out element is balanced on its own (the prescan cut it at the end tag that brings the
 * depth back) and the skeleton sees a balanced element in its place. Errors carry the line and
 * column of the whole document; the first in document order is reported.
 */
import { randomBytes } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import { FimParseError, type FimLocation, lineColumnAtBytes } from './errors';
import { endOfStartTag } from './xml-prescan';
import {
  createXmlParser,
  type DeferredElements,
  parseXmlNode,
  parseXmlRoot,
  type RawNode,
  type XmlElement,
} from './xml';

/** A part of the skeleton copied from the document: where it starts in each, and its length. */
interface Segment {
  skeleton: number;
  document: number;
  length: number;
}

/** The skeleton's bytes, the parts copied from the document, and the placeholders' marker. */
interface Skeleton {
  bytes: Buffer;
  /** In ascending order; a placeholder's own attribute follows the copy of its start tag. */
  segments: Segment[];
  marker: string;
}

/**
 * The document with each cut-out element replaced by its own start tag, emptied and marked:
 * `<x:struktur a="1">…</x:struktur>` becomes `<x:struktur a="1" _9f…="17"/>`. The element's
 * name, attributes and namespace declarations stay where they were, so the skeleton reads as
 * the document does; only the content waits.
 */
function buildSkeleton(bytes: Buffer, deferred: readonly number[]): Skeleton {
  // A random attribute name per document: one written into the input would not match it.
  const marker = `_${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const segments: Segment[] = [];
  let length = 0;
  const copy = (from: number, to: number) => {
    segments.push({ skeleton: length, document: from, length: to - from });
    parts.push(bytes.subarray(from, to));
    length += to - from;
  };
  let from = 0;
  for (let d = 0; d < deferred.length; d += 2) {
    const start = deferred[d];
    const gt = endOfStartTag(bytes, start + 1);
    // The prescan cuts only complete start tags; `gt` is found, `/>` or `>`.
    const headEnd = bytes[gt - 1] === 0x2f ? gt - 1 : gt;
    copy(from, headEnd);
    const mark = Buffer.from(` ${marker}="${d / 2}"/>`, 'latin1');
    parts.push(mark);
    length += mark.length;
    from = deferred[d + 1];
  }
  copy(from, bytes.length);
  return { bytes: Buffer.concat(parts, length), segments, marker };
}

/** The document offset of a skeleton offset; inside a marker, where the copied start tag ends. */
function documentOffset(skeleton: Skeleton, offset: number): number {
  let low = 0;
  let high = skeleton.segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (skeleton.segments[mid].skeleton <= offset) low = mid;
    else high = mid - 1;
  }
  const segment = skeleton.segments[low];
  return segment.document + Math.min(offset - segment.skeleton, segment.length);
}

/** Byte offset of a validator line and column (UTF-16 units) in UTF-8 bytes. */
function byteOffsetAt(bytes: Buffer, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const newline = bytes.indexOf(10, start);
    if (newline === -1) break;
    start = newline + 1;
  }
  const end = bytes.indexOf(10, start);
  const text = bytes.toString('utf8', start, end === -1 ? bytes.length : end);
  return start + Buffer.byteLength(text.slice(0, Math.max(0, column - 1)), 'utf8');
}

interface WellFormednessError {
  offset: number;
  message: string;
}

function validate(text: string): { line: number; col: number; msg: string } | undefined {
  const result = XMLValidator.validate(text);
  return result === true ? undefined : result.err;
}

/** The first error of the skeleton, as a document offset. */
function skeletonError(skeleton: Skeleton): WellFormednessError | undefined {
  const err = validate(skeleton.bytes.toString('utf8'));
  if (!err) return undefined;
  const offset = documentOffset(skeleton, byteOffsetAt(skeleton.bytes, err.line, err.col));
  return { offset, message: err.msg };
}

/** The first error among the cut-out elements, as a document offset. */
function deferredError(bytes: Buffer, deferred: readonly number[]): WellFormednessError | undefined {
  for (let d = 0; d < deferred.length; d += 2) {
    const element = bytes.subarray(deferred[d], deferred[d + 1]);
    const err = validate(element.toString('utf8'));
    if (err) return { offset: deferred[d] + byteOffsetAt(element, err.line, err.col), message: err.msg };
  }
  return undefined;
}

/** The error that comes first in the document, if any. */
function earlier(a?: WellFormednessError, b?: WellFormednessError): WellFormednessError | undefined {
  if (!a || !b) return a ?? b;
  return b.offset < a.offset ? b : a;
}

function notWellFormed(bytes: Buffer, error: WellFormednessError): FimParseError {
  const location: FimLocation = lineColumnAtBytes(bytes, error.offset);
  return new FimParseError('not-well-formed', `Kein wohlgeformtes XML: ${error.message}`, location);
}

/**
 * Checks the whole document for well-formedness and returns a view on its root in which the
 * `deferred` elements are parsed when first reached.
 *
 * @param bytes the document as UTF-8 (see `decodeXmlBytes`)
 * @param deferred `[start, end)` byte offsets of the elements to cut out, as `prescanXml` found them
 * @throws FimParseError `not-well-formed` with the line and column of the first error
 */
export function parseXmlSkeleton(bytes: Buffer, deferred: readonly number[], maxDepth: number): XmlElement {
  const skeleton = buildSkeleton(bytes, deferred);
  const first = earlier(skeletonError(skeleton), deferredError(bytes, deferred));
  if (first) throw notWellFormed(bytes, first);
  const parser = createXmlParser(maxDepth);
  const elements: DeferredElements = {
    marker: skeleton.marker,
    resolve(index: string): RawNode {
      const n = 2 * Number(index);
      return parseXmlNode(parser, bytes.toString('utf8', deferred[n], deferred[n + 1]));
    },
  };
  return parseXmlRoot(skeleton.bytes.toString('utf8'), maxDepth, elements);
}
