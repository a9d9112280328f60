import type { EntityManager } from 'typeorm';
import {
  FimDataElement,
  FimLeistung,
  FimLeistungKey,
  FimOnlinedienst,
  FimSchemaLeistung,
  Leistung,
  OzgLeistung,
} from '../entities';
import { decodeCursor, encodeCursor, type Page } from '../lib/cursor';
import { NotFoundError } from '../lib/errors';
import { escapeLike, searchKey, searchKeyMatches } from '../lib/text';

/** A Leistung in lists. */
export interface LeistungSummary {
  schluessel: string;
  name: string;
  typisierung: string | null;
  /** `fim` (an XZuFi description) or `catalogue` (the LeiKa-Typ of the OZG catalogue). */
  typisierungSource: 'fim' | 'catalogue' | null;
  ozgId: number | null;
  inCatalogue: boolean;
  fromFim: boolean;
  active: boolean;
}

/** One Redaktion's FIM description of a Leistung. */
export interface FimDescriptionView {
  redaktion: string;
  fimId: string;
  active: boolean;
  /** True when this Leistung's key is the description's first (primary) Leistungsschlüssel. */
  primary: boolean;
  leistungsschluessel: string[];
  bezeichnung: Record<string, string>;
  bezeichnung2: Record<string, string>;
  kurztext: Record<string, string>;
  textmodule: { code: string; texte: Record<string, string> }[];
  typisierung: string[];
  leistungsadressat: string[];
  vertrauensniveau: string | null;
  gueltigkeit: { beginn?: string; ende?: string }[];
  versionsinformation: Record<string, string> | null;
  xzufiVersion: string;
  updatedAt: string;
  deactivatedAt: string | null;
}

/** A Leistung with everything known about it. */
export interface LeistungDetail extends LeistungSummary {
  name2: string | null;
  shortText: string | null;
  vertrauensniveau: string | null;
  legalBasis: string | null;
  sdgRelevant: boolean | null;
  ozg: {
    ozgId: number;
    name: string;
    themenfeld: string | null;
    lebenslage: string | null;
    edition: string;
    active: boolean;
  } | null;
  fimDescriptions: FimDescriptionView[];
  onlinedienste: { redaktion: string; fimId: string; name: string | null; urls: string[]; active: boolean }[];
  schemas: { id: string; version: string | null; name: string | null; status: string | null; foundIn: string }[];
}

/** Query of {@link listLeistungen}. */
export interface LeistungQuery {
  q?: string;
  typisierung?: string;
  ozgId?: number;
  limit: number;
  cursor?: string;
}

function summary(l: Leistung): LeistungSummary {
  return {
    schluessel: l.schluessel,
    name: l.name,
    typisierung: l.typisierung,
    typisierungSource: l.typisierungSource,
    ozgId: l.ozgId,
    inCatalogue: l.inCatalogue,
    fromFim: l.fromFim,
    active: l.isActive,
  };
}

/**
 * Lists Leistungen ordered by Leistungsschlüssel, a page at a time. `q` is a key prefix when it
 * is all digits, else a case- and umlaut-insensitive part of the name; `typisierung` matches one
 * Typ among those recorded (a Leistung with `2/3, 4` has Typ `4`).
 */
export async function listLeistungen(manager: EntityManager, query: LeistungQuery): Promise<Page<LeistungSummary>> {
  const qb = manager
    .createQueryBuilder(Leistung, 'l')
    .orderBy('l.schluessel', 'ASC')
    .take(query.limit + 1);
  const q = query.q?.trim();
  if (q && /^\d+$/.test(q)) qb.andWhere('l.schluessel LIKE :prefix', { prefix: `${q}%` });
  else if (q) qb.andWhere(searchKeyMatches('l.nameSearch', 'name'), { name: `%${escapeLike(searchKey(q))}%` });
  if (query.typisierung) {
    const t = escapeLike(query.typisierung);
    qb.andWhere(
      "(l.typisierung = :t OR l.typisierung LIKE :first ESCAPE '\\' OR l.typisierung LIKE :last ESCAPE '\\' " +
        "OR l.typisierung LIKE :middle ESCAPE '\\')",
      { t: query.typisierung, first: `${t}, %`, last: `%, ${t}`, middle: `%, ${t}, %` },
    );
  }
  if (query.ozgId !== undefined) qb.andWhere('l.ozgId = :ozgId', { ozgId: query.ozgId });
  if (query.cursor) {
    const { s } = decodeCursor<{ s: string }>(query.cursor, { s: 'string' });
    qb.andWhere('l.schluessel > :after', { after: s });
  }
  const rows = await qb.getMany();
  const items = rows.slice(0, query.limit).map(summary);
  const more = rows.length > query.limit;
  return { items, nextCursor: more ? encodeCursor({ s: items[items.length - 1].schluessel }) : null };
}

function descriptionView(f: FimLeistung, keys: string[], schluessel: string): FimDescriptionView {
  return {
    redaktion: f.redaktion,
    fimId: f.fimId,
    active: f.isActive,
    primary: keys[0] === schluessel,
    leistungsschluessel: keys,
    bezeichnung: f.texts.bezeichnung,
    bezeichnung2: f.texts.bezeichnung2,
    kurztext: f.texts.kurztext,
    textmodule: f.texts.module,
    typisierung: f.typisierung,
    leistungsadressat: f.adressat,
    vertrauensniveau: f.vertrauensniveau,
    gueltigkeit: f.gueltigkeit,
    versionsinformation: f.versionInfo,
    xzufiVersion: f.xzufiVersion,
    updatedAt: f.updatedAt.toISOString(),
    deactivatedAt: f.deactivatedAt?.toISOString() ?? null,
  };
}

