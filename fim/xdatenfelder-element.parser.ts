/**
 * The parts every XDatenfelder element shares (identification, texts, status, rules, relations)
 * and the details of a Datenfeld. Differences between 2.0 and 3.0.0 are handled field by field:
 * `status` vs `freigabestatus`, `script` vs `skript`, `freigabedatum` vs `letzteAenderung`,
 * `codelisteReferenz` with or without `genericodeIdentification`.
 */
import { all, type Children, codeOf, dropUndefined, first, nonEmpty, textOf } from './element-readers';
import type { ProblemSink } from './problems';
import type { XmlElement } from './xml';
import type {
  XdfBezug,
  XdfCodelisteReferenz,
  XdfFeld,
  XdfRegel,
  XdfRelation,
  XdfStatus,
  XdfVersion,
  XdfWert,
} from './xdatenfelder.types';

export interface XdfContext {
  namespace: string;
  version: XdfVersion;
  sink: ProblemSink;
  /** Keys of the rules read so far: each id+version is kept once, the first definition. */
  regelKeys: Set<string>;
  /** Rules read but not yet handed out (see `openXdatenfelderMessage`). */
  newRegeln: XdfRegel[];
}

export interface XdfIdentity {
  id: string;
  version?: string;
  key: string;
}

/** Freigabestatus (code list urn:xoev-de:xprozess:codeliste:status). */
const FREIGABESTATUS: Readonly<Record<string, string>> = {
  '1': 'in Planung',
  '2': 'in Bearbeitung',
  '3': 'Entwurf',
  '4': 'methodisch freigegeben',
  '5': 'fachlich freigegeben (silber)',
  '6': 'fachlich freigegeben (gold)',
  '7': 'inaktiv',
  '8': 'vorgesehen zum Löschen',
};
const STATUS_2: Readonly<Record<string, string>> = {
  aktiv: 'aktiv',
  inVorbereitung: 'in Vorbereitung',
  inaktiv: 'inaktiv',
};

/** `identifikation/id` and `/version`; reports and returns undefined when the id is missing. */
export function readIdentity(element: XmlElement, children: Children, ctx: XdfContext): XdfIdentity | undefined {
  const identifikation = first(children, 'identifikation');
  const parts = identifikation?.groups(ctx.namespace);
  const id = parts && textOf(parts, 'id');
  if (id === undefined) {
    ctx.sink.error(undefined, 'missing-id', `${element.localName} ohne identifikation/id übersprungen.`, element.path);
    return undefined;
  }
  const version = parts && textOf(parts, 'version');
  return { id, ...(version !== undefined && { version }), key: version !== undefined ? `${id}@${version}` : id };
}

/** The fields of `XdfElement` other than identity and path. */
export function readCommon(children: Children, ctx: XdfContext) {
  const common = {
    name: textOf(children, 'name'),
    beschreibung: textOf(children, 'beschreibung'),
    definition: textOf(children, 'definition'),
    bezug: readBezug(children),
    status: readStatus(children, ctx.version),
    versionshinweis: textOf(children, 'versionshinweis'),
    bezeichnungEingabe: textOf(children, 'bezeichnungEingabe'),
    bezeichnungAusgabe: textOf(children, 'bezeichnungAusgabe'),
    schemaelementart: codeAt(children, 'schemaelementart'),
    gueltigAb: textOf(children, 'gueltigAb'),
    gueltigBis: textOf(children, 'gueltigBis'),
    letzteAenderung: textOf(children, 'letzteAenderung') ?? textOf(children, 'freigabedatum'),
    veroeffentlichungsdatum: textOf(children, 'veroeffentlichungsdatum'),
    regeln: all(children, 'regel').flatMap((regel) => registerRegel(regel, ctx)),
    relationen: all(children, 'relation').map((relation) => readRelation(relation, ctx.namespace)),
  };
  return dropUndefined(common);
}

/** `bezug` elements (repeatable with `@link` in 3.0, one text in 2.0); empty ones are left out. */
export function readBezug(children: Children): XdfBezug[] {
  const result: XdfBezug[] = [];
  for (const element of all(children, 'bezug')) {
    const text = nonEmpty(element.text());
    const link = nonEmpty(element.attr('link') ?? '');
    if (text !== undefined || link !== undefined) result.push({ text: text ?? '', ...(link && { link }) });
  }
  return result;
}

