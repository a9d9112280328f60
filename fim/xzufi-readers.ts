/** Readers for XZuFi building blocks used by several objects (ids, validity, versions, texts). */
import { addLocalized, all, type Children, dropUndefined, nonEmpty, textOf } from './element-readers';
import { htmlToText } from './html-text';
import type { ProblemSink } from './problems';
import type { LocalizedText } from './types';
import type { XmlElement } from './xml';
import type { XzufiGueltigkeit, XzufiId, XzufiVersionsinformation } from './xzufi.types';

/** What every XZuFi object parser needs: the message namespace and where problems go. */
export interface XzufiContext {
  namespace: string;
  sink: ProblemSink;
}

/** An identifier element (`id`, `leistungID`, `uebergeordnetesObjektID`, …), or undefined if empty. */
export function readId(element: XmlElement | undefined): XzufiId | undefined {
  if (!element) return undefined;
  const value = nonEmpty(element.text());
  if (value === undefined) return undefined;
  const schemeAgencyID = nonEmpty(element.attr('schemeAgencyID') ?? '');
  const schemeID = nonEmpty(element.attr('schemeID') ?? '');
  return {
    value,
    ...(schemeAgencyID !== undefined && { schemeAgencyID }),
    ...(schemeID !== undefined && { schemeID }),
    key: schemeAgencyID !== undefined ? `${schemeAgencyID}:${value}` : value,
  };
}

/** Every non-empty identifier of that name. */
export function readIds(children: Children, name: string): XzufiId[] {
  const ids: XzufiId[] = [];
  for (const element of all(children, name)) {
    const id = readId(element);
    if (id) ids.push(id);
  }
  return ids;
}

/** `gueltigkeit` periods (`beginn`/`ende`), as written. */
export function readGueltigkeit(children: Children, namespace: string): XzufiGueltigkeit[] {
  return all(children, 'gueltigkeit').map((element) => {
    const parts = element.groups(namespace);
    return dropUndefined({ beginn: textOf(parts, 'beginn'), ende: textOf(parts, 'ende') });
  });
}

const VERSION_FIELDS = ['erstelltDatumZeit', 'erstelltDurch', 'geaendertDatumZeit', 'geaendertDurch', 'version'];

/** The known children of `versionsinformation` (created/changed when and by whom, version). */
export function readVersionsinformation(children: Children, namespace: string): XzufiVersionsinformation | undefined {
  const element = all(children, 'versionsinformation')[0];
  if (!element) return undefined;
  const parts = element.groups(namespace);
  const info: Record<string, string> = {};
  for (const field of VERSION_FIELDS) {
    const value = textOf(parts, field);
    if (value !== undefined) info[field] = value;
  }
  return info as XzufiVersionsinformation;
}

/**
 * Text per language from elements carrying `languageCode` (`inhalt`, `bezeichnung`). HTML is
 * stripped; markup that arrived unescaped (as child elements) is read as text too.
 */
export function readLocalized(elements: readonly XmlElement[]): LocalizedText {
  const texts: LocalizedText = {};
  for (const element of elements) {
    const raw = element.children().length > 0 ? element.deepText() : element.text();
    addLocalized(texts, element.attr('languageCode'), htmlToText(raw));
  }
  return texts;
}
