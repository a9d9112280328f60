import type { DataSource } from 'typeorm';
import { bulkInsert, timestampValue, type BulkValue } from '../entities/bulk-write';
import { inTransaction } from '../entities/transaction';
import { mulberry32 } from '../importers/demo/prng';
import { ensureReferenceData } from '../importers/reference-data';

/** Offerings per Gemeinde or Gemeindeverband and per Landkreis: together about 3 million rows for Germany. */
const PER_GEMEINDE = 235;
const PER_KREIS = 1500;
const EFA_PER_LAND = 20;

interface Unit {
  id: number;
  level: string;
  landKey: string;
}

/** A random level of a random model, or null (online without a stated Reifegrad). */
function maturity(next: () => number): [string | null, number | null] {
  const r = next();
  if (r < 0.1) return [null, null];
  if (r < 0.25) return ['RGM-2.0', Math.floor(next() * 8)];
  return ['RGM-1.1', Math.floor(next() * 5)];
}

/**
 * Fills a benchmark database that already holds the real regional hierarchy and a component
 * landscape: the shipped 2019 catalogue (through the real importer, which also derives
 * responsibility), about 3 million generated offerings — each Gemeinde and Landkreis offering a
 * seeded random choice of Leistungen, preferring those it is responsible for — and a few
 * Land-wide flächendeckend EfA services per Land. Returns the number of offerings.
 */
export async function generateGapFixture(dataSource: DataSource, seed = 4711): Promise<number> {
  await ensureReferenceData(dataSource, { info: () => undefined });
  const next = mulberry32(seed);
  const units = (await dataSource.query(
    `SELECT id, level, land_key AS "landKey" FROM regions
      WHERE is_current = 1 AND is_unincorporated = 0
        AND (level IN ('gemeinde', 'gemeindeverband') OR (level = 'kreis' AND text_code NOT IN ('41', '42')))
      ORDER BY id`,
  )) as Unit[];
  const laender = (await dataSource.query(`SELECT id, key FROM regions WHERE level = 'land'`)) as {
    id: number;
    key: string;
  }[];
  const levels = (await dataSource.query(
    'SELECT leistung_id AS "leistungId", land_key AS "landKey", level FROM leistung_responsibilities',
  )) as { leistungId: number; landKey: string; level: string }[];
  const all = [...new Set(levels.map((l) => l.leistungId))];
  const byLandLevel = new Map<string, number[]>();
  for (const row of levels) {
    const key = `${row.landKey}|${row.level}`;
    byLandLevel.set(key, [...(byLandLevel.get(key) ?? []), row.leistungId]);
  }
  let count = 0;
  await inTransaction(dataSource, async (tx) => {
    const now = timestampValue(tx, new Date());
    function* rows(): Generator<BulkValue[]> {
      for (const unit of units) {
        const own = byLandLevel.get(`${unit.landKey}|${unit.level === 'kreis' ? 'kreis' : 'gemeinde'}`) ?? [];
        const wanted = unit.level === 'kreis' ? PER_KREIS : PER_GEMEINDE;
        const chosen = new Set<number>();
        for (const id of own) if (next() < 0.7 && chosen.size < wanted) chosen.add(id);
        while (chosen.size < Math.min(wanted, all.length)) chosen.add(all[Math.floor(next() * all.length)]);
        for (const leistungId of chosen) {
          const [model, level] = maturity(next);
          const status = next() < 0.85 ? 'online' : 'planned';
          count++;
          yield [
            unit.id,
            leistungId,
            'dashboard',
            `https://bench.example/${unit.id}/${leistungId}`,
            status,
            model,
            level,
            false,
            now,
            now,
          ];
        }
      }
      for (const land of laender) {
        for (let i = 0; i < EFA_PER_LAND; i++) {
          count++;
          yield [
            land.id,
            all[Math.floor(next() * all.length)],
            'manual',
            'https://efa.example/',
            'online',
            'RGM-1.1',
            3 + Math.floor(next() * 2),
            true,
            now,
            now,
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
        'created_at',
        'updated_at',
      ],
      rows: rows(),
      onConflict: { target: ['region_id', 'leistung_id', 'source'], update: [] },
    });
  });
  return count;
}
