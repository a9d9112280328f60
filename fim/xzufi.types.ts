/** Records read from XZuFi 2.1.0, 2.2.0 and 2.3.1 transfer messages (`schreibe` / `loesche`). */
import type { FimProblem, LocalizedText } from './types';

export type XzufiVersion = '2.1.0' | '2.2.0' | '2.3.1';

/** An XZuFi identifier; unique only together with `schemeAgencyID` (the Redaktion). */
export interface XzufiId {
  value: string;
  schemeAgencyID?: string;
  schemeID?: string;
  /** `schemeAgencyID:value`, or `value` alone when no agency is given. */
  key: string;
}

export interface XzufiGueltigkeit {
  beginn?: string;
  ende?: string;
}

export interface XzufiVersionsinformation {
  erstelltDatumZeit?: string;
  erstelltDurch?: string;
  geaendertDatumZeit?: string;
  geaendertDurch?: string;
  version?: string;
}

/** One `modulText`: the LeiKa text module code (`02`, `03`, `05`, …) and its text per language. */
export interface XzufiTextmodul {
  code: string;
  /** HTML stripped to plain text; languages whose text is empty (e.g. only `<br>`) are left out. */
  texte: LocalizedText;
}

/**
 * One cost item (`kosten`) of a `modulKosten`; see `xzufi-kosten.ts` for what is read and on
 * what evidence. Amounts are in `waehrung` (mostly EUR) where the file names one.
 */
export interface XzufiKostenposition {
  /** Cost type code as written (`kostenart`/`kostentyp`/`typ`); not interpreted. */
  typ?: string;
  /** A fixed amount. */
  betrag?: number;
  /** Bounds of a variable amount (`betragVariabel`); either may be missing. */
  betragMin?: number;
  betragMax?: number;
  waehrung?: string;
  /** Payable in advance. */
  vorkasse?: boolean;
  beschreibung: LocalizedText;
}

/** The fee information (`modulKosten`) of a Leistung. */
export interface XzufiKosten {
  positionen: XzufiKostenposition[];
  /** The module's own description (HTML stripped), besides the items'. */
  beschreibung: LocalizedText;
  /**
   * True: a fee is charged (an amount above zero); false: the module states the Leistung is free;
   * missing: the module does not say (e.g. only free text), which is unknown, not free.
   */
  feeBearing?: boolean;
}

interface XzufiRecord {
  /** Element path of the object, e.g. `/xzufi.transfer/schreibe[3]/leistung`. */
  path: string;
  /** 1-based position of its `schreibe`/`loesche` block in the message (blocks may depend on order). */
  position: number;
  /** False when any problem of this record is an error. */
  valid: boolean;
  problems: FimProblem[];
}

export interface XzufiLeistung extends XzufiRecord {
  kind: 'leistung';
  id?: XzufiId;
  /** Valid 14-digit Leistungsschlüssel in document order; the first is the primary one. */
  leistungsschluessel: string[];
  /** Leistungsbezeichnung (text module `02`). */
  bezeichnung: LocalizedText;
  /** Leistungsbezeichnung II (text module `03`). */
  bezeichnung2: LocalizedText;
  /** Kurztext (text module `05`). */
  kurztext: LocalizedText;
  /** All non-empty text modules, including the three above. */
  textmodule: XzufiTextmodul[];
  /** Typisierung codes as written (`1`, `2/3`, `4a`, …). */
  typisierung: string[];
  /** Leistungsadressat codes (`001` Bürger, `002` Unternehmen, `003` Verwaltung). */
  leistungsadressat: string[];
  vertrauensniveau?: string;
  /** Fee information; missing when the Leistung has no `modulKosten`. */
  kosten?: XzufiKosten;
  gueltigkeit: XzufiGueltigkeit[];
  versionsinformation?: XzufiVersionsinformation;
}

export interface XzufiOnlinedienstLink {
  url: string;
  typ?: string;
  titel?: string;
  languageCode?: string;
}

