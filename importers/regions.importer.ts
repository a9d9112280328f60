import type { DataSource, EntityManager } from 'typeorm';
import { Region } from '../entities';
import { inTransaction } from '../entities/transaction';
import { sha256Hex } from '../lib/hash';
import type { Actor } from '../lib/principal';
import { recordAuditBatch } from '../services/audit.service';
import { parseGv100ad, type Gv100adParseResult } from './gv100ad/gv100ad.parser';
import {
  beginImportRun,
  finishImportRun,
  recordImportRun,
  type ImportProblem,
  type ImportReport,
} from './import-report';
import { silentProgress, type Progress } from './progress';
import { arsChangeEntries, planArsChanges, type ArsChange } from './regions-ars-changes';
import { isEmptyPlan, lastImportedEdition, planRegionChanges, type RegionPlan } from './regions-diff';
import { auditRegionPlan, recordCounts, writeRegionPlan } from './regions.writer';

/** Input of {@link importRegions}. */
export interface ImportRegionsOptions {
  /** The GV100AD file as read from disk or upload. */
  buffer: Uint8Array;
  /** File name or other description, for the report and the run record. */
  sourceName: string;
  /** Validate and compute the changes, but write nothing except the run record. */
  dryRun?: boolean;
  actor: Actor;
  progress?: Progress;
}

/** The plan and the inventory of the regions it would retire, as read from the database. */
interface Assessment {
  plan: RegionPlan;
  previous: string | null;
  firstLoad: boolean;
  records: Map<number, number>;
  /** Gemeinden keeping their AGS with another ARS or Verband. */
  arsChanges: ArsChange[];
}

function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

async function assess(manager: EntityManager, parsed: Gv100adParseResult, gebietsstand: string): Promise<Assessment> {
  const stored = await manager.find(Region);
  const plan = planRegionChanges(stored, parsed.regions, gebietsstand);
  const records = await recordCounts(
    manager,
    plan.retired.map((r) => r.id),
  );
  return {
    plan,
    previous: lastImportedEdition(stored),
    firstLoad: stored.length === 0,
    records,
    arsChanges: planArsChanges(plan, stored, parsed.regions),
  };
}

function editionWarnings(gebietsstand: string, previous: string | null): ImportProblem[] {
  if (!previous || gebietsstand >= previous) return [];
  return [
    {
      severity: 'warning',
      detail:
        `Der Gebietsstand ${germanDate(gebietsstand)} ist älter als der zuletzt importierte (${germanDate(previous)}): ` +
        'Gebiete, die es erst später gibt, werden als nicht mehr aktuell markiert, frühere werden wieder aktiviert.',
    },
  ];
}

function fileCounts(parsed: Gv100adParseResult): Record<string, number> {
  const c = parsed.counts;
  return {
    records: c.records,
    ...c.byLevel,
    verbandsfrei: c.verbandsfrei,
    gemeindefrei: c.gemeindefrei,
    population: c.population,
  };
}

function planCounts({ plan, records, arsChanges }: Assessment): Record<string, number> {
  return {
    added: plan.added.length,
    changed: plan.changed.length,
    renamed: plan.changed.filter((c) => c.renamed).length,
    arsChanged: arsChanges.length,
    reactivated: plan.changed.filter((c) => c.reactivated).length,
    retired: plan.retired.length,
    retiredWithInventory: plan.retired.filter((r) => records.has(r.id)).length,
    unchanged: plan.unchanged,
  };
}

/** What the report lists region by region; the added ones only after the first load. */
function planDetails(parsed: Gv100adParseResult, a: Assessment): Record<string, unknown> {
  const { plan, records } = a;
  return {
    gebietsstand: plan.gebietsstand,
    previousGebietsstand: a.previous,
    encoding: parsed.encoding,
    firstLoad: a.firstLoad,
    perLevel: plan.perLevel,
    added: a.firstLoad ? [] : plan.added.map((r) => ({ key: r.key, level: r.level, name: r.name })),
    renamed: plan.changed
      .filter((c) => c.renamed)
      .map((c) => ({ key: c.row.key, level: c.row.level, from: c.before.name, to: c.row.name })),
    arsChanged: a.arsChanges.map((c) => ({
      key: c.key,
      name: c.name,
      fromArs: c.before.ars,
      toArs: c.after.ars,
      fromVerband: c.before.verbandName,
      toVerband: c.after.verbandName,
    })),
    retired: plan.retired.map((r) => ({
      key: r.key,
      level: r.level,
      name: r.name,
      hasInventory: records.has(r.id),
      componentRecords: records.get(r.id) ?? 0,
    })),
    reactivated: plan.changed
      .filter((c) => c.reactivated)
      .map((c) => ({
        key: c.row.key,
        level: c.row.level,
        name: c.row.name,
        retiredGebietsstand: c.before.retiredGebietsstand,
      })),
  };
}

