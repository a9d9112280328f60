/** The entries: FIM XML (text or bytes) in, typed records out — whole, or block by block. */
import { detectFormat } from './detect-format';
import { lineColumnAtBytes } from './errors';
import { ProblemSink } from './problems';
import type { FimDocument, FimParseOptions } from './types';
import type { XdfMessageStream } from './xdatenfelder.types';
import { openXdatenfelderMessage, parseXdatenfelderMessage } from './xdatenfelder.parser';
import { parseXmlBlocks } from './xml';
import { parseXmlSkeleton } from './xml-skeleton';
import { DEFAULT_MAX_BYTES, decodeXmlBytes } from './xml-input';
import { DEFAULT_MAX_DEPTH, prescanXml } from './xml-prescan';
import type { XzufiMessageStream } from './xzufi.types';
import { collectXzufiMessage, streamXzufiMessage } from './xzufi.parser';

/**
 * An opened FIM document, read as the caller iterates it: an XZuFi transfer message as a
 * stream of blocks (these messages reach 100 MB and more), an XDatenfelder message as a stream
 * of definitions (groups, fields, rules) while its tree is walked.
 */
export type OpenedFimDocument = XzufiMessageStream | XdfMessageStream;

/**
 * The XDatenfelder elements read one at a time: the innermost `struktur` entries, each holding
 * one field (or a group without entries). Fields are the leaves of a schema's tree and nearly
 * all of its text; groups with entries stay in the skeleton.
 */
const XDF_DEFERRED = ['struktur'];

/**
 * Opens an XZuFi transfer message (2.1.0, 2.2.0, 2.3.1) or an XDatenfelder message (2.0, 3.0.0).
 *
 * In order, each step cheap before the expensive ones: size limit; one prescan over the bytes that
 * refuses any DOCTYPE/ENTITY (nothing is ever expanded), nesting deeper than `maxDepth`, an
 * unknown root namespace or name and anything outside the root, and finds the root's children.
 * XDatenfelder is then checked for well-formedness (fast-xml-parser's validator, with line and
 * column) and walked at once, each field parsed on its own as the walk reaches it (see
 * `xml-skeleton.ts`); XZuFi one `schreibe`/`loesche` block at a time — decoded, validated,
 * parsed, walked — as the caller iterates `parts`.
 *
 * @throws FimParseError `too-large`, `doctype-forbidden`, `too-deep`, `unknown-format`,
 *   `not-well-formed`, `invalid-structure`; with `onRecordError: 'throw'` also the first record
 *   error (`invalid-leistungsschluessel`, `missing-id`), for XZuFi while iterating. Otherwise
 *   record problems come back in `problems` and on the record, which is then `valid: false`.
 */
export function openFimDocument(xml: string | Uint8Array, options: FimParseOptions = {}): OpenedFimDocument {
  const opened = prepare(xml, options);
  if (opened.format.format === 'xdatenfelder') {
    return openXdatenfelderMessage(opened.xdfRoot(), opened.format, opened.sink, opened.scan.deferred.length / 2);
  }
  const { root, children, count } = parseXmlBlocks(opened.bytes, opened.scan.root, opened.scan.blocks, opened.maxDepth);
  return streamXzufiMessage(root, children, opened.format, opened.sink, count);
}

/**
 * Parses a FIM document whole: like {@link openFimDocument}, with an XZuFi message's blocks
 * and an XDatenfelder message's definitions collected into one document. Same errors, all
 * thrown here.
 */
export function parseFimDocument(xml: string | Uint8Array, options: FimParseOptions = {}): FimDocument {
  const opened = prepare(xml, options);
  if (opened.format.format === 'xdatenfelder') {
    return parseXdatenfelderMessage(opened.xdfRoot(), opened.format, opened.sink);
  }
  const { root, children, count } = parseXmlBlocks(opened.bytes, opened.scan.root, opened.scan.blocks, opened.maxDepth);
  return collectXzufiMessage(streamXzufiMessage(root, children, opened.format, opened.sink, count));
}

/** The steps both entries share: size limit, prescan with format detection, the problem sink. */
function prepare(xml: string | Uint8Array, options: FimParseOptions) {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const bytes = decodeXmlBytes(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const scan = prescanXml(bytes, {
    maxDepth,
    onRoot: (root) => detectFormat(root.raw, lineColumnAtBytes(bytes, root.offset)),
    deferLocalNames: (format) => (format.format === 'xdatenfelder' ? XDF_DEFERRED : []),
  });
  return {
    bytes,
    scan,
    maxDepth,
    format: scan.result,
    sink: new ProblemSink(options.onRecordError),
    /** An XDatenfelder message's root: checked in full, its innermost entries parsed when reached. */
    xdfRoot: () => parseXmlSkeleton(bytes, scan.deferred, maxDepth),
  };
}
