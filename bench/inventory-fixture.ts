import type { DataSource } from 'typeorm';
import { bulkInsert, timestampValue, type BulkValue } from '../entities/bulk-write';
import { inTransaction } from '../entities/transaction';
import { searchKey } from '../lib/text';
import { COMPONENT_STATUSES } from '../lib/vocabulary';

/** The component codes of the seeded catalogue, in catalogue order. */
export const FIXTURE_COMPONENTS = [
  'form-server',
  'epayment',
  'service-account',
  'eid',
  'de-mail',
  'mailbox',
  'search',
  'mobile-app',
  'chatbot',
];

/** A synthetic Gemeinde of the fixture. */
export interface FixtureRegion {
  key: string;
  name: string;
  landKey: string;
  kreisKey: string;
}

/** Regions and an inventory CSV covering every region × component. */
export interface InventoryFixture {
  regions: FixtureRegion[];
  /** Semicolon CSV, UTF-8 with BOM, as the template writes it; no quotes unless `quoted`. */
  csv: Buffer;
  rows: number;
}

/** A small deterministic generator (LCG), so every run imports the same file. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Synthetic Gemeinden spread over the 16 Länder, about 40 Kreise each; keys are valid AGS. */
export function fixtureRegions(count: number): FixtureRegion[] {
  const regions: FixtureRegion[] = [];
  for (let i = 0; i < count; i += 1) {
    const land = pad((i % 16) + 1, 2);
    const j = Math.floor(i / 16);
    const kreisKey = `${land}0${pad((j % 40) + 1, 2)}`;
    const key = `${kreisKey}${pad(Math.floor(j / 40) + 1, 3)}`;
    regions.push({ key, name: `Testgemeinde ${key}`, landKey: land, kreisKey });
  }
  return regions;
}

function fixtureRow(region: FixtureRegion, component: string, random: () => number, quoted: boolean): string {
  const status = COMPONENT_STATUSES[Math.floor(random() * 3)];
  const draw = random();
  const [operator, type] =
    draw < 0.3
      ? ['', 'own-it']
      : draw < 0.8
        ? [`Kommunaler IT-Dienstleister ${region.landKey}`, 'municipal-provider']
        : [`Privater Anbieter ${Math.floor(random() * 20)}`, 'private-provider'];
  const product = status === 'in-use' ? `Produkt ${component} ${Math.floor(random() * 5)}` : '';
  const validFrom =
    status === 'in-use' ? `01.0${1 + Math.floor(random() * 9)}.20${10 + Math.floor(random() * 15)}` : '';
  const note = random() < 0.1 ? (quoted ? '"Hinweis; mit Trennzeichen"' : 'Hinweis aus der Umfrage') : '';
  return [region.key, component, status, operator, type, product, validFrom, '', note].join(';');
}

/**
 * Generates `municipalities` synthetic Gemeinden and a CSV with one row per Gemeinde ×
 * component (10,800 × 9 ≈ 97,000 rows by default): statuses, about 30 % own IT without a
 * name (each creates its "Eigene IT" operator), 16 municipal providers, 20 private ones,
 * products and German dates. `quoted` adds quoted notes with separators to some rows, which
 * moves the file from the fast path to csv-parse.
 */
export function generateInventoryFixture(
  options: { municipalities?: number; seed?: number; quoted?: boolean } = {},
): InventoryFixture {
  const regions = fixtureRegions(options.municipalities ?? 10_800);
  const random = lcg(options.seed ?? 1);
  const lines = ['ags;component;status;operator;operator_type;product;valid_from;valid_to;note'];
  for (const region of regions) {
    for (const component of FIXTURE_COMPONENTS)
      lines.push(fixtureRow(region, component, random, options.quoted ?? false));
  }
  const csv = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return { regions, csv, rows: lines.length - 1 };
}

/** Writes the fixture's Gemeinden (and nothing else) into a migrated database, in one transaction. */
export async function insertFixtureRegions(dataSource: DataSource, regions: FixtureRegion[]): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const now = timestampValue(tx, new Date());
    const rows = regions.map((r): BulkValue[] => [
      r.key,
      'gemeinde',
      r.name,
      searchKey(r.name),
      `${r.kreisKey}0000${r.key.slice(5)}`,
      r.kreisKey,
      r.landKey,
      r.key.slice(0, 3),
      r.kreisKey,
      '2025-08-31',
      now,
      now,
    ]);
    await bulkInsert(tx, {
      table: 'regions',
      columns: [
        'key',
        'level',
        'name',
        'name_search',
        'ars',
        'parent_key',
        'land_key',
        'rb_key',
        'kreis_key',
        'gebietsstand',
        'created_at',
        'updated_at',
      ],
      rows,
    });
  });
}