function newReport(options: ImportRegionsOptions, parsed: Gv100adParseResult, startedAt: string): ImportReport {
  const failed = parsed.problems.some((p) => p.severity === 'error');
  return {
    kind: 'regions',
    source: options.sourceName,
    sha256: sha256Hex(Buffer.from(options.buffer)),
    dryRun: options.dryRun ?? false,
    status: failed ? 'rejected' : 'succeeded',
    unchanged: false,
    counts: fileCounts(parsed),
    problems: [...parsed.problems],
    details: { gebietsstand: parsed.gebietsstand, encoding: parsed.encoding },
    importRunId: null,
    startedAt,
    finishedAt: startedAt,
  };
}

function withAssessment(report: ImportReport, parsed: Gv100adParseResult, a: Assessment): ImportReport {
  return {
    ...report,
    unchanged: isEmptyPlan(a.plan),
    counts: { ...report.counts, ...planCounts(a) },
    problems: [...report.problems, ...editionWarnings(a.plan.gebietsstand, a.previous)],
    details: planDetails(parsed, a),
    finishedAt: new Date().toISOString(),
  };
}

/**
 * Imports an edition of the Destatis Gemeindeverzeichnis (GV100AD) into the regions table, in
 * one transaction. Regions are matched by key and updated in place; new ones are added; current
 * ones missing from the edition are retired (`isCurrent=false`, `retiredGebietsstand` = the
 * edition's Gebietsstand) and keep their records and history; retired ones listed again are
 * reactivated. Nothing is ever deleted. A file with errors is rejected and nothing but the run
 * record is written; a dry run computes the same report without writing the regions. Each
 * added, renamed, retired and reactivated region gets an audit event, and so does each Gemeinde
 * that keeps its AGS but changes ARS or Verband (`region.ars-changed`), except on the very
 * first load into an empty table, where the import run record stands for all of them; every
 * run that changes something also gets one `regions.imported` event with its counts.
 */
export async function importRegions(dataSource: DataSource, options: ImportRegionsOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const parsed = parseGv100ad(options.buffer);
  const report = newReport(options, parsed, startedAt);
  if (report.status === 'rejected' || parsed.gebietsstand === null) {
    return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
  }
  const gebietsstand = parsed.gebietsstand;
  if (options.dryRun) {
    const dry = withAssessment(report, parsed, await assess(dataSource.manager, parsed, gebietsstand));
    return { ...dry, importRunId: await recordImportRun(dataSource, dry, options.actor) };
  }
  return inTransaction(dataSource, async (tx) => {
    const assessment = await assess(tx, parsed, gebietsstand);
    const planned = withAssessment(report, parsed, assessment);
    const importRunId = await beginImportRun(tx, planned, options.actor);
    if (!planned.unchanged) {
      const addedIds = await writeRegionPlan(tx, assessment.plan, options.progress ?? silentProgress);
      if (!assessment.firstLoad) {
        await auditRegionPlan(tx, options.actor, { ...assessment, addedIds, importRunId });
        await recordAuditBatch(tx, options.actor, arsChangeEntries(assessment.arsChanges, gebietsstand, importRunId));
      }
      // One event per run that changed something, the first load included: its counts and edition.
      await recordAuditBatch(tx, options.actor, [
        {
          action: 'regions.imported',
          entityType: 'import-run',
          entityKey: String(importRunId),
          importRunId,
          before: null,
          after: { gebietsstand, firstLoad: assessment.firstLoad, counts: planned.counts },
        },
      ]);
    }
    const done: ImportReport = { ...planned, importRunId, finishedAt: new Date().toISOString() };
    await finishImportRun(tx, importRunId, done, options.actor);
    return done;
  });
}
