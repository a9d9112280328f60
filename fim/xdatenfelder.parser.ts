/**
 * XDatenfelder 2.0 / 3.0.0 messages (`stammdatenschema.0102`, `datenfeldgruppe.0103`,
 * `datenfeld.0104`). Groups and fields are written inline wherever they are used, so the same
 * definition occurs many times: each id+version is kept once (the first occurrence, with a
 * warning if a later one differs), and `struktur` entries reference it by key with their
 * cardinality.
 */
import { dropUndefined, first, simpleChildren, textOf } from './element-readers';
import { FimParseError } from './errors';
import { findLeistungsschluesselInText } from './leistungsschluessel';
import type { ProblemSink } from './problems';
import type { XmlElement } from './xml';
import { readBezug, readCommon, readFeldDetails, readIdentity, type XdfContext } from './xdatenfelder-element.parser';
import type {
  XdfDocument,
  XdfFeld,
  XdfGruppe,
  XdfLeistungsschluesselFund,
  XdfMessageType,
  XdfRef,
  XdfSchema,
  XdfStruktur,
  XdfVersion,
} from './xdatenfelder.types';

interface Registry extends XdfContext {
  gruppen: Map<string, XdfGruppe>;
  felder: Map<string, XdfFeld>;
}

/** Reads a whole message whose root is already known to be XDatenfelder `version`/`messageType`. */
export function parseXdatenfelderMessage(
  root: XmlElement,
  format: { version: XdfVersion; namespace: string; messageType: XdfMessageType },
  sink: ProblemSink,
): XdfDocument {
  const children = root.groups(format.namespace);
  const ctx: Registry = { ...format, sink, regeln: new Map(), gruppen: new Map(), felder: new Map() };
  const header = first(children, 'header');
  const top = first(children, format.messageType);
  const element = top && readTop(top, format.messageType, ctx);
  if (!element) {
    throw new FimParseError(
      'invalid-structure',
      `Die Nachricht ${root.localName} enthält kein lesbares Element ${format.messageType}.`,
      { path: top?.path ?? root.path },
    );
  }
  return {
    format: 'xdatenfelder',
    version: format.version,
    messageType: format.messageType,
    namespace: format.namespace,
    header: header ? simpleChildren(header) : {},
    root: element,
    gruppen: [...ctx.gruppen.values()],
    felder: [...ctx.felder.values()],
    regeln: [...ctx.regeln.values()],
    leistungsschluessel: findLeistungsschluessel(element),
    problems: sink.all,
  };
}

function readTop(element: XmlElement, messageType: XdfMessageType, ctx: Registry) {
  if (messageType === 'stammdatenschema') return readSchema(element, ctx);
  const ref = messageType === 'datenfeldgruppe' ? readGruppe(element, ctx) : readFeld(element, ctx);
  return ref && (ref.kind === 'datenfeldgruppe' ? ctx.gruppen.get(ref.key) : ctx.felder.get(ref.key));
}

function readSchema(element: XmlElement, ctx: Registry): XdfSchema | undefined {
  const children = element.groups(ctx.namespace);
  const identity = readIdentity(element, children, ctx);
  if (!identity) return undefined;
  const steckbrief = first(children, 'dokumentsteckbrief')?.groups(ctx.namespace);
  const steckbriefId = steckbrief && textOf(steckbrief, 'id');
  const steckbriefVersion = steckbrief && textOf(steckbrief, 'version');
  return dropUndefined({
    kind: 'stammdatenschema' as const,
    ...identity,
    path: element.path,
    ...readCommon(children, ctx),
    bezeichnung: textOf(children, 'bezeichnung'),
    dokumentsteckbrief: steckbriefId
      ? { id: steckbriefId, ...(steckbriefVersion !== undefined && { version: steckbriefVersion }) }
      : undefined,
    struktur: (children.get('struktur') ?? []).map((entry) => readStruktur(entry, ctx)),
  });
}

/** Registers the group (pre-order, so definitions come out in reading order) and returns its reference. */
function readGruppe(element: XmlElement, ctx: Registry): XdfRef | undefined {
  const children = element.groups(ctx.namespace);
  const identity = readIdentity(element, children, ctx);
  if (!identity) return undefined;
  const known = ctx.gruppen.get(identity.key);
  const gruppe: XdfGruppe = {
    kind: 'datenfeldgruppe',
    ...identity,
    path: element.path,
    ...readCommon(children, ctx),
    struktur: [],
  };
  if (!known) ctx.gruppen.set(identity.key, gruppe);
  // Nested definitions are read even inside a repeated group: a differing copy may hold new ones.
  for (const entry of children.get('struktur') ?? []) gruppe.struktur.push(readStruktur(entry, ctx));
  if (known) compareDuplicate(known, gruppe, signatureOfGruppe, ctx, element.path);
  return { kind: 'datenfeldgruppe', ...identity };
}

