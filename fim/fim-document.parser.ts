/** The single entry: FIM XML (text or bytes) in, typed records out. */
import { detectFormat } from './detect-format';
import { lineColumnAt } from './errors';
import { ProblemSink } from './problems';
import type { FimDocument, FimParseOptions } from './types';
import { parseXdatenfelderMessage } from './xdatenfelder.parser';
import { assertWellFormed, parseXmlRoot } from './xml';
import { DEFAULT_MAX_BYTES, decodeXmlInput } from './xml-input';
import { DEFAULT_MAX_DEPTH, prescanXml } from './xml-prescan';
import { parseXzufiMessage } from './xzufi.parser';

/**
 * Parses an XZuFi transfer message (2.1.0, 2.2.0, 2.3.1) or an XDatenfelder message (2.0, 3.0.0).
 *
 * In order, each step cheap before the expensive ones: size limit; one prescan that refuses any
 * DOCTYPE/ENTITY (nothing is ever expanded), nesting deeper than `maxDepth`, and an unknown root
 * namespace or name; well-formedness (fast-xml-parser's validator, with line and column); one
 * parse; one walk over the tree.
 *
 * @throws FimParseError `too-large`, `doctype-forbidden`, `too-deep`, `unknown-format`,
 *   `not-well-formed`, `invalid-structure`; with `onRecordError: 'throw'` also the first record
 *   error (`invalid-leistungsschluessel`, `missing-id`). Otherwise record problems come back in
 *   `problems` and on the record, which is then `valid: false`.
 */
export function parseFimDocument(xml: string | Uint8Array, options: FimParseOptions = {}): FimDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const text = decodeXmlInput(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const format = prescanXml(text, maxDepth, (root) => detectFormat(root.raw, lineColumnAt(text, root.offset)));
  assertWellFormed(text);
  const root = parseXmlRoot(text, maxDepth);
  const sink = new ProblemSink(options.onRecordError);
  return format.format === 'xzufi'
    ? parseXzufiMessage(root, format, sink)
    : parseXdatenfelderMessage(root, format, sink);
}
