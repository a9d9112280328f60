import type { Region } from '../entities';
import type { AuditEntry } from '../services/audit.service';
import type { Gv100adRegion } from './gv100ad/gv100ad.parser';
import type { RegionPlan } from './regions-diff';

/** A Gemeinde's place in the hierarchy: its ARS and the Verband in ARS digits 6–9 (null: verbandsfrei). */
export interface ArsState {
  ars: string | null;
  verbandKey: string | null;
  verbandName: string | null;
}

/** A Gemeinde that keeps its AGS but gets another ARS or Verband in an edition. */
export interface ArsChange {
  key: string;
  regionId: number;
  name: string;
  before: ArsState;
  after: ArsState;
}

/**
 * The Gemeinden of a plan whose ARS or Verband changes (same AGS): a Gemeinde moving to
 * another Verband, a Verband dissolved or renumbered. Verband names come from the stored
 * regions for the state before and from the edition for the state after (a Verband may be new,
 * or retired by the same edition).
 */
export function planArsChanges(plan: RegionPlan, stored: Region[], edition: Gv100adRegion[]): ArsChange[] {
  const storedNames = new Map(stored.filter((r) => r.level === 'gemeindeverband').map((r) => [r.key, r.name]));
  const editionNames = new Map(edition.filter((r) => r.level === 'gemeindeverband').map((r) => [r.key, r.name]));
  const nameOf = (key: string | null, first: Map<string, string>, second: Map<string, string>) =>
    key === null ? null : (first.get(key) ?? second.get(key) ?? null);
  return plan.changed
    .filter((c) => c.row.level === 'gemeinde')
    .filter((c) => (c.before.ars ?? null) !== c.row.ars || (c.before.verbandKey ?? null) !== c.row.verbandKey)
    .map((c) => ({
      key: c.row.key,
      regionId: c.before.id,
      name: c.row.name,
      before: {
        ars: c.before.ars,
        verbandKey: c.before.verbandKey,
        verbandName: nameOf(c.before.verbandKey, storedNames, editionNames),
      },
      after: {
        ars: c.row.ars,
        verbandKey: c.row.verbandKey,
        verbandName: nameOf(c.row.verbandKey, editionNames, storedNames),
      },
    }));
}

/**
 * One `region.ars-changed` event per change, in the Gemeinde's history, pointing at the
 * import run; `after.gebietsstand` names the edition (the successor suggestions read it to
 * tell which Gemeinden left a retired Gemeinde's Verband with it).
 */
export function arsChangeEntries(changes: ArsChange[], gebietsstand: string, importRunId: number): AuditEntry[] {
  return changes.map((c) => ({
    action: 'region.ars-changed',
    entityType: 'region',
    entityKey: c.key,
    regionId: c.regionId,
    importRunId,
    before: c.before,
    after: { ...c.after, gebietsstand },
  }));
}
