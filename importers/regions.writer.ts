import type { EntityManager } from 'typeorm';
import { ComponentRecord, Region } from '../entities';
import { isPostgres } from '../entities/transaction';
import type { Actor } from '../lib/principal';
import { recordAuditBatch, type AuditEntry } from '../services/audit.service';
import type { Progress } from './progress';
import type { RegionPlan, RegionRow } from './regions-diff';

/**
 * Rows per multi-row statement. A region row binds about 20 parameters; SQLite allows 32,766
 * bound parameters per statement (PostgreSQL 65,535), so 500 rows stay well below both.
 */
const CHUNK = 500;

/** The properties an edition determines, in the column order of the upsert. */
const ROW_PROPERTIES: (keyof RegionRow)[] = [
  'key',
  'level',
  'name',
  'nameSearch',
  'seat',
  'textCode',
  'typeLabel',
  'ars',
  'parentKey',
  'landKey',
  'rbKey',
  'kreisKey',
  'verbandKey',
  'population',
  'areaHa',
  'postcode',
  'isUnincorporated',
  'isCurrent',
  'gebietsstand',
  'retiredGebietsstand',
];

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `INSERT … ON CONFLICT (key) DO UPDATE` for `rowCount` rows, valid on SQLite and PostgreSQL.
 * Every column the edition determines is overwritten; `successor_key` (an admin's mapping)
 * and `created_at` are left alone.
 */
function upsertSql(tx: EntityManager, rowCount: number): string {
  const metadata = tx.connection.getMetadata(Region);
  const postgres = isPostgres(tx.connection);
  const columns = ROW_PROPERTIES.map((p) => `"${metadata.findColumnWithPropertyName(p)?.databaseName ?? p}"`);
  let n = 0;
  const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
  const values = Array.from({ length: rowCount }, tuple).join(', ');
  const updates = columns
    .slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .concat('"updated_at" = CURRENT_TIMESTAMP');
  return `INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) VALUES ${values} ON CONFLICT ("key") DO UPDATE SET ${updates.join(', ')}`;
}

/**
 * Inserts new and rewrites changed regions, by key, in multi-row statements.
 * NOTE: plain SQL rather than TypeORM's insert builder, whose parameter bookkeeping grows with
 * every row and took longer than the database on a whole edition (12,600 rows).
 */
async function upsertRows(tx: EntityManager, rows: RegionRow[], progress: Progress): Promise<void> {
  const postgres = isPostgres(tx.connection);
  for (const chunk of chunks(rows)) {
    const params: unknown[] = [];
    for (const row of chunk) {
      for (const p of ROW_PROPERTIES) {
        const value = row[p];
        // better-sqlite3 binds no booleans; SQLite stores them as 0/1, as TypeORM does.
        params.push(typeof value === 'boolean' && !postgres ? Number(value) : value);
      }
    }
    await tx.query(upsertSql(tx, chunk.length), params);
    progress.advance(chunk.length);
  }
}

/** Marks regions as no longer current, with the edition that first missed them. */
async function retireRegions(
  tx: EntityManager,
  ids: number[],
  gebietsstand: string,
  progress: Progress,
): Promise<void> {
  for (const chunk of chunks(ids)) {
    await tx
      .createQueryBuilder()
      .update(Region)
      .set({ isCurrent: false, retiredGebietsstand: gebietsstand })
      .where('id IN (:...ids)', { ids: chunk })
      .execute();
    progress.advance(chunk.length);
  }
}

/**
 * Writes a plan: upserts added and changed regions, retires the missing ones and stamps every
 * other current region with the edition's Gebietsstand (one statement). Returns the ids of
 * the added regions by key, for their audit events.
 */
export async function writeRegionPlan(
  tx: EntityManager,
  plan: RegionPlan,
  progress: Progress,
): Promise<Map<string, number>> {
  const rows = [...plan.added, ...plan.changed.map((c) => c.row)];
  progress.start(rows.length + plan.retired.length, 'Gebiete schreiben');
  try {
    await upsertRows(tx, rows, progress);
    await retireRegions(
      tx,
      plan.retired.map((r) => r.id),
      plan.gebietsstand,
      progress,
    );
    if (plan.restamped > 0) {
      await tx
        .createQueryBuilder()
        .update(Region)
        .set({ gebietsstand: plan.gebietsstand })
        .where('is_current = :current AND gebietsstand <> :gebietsstand', {
          current: true,
          gebietsstand: plan.gebietsstand,
        })
        .execute();
    }
  } finally {
    progress.stop();
  }
  return idsByKey(
    tx,
    plan.added.map((r) => r.key),
  );
}

/** Region ids for keys, chunked. */
async function idsByKey(tx: EntityManager, keys: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunks(keys)) {
    const rows = await tx
      .createQueryBuilder(Region, 'r')
      .select('r.id', 'id')
      .addSelect('r.key', 'key')
      .where('r.key IN (:...keys)', { keys: chunk })
      .getRawMany<{ id: number | string; key: string }>();
    for (const row of rows) ids.set(row.key, Number(row.id));
  }
  return ids;
}

/** Number of component records per region id, for the given regions (absent = none). */
export async function recordCounts(manager: EntityManager, regionIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const chunk of chunks(regionIds)) {
    const rows = await manager
      .createQueryBuilder(ComponentRecord, 'cr')
      .select('cr.regionId', 'regionId')
      .addSelect('COUNT(*)', 'n')
      .where('cr.regionId IN (:...ids)', { ids: chunk })
      .groupBy('cr.regionId')
      .getRawMany<{ regionId: number | string; n: number | string }>();
    for (const row of rows) counts.set(Number(row.regionId), Number(row.n));
  }
  return counts;
}

/**
 * One audit event per added, renamed, retired and reactivated region, all pointing at the
 * import run. Changes of population, area or hierarchy alone are not audited: every edition
 * changes the population of nearly every Gemeinde, and the run row records the edition.
 */
export async function auditRegionPlan(
  tx: EntityManager,
  actor: Actor,
  context: { plan: RegionPlan; addedIds: Map<string, number>; records: Map<number, number>; importRunId: number },
): Promise<void> {
  const { plan, addedIds, records, importRunId } = context;
  const entries: AuditEntry[] = [];
  const entry = (key: string, regionId: number, action: string, before: object | null, after: object | null) =>
    entries.push({ action, entityType: 'region', entityKey: key, regionId, importRunId, before, after });
  for (const row of plan.added) {
    entry(row.key, addedIds.get(row.key) as number, 'region.added', null, {
      name: row.name,
      level: row.level,
      ars: row.ars,
      parentKey: row.parentKey,
      gebietsstand: row.gebietsstand,
    });
  }
  for (const { row, before, renamed, reactivated } of plan.changed) {
    if (reactivated) {
      entry(
        row.key,
        before.id,
        'region.reactivated',
        { current: false, retiredGebietsstand: before.retiredGebietsstand },
        {
          current: true,
          gebietsstand: row.gebietsstand,
        },
      );
    }
    if (renamed) entry(row.key, before.id, 'region.renamed', { name: before.name }, { name: row.name });
  }
  for (const region of plan.retired) {
    entry(
      region.key,
      region.id,
      'region.retired',
      { current: true, gebietsstand: region.gebietsstand },
      {
        current: false,
        retiredGebietsstand: plan.gebietsstand,
        componentRecords: records.get(region.id) ?? 0,
      },
    );
  }
  await recordAuditBatch(tx, actor, entries);
}
