import type { DataSource, EntityManager } from 'typeorm';
import { GapSnapshot } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { DEFAULT_TARGET, formatTarget, type MaturityTarget } from '../../lib/maturity';
import { selectRows } from '../common/sql';
import { buildGapReport, type GapReport } from './report';

/** `YYYY-MM` of a date, in UTC. */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/**
 * The compact form of a report kept per month: the totals as flat numbers (the unmet pairs by
 * what holds them back as `unmetBlocked`, `unmetNoData`, `unmetUnknownRequirement`,
 * `unmetOfferingMissing`) and per OZG-Leistung `[responsible, met, dashboard, blocked, noData]`.
 */
function snapshotOf(report: GapReport): Pick<GapSnapshot, 'edition' | 'totals' | 'perOzg'> {
  const perOzg: GapSnapshot['perOzg'] = {};
  for (const row of report.ozgLeistungen) {
    if (row.responsibleUnits > 0) {
      perOzg[row.ozgId] = [
        row.responsibleUnits,
        row.metUnits,
        row.dashboard.units,
        row.unmetUnits.blocked,
        row.unmetUnits.noData,
      ];
    }
  }
  const { unmetPairs, componentDataShare, ...counts } = report.totals;
  const totals: Record<string, number> = {
    ...counts,
    unmetBlocked: unmetPairs.blocked,
    unmetNoData: unmetPairs.noData,
    unmetUnknownRequirement: unmetPairs.unknownRequirement,
    unmetOfferingMissing: unmetPairs.offeringMissing,
    ...(componentDataShare !== null && { componentDataShare }),
  };
  return { edition: report.catalogue.edition, totals, perOzg };
}

/**
 * Computes an area's gap report for a snapshot; the service passes its compute workers
 * (`server/compute/`), so a month's snapshots do not compete with requests for the main thread.
 */
export type BuildGapReport = (area: string, target: MaturityTarget) => Promise<GapReport>;

/**
 * Stores the gap report of an area as the snapshot of the month of `now` (replacing one taken
 * earlier in the same month, so a month shows its latest state) and returns it.
 */
export async function takeSnapshot(
  dataSource: DataSource,
  area: string,
  target: MaturityTarget = DEFAULT_TARGET,
  now = new Date(),
  build: BuildGapReport = (key, t) => buildGapReport(dataSource.manager, key, { target: t }),
): Promise<GapSnapshot> {
  const report = await build(area, target);
  const values = { areaKey: report.area.key, month: monthOf(now), target: formatTarget(target) };
  return inTransaction(dataSource, async (tx) => {
    const existing = await tx.findOne(GapSnapshot, { where: values });
    return tx.save(Object.assign(existing ?? new GapSnapshot(), values, { takenAt: now }, snapshotOf(report)));
  });
}

/** One month of an area's trend. */
export interface SnapshotView {
  month: string;
  takenAt: string;
  edition: string;
  totals: Record<string, number>;
  /** Counts of one OZG-Leistung when asked for; `blocked`/`noData` are null in snapshots older than them. */
  ozg?: {
    responsibleUnits: number;
    metUnits: number;
    dashboardUnits: number;
    blockedUnits: number | null;
    noDataUnits: number | null;
  } | null;
}

/** The stored snapshots of an area and target, oldest first. */
export async function listSnapshots(
  manager: EntityManager,
  areaKey: string,
  target: MaturityTarget,
  ozgId?: number,
): Promise<SnapshotView[]> {
  const rows = await manager.find(GapSnapshot, {
    where: { areaKey: /^de$/i.test(areaKey) ? 'DE' : areaKey, target: formatTarget(target) },
    order: { month: 'ASC' },
  });
  return rows.map((row) => {
    const counts = ozgId === undefined ? undefined : row.perOzg[String(ozgId)];
    return {
      month: row.month,
      takenAt: row.takenAt.toISOString(),
      edition: row.edition,
      totals: row.totals,
      ...(ozgId !== undefined && {
        ozg: counts
          ? {
              responsibleUnits: counts[0],
              metUnits: counts[1],
              dashboardUnits: counts[2],
              blockedUnits: counts[3] ?? null,
              noDataUnits: counts[4] ?? null,
            }
          : null,
      }),
    };
  });
}

/** True when this month's snapshots are taken: Germany's, the last one a run takes, exists. */
export async function monthlySnapshotsTaken(dataSource: DataSource, now = new Date()): Promise<boolean> {
  return dataSource.manager.exists(GapSnapshot, {
    where: { areaKey: 'DE', month: monthOf(now), target: formatTarget(DEFAULT_TARGET) },
  });
}

/**
 * Takes this month's snapshots of Germany, every Land and every Kreis for the default target
 * unless Germany's exists already; one area after another, yielding between them so requests
 * are served meanwhile. Returns how many were taken.
 */
export async function ensureMonthlySnapshots(
  dataSource: DataSource,
  now = new Date(),
  build?: BuildGapReport,
): Promise<number> {
  if (await monthlySnapshotsTaken(dataSource, now)) return 0;
  const areas = await selectRows<{ key: string }>(
    dataSource.manager,
    `SELECT r.key AS "key" FROM regions r WHERE r.level IN ('land', 'kreis') AND r.is_current = ? ORDER BY r.key`,
    [true],
  );
  if (areas.length === 0) return 0;
  let taken = 0;
  for (const key of [...areas.map((a) => a.key), 'DE']) {
    await takeSnapshot(dataSource, key, DEFAULT_TARGET, now, build);
    taken++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return taken;
}
