import type { EntityManager } from 'typeorm';
import type { Catalogue, LeistungEntry, OzgEntry } from './ozg-catalogue';
import { deactivationDetails, ozgDiff, type PlannedDeactivation, type PlannedOzgChange } from './ozg-changes';

export type { PlannedDeactivation, PlannedOzgChange } from './ozg-changes';

/** An OZG-Leistung as stored or as it will be stored. */
export interface OzgValues {
  ozgId: number;
  name: string;
  themenfeldId: number | null;
  themenfeld: string | null;
  lebenslageId: number | null;
  lebenslage: string | null;
  fokus: boolean | null;
  fokusSource: string | null;
  efa: boolean | null;
  efaSource: string | null;
  edition: string;
  isActive: boolean;
}

/** The columns of a Leistung the catalogue import decides (and `fromFim`, which it reads only). */
export interface LeistungValues {
  schluessel: string;
  name: string;
  typisierung: string | null;
  typisierungSource: 'fim' | 'catalogue' | null;
  vertrauensniveau: string | null;
  feeBearing: boolean | null;
  ozgId: number | null;
  inCatalogue: boolean;
  isActive: boolean;
  legalBasis: string | null;
  sdgRelevant: boolean | null;
}

interface StoredLeistung extends LeistungValues {
  id: number;
  fromFim: boolean;
}

/** What a catalogue import writes, and its counts. */
export interface CataloguePlan {
  ozgWrites: OzgValues[];
  /** OZG-IDs of active OZG-Leistungen the catalogue no longer lists. */
  ozgDeactivations: number[];
  /** The same OZG-Leistungen with name and what hangs on them, for the report and the dry run. */
  deactivationDetails: PlannedDeactivation[];
  /** Active OZG-Leistungen before the update (to judge how much of the catalogue it deactivates). */
  activeBefore: number;
  /** The history lines the update writes. */
  ozgChanges: PlannedOzgChange[];
  leistungWrites: LeistungValues[];
  /** Ids of Leistungen the catalogue no longer lists (they leave the catalogue, not the database). */
  leistungRemovals: number[];
  counts: Record<string, number>;
}

const bool = (value: unknown) => (value === null || value === undefined ? null : Boolean(Number(value)));
const int = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Every stored OZG-Leistung by OZG-ID, active or not. */
export async function storedOzg(manager: EntityManager): Promise<Map<number, OzgValues>> {
  const rows = (await manager.query(
    'SELECT "ozg_id" AS "ozgId", "name", "themenfeld_id" AS "themenfeldId", "themenfeld", "lebenslage_id" AS "lebenslageId", ' +
      '"lebenslage", "fokus", "fokus_source" AS "fokusSource", "efa", "efa_source" AS "efaSource", "edition", ' +
      '"is_active" AS "isActive" FROM "ozg_leistungen"',
  )) as Record<string, unknown>[];
  return new Map(
    rows.map((r) => {
      const values: OzgValues = {
        ozgId: Number(r.ozgId),
        name: r.name as string,
        themenfeldId: int(r.themenfeldId),
        themenfeld: r.themenfeld as string | null,
        lebenslageId: int(r.lebenslageId),
        lebenslage: r.lebenslage as string | null,
        fokus: bool(r.fokus),
        fokusSource: r.fokusSource as string | null,
        efa: bool(r.efa),
        efaSource: r.efaSource as string | null,
        edition: r.edition as string,
        isActive: bool(r.isActive) === true,
      };
      return [values.ozgId, values];
    }),
  );
}