/** The FIM descriptions naming this key (as primary or further Leistungsschlüssel), primary ones first. */
async function descriptionsOf(manager: EntityManager, schluessel: string): Promise<FimDescriptionView[]> {
  const links = await manager.find(FimLeistungKey, { where: { schluessel } });
  if (links.length === 0) return [];
  const ids = [...new Set(links.map((link) => link.fimLeistungId))];
  const descriptions = await manager
    .createQueryBuilder(FimLeistung, 'f')
    .where('f.id IN (:...ids)', { ids })
    .orderBy('f.redaktion', 'ASC')
    .addOrderBy('f.fimId', 'ASC')
    .getMany();
  const allKeys = await manager
    .createQueryBuilder(FimLeistungKey, 'k')
    .where('k.fimLeistungId IN (:...ids)', { ids })
    .orderBy('k.position', 'ASC')
    .getMany();
  const keysOf = (id: number) => allKeys.filter((k) => k.fimLeistungId === id).map((k) => k.schluessel);
  const views = descriptions.map((f) => descriptionView(f, keysOf(f.id), schluessel));
  return views.sort((a, b) => Number(b.primary) - Number(a.primary));
}

/** Onlinedienste that name one of the descriptions (by Redaktion and id). */
async function onlinedienstOf(manager: EntityManager, descriptions: FimDescriptionView[]) {
  if (descriptions.length === 0) return [];
  const wanted = new Set(descriptions.map((d) => `${d.redaktion}\u0000${d.fimId}`));
  // NOTE: the references live in a JSON column; the table holds one row per Onlinedienst of the
  // imported Redaktionen, so filtering by Redaktion in SQL and by reference here stays small.
  const dienste = await manager
    .createQueryBuilder(FimOnlinedienst, 'o')
    .where('o.redaktion IN (:...redaktionen)', { redaktionen: [...new Set(descriptions.map((d) => d.redaktion))] })
    .orderBy('o.fimId', 'ASC')
    .getMany();
  return dienste
    .filter((o) => o.leistungRefs.some((ref) => wanted.has(`${ref.redaktion}\u0000${ref.fimId}`)))
    .map((o) => ({
      redaktion: o.redaktion,
      fimId: o.fimId,
      name: o.name,
      urls: o.links.map((link) => link.url),
      active: o.isActive,
    }));
}

async function schemasOf(manager: EntityManager, schluessel: string): Promise<LeistungDetail['schemas']> {
  const rows = await manager
    .createQueryBuilder(FimSchemaLeistung, 's')
    .innerJoin(FimDataElement, 'e', 'e.id = s.elementId')
    .select('e.fimId', 'id')
    .addSelect('e.version', 'version')
    .addSelect('e.name', 'name')
    .addSelect('e.statusLabel', 'status')
    .addSelect('s.field', 'foundIn')
    .where('s.schluessel = :schluessel', { schluessel })
    .orderBy('e.fimId', 'ASC')
    .addOrderBy('e.version', 'ASC')
    .getRawMany<LeistungDetail['schemas'][number]>();
  return rows.map((row) => ({ ...row, version: row.version || null }));
}

/**
 * A Leistung by its 14-digit Leistungsschlüssel, with its OZG-Leistung, every FIM description
 * (per Redaktion, deactivated ones included: `loesche` keeps history), the Onlinedienste naming
 * it and the XDatenfelder schemas whose texts name its key.
 *
 * @throws NotFoundError when neither the catalogue nor a FIM import knows the key.
 */
export async function getLeistung(manager: EntityManager, schluessel: string): Promise<LeistungDetail> {
  const leistung = await manager.findOne(Leistung, { where: { schluessel } });
  const schemas = await schemasOf(manager, schluessel);
  if (!leistung) {
    throw new NotFoundError(
      schemas.length > 0
        ? `Leistungsschlüssel ${schluessel} ist nur aus Datenschemata bekannt (${schemas.map((s) => s.id).join(', ')}), nicht aus Katalog oder XZuFi.`
        : `Keine Leistung mit dem Leistungsschlüssel ${schluessel}.`,
    );
  }
  const ozg = leistung.ozgId === null ? null : await manager.findOne(OzgLeistung, { where: { ozgId: leistung.ozgId } });
  const fimDescriptions = await descriptionsOf(manager, schluessel);
  return {
    ...summary(leistung),
    name2: leistung.name2,
    shortText: leistung.shortText,
    vertrauensniveau: leistung.vertrauensniveau,
    legalBasis: leistung.legalBasis,
    sdgRelevant: leistung.sdgRelevant,
    ozg: ozg
      ? {
          ozgId: ozg.ozgId,
          name: ozg.name,
          themenfeld: ozg.themenfeld,
          lebenslage: ozg.lebenslage,
          edition: ozg.edition,
          active: ozg.isActive,
        }
      : null,
    fimDescriptions,
    onlinedienste: await onlinedienstOf(manager, fimDescriptions),
    schemas,
  };
}
