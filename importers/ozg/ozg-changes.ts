import type { EntityManager } from 'typeorm';

/**
 * What a catalogue update does to each OZG-Leistung, for its history (ozg_catalogue_changes) and
 * its report: the changed fields, and what hangs on the OZG-Leistungen it deactivates.
 */

/** One line of the catalogue's history, as planned (written with the run's id, see ozg.writer.ts). */
export interface PlannedOzgChange {
  ozgId: number;
  change: 'added' | 'changed' | 'reactivated' | 'deactivated';
  /** Changed fields with old and new value; null for added and deactivated. */
  fields: Record<string, { from: unknown; to: unknown }> | null;
}

/** An OZG-Leistung the update would deactivate, and what hangs on it today. */
export interface PlannedDeactivation {
  ozgId: number;
  name: string;
  /** Leistungen of the catalogue mapped to it (they leave the catalogue with it unless listed elsewhere). */
  leistungen: number;
  /** Online offerings recorded for those Leistungen: they drop out of every OZG report. */
  offerings: number;
}

const OZG_FIELDS = [
  'name',
  'themenfeldId',
  'themenfeld',
  'lebenslageId',
  'lebenslage',
  'fokus',
  'fokusSource',
  'efa',
  'efaSource',
  'edition',
  'isActive',
] as const;

/** The fields that differ, with old and new value (empty when the OZG-Leistung stays as it is). */
export function ozgDiff<T extends Record<(typeof OZG_FIELDS)[number], unknown>>(
  before: T,
  after: T,
): Record<string, { from: unknown; to: unknown }> {
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of OZG_FIELDS) {
    if (before[field] !== after[field]) fields[field] = { from: before[field], to: after[field] };
  }
  return fields;
}

/** Name, Leistungen and online offerings of each OZG-Leistung the update would deactivate. */
export async function deactivationDetails(
  manager: EntityManager,
  ozgIds: number[],
  stored: Map<number, { name: string }>,
): Promise<PlannedDeactivation[]> {
  if (ozgIds.length === 0) return [];
  const rows = (await manager.query(
    'SELECT l."ozg_id" AS "ozgId", COUNT(DISTINCT l."id") AS "leistungen", COUNT(o."id") AS "offerings" ' +
      'FROM "leistungen" l LEFT JOIN "offerings" o ON o."leistung_id" = l."id" ' +
      'WHERE l."ozg_id" IS NOT NULL GROUP BY l."ozg_id"',
  )) as { ozgId: unknown; leistungen: unknown; offerings: unknown }[];
  const counts = new Map(
    rows.map((r) => [Number(r.ozgId), { leistungen: Number(r.leistungen), offerings: Number(r.offerings) }]),
  );
  return ozgIds
    .map((ozgId) => ({
      ozgId,
      name: stored.get(ozgId)?.name ?? '',
      leistungen: counts.get(ozgId)?.leistungen ?? 0,
      offerings: counts.get(ozgId)?.offerings ?? 0,
    }))
    .sort((a, b) => b.offerings - a.offerings || a.ozgId - b.ozgId);
}
