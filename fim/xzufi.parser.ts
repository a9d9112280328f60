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
import type { XzufiDocument, XzufiVersion } from './xzufi.types';

/** Reads a whole transfer message whose root is already known to be XZuFi `version`. */
export function parseXzufiMessage(
  root: XmlElement,
  format: { version: XzufiVersion; namespace: string },
  sink: ProblemSink,
): XzufiDocument {
  const ctx: XzufiContext = { namespace: format.namespace, sink };
  const doc = emptyDocument(root, format, sink);
  checkVersionAttribute(doc.xzufiVersionAttribut, format.version, root.path, sink);
  let position = 0;
  let otherContent = false;
  for (const child of root.children()) {
    if (child.namespace !== format.namespace) otherContent = true;
    else if (child.localName === 'nachrichtenkopf') doc.nachrichtenkopf = simpleChildren(child);
    else if (child.localName === 'schreibe') readSchreibe(child, ctx, ++position, doc);
    else if (child.localName === 'loesche') readLoesche(child, ctx, ++position, doc);
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
  return doc;
}

function emptyDocument(
  root: XmlElement,
  format: { version: XzufiVersion; namespace: string },
  sink: ProblemSink,
): XzufiDocument {
  const versionAttribute = root.attr('xzufiVersion');
  return {
    format: 'xzufi',
    version: format.version,
    namespace: format.namespace,
    messageName: root.localName,
    ...(versionAttribute !== undefined && { xzufiVersionAttribut: versionAttribute }),
    nachrichtenkopf: {},
    leistungen: [],
    onlinedienste: [],
    zustaendigkeiten: [],
    organisationseinheiten: [],
    loeschungen: [],
    ignored: {},
    problems: sink.all,
  };
}

function readSchreibe(block: XmlElement, ctx: XzufiContext, position: number, doc: XzufiDocument): void {
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
}

function readLoesche(block: XmlElement, ctx: XzufiContext, position: number, doc: XzufiDocument): void {
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
