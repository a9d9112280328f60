/** Records read from XDatenfelder 2.0 and 3.0.0 messages. */
import type { FimProblem } from './types';

export type XdfVersion = '2.0' | '3.0.0';
export type XdfMessageType = 'stammdatenschema' | 'datenfeldgruppe' | 'datenfeld';

/** Freigabestatus (3.0, codes 1–8) or status (2.0, `aktiv`, `inVorbereitung`, …). */
export interface XdfStatus {
  codeList: 'freigabestatus' | 'status';
  code: string;
  /** German label for known codes. */
  label?: string;
}

export interface XdfBezug {
  text: string;
  link?: string;
}

/** Reference from a `struktur` entry to a definition in `gruppen` / `felder`. */
export interface XdfRef {
  kind: 'datenfeldgruppe' | 'datenfeld';
  id: string;
  version?: string;
  /** `id@version`, or `id` when the version is missing (possible in 2.0). */
  key: string;
}

/** One `struktur` entry: what is contained, how often, and on which legal basis. */
export interface XdfStruktur {
  /** As written, e.g. `0:1`, `1:*`. */
  anzahl: string;
  min?: number;
  /** `null` for an unbounded maximum (`*`). */
  max?: number | null;
  bezug: XdfBezug[];
  enthaelt?: XdfRef;
}

export interface XdfRelation {
  praedikat?: string;
  objektId?: string;
  objektVersion?: string;
}

interface XdfElement {
  id: string;
  version?: string;
  key: string;
  /** Path of the first occurrence. */
  path: string;
  name?: string;
  beschreibung?: string;
  definition?: string;
  bezug: XdfBezug[];
  status?: XdfStatus;
  versionshinweis?: string;
  bezeichnungEingabe?: string;
  bezeichnungAusgabe?: string;
  schemaelementart?: string;
  gueltigAb?: string;
  gueltigBis?: string;
  /** `letzteAenderung` (3.0) or `freigabedatum` (2.0). */
  letzteAenderung?: string;
  veroeffentlichungsdatum?: string;
  /** Keys of the rules attached to this element. */
  regeln: string[];
  relationen: XdfRelation[];
}

export interface XdfSchema extends XdfElement {
  kind: 'stammdatenschema';
  bezeichnung?: string;
  dokumentsteckbrief?: { id: string; version?: string };
  struktur: XdfStruktur[];
}

export interface XdfGruppe extends XdfElement {
  kind: 'datenfeldgruppe';
  struktur: XdfStruktur[];
}

export interface XdfCodelisteReferenz {
  /** Code list id (2.0 `identifikation/id`, e.g. `C05000073`). */
  id?: string;
  /** Canonical identification (Kennung), e.g. `urn:de:fim:codeliste:zustimmung`. */
  kennung?: string;
  version?: string;
  canonicalVersionUri?: string;
}

export interface XdfWert {
  code: string;
  name?: string;
  hilfe?: string;
}

export interface XdfFeld extends XdfElement {
  kind: 'datenfeld';
  feldart?: string;
  datentyp?: string;
  /** 3.0: the attributes of `praezisierung`; 2.0: its JSON text read as an object, else `{ text }`. */
  praezisierung?: Record<string, string>;
  inhalt?: string;
  vorbefuellung?: string;
  codelisteReferenz?: XdfCodelisteReferenz;
  /** Inline values (3.0 `werte/wert`). */
  werte: XdfWert[];
  maxSize?: string;
  mediaType: string[];
}

export interface XdfRegel {
  kind: 'regel';
  id: string;
  version?: string;
  key: string;
  path: string;
  name?: string;
  beschreibung?: string;
  freitextRegel?: string;
  /** `skript` (3.0) or `script` (2.0). */
  skript?: string;
  typ?: string;
}

/** A Leistungsschlüssel found in free text of the message's root element (a heuristic). */
export interface XdfLeistungsschluesselFund {
  schluessel: string;
  source: 'text';
  field: 'beschreibung' | 'definition' | 'bezug';
  elementKey: string;
}

/** What a message says about itself, known before its tree is walked. */
export interface XdfMessageHead {
  format: 'xdatenfelder';
  version: XdfVersion;
  messageType: XdfMessageType;
  namespace: string;
  /** Simple children of `header` (`nachrichtID`, `erstellungszeitpunkt`, …). */
  header: Record<string, string>;
}

/** Everything a message defines: its own element, groups, fields and rules. */
export type XdfDefinition = XdfSchema | XdfGruppe | XdfFeld | XdfRegel;

/**
 * A message read as its tree is walked (see `openFimDocument`): iterate `definitions` once.
 * Each id+version comes once (its first definition), as soon as it is complete: a field or rule
 * when read, a group after the entries it contains, the message's own element (key `rootKey`)
 * last. `problems` grows while iterating.
 */
export interface XdfMessageStream extends XdfMessageHead {
  /** Key of the message's own element (the schema, or the group or field of such a message). */
  rootKey: string;
  definitions: Iterable<XdfDefinition>;
  problems: FimProblem[];
  /**
   * The innermost `struktur` entries (one field each) in the file and how many have been read
   * so far, for a progress display.
   */
  entries: { total: number; read: number };
}

/** A whole message, every definition collected. */
export interface XdfDocument extends XdfMessageHead {
  /** The message's element: the schema, or the group/field of a group/field message. */
  root: XdfSchema | XdfGruppe | XdfFeld;
  /** One definition per id+version, in order of first occurrence; a group message's root is included. */
  gruppen: XdfGruppe[];
  felder: XdfFeld[];
  regeln: XdfRegel[];
  leistungsschluessel: XdfLeistungsschluesselFund[];
  problems: FimProblem[];
}