async function storedLeistungen(manager: EntityManager): Promise<Map<string, StoredLeistung>> {
  const rows = (await manager.query(
    'SELECT "id", "schluessel", "name", "typisierung", "typisierung_source" AS "typisierungSource", "vertrauensniveau", ' +
      '"fee_bearing" AS "feeBearing", "ozg_id" AS "ozgId", "in_catalogue" AS "inCatalogue", "from_fim" AS "fromFim", ' +
      '"is_active" AS "isActive", "legal_basis" AS "legalBasis", "sdg_relevant" AS "sdgRelevant" FROM "leistungen"',
  )) as Record<string, unknown>[];
  const stored = new Map<string, StoredLeistung>();
  for (const r of rows) {
    stored.set(r.schluessel as string, {
      id: Number(r.id),
      schluessel: r.schluessel as string,
      name: r.name as string,
      typisierung: r.typisierung as string | null,
      typisierungSource: r.typisierungSource as StoredLeistung['typisierungSource'],
      vertrauensniveau: r.vertrauensniveau as string | null,
      feeBearing: bool(r.feeBearing),
      ozgId: int(r.ozgId),
      inCatalogue: bool(r.inCatalogue) === true,
      fromFim: bool(r.fromFim) === true,
      isActive: bool(r.isActive) === true,
      legalBasis: r.legalBasis as string | null,
      sdgRelevant: bool(r.sdgRelevant),
    });
  }
  return stored;
}

/** A listed attribute: the file's value where it has the column, else the stored one. */
function keep<T>(value: T | undefined, stored: T | null | undefined): T | null {
  return value === undefined ? (stored ?? null) : value;
}

/**
 * A flag and its source: the file's value where it has the column; the source changes only
 * with the value, so the same list imported again keeps the file that first said so.
 */
export function flag(
  value: boolean | null | undefined,
  stored: boolean | null | undefined,
  storedSource: string | null | undefined,
  source: string,
): [boolean | null, string | null] {
  if (value === undefined) return [stored ?? null, storedSource ?? null];
  if (value === (stored ?? null)) return [value, value === null ? null : (storedSource ?? source)];
  return [value, value === null ? null : source];
}

function ozgValues(entry: OzgEntry, stored: OzgValues | undefined, edition: string, source: string): OzgValues {
  const [fokus, fokusSource] = flag(entry.fokus, stored?.fokus, stored?.fokusSource, source);
  const [efa, efaSource] = flag(entry.efa, stored?.efa, stored?.efaSource, source);
  return {
    ozgId: entry.ozgId,
    name: entry.name,
    themenfeldId: keep(entry.themenfeldId, stored?.themenfeldId),
    themenfeld: keep(entry.themenfeld, stored?.themenfeld),
    lebenslageId: keep(entry.lebenslageId, stored?.lebenslageId),
    lebenslage: keep(entry.lebenslage, stored?.lebenslage),
    fokus,
    fokusSource,
    efa,
    efaSource,
    edition,
    isActive: true,
  };
}

/**
 * The new state of a listed Leistung. FIM wins where both know something: a Typisierung from
 * an XZuFi description (`typisierung_source = 'fim'`) and FIM's name stay; so do FIM's
 * Vertrauensniveau and fee (from `modulKosten`). Fee and Vertrauensniveau change only where a
 * cell gives them.
 */
function leistungValues(entry: LeistungEntry, stored: StoredLeistung | undefined): LeistungValues {
  const fim = stored?.fromFim === true;
  let typisierung = stored?.typisierung ?? null;
  let typisierungSource = stored?.typisierungSource ?? null;
  if (typisierungSource !== 'fim' && entry.typ !== undefined) {
    typisierung = entry.typ;
    typisierungSource = entry.typ === null ? null : 'catalogue';
  }
  // NOTE: no column records which source set these two, so a value stored while FIM describes
  // the Leistung counts as FIM's (it may be an earlier catalogue's that FIM left alone).
  const fimTrust = fim && stored.vertrauensniveau !== null;
  const fimFee = fim && stored.feeBearing !== null;
  return {
    schluessel: entry.key,
    name: fim ? stored.name : entry.name,
    typisierung,
    typisierungSource,
    vertrauensniveau:
      entry.vertrauensniveau !== undefined && !fimTrust ? entry.vertrauensniveau : (stored?.vertrauensniveau ?? null),
    feeBearing: entry.feeBearing !== undefined && !fimFee ? entry.feeBearing : (stored?.feeBearing ?? null),
    ozgId: entry.ozgId,
    inCatalogue: true,
    isActive: true,
    legalBasis: keep(entry.legalBasis, stored?.legalBasis),
    sdgRelevant: keep(entry.sdgRelevant, stored?.sdgRelevant),
  };
}

