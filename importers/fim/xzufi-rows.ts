import type { FimLeistungTexts } from '../../entities/fim-leistung.entity';
import type { FimLeistungRef, FimOnlinedienstLink } from '../../entities/fim-onlinedienst.entity';
import type {
  LocalizedText,
  XzufiId,
  XzufiKosten,
  XzufiLeistung,
  XzufiOnlinedienst,
  XzufiVersion,
  XzufiZustaendigkeit,
} from '../../fim';
import { canonicalJson, sha256Hex } from '../../lib/hash';

/** An XZuFi object's identity: the Redaktion (`schemeAgencyID`) and its id there. */
export interface XzufiRef {
  redaktion: string;
  fimId: string;
}

/** Map key of a ref. */
export function refKey(ref: XzufiRef): string {
  return `${ref.redaktion}\u0000${ref.fimId}`;
}

/** The ref of an id; an id without `schemeAgencyID` belongs to no named Redaktion (`''`). */
export function refOf(id: XzufiId): XzufiRef {
  return { redaktion: id.schemeAgencyID ?? '', fimId: id.value };
}

/** What every stored XZuFi object has: its ref and the hash of its content. */
export interface XzufiRow {
  ref: XzufiRef;
  hash: string;
}

export interface LeistungRow extends XzufiRow {
  schluessel: string[];
  texts: FimLeistungTexts;
  typisierung: string[];
  adressat: string[];
  vertrauensniveau: string | null;
  /** The fee information as read; only in the hash (there is no column for the items). */
  kosten?: XzufiKosten;
  /** From `kosten`: true fee, false free, null not stated (the stored value then stays). */
  feeBearing: boolean | null;
  gueltigkeit: { beginn?: string; ende?: string }[];
  versionInfo: Record<string, string> | null;
  xzufiVersion: XzufiVersion;
}

export interface OnlinedienstRow extends XzufiRow {
  name: string | null;
  bezeichnung: LocalizedText;
  links: FimOnlinedienstLink[];
  leistungRefs: FimLeistungRef[];
  vertrauensniveau: string | null;
  gueltigkeit: { beginn?: string; ende?: string }[];
  xzufiVersion: XzufiVersion;
}

export interface ZustaendigkeitRow extends XzufiRow {
  quelle: string;
  art: string | null;
  object: XzufiRef | null;
  leistung: XzufiRef;
  leistungsschluessel: string | null;
  rolle: string | null;
  gebiete: { id: string; ars: string | null }[];
}

function hashOf(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

/** German text, else the first language's; undefined when there is none. */
export function preferredText(texts: LocalizedText): string | undefined {
  return texts.de ?? Object.values(texts)[0];
}

/** The row of a valid Leistung with at least one Leistungsschlüssel. */
export function leistungRow(leistung: XzufiLeistung & { id: XzufiId }, version: XzufiVersion): LeistungRow {
  const content = {
    schluessel: leistung.leistungsschluessel,
    texts: {
      bezeichnung: leistung.bezeichnung,
      bezeichnung2: leistung.bezeichnung2,
      kurztext: leistung.kurztext,
      module: leistung.textmodule,
    },
    typisierung: leistung.typisierung,
    adressat: leistung.leistungsadressat,
    vertrauensniveau: leistung.vertrauensniveau ?? null,
    // Only when present, so descriptions without modulKosten keep the hashes they were stored with.
    ...(leistung.kosten && { kosten: leistung.kosten }),
    gueltigkeit: leistung.gueltigkeit,
    versionInfo: (leistung.versionsinformation as Record<string, string> | undefined) ?? null,
  };
  const feeBearing = leistung.kosten?.feeBearing ?? null;
  return { ref: refOf(leistung.id), hash: hashOf(content), ...content, feeBearing, xzufiVersion: version };
}

/** The row of a valid Onlinedienst. */
export function onlinedienstRow(dienst: XzufiOnlinedienst & { id: XzufiId }, version: XzufiVersion): OnlinedienstRow {
  const content = {
    name: preferredText(dienst.bezeichnung) ?? null,
    bezeichnung: dienst.bezeichnung,
    links: dienst.links,
    leistungRefs: dienst.leistungIds.map(refOf),
    vertrauensniveau: dienst.vertrauensniveau ?? null,
    gueltigkeit: dienst.gueltigkeit,
  };
  return { ref: refOf(dienst.id), hash: hashOf(content), ...content, xzufiVersion: version };
}

/**
 * The row of a valid Zuständigkeit. One without an id of its own is keyed by a hash of what it
 * says (`#…`, in the Leistung's Redaktion), so importing it again finds it again.
 */
export function zustaendigkeitRow(z: XzufiZustaendigkeit & { leistungId: XzufiId }): ZustaendigkeitRow {
  const content = {
    quelle: z.quelle,
    art: z.art ?? null,
    object: z.zustaendigesObjektId ? refOf(z.zustaendigesObjektId) : null,
    leistung: refOf(z.leistungId),
    leistungsschluessel: z.leistungsschluessel ?? null,
    rolle: z.rolle ?? null,
    gebiete: z.gebiete.map((g) => ({ id: g.id, ars: g.ars ?? null })),
  };
  const hash = hashOf(content);
  const ref = z.id ? refOf(z.id) : { redaktion: content.leistung.redaktion, fimId: `#${hash.slice(0, 32)}` };
  return { ref, hash, ...content };
}
