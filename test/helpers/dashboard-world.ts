import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { importRegions } from '../../importers/regions.importer';
import { readCsv } from '../../importers/tabular';
import { cliPrincipal } from '../../lib/principal';
import { mapSuccessor } from '../../services/region-successor.service';
import { asEdition, editionLines, fixtureFile, patchField } from './gv100ad-fixture';
import { setRules } from './ozg-factories';

/**
 * The world the dashboard fixtures (test/fixtures/dashboard) resolve in, built from the shipped
 * reference data: Land Schleswig-Holstein and the Kreis Dithmarschen (01051) of the
 * Gemeindeverzeichnis 31.08.2025, the catalogue rows of OZG 10000 Elterngeld, 10119
 * Personalausweis and 10160 Hundehaltung, and three rules (Elterngeld: Kreis, the other two:
 * Gemeinde). `edition2026` adds a later edition in which Averlak (01051003) moves from the Amt
 * Burg-St. Michaelisdonn (5163) to Marne-Nordsee (5166), so its ARS changes, and Brickeln
 * (01051010) is gone, mapped to its successor Buchholz (01051012).
 */

export const actor = { principal: cliPrincipal(), requestId: null };
export const FIXTURES = path.resolve(__dirname, '../fixtures/dashboard');
const REFERENCE = path.resolve(__dirname, '../../data/reference');
const GV100AD = path.join(REFERENCE, 'GV100AD_31082025.txt');

export const AVERLAK = '01051003';
export const BRICKELN = '01051010';
export const BUCHHOLZ = '01051012';

/** A fixture file's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** The reference catalogue's rows of the given OZG-Leistungen, as the catalogue importer's JSON. */
async function catalogueOf(ozgIds: number[]): Promise<Buffer> {
  const sheet = await readCsv(readFileSync(path.join(REFERENCE, 'ozg_leika_leistungen_2019.csv')));
  const at = (name: string) => sheet.headers.indexOf(name);
  const rows = sheet.rows
    .map((r) => r.cells)
    .filter((cells) => ozgIds.includes(Number(cells[at('ozg_id')])))
    .map((cells) => ({
      ozgid: Number(cells[at('ozg_id')]),
      ozg_bezeichnung: cells[at('ozg_leistung')],
      leika_key: cells[at('leistungsschluessel')],
      leika_name: cells[at('leistung')],
      leika_typ: cells[at('leika_typ')],
    }));
  return Buffer.from(JSON.stringify(rows));
}

/** Loads the regions, the catalogue and the rules (see the file comment). */
export async function buildDashboardWorld(dataSource: DataSource): Promise<void> {
  const regions = await importRegions(dataSource, {
    buffer: fixtureFile(editionLines(GV100AD, ['01 ', '01051'])),
    sourceName: 'dithmarschen-2025.txt',
    actor,
  });
  if (regions.status !== 'succeeded') throw new Error(JSON.stringify(regions.problems.slice(0, 3)));
  const catalogue = await importOzgCatalogue(dataSource, {
    files: [{ name: 'katalog.json', buffer: await catalogueOf([10000, 10119, 10160]) }],
    actor,
  });
  if (catalogue.status !== 'succeeded') throw new Error(JSON.stringify(catalogue.problems.slice(0, 3)));
  await setRules(dataSource, [
    { ozgId: 10000, level: 'kreis', taskGroup: 'soziales' },
    { ozgId: 10119, level: 'gemeinde', taskGroup: 'buergeramt' },
    { ozgId: 10160, level: 'gemeinde', taskGroup: 'steuern' },
  ]);
}

/** The later edition (see the file comment), with Brickeln mapped to Buchholz. */
export async function edition2026(dataSource: DataSource): Promise<void> {
  const lines = asEdition(editionLines(GV100AD, ['01 ', '01051']), '20260101')
    .filter((line) => !(line.startsWith('60') && line.slice(10, 18) === BRICKELN))
    .map((line) => (line.startsWith('60') && line.slice(10, 18) === AVERLAK ? patchField(line, 19, '5166') : line));
  const report = await importRegions(dataSource, {
    buffer: fixtureFile(lines),
    sourceName: 'dithmarschen-2026.txt',
    actor,
  });
  if (report.status !== 'succeeded') throw new Error(JSON.stringify(report.problems.slice(0, 3)));
  await mapSuccessor(dataSource, { oldKey: BRICKELN, newKey: BUCHHOLZ, mode: 'move', actor });
}
