/**
 * XZuFi transfer messages (2.1.0, 2.2.0, 2.3.1): a `nachrichtenkopf`, then `schreibe` blocks
 * (create/update one object) and `loesche` blocks (`@klasse` + `id`), read in document order.
 * The root element's name is recorded but not relied on: which transfer message it is shows in
 * its children, and any root in an XZuFi namespace that has `schreibe`/`loesche` is read.
 */
import { FimParseError } from './errors';
import { simpleChildren } from './element-readers';
import type { ProblemSink } from './problems';
import type { XmlElement } from './xml';
import { readId, type XzufiContext } from './xzufi-readers';
import { parseXzufiLeistung } from './xzufi-leistung.parser';
import {
  parseXzufiOnlinedienst,
  parseXzufiOrganisationseinheit,
  parseXzufiZustaendigkeitTransferObjekt,
} from './xzufi-objects.parser';
import type {
  XzufiDocument,
  XzufiMessageHead,
  XzufiMessageStream,
  XzufiPart,
  XzufiRecords,
  XzufiVersion,
} from './xzufi.types';

/** The head of a transfer message whose root is already known to be XZuFi `version`. */
function messageHead(root: XmlElement, format: { version: XzufiVersion; namespace: string }): XzufiMessageHead {
  const versionAttribute = root.attr('xzufiVersion');
  return {
    format: 'xzufi',
    version: format.version,
    namespace: format.namespace,
    messageName: root.localName,
    ...(versionAttribute !== undefined && { xzufiVersionAttribut: versionAttribute }),
  };
}

function emptyPart(position: number): XzufiPart {
  return { position, ...emptyRecords() };
}

function emptyRecords(): XzufiRecords {
  return {
    leistungen: [],
    onlinedienste: [],
    zustaendigkeiten: [],
    organisationseinheiten: [],
    loeschungen: [],
    ignored: {},
  };
}

/**
 * Reads a transfer message block by block: `root` is the root element (its children need not
 * be loaded), `blocks` its children in document order. Each block is read once and released.
 */
export function streamXzufiMessage(
  root: XmlElement,
  blocks: Iterable<XmlElement>,
  format: { version: XzufiVersion; namespace: string },
  sink: ProblemSink,
  blockCount: number,
): XzufiMessageStream {
  const head = messageHead(root, format);
  checkVersionAttribute(head.xzufiVersionAttribut, format.version, root.path, sink);
  const ctx: XzufiContext = { namespace: format.namespace, sink };
  function* parts(): Generator<XzufiPart> {
    let position = 0;
    let otherContent = false;
    for (const child of blocks) {
      if (child.namespace !== format.namespace) otherContent = true;
      else if (child.localName === 'nachrichtenkopf') yield { ...emptyPart(0), nachrichtenkopf: simpleChildren(child) };
      else if (child.localName === 'schreibe') yield readSchreibe(child, ctx, ++position);
      else if (child.localName === 'loesche') yield readLoesche(child, ctx, ++position);
      else otherContent = true;
      // Each block is read once; dropping it keeps peak memory near one copy of the document.
      child.release();
    }
    if (position === 0 && otherContent) {
      throw new FimParseError(
        'unknown-format',
        `Die XZuFi-Nachricht „${root.localName}“ enthält weder schreibe noch loesche; ` +
          'gelesen werden nur Transfernachrichten.',
        { path: root.path },
      );
    }
  }
  return { ...head, parts: parts(), blockCount, problems: sink.all };
}

/** Reads a whole transfer message into one document (all blocks collected). */
export function parseXzufiMessage(
  root: XmlElement,
  format: { version: XzufiVersion; namespace: string },
  sink: ProblemSink,
): XzufiDocument {
  const children = root.children();
  return collectXzufiMessage(streamXzufiMessage(root, children, format, sink, children.length));
}

/** Collects the parts of a streamed message into one document. */
export function collectXzufiMessage(stream: XzufiMessageStream): XzufiDocument {
  const { format, version, namespace, messageName, xzufiVersionAttribut } = stream;
  const head: XzufiMessageHead = { format, version, namespace, messageName };
  if (xzufiVersionAttribut !== undefined) head.xzufiVersionAttribut = xzufiVersionAttribut;
  const doc: XzufiDocument = { ...head, nachrichtenkopf: {}, ...emptyRecords(), problems: stream.problems };
  for (const part of stream.parts) {
    if (part.nachrichtenkopf) doc.nachrichtenkopf = part.nachrichtenkopf;
    doc.leistungen.push(...part.leistungen);
    doc.onlinedienste.push(...part.onlinedienste);
    doc.zustaendigkeiten.push(...part.zustaendigkeiten);
    doc.organisationseinheiten.push(...part.organisationseinheiten);
    doc.loeschungen.push(...part.loeschungen);
    for (const [name, count] of Object.entries(part.ignored)) doc.ignored[name] = (doc.ignored[name] ?? 0) + count;
  }
  return doc;
}

function readSchreibe(block: XmlElement, ctx: XzufiContext, position: number): XzufiPart {
  const doc = emptyPart(position);
  for (const object of block.children()) {
    if (object.namespace !== ctx.namespace) continue;
    switch (object.localName) {
      case 'leistung':
        doc.leistungen.push(parseXzufiLeistung(object, ctx, position));
        break;
      case 'onlinedienst': {
        const { onlinedienst, zustaendigkeiten } = parseXzufiOnlinedienst(object, ctx, position);
        doc.onlinedienste.push(onlinedienst);
        doc.zustaendigkeiten.push(...zustaendigkeiten);
        break;
      }
      case 'zustaendigkeitTransferObjekt':
        doc.zustaendigkeiten.push(...parseXzufiZustaendigkeitTransferObjekt(object, ctx, position));
        break;
      case 'organisationseinheit': {
        const { organisationseinheit, zustaendigkeiten } = parseXzufiOrganisationseinheit(object, ctx, position);
        doc.organisationseinheiten.push(organisationseinheit);
        doc.zustaendigkeiten.push(...zustaendigkeiten);
        break;
      }
      default:
        doc.ignored[object.localName] = (doc.ignored[object.localName] ?? 0) + 1;
    }
  }
  return doc;
}

function readLoesche(block: XmlElement, ctx: XzufiContext, position: number): XzufiPart {
  const doc = emptyPart(position);
  const klasse = block.attr('klasse')?.trim() ?? '';
  if (klasse === '') ctx.sink.warning(undefined, 'missing-element', 'loesche ohne Attribut klasse.', block.path);
  const ids = block.groups(ctx.namespace).get('id') ?? [];
  let found = false;
  for (const element of ids) {
    const id = readId(element);
    if (!id) continue;
    found = true;
    doc.loeschungen.push({ klasse, id, path: element.path, position });
  }
  if (!found) ctx.sink.error(undefined, 'missing-id', 'loesche ohne id.', block.path);
  return doc;
}

/** `xzufiVersion="2.2"` or `"2.2.0"` in a 2_2_0 namespace is fine; anything else is worth a warning. */
function checkVersionAttribute(attribute: string | undefined, version: XzufiVersion, path: string, sink: ProblemSink) {
  if (attribute === undefined || version.startsWith(attribute.trim())) return;
  sink.warning(
    undefined,
    'version-mismatch',
    `xzufiVersion="${attribute}" passt nicht zum Namensraum (XZuFi ${version}); gelesen als ${version}.`,
    path,
  );
}
