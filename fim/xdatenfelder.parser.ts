/**
 * XDatenfelder 2.0 / 3.0.0 messages (`stammdatenschema.0102`, `datenfeldgruppe.0103`,
 * `datenfeld.0104`). Groups and fields are written inline wherever they are used, so the same
 * definition occurs many times: each id+version is kept once (the first occurrence, with a
 * warning if a later one differs), and `struktur` entries reference it by key with their
 * cardinality. The tree is walked lazily and hands out each definition when complete, so an
 * importer can write a large schema in batches without holding all of it.
 */
import { dropUndefined, first, simpleChildren, textOf } from './element-readers';
import { FimParseError } from './errors';
import { findLeistungsschluesselInText } from './leistungsschluessel';
import type { ProblemSink } from './problems';
import type { XmlElement } from './xml';
import { readBezug, readCommon, readFeldDetails, readIdentity, type XdfContext } from './xdatenfelder-element.parser';
import type {
  XdfDefinition,
  XdfDocument,
  XdfFeld,
  XdfGruppe,
  XdfLeistungsschluesselFund,
  XdfMessageStream,
  XdfMessageType,
  XdfRef,
  XdfRegel,
  XdfSchema,
  XdfStruktur,
  XdfVersion,
} from './xdatenfelder.types';

/** A group or field seen before: when, and its signature once it is complete. */
interface Seen {
  order: number;
  signature?: string;
  /** Copies met while the first one was still being read (a group inside itself). */
  pending?: { signature: string; path: string }[];
}

interface Registry extends XdfContext {
  gruppen: Map<string, Seen>;
  felder: Map<string, Seen>;
  entries: XdfMessageStream['entries'];
}

type Walk<T> = Generator<XdfDefinition, T, undefined>;

function missingTop(root: XmlElement, top: XmlElement | undefined, messageType: XdfMessageType): FimParseError {
  return new FimParseError(
    'invalid-structure',
    `Die Nachricht ${root.localName} enthält kein lesbares Element ${messageType}.`,
    { path: top?.path ?? root.path },
  );
}

function open(
  root: XmlElement,
  format: { version: XdfVersion; namespace: string; messageType: XdfMessageType },
  sink: ProblemSink,
  entryTotal: number,
): { stream: XdfMessageStream; ctx: Registry } {
  const children = root.groups(format.namespace);
  const entries = { total: entryTotal, read: 0 };
  const ctx: Registry = {
    ...format,
    sink,
    regelKeys: new Set(),
    newRegeln: [],
    gruppen: new Map(),
    felder: new Map(),
    entries,
  };
  const header = first(children, 'header');
  const top = first(children, format.messageType);
  const identity = top && readIdentity(top, top.groups(format.namespace), ctx);
  if (!top || !identity) throw missingTop(root, top, format.messageType);
  const stream: XdfMessageStream = {
    format: 'xdatenfelder',
    version: format.version,
    messageType: format.messageType,
    namespace: format.namespace,
    header: header ? simpleChildren(header) : {},
    rootKey: identity.key,
    definitions: walkTop(top, format.messageType, ctx),
    problems: sink.all,
    entries,
  };
  return { stream, ctx };
}

/**
 * Opens a message whose root is already known to be XDatenfelder `version`/`messageType`: reads
 * the header and the identity of the message's element at once, and walks the tree as the
 * caller iterates `definitions` (see {@link XdfMessageStream}). `entryTotal` is the number of
 * innermost `struktur` entries, as the prescan counted them, for `entries.total`.
 *
 * @throws FimParseError `invalid-structure` when the message's element is missing or has no id
 */
export function openXdatenfelderMessage(
  root: XmlElement,
  format: { version: XdfVersion; namespace: string; messageType: XdfMessageType },
  sink: ProblemSink,
  entryTotal = 0,
): XdfMessageStream {
  return open(root, format, sink, entryTotal).stream;
}

/** Reads a whole message (see {@link openXdatenfelderMessage}), every definition collected. */
export function parseXdatenfelderMessage(
  root: XmlElement,
  format: { version: XdfVersion; namespace: string; messageType: XdfMessageType },
  sink: ProblemSink,
): XdfDocument {
  const { stream, ctx } = open(root, format, sink, 0);
  const gruppen: XdfGruppe[] = [];
  const felder: XdfFeld[] = [];
  const regeln: XdfRegel[] = [];
  let element: XdfSchema | XdfGruppe | XdfFeld | undefined;
  for (const definition of stream.definitions) {
    if (definition.kind === 'datenfeldgruppe') gruppen.push(definition);
    else if (definition.kind === 'datenfeld') felder.push(definition);
    else if (definition.kind === 'regel') regeln.push(definition);
    if (definition.kind === format.messageType && definition.key === stream.rootKey) element = definition;
  }
  if (!element) throw missingTop(root, undefined, format.messageType);
  // Groups come out when complete; collected, they are listed as they were first read.
  gruppen.sort((a, b) => (ctx.gruppen.get(a.key)?.order ?? 0) - (ctx.gruppen.get(b.key)?.order ?? 0));
  const { version, messageType, namespace, header, problems } = stream;
  return {
    format: 'xdatenfelder',
    version,
    messageType,
    namespace,
    header,
    root: element,
    gruppen,
    felder,
    regeln,
    leistungsschluessel: leistungsschluesselOf(element),
    problems,
  };
}

