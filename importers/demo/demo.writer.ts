import type { DataSource, EntityManager } from 'typeorm';
import { ComponentRecord, Region } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { InputError, NotFoundError } from '../../lib/errors';
import type { Actor } from '../../lib/principal';
import { recordAudit } from '../../services/audit.service';
import { componentsByCode } from '../../services/component.service';
import { findRegion } from '../../services/region.service';
import { generateDemoLandscape, type DemoRecord } from './demo-generator';
import { deleteDemoOfferings, writeDemoOfferings } from './demo-offerings';
import {
  DEMO_PRIVATE_PROVIDERS,
  deleteUnusedDemoOperators,
  findReferenceProviders,
  operatorIdFor,
  prepareOperatorPool,
  type OperatorPool,
} from './demo-operators';

/**
 * The note on every demo record: the data is synthetic, whatever a report shows — including
 * the operator, which may be a real reference operator assigned at random.
 */
export function demoRecordNote(seed: number): string {
  return `Demodaten – synthetisch erzeugt (Seed ${seed}), keine echte Angabe; die Zuordnung von Betreiber und Produkt ist erfunden.`;
}

/** Seed used when none is given. */
export const DEFAULT_DEMO_SEED = 1;

/** What `demo load` did. */
export interface DemoLoadReport {
  land: string;
  landName: string;
  seed: number;
  /** Gemeinden of the Land (current, without gemeindefreie Gebiete). */
  municipalities: number;
  municipalitiesWithData: number;
  /** Gemeinden deliberately left without records. */
  municipalitiesWithoutData: number;
  records: number;
  /** Synthetic online offerings (source `demo`) for the gap reports. */
  offerings: number;
  /** Of `records`: records of Landkreise for their own administration. */
  kreisRecords: number;
  /** Demo records of an earlier run that were replaced. */
  replacedRecords: number;
  operatorsCreated: number;
  operatorsRemoved: number;
  /** Regions left alone because they hold records that are not demo data. */
  skipped: { key: string; name: string }[];
}

/** What `demo clear` did. */
export interface DemoClearReport {
  records: number;
  offerings: number;
  operatorsRemoved: number;
}

async function regionsWithOwnData(tx: EntityManager, landKey: string): Promise<Set<number>> {
  const rows: { regionId: number | string }[] = await tx
    .createQueryBuilder(ComponentRecord, 'cr')
    .innerJoin('cr.region', 'r')
    .select('DISTINCT cr.regionId', 'regionId')
    .where('r.landKey = :landKey', { landKey })
    .andWhere('cr.source <> :demo', { demo: 'demo' })
    .getRawMany();
  return new Set(rows.map((r) => Number(r.regionId)));
}

/** Deletes demo records, of one Land or all; returns how many. */
async function deleteDemoRecords(tx: EntityManager, landKey?: string): Promise<number> {
  const query = tx.createQueryBuilder().delete().from(ComponentRecord).where('source = :demo', { demo: 'demo' });
  if (landKey) query.andWhere('region_id IN (SELECT r.id FROM regions r WHERE r.land_key = :landKey)', { landKey });
  return (await query.execute()).affected ?? 0;
}

async function insertRecords(
  tx: EntityManager,
  records: DemoRecord[],
  ids: { regions: Map<string, Region>; components: Map<string, number>; pool: OperatorPool },
  context: { seed: number; now: Date },
): Promise<void> {
  const note = demoRecordNote(context.seed);
  const rows = records.map((r) => {
    const at = new Date(context.now.getTime() - r.ageDays * 86_400_000);
    return {
      regionId: (ids.regions.get(r.regionKey) as Region).id,
      componentId: ids.components.get(r.component) as number,
      status: r.status,
      operatorId: r.operator ? operatorIdFor(ids.pool, r.operator) : null,
      product: r.product,
      validFrom: null,
      validTo: null,
      note,
      source: 'demo' as const,
      createdAt: at,
      updatedAt: at,
    };
  });
  // NOTE: chunked because SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 400) await tx.insert(ComponentRecord, rows.slice(i, i + 400));
}

async function landRegions(
  tx: EntityManager,
  land: string,
): Promise<{ landRegion: Region; gemeinden: Region[]; kreise: Region[] }> {
  const landRegion = await findRegion(tx, land);
  if (landRegion.level !== 'land') throw new NotFoundError(`Kein Land mit dem Schlüssel ${land}.`);
  const gemeinden = await tx.find(Region, {
    where: { landKey: land, level: 'gemeinde', isCurrent: true, isUnincorporated: false },
    order: { key: 'ASC' },
  });
  if (gemeinden.length === 0) {
    throw new NotFoundError(
      `Für ${landRegion.name} sind keine Gemeinden geladen (zuerst das Gemeindeverzeichnis importieren).`,
    );
  }
  const kreise = await tx.find(Region, {
    where: { landKey: land, level: 'kreis', isCurrent: true },
    order: { key: 'ASC' },
  });
  return { landRegion, gemeinden, kreise };
}

