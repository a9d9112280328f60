import type { EntityManager } from 'typeorm';
import { Offering } from '../../entities';
import { bulkInsert, timestampValue, type BulkValue } from '../../entities/bulk-write';
import { attainableLevel } from '../../lib/attainable';
import { COMPONENT_CAPS } from '../../lib/component-caps';
import { type ResponsibilityLevel, unitCarries } from '../../lib/responsibility';
import { loadDelegation, loadUnits } from '../../services/administrative-units';
import { deriveSeed, mulberry32 } from './prng';

/** Where demo offerings point: a reserved domain, so nobody mistakes them for real services. */
const DEMO_URL = 'https://demo.invalid/onlinedienst';

/** The first bound parameter in this database's syntax. */
function placeholder(tx: EntityManager): string {
  return tx.connection.options.type === 'postgres' ? '$1' : '?';
}

/** Deletes demo offerings, of one Land or all; returns how many. */
export async function deleteDemoOfferings(tx: EntityManager, landKey?: string): Promise<number> {
  const query = tx.createQueryBuilder().delete().from(Offering).where('source = :demo', { demo: 'demo' });
  if (landKey) query.andWhere('region_id IN (SELECT r.id FROM regions r WHERE r.land_key = :landKey)', { landKey });
  return (await query.execute()).affected ?? 0;
}

/**
 * Draws synthetic online offerings for the units of a Land, consistent with their (demo)
 * components: for each Leistung a unit is responsible for, it is online with a chance that
 * grows with the Leistung's popularity (drawn once per Leistung, so the same services are online
 * in many places, as in reality) and with the components the unit runs; its Reifegrad is drawn
 * up to what those components allow. Seeded per unit, source `demo`, URL under `demo.invalid`.
 * Returns how many were written.
 */
export async function writeDemoOfferings(
  tx: EntityManager,
  landKey: string,
  seed: number,
  inUse: Map<string, Set<string>>,
  now: Date,
): Promise<number> {
  // The units and the rule the gap reports count by, so demo offerings sit where they would be counted.
  const units = await loadUnits(tx, { column: 'land_key', value: landKey });
  const delegation = await loadDelegation(tx);
  const levels = (await tx.query(
    `SELECT lr."leistung_id" AS "leistungId", lr."level" AS "level", lr."task_group" AS "taskGroup",
            l."vertrauensniveau" AS "vertrauensniveau",
            l."fee_bearing" AS "feeBearing"
       FROM "leistung_responsibilities" lr JOIN "leistungen" l ON l."id" = lr."leistung_id"
      WHERE lr."land_key" = ${placeholder(tx)} ORDER BY lr."leistung_id"`,
    [landKey],
  )) as {
    leistungId: number | string;
    level: ResponsibilityLevel | 'explicit';
    taskGroup: string;
    vertrauensniveau: string | null;
    feeBearing: boolean | number | null;
  }[];
  const popularity = new Map(
    levels.map((l) => [Number(l.leistungId), mulberry32(deriveSeed(seed, `leistung:${l.leistungId}`))() ** 2]),
  );
  const at = timestampValue(tx, now);
  let written = 0;
  function* rows(): Generator<BulkValue[]> {
    for (const unit of units) {
      const components = inUse.get(unit.key) ?? new Set<string>();
      const next = mulberry32(deriveSeed(seed, `offerings:${unit.key}`));
      const readiness = 0.25 + 0.75 * Math.min(1, components.size / 4);
      for (const leistung of levels) {
        if (!unitCarries(unit, leistung.level, leistung.taskGroup, delegation)) continue;
        const id = Number(leistung.leistungId);
        if (next() >= (popularity.get(id) ?? 0) * readiness) continue;
        const traits = {
          vertrauensniveau: leistung.vertrauensniveau,
          feeBearing: leistung.feeBearing === null ? null : Boolean(leistung.feeBearing),
        };
        // The demo knows every component: what a unit does not run, it lacks.
        const state = { inUse: components, notInUse: notRunning(components) };
        const ceiling = Math.max(1, attainableLevel('RGM-1.1', state, traits).level);
        const level = 1 + Math.floor(next() ** 0.6 * ceiling);
        written++;
        yield [
          unit.id,
          id,
          'demo',
          `${DEMO_URL}/${unit.key}/${id}`,
          'online',
          'RGM-1.1',
          Math.min(level, ceiling),
          false,
          'Demodaten – synthetisch erzeugt, kein echtes Angebot.',
          at,
          at,
        ];
      }
    }
  }
  await bulkInsert(tx, {
    table: 'offerings',
    columns: [
      'region_id',
      'leistung_id',
      'source',
      'url',
      'status',
      'maturity_model',
      'maturity_level',
      'flaechendeckend',
      'note',
      'created_at',
      'updated_at',
    ],
    rows: rows(),
  });
  return written;
}

/** The cap table's components a unit does not run. */
function notRunning(components: ReadonlySet<string>): Set<string> {
  return new Set(COMPONENT_CAPS.flatMap((row) => row.components).filter((c) => !components.has(c)));
}