export interface XzufiOnlinedienst extends XzufiRecord {
  kind: 'onlinedienst';
  id?: XzufiId;
  bezeichnung: LocalizedText;
  links: XzufiOnlinedienstLink[];
  /** Leistungen named inside the Onlinedienst (its own `zustaendigkeit`/`leistungID`). */
  leistungIds: XzufiId[];
  vertrauensniveau?: string;
  gueltigkeit: XzufiGueltigkeit[];
  versionsinformation?: XzufiVersionsinformation;
}

/** An area a Zuständigkeit covers; `ars` is set when the `gebietID` holds a 12-digit ARS. */
export interface XzufiGebiet {
  id: string;
  schemeID?: string;
  ars?: string;
}

/**
 * One Zuständigkeit: a Leistung, for some areas, is the task of an object (an
 * Organisationseinheit, an Onlinedienst or a Formular). Read from `zustaendigkeitTransferObjekt`
 * blocks and from `zustaendigkeit` elements nested in Organisationseinheiten and Onlinedienste.
 */
export interface XzufiZustaendigkeit extends XzufiRecord {
  kind: 'zustaendigkeit';
  quelle: 'zustaendigkeitTransferObjekt' | 'organisationseinheit' | 'onlinedienst';
  id?: XzufiId;
  /** Which kind of object is responsible, from `xsi:type` or the id's `schemeID`. */
  art?: 'organisationseinheit' | 'onlinedienst' | 'formular';
  /** The responsible object (`uebergeordnetesObjektID`, or the enclosing object). */
  zustaendigesObjektId?: XzufiId;
  leistungId?: XzufiId;
  /** Set when `leistungID` itself is a 14-digit Leistungsschlüssel (heuristic). */
  leistungsschluessel?: string;
  gebiete: XzufiGebiet[];
  rolle?: string;
}

export interface XzufiOrganisationseinheit extends XzufiRecord {
  kind: 'organisationseinheit';
  id?: XzufiId;
  name?: string;
}

/** A `loesche` block: delete the object of class `klasse` with this id. */
export interface XzufiLoeschung {
  klasse: string;
  id: XzufiId;
  path: string;
  position: number;
}

/** Records of a transfer message, or of one of its blocks. */
export interface XzufiRecords {
  leistungen: XzufiLeistung[];
  onlinedienste: XzufiOnlinedienst[];
  zustaendigkeiten: XzufiZustaendigkeit[];
  organisationseinheiten: XzufiOrganisationseinheit[];
  loeschungen: XzufiLoeschung[];
  /** Objects in `schreibe` that are not read (e.g. `spezialisierung`), counted by local name. */
  ignored: Record<string, number>;
}

/** What the root element tells about a transfer message, before any block is read. */
export interface XzufiMessageHead {
  format: 'xzufi';
  version: XzufiVersion;
  namespace: string;
  /** Local name of the root element (the message name). */
  messageName: string;
  /** The root's `xzufiVersion` attribute, when present. */
  xzufiVersionAttribut?: string;
}

/** The records of one `schreibe` or `loesche` block (or of the `nachrichtenkopf`). */
export interface XzufiPart extends XzufiRecords {
  /** 1-based block position, as in the records' `position`; 0 for the `nachrichtenkopf`. */
  position: number;
  nachrichtenkopf?: Record<string, string>;
}

/**
 * A transfer message read one block at a time (see `openFimDocument`): iterate `parts` once;
 * `problems` grows as blocks are read. Reading throws `FimParseError` (`unknown-format`) at the
 * end when the message held neither `schreibe` nor `loesche`.
 */
export interface XzufiMessageStream extends XzufiMessageHead {
  parts: Iterable<XzufiPart>;
  /** How many child elements the root has (blocks to read), for progress display. */
  blockCount: number;
  problems: FimProblem[];
}

/** A whole transfer message, all blocks collected. */
export interface XzufiDocument extends XzufiMessageHead, XzufiRecords {
  /** Simple children of `nachrichtenkopf` by local name (`nachrichtUUID`, `erstelltDatumZeit`, …). */
  nachrichtenkopf: Record<string, string>;
  /** All problems of the document, including every record's. */
  problems: FimProblem[];
}