function sameLeistung(a: LeistungValues, b: StoredLeistung): boolean {
  return (
    a.name === b.name &&
    a.typisierung === b.typisierung &&
    a.typisierungSource === b.typisierungSource &&
    a.vertrauensniveau === b.vertrauensniveau &&
    a.feeBearing === b.feeBearing &&
    a.ozgId === b.ozgId &&
    a.inCatalogue === b.inCatalogue &&
    a.isActive === b.isActive &&
    a.legalBasis === b.legalBasis &&
    a.sdgRelevant === b.sdgRelevant
  );
}

function planOzg(catalogue: Catalogue, stored: Map<number, OzgValues>, edition: string, source: string) {
  const writes: OzgValues[] = [];
  const changes: PlannedOzgChange[] = [];
  let created = 0;
  for (const entry of catalogue.ozg.values()) {
    const before = stored.get(entry.ozgId);
    const after = ozgValues(entry, before, edition, source);
    if (!before) {
      created++;
      writes.push(after);
      changes.push({ ozgId: after.ozgId, change: 'added', fields: null });
      continue;
    }
    const fields = ozgDiff(before, after);
    if (Object.keys(fields).length === 0) continue;
    writes.push(after);
    changes.push({ ozgId: after.ozgId, change: before.isActive ? 'changed' : 'reactivated', fields });
  }
  const deactivations = [...stored.values()]
    .filter((s) => s.isActive && !catalogue.ozg.has(s.ozgId))
    .map((s) => s.ozgId);
  for (const ozgId of deactivations) changes.push({ ozgId, change: 'deactivated', fields: null });
  const activeBefore = [...stored.values()].filter((s) => s.isActive).length;
  return { writes, deactivations, created, changes, activeBefore };
}

/**
 * Compares the catalogue with the database: which OZG-Leistungen and Leistungen are created,
 * changed or unchanged, and what the catalogue no longer lists — OZG-Leistungen to deactivate,
 * Leistungen to take out of the catalogue (no OZG-ID, active only if FIM describes them).
 */
export async function planCatalogue(
  manager: EntityManager,
  catalogue: Catalogue,
  edition: string,
  flagSource: string = edition,
): Promise<CataloguePlan> {
  const storedOzgValues = await storedOzg(manager);
  const ozg = planOzg(catalogue, storedOzgValues, edition, flagSource);
  const stored = await storedLeistungen(manager);
  const leistungWrites: LeistungValues[] = [];
  let created = 0;
  for (const entry of catalogue.leistungen.values()) {
    const before = stored.get(entry.key);
    const after = leistungValues(entry, before);
    if (!before) created++;
    if (!before || !sameLeistung(after, before)) leistungWrites.push(after);
  }
  const leistungRemovals = [...stored.values()]
    .filter((s) => (s.inCatalogue || s.ozgId !== null) && !catalogue.leistungen.has(s.schluessel))
    .map((s) => s.id);
  const listed = catalogue.leistungen.size;
  return {
    ozgWrites: ozg.writes,
    ozgDeactivations: ozg.deactivations,
    deactivationDetails: await deactivationDetails(manager, ozg.deactivations, storedOzgValues),
    activeBefore: ozg.activeBefore,
    ozgChanges: ozg.changes,
    leistungWrites,
    leistungRemovals,
    counts: {
      rows: catalogue.rows,
      skippedRows: catalogue.skippedRows,
      ozgLeistungen: catalogue.ozg.size,
      ozgCreated: ozg.created,
      ozgUpdated: ozg.changes.filter((c) => c.change === 'changed').length,
      ozgReactivated: ozg.changes.filter((c) => c.change === 'reactivated').length,
      ozgUnchanged: catalogue.ozg.size - ozg.writes.length,
      ozgDeactivated: ozg.deactivations.length,
      leistungen: listed,
      withoutOzgId: [...catalogue.leistungen.values()].filter((l) => l.ozgId === null).length,
      created,
      updated: leistungWrites.length - created,
      unchanged: listed - leistungWrites.length,
      removed: leistungRemovals.length,
    },
  };
}