/** The code of the first child of that name (see `codeOf`). */
export function codeAt(children: Children, name: string): string | undefined {
  const element = first(children, name);
  return element && codeOf(element);
}

function readStatus(children: Children, version: XdfVersion): XdfStatus | undefined {
  const codeList = version === '2.0' ? 'status' : 'freigabestatus';
  const code = codeAt(children, codeList);
  if (code === undefined) return undefined;
  const label = (version === '2.0' ? STATUS_2 : FREIGABESTATUS)[code];
  return { codeList, code, ...(label && { label }) };
}

/** Reads a rule, keeps the first definition per id+version, and returns its key. */
function registerRegel(element: XmlElement, ctx: XdfContext): string[] {
  const children = element.groups(ctx.namespace);
  const identity = readIdentity(element, children, ctx);
  if (!identity) return [];
  if (!ctx.regelKeys.has(identity.key)) {
    const regel: XdfRegel = {
      kind: 'regel',
      ...identity,
      path: element.path,
      name: textOf(children, 'name'),
      beschreibung: textOf(children, 'beschreibung'),
      freitextRegel: textOf(children, 'freitextRegel'),
      skript: textOf(children, 'skript') ?? textOf(children, 'script'),
      typ: codeAt(children, 'typ'),
    };
    ctx.regelKeys.add(identity.key);
    ctx.newRegeln.push(dropUndefined(regel));
  }
  return [identity.key];
}

function readRelation(element: XmlElement, namespace: string): XdfRelation {
  const children = element.groups(namespace);
  const objekt = first(children, 'objekt')?.groups(namespace);
  return dropUndefined({
    praedikat: codeAt(children, 'praedikat'),
    objektId: objekt && textOf(objekt, 'id'),
    objektVersion: objekt && textOf(objekt, 'version'),
  });
}

/** The Datenfeld-specific part of `XdfFeld`. */
export function readFeldDetails(children: Children, namespace: string) {
  const praezisierung = first(children, 'praezisierung');
  const werte = first(children, 'werte')?.groups(namespace);
  const details: Partial<XdfFeld> & Pick<XdfFeld, 'werte' | 'mediaType'> = {
    feldart: codeAt(children, 'feldart'),
    datentyp: codeAt(children, 'datentyp'),
    praezisierung: praezisierung && readPraezisierung(praezisierung),
    inhalt: textOf(children, 'inhalt'),
    vorbefuellung: codeAt(children, 'vorbefuellung'),
    codelisteReferenz: readCodelisteReferenz(first(children, 'codelisteReferenz'), namespace),
    werte: werte ? all(werte, 'wert').flatMap((wert) => readWert(wert, namespace)) : [],
    maxSize: textOf(children, 'maxSize'),
    mediaType: all(children, 'mediaType').flatMap((element) => nonEmpty(element.text()) ?? []),
  };
  return dropUndefined(details);
}

/** 3.0 writes limits as attributes; 2.0 as text, usually JSON (`{"minLength":"1"}`). */
function readPraezisierung(element: XmlElement): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name !== 'xmlns' && !name.includes(':')) result[name] = value;
  }
  const text = nonEmpty(element.text());
  if (text !== undefined) Object.assign(result, parseJsonObject(text) ?? { text });
  return Object.keys(result).length > 0 ? result : undefined;
}

function parseJsonObject(text: string): Record<string, string> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
  } catch {
    return undefined;
  }
}

function readCodelisteReferenz(element: XmlElement | undefined, namespace: string): XdfCodelisteReferenz | undefined {
  if (!element) return undefined;
  const children = element.groups(namespace);
  const identifikation = first(children, 'identifikation')?.groups(namespace);
  const genericode = first(children, 'genericodeIdentification')?.groups(namespace) ?? children;
  return dropUndefined({
    id: identifikation && textOf(identifikation, 'id'),
    kennung: textOf(genericode, 'canonicalIdentification'),
    version: textOf(genericode, 'version'),
    canonicalVersionUri: textOf(genericode, 'canonicalVersionUri'),
  });
}

function readWert(element: XmlElement, namespace: string): XdfWert[] {
  const children = element.groups(namespace);
  const code = textOf(children, 'code');
  if (code === undefined) return [];
  return [dropUndefined({ code, name: textOf(children, 'name'), hilfe: textOf(children, 'hilfe') })];
}
