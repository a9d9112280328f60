import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Operator, OzgLeistung, ProductSuggestion, Region } from '../entities';
import { inTransaction } from '../entities/transaction';
import { sha256Hex } from '../lib/hash';
import { referenceDataDir } from '../lib/paths';
import { SYSTEM_PRINCIPAL, type Actor } from '../lib/principal';
import { beginImportRun, finishImportRun, type ImportReport } from './import-report';
import { importOzgCatalogue, SHIPPED_EDITION } from './ozg/ozg.importer';
import {
  operatorSeedsFromCsv,
  productSeedsFromCsv,
  seedOperators,
  seedProductSuggestions,
} from './reference-seeds.importer';
import { importRegions } from './regions.importer';
import { ensureRuleDefaults } from './rules/rule-defaults';
import { ensureConnectableServices } from './connectable-services-defaults';

/** The bundled reference files (see `data/reference/SOURCES.md`). */
export const REFERENCE_FILES = {
  regions: 'GV100AD_31082025.txt',
  operators: 'kommunale_it_dienstleister_de.csv',
  products: 'basiskomponenten_produkte_de.csv',
  ozgLeistungen: 'ozg_leistungen_2019.csv',
  ozgLeikaLeistungen: 'ozg_leika_leistungen_2019.csv',
  responsibilityRules: 'zustaendigkeitsregeln.csv',
  taskDelegation: 'aufgabenuebertragung.csv',
  cityStatuses: 'staedte-mit-kreisaufgaben.csv',
  connectableServices: 'anschliessbare-dienste.csv',
  leistungTraits: 'leistungsmerkmale.csv',
} as const;

/** What {@link ensureReferenceData} loaded; null for a part that was already there. */
export interface ReferenceDataResult {
  regions: ImportReport | null;
  seeds: ImportReport | null;
  ozgCatalogue: ImportReport | null;
  ruleDefaults: ImportReport | null;
  connectableServices: ImportReport | null;
}

/** The part of a pino logger used here (tests pass a stub). */
export interface ReferenceDataLogger {
  info(details: object, message: string): void;
}

const SYSTEM_ACTOR: Actor = { principal: SYSTEM_PRINCIPAL, requestId: null };

function readReference(name: string): Buffer {
  return readFileSync(join(referenceDataDir, name));
}

async function loadRegions(dataSource: DataSource): Promise<ImportReport | null> {
  if ((await dataSource.manager.count(Region)) > 0) return null;
  const report = await importRegions(dataSource, {
    buffer: readReference(REFERENCE_FILES.regions),
    sourceName: `data/reference/${REFERENCE_FILES.regions}`,
    actor: SYSTEM_ACTOR,
  });
  if (report.status === 'rejected') {
    // The bundled file is part of the release; if it does not parse, the release is broken.
    throw new Error(
      `Mitgeliefertes Gemeindeverzeichnis unlesbar: ${report.problems[0]?.detail ?? 'unbekannter Fehler'}`,
    );
  }
  return report;
}

/**
 * Seeds operators (when none with origin `reference` exist) and product suggestions (when the
 * table is empty) in one transaction, recorded as an import run of kind `reference`.
 */
async function loadSeeds(dataSource: DataSource): Promise<ImportReport | null> {
  const manager = dataSource.manager;
  const wantOperators = (await manager.count(Operator, { where: { origin: 'reference' } })) === 0;
  const wantProducts = (await manager.count(ProductSuggestion)) === 0;
  if (!wantOperators && !wantProducts) return null;
  const operatorsCsv = readReference(REFERENCE_FILES.operators);
  const productsCsv = readReference(REFERENCE_FILES.products);
  return inTransaction(dataSource, async (tx) => {
    const startedAt = new Date().toISOString();
    const report: ImportReport = {
      kind: 'reference',
      source: `data/reference/${REFERENCE_FILES.operators}, data/reference/${REFERENCE_FILES.products}`,
      sha256: sha256Hex(Buffer.concat([operatorsCsv, productsCsv])),
      dryRun: false,
      status: 'succeeded',
      unchanged: false,
      counts: {},
      problems: [],
      importRunId: null,
      startedAt,
      finishedAt: startedAt,
    };
    const importRunId = await beginImportRun(tx, report, SYSTEM_ACTOR);
    const operators = wantOperators
      ? await seedOperators(tx, operatorSeedsFromCsv(operatorsCsv.toString('utf8')))
      : null;
    const products = wantProducts
      ? await seedProductSuggestions(tx, productSeedsFromCsv(productsCsv.toString('utf8')))
      : null;
    const done: ImportReport = {
      ...report,
      importRunId,
      unchanged: (operators?.created.length ?? 0) + (products?.created.length ?? 0) === 0,
      counts: {
        operators: operators?.created.length ?? 0,
        operatorsSkipped: operators?.skipped.length ?? 0,
        productSuggestions: products?.created.length ?? 0,
        productSuggestionsSkipped: products?.skipped.length ?? 0,
      },
      details: { skippedOperators: operators?.skipped ?? [], skippedProducts: products?.skipped ?? [] },
      finishedAt: new Date().toISOString(),
    };
    await finishImportRun(tx, importRunId, done, SYSTEM_ACTOR);
    return done;
  });
}

