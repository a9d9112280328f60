import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { importRegions } from '../importers/regions.importer';
import { REFERENCE_FILES } from '../importers/reference-data';
import { referenceDataDir } from '../lib/paths';
import { SYSTEM_PRINCIPAL } from '../lib/principal';
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

/** A Gemeinde of the real hierarchy, as the fixture needs it. */
export interface FixtureRegion {
  key: string;
  name: string;
  landKey: string;
  kreisKey: string;
}

/** An inventory CSV covering every Gemeinde × component. */
export interface InventoryFixture {
  regions: FixtureRegion[];
  /** Semicolon CSV, UTF-8 with BOM, as the template writes it; no quotes unless `quoted`. */
  csv: Buffer;
  rows: number;
}

/**
 * Loads the shipped Gemeindeverzeichnis (GV100AD, all levels from Land to Gemeinde) into a
 * migrated database through the project's own importer, as `npm start` does on first start.
 */
export async function loadRegionHierarchy(dataSource: DataSource): Promise<void> {
  const report = await importRegions(dataSource, {
    buffer: readFileSync(join(referenceDataDir, REFERENCE_FILES.regions)),
    sourceName: `data/reference/${REFERENCE_FILES.regions}`,
    actor: { principal: SYSTEM_PRINCIPAL, requestId: null },
  });
  if (report.status !== 'succeeded') {
    throw new Error(`GV100AD import failed: ${report.problems[0]?.detail ?? report.status}`);
  }
}

/** The current Gemeinden of the loaded hierarchy (without gemeindefreie Gebiete), by key. */
export async function fixtureMunicipalities(dataSource: DataSource): Promise<FixtureRegion[]> {
  const yes = dataSource.options.type === 'postgres' ? 'true' : '1';
  const no = dataSource.options.type === 'postgres' ? 'false' : '0';
  const rows: { key: string; name: string; landKey: string; kreisKey: string }[] = await dataSource.query(
    `SELECT key, name, land_key AS "landKey", kreis_key AS "kreisKey" FROM regions
      WHERE level = 'gemeinde' AND is_current = ${yes} AND is_unincorporated = ${no} ORDER BY key`,
  );
  return rows;
}

/** A small deterministic generator (LCG), so every run imports the same file. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
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
 * A CSV with one row per Gemeinde × component (about 10,800 × 9 ≈ 97,000 rows for the real
 * hierarchy): statuses, about 30 % own IT without a name (each creates its "Eigene IT"
 * operator), 16 municipal providers, 20 private ones, products and German dates. `quoted`
 * adds quoted notes with separators to some rows, which moves the file from the fast path
 * to csv-parse.
 */
export function generateInventoryFixture(
  regions: FixtureRegion[],
  options: { seed?: number; quoted?: boolean } = {},
): InventoryFixture {
  const random = lcg(options.seed ?? 1);
  const lines = ['ags;component;status;operator;operator_type;product;valid_from;valid_to;note'];
  for (const region of regions) {
    for (const component of FIXTURE_COMPONENTS)
      lines.push(fixtureRow(region, component, random, options.quoted ?? false));
  }
  const csv = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return { regions, csv, rows: lines.length - 1 };
}