function readFeld(element: XmlElement, ctx: Registry): XdfRef | undefined {
  const children = element.groups(ctx.namespace);
  const identity = readIdentity(element, children, ctx);
  if (!identity) return undefined;
  const feld: XdfFeld = {
    kind: 'datenfeld',
    ...identity,
    path: element.path,
    ...readCommon(children, ctx),
    ...readFeldDetails(children, ctx.namespace),
  };
  const known = ctx.felder.get(identity.key);
  if (known) compareDuplicate(known, feld, signatureOfFeld, ctx, element.path);
  else ctx.felder.set(identity.key, feld);
  return { kind: 'datenfeld', ...identity };
}

function readStruktur(element: XmlElement, ctx: Registry): XdfStruktur {
  const children = element.groups(ctx.namespace);
  const anzahl = textOf(children, 'anzahl') ?? '';
  const bounds = parseAnzahl(anzahl);
  if (!bounds) ctx.sink.warning(undefined, 'invalid-value', `Ungültige anzahl „${anzahl}“.`, element.path);
  const enthaelt = first(children, 'enthaelt')?.groups(ctx.namespace);
  const gruppe = enthaelt && first(enthaelt, 'datenfeldgruppe');
  const feld = enthaelt && first(enthaelt, 'datenfeld');
  const ref = gruppe ? readGruppe(gruppe, ctx) : feld ? readFeld(feld, ctx) : undefined;
  if (!ref) ctx.sink.warning(undefined, 'missing-element', 'struktur ohne lesbares enthaelt.', element.path);
  const struktur = { anzahl, ...bounds, bezug: readBezug(children), ...(ref && { enthaelt: ref }) };
  // Everything is read out of the entry: let its tree go (the innermost are parsed on their own,
  // see `xml-skeleton.ts`, so only one field's tree is alive at a time).
  element.release();
  return struktur;
}

/** `0:1` → 0..1, `1:*` → 1..unbounded (`max: null`); undefined when unreadable. */
export function parseAnzahl(anzahl: string): { min: number; max: number | null } | undefined {
  const match = /^\s*(\d+)\s*:\s*(\d+|\*)\s*$/.exec(anzahl);
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === '*' ? null : Number(match[2]);
  return max !== null && max < min ? undefined : { min, max };
}

function compareDuplicate<T>(known: T, again: T, signature: (value: T) => string, ctx: Registry, path: string) {
  if (signature(known) === signature(again)) return;
  ctx.sink.warning(
    undefined,
    'inconsistent-duplicate',
    'Dieselbe id und version kommt mit abweichendem Inhalt vor; die erste Definition gilt.',
    path,
  );
}

function signatureOfGruppe(gruppe: XdfGruppe): string {
  return [gruppe.name, ...gruppe.struktur.map((entry) => `${entry.anzahl}>${entry.enthaelt?.key}`)].join('|');
}

function signatureOfFeld(feld: XdfFeld): string {
  return [feld.name, feld.feldart, feld.datentyp, feld.codelisteReferenz?.kennung, feld.werte.length].join('|');
}

/** Leistungsschlüssel in the root element's free text, each with the field it was found in. */
function findLeistungsschluessel(element: XdfSchema | XdfGruppe | XdfFeld): XdfLeistungsschluesselFund[] {
  const found: XdfLeistungsschluesselFund[] = [];
  const fields: [XdfLeistungsschluesselFund['field'], string | undefined][] = [
    ['beschreibung', element.beschreibung],
    ['definition', element.definition],
    ...element.bezug.map((bezug): [XdfLeistungsschluesselFund['field'], string] => ['bezug', bezug.text]),
  ];
  for (const [field, text] of fields) {
    for (const schluessel of findLeistungsschluesselInText(text ?? '')) {
      if (!found.some((fund) => fund.schluessel === schluessel)) {
        found.push({ schluessel, source: 'text', field, elementKey: element.key });
      }
    }
  }
  return found;
}