/** The Land's regions and what the generator drew for those that may receive demo data. */
async function drawLandscape(tx: EntityManager, land: string, seed: number) {
  const { landRegion, gemeinden, kreise } = await landRegions(tx, land);
  const taken = await regionsWithOwnData(tx, land);
  const references = await findReferenceProviders(tx, land);
  const catalogue = await componentsByCode(tx);
  const landscape = generateDemoLandscape({
    seed,
    landKey: land,
    components: [...catalogue.keys()],
    municipalities: gemeinden.map((g) => ({
      key: g.key,
      name: g.name,
      population: g.population ?? 0,
      kreisKey: g.kreisKey,
    })),
    municipalProviders: Math.max(1, references.municipal.length),
    privateProviders: DEMO_PRIVATE_PROVIDERS.length,
  });
  const regions = new Map([...gemeinden, ...kreise].map((r) => [r.key, r]));
  // Regions with records of their own are left alone; they are drawn anyway, so the others
  // get the same data whether or not someone recorded something somewhere.
  const records = landscape.records.filter(
    (r) => regions.has(r.regionKey) && !taken.has((regions.get(r.regionKey) as Region).id),
  );
  const skipped = [...regions.values()].filter((r) => taken.has(r.id)).map((r) => ({ key: r.key, name: r.name }));
  const components = new Map([...catalogue.values()].map((c) => [c.code, c.id]));
  return { landRegion, gemeinden, regions, references, records, skipped, components };
}

/**
 * `demo load`: generates a synthetic landscape for the Gemeinden (and Landkreise) of a Land and
 * writes it in one transaction. Earlier demo records of the Land are replaced, so the same seed
 * gives the same data again. Regions that hold any record that is not demo data are skipped
 * and listed. Every record has source `demo` and a note saying "Demodaten"; one audit event
 * describes the whole run (the records are synthetic, a per-record history would be noise).
 */
export async function loadDemoData(
  dataSource: DataSource,
  options: { land: string; seed?: number; actor: Actor; now?: Date },
): Promise<DemoLoadReport> {
  const { land, actor } = options;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!/^\d{2}$/.test(land)) {
    throw new InputError(`„${land}“ ist kein Landesschlüssel (zwei Ziffern, z. B. 10 für das Saarland).`);
  }
  return inTransaction(dataSource, async (tx) => {
    const replacedRecords = await deleteDemoRecords(tx, land);
    await deleteDemoOfferings(tx, land);
    const drawn = await drawLandscape(tx, land, seed);
    const { records, regions } = drawn;
    const ownIt = [...new Set(records.filter((r) => r.operator?.type === 'own-it').map((r) => r.regionKey))];
    const pool = await prepareOperatorPool(
      tx,
      drawn.landRegion,
      drawn.references,
      ownIt.map((key) => regions.get(key) as Region),
    );
    await insertRecords(
      tx,
      records,
      { regions, components: drawn.components, pool },
      { seed, now: options.now ?? new Date() },
    );
    const operatorsRemoved = await deleteUnusedDemoOperators(tx);
    const inUse = new Map<string, Set<string>>();
    for (const r of records) {
      if (r.status !== 'in-use') continue;
      const set = inUse.get(r.regionKey) ?? new Set<string>();
      set.add(r.component);
      inUse.set(r.regionKey, set);
    }
    const offerings = await writeDemoOfferings(tx, land, seed, inUse, options.now ?? new Date());
    const withData = new Set(records.filter((r) => r.regionKey.length === 8).map((r) => r.regionKey));
    const report: DemoLoadReport = {
      land,
      landName: drawn.landRegion.name,
      seed,
      municipalities: drawn.gemeinden.length,
      municipalitiesWithData: withData.size,
      municipalitiesWithoutData: drawn.gemeinden.length - withData.size,
      records: records.length,
      offerings,
      kreisRecords: records.filter((r) => r.regionKey.length === 5).length,
      replacedRecords,
      operatorsCreated: pool.created,
      operatorsRemoved,
      skipped: drawn.skipped,
    };
    await recordAudit(tx, actor, { action: 'demo.loaded', entityType: 'demo', entityKey: land, after: report });
    return report;
  });
}

/**
 * `demo clear`: deletes every demo record (of one Land, or all) and the demo-only operators no
 * record uses any more — nothing else. One audit event.
 */
export async function clearDemoData(
  dataSource: DataSource,
  options: { actor: Actor; land?: string },
): Promise<DemoClearReport> {
  if (options.land !== undefined && !/^\d{2}$/.test(options.land)) {
    throw new InputError(`„${options.land}“ ist kein Landesschlüssel (zwei Ziffern).`);
  }
  return inTransaction(dataSource, async (tx) => {
    const records = await deleteDemoRecords(tx, options.land);
    const offerings = await deleteDemoOfferings(tx, options.land);
    const operatorsRemoved = await deleteUnusedDemoOperators(tx);
    const report = { records, offerings, operatorsRemoved };
    await recordAudit(tx, options.actor, {
      action: 'demo.cleared',
      entityType: 'demo',
      entityKey: options.land ?? 'alle',
      after: report,
    });
    return report;
  });
}