/**
 * Loads the 2019 OZG catalogue (OZG-Leistungen and their Leistungen) when there is no
 * OZG-Leistung yet, after the regions so the derived responsibility covers every Land. A newer
 * catalogue imported later replaces it and is never overwritten here.
 */
async function loadOzgCatalogue(dataSource: DataSource): Promise<ImportReport | null> {
  if ((await dataSource.manager.count(OzgLeistung)) > 0) return null;
  const report = await importOzgCatalogue(dataSource, {
    files: [REFERENCE_FILES.ozgLeistungen, REFERENCE_FILES.ozgLeikaLeistungen].map((name) => ({
      name: `data/reference/${name}`,
      buffer: readReference(name),
    })),
    edition: SHIPPED_EDITION,
    actor: SYSTEM_ACTOR,
  });
  if (report.status === 'rejected') {
    throw new Error(
      `Mitgelieferter OZG-Katalog unlesbar: ${report.problems.find((p) => p.severity === 'error')?.detail}`,
    );
  }
  return report;
}

/** The shipped responsibility, delegation and Leistungsmerkmal rules and city statuses, when this edition is not loaded yet. */
function loadRuleDefaults(dataSource: DataSource): Promise<ImportReport | null> {
  const file = (name: string) => ({ name: `data/reference/${name}`, buffer: readReference(name) });
  return ensureRuleDefaults(
    dataSource,
    {
      rules: file(REFERENCE_FILES.responsibilityRules),
      delegation: file(REFERENCE_FILES.taskDelegation),
      cityStatuses: file(REFERENCE_FILES.cityStatuses),
      traits: file(REFERENCE_FILES.leistungTraits),
    },
    SYSTEM_ACTOR,
  );
}

/**
 * Loads the reference data shipped in `data/reference/` into a database that lacks it, as the
 * system principal: the Gemeindeverzeichnis when the regions table is empty, the operator and
 * product seed lists when they were never seeded, the shipped responsibility rules when this
 * edition of them is not loaded, the 2019 OZG catalogue when there is no OZG-Leistung, the
 * connectable services when this edition of them is not loaded (connections are never touched).
 * Idempotent: a second call loads nothing. Called at start-up after the migrations.
 */
export async function ensureReferenceData(
  dataSource: DataSource,
  logger: ReferenceDataLogger,
): Promise<ReferenceDataResult> {
  const regions = await loadRegions(dataSource);
  if (regions) {
    logger.info(
      {
        source: regions.source,
        gebietsstand: regions.details?.gebietsstand,
        counts: regions.counts,
        importRunId: regions.importRunId,
      },
      'reference data: Gemeindeverzeichnis loaded',
    );
  }
  const seeds = await loadSeeds(dataSource);
  if (seeds)
    logger.info(
      { counts: seeds.counts, importRunId: seeds.importRunId },
      'reference data: operators and product suggestions seeded',
    );
  // The rules before the catalogue: its import derives the responsibility from them.
  const ruleDefaults = await loadRuleDefaults(dataSource);
  if (ruleDefaults) {
    logger.info(
      { counts: ruleDefaults.counts, importRunId: ruleDefaults.importRunId },
      'reference data: responsibility rules loaded',
    );
  }
  const ozgCatalogue = await loadOzgCatalogue(dataSource);
  if (ozgCatalogue) {
    logger.info(
      { edition: SHIPPED_EDITION, counts: ozgCatalogue.counts, importRunId: ozgCatalogue.importRunId },
      'reference data: OZG catalogue loaded',
    );
  }
  const connectableServices = await ensureConnectableServices(
    dataSource,
    {
      name: `data/reference/${REFERENCE_FILES.connectableServices}`,
      buffer: readReference(REFERENCE_FILES.connectableServices),
    },
    SYSTEM_ACTOR,
  );
  if (connectableServices) {
    logger.info(
      { counts: connectableServices.counts, importRunId: connectableServices.importRunId },
      'reference data: connectable services loaded',
    );
  }
  return { regions, seeds, ozgCatalogue, ruleDefaults, connectableServices };
}