function* walkTop(element: XmlElement, messageType: XdfMessageType, ctx: Registry): Walk<void> {
  if (messageType === 'stammdatenschema') yield* walkSchema(element, ctx);
  else if (messageType === 'datenfeldgruppe') yield* walkGruppe(element, ctx);
  else yield* walkFeld(element, ctx);
}

/** Rules read since the last call, in reading order. */
function* newRegeln(ctx: Registry): Walk<void> {
  while (ctx.newRegeln.length > 0) yield ctx.newRegeln.shift() as XdfRegel;
}

function* walkSchema(element: XmlElement, ctx: Registry): Walk<void> {
  const children = element.groups(ctx.namespace);
  const identity = readIdentity(element, children, ctx);
  if (!identity) return;
  const steckbrief = first(children, 'dokumentsteckbrief')?.groups(ctx.namespace);
  const steckbriefId = steckbrief && textOf(steckbrief, 'id');
  const steckbriefVersion = steckbrief && textOf(steckbrief, 'version');
  const schema: XdfSchema = dropUndefined({
    kind: 'stammdatenschema' as const,
    ...identity,
    path: element.path,
    ...readCommon(children, ctx),
    bezeichnung: textOf(children, 'bezeichnung'),
    dokumentsteckbrief: steckbriefId
      ? { id: steckbriefId, ...(steckbriefVersion !== undefined && { version: steckbriefVersion }) }
      : undefined,
    struktur: [],
  });
  yield* newRegeln(ctx);
  for (const entry of children.get('struktur') ?? []) schema.struktur.push(yield* walkStruktur(entry, ctx));
  yield schema;
}

/**
 * Reads a group and hands it out once its entries are read; a group seen before is read again
 * (a differing copy may hold new definitions) and compared, but not handed out twice.
 */
function* walkGruppe(element: XmlElement, ctx: Registry): Walk<XdfRef | undefined> {
  const children = element.groups(ctx.namespace);
  const identity = readIdentity(element, children, ctx);
  if (!identity) return undefined;
  const known = ctx.gruppen.get(identity.key);
  const seen: Seen = known ?? { order: ctx.gruppen.size };
  if (!known) ctx.gruppen.set(identity.key, seen);
  const gruppe: XdfGruppe = {
    kind: 'datenfeldgruppe',
    ...identity,
    path: element.path,
    ...readCommon(children, ctx),
    struktur: [],
  };
  yield* newRegeln(ctx);
  for (const entry of children.get('struktur') ?? []) gruppe.struktur.push(yield* walkStruktur(entry, ctx));
  const signature = signatureOfGruppe(gruppe);
  if (known) {
    if (known.signature === undefined) (known.pending ??= []).push({ signature, path: element.path });
    else compareSignatures(known.signature, signature, ctx, element.path);
  } else {
    seen.signature = signature;
    for (const copy of seen.pending ?? []) compareSignatures(signature, copy.signature, ctx, copy.path);
    seen.pending = undefined;
    yield gruppe;
  }
  return { kind: 'datenfeldgruppe', ...identity };
}

function* walkFeld(element: XmlElement, ctx: Registry): Walk<XdfRef | undefined> {
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
  yield* newRegeln(ctx);
  const signature = signatureOfFeld(feld);
  const known = ctx.felder.get(identity.key);
  if (known) {
    compareSignatures(known.signature ?? '', signature, ctx, element.path);
  } else {
    ctx.felder.set(identity.key, { order: ctx.felder.size, signature });
    yield feld;
  }
  return { kind: 'datenfeld', ...identity };
}

function* walkStruktur(element: XmlElement, ctx: Registry): Walk<XdfStruktur> {
  const children = element.groups(ctx.namespace);
  const anzahl = textOf(children, 'anzahl') ?? '';
  const bounds = parseAnzahl(anzahl);
  if (!bounds) ctx.sink.warning(undefined, 'invalid-value', `Ungültige anzahl „${anzahl}“.`, element.path);
  const enthaelt = first(children, 'enthaelt')?.groups(ctx.namespace);
  const gruppe = enthaelt && first(enthaelt, 'datenfeldgruppe');
  const feld = enthaelt && first(enthaelt, 'datenfeld');
  const ref = gruppe ? yield* walkGruppe(gruppe, ctx) : feld ? yield* walkFeld(feld, ctx) : undefined;
  // Innermost, as the prescan counts them: no entries of its own below.
  if (!gruppe || !gruppe.groups(ctx.namespace).has('struktur')) ctx.entries.read += 1;
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

function compareSignatures(known: string, again: string, ctx: Registry, path: string): void {
  if (known === again) return;
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

/** Leistungsschlüssel in the free text of a message's own element, each with the field it was found in. */
export function leistungsschluesselOf(element: XdfSchema | XdfGruppe | XdfFeld): XdfLeistungsschluesselFund[] {
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
