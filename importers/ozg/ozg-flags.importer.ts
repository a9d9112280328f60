import type { DataSource, EntityManager } from 'typeorm';
import { runWhereIn } from '../../entities/bulk-write';
import { inTransaction } from '../../entities/transaction';
import { sha256Hex } from '../../lib/hash';
import type { JsonSchema } from '../../lib/validation';
import type { Actor } from '../../lib/principal';
import {
  beginImportRun,
  finishImportRun,
  recordImportRun,
  type ImportProblem,
  type ImportReport,
} from '../import-report';
import { mapHeaders } from '../tabular';
import { readTable, withJsonPointers } from './json-table';
import { ozgDiff, type PlannedOzgChange } from './ozg-changes';
import { OZG_COLUMNS, type OzgProperty } from './ozg-columns';
import type { CatalogueFile } from './ozg-files';
import { unusedMappingProblems, withMapping, type CatalogueMapping } from './ozg-mapping';
import { flag, storedOzg, type OzgValues } from './ozg-plan';
import { lockCatalogue, writeCatalogueHistory } from './ozg.writer';
import { parseTableRows, type FieldSpec } from './table-rows';

/** Input of {@link importOzgFlags}. */
export interface ImportOzgFlagsOptions {
  file: CatalogueFile;
  /** Where the list comes from, kept with every flag it sets; default: the file name. */
  source?: string;
  mapping?: CatalogueMapping;
  dryRun?: boolean;
  actor: Actor;
}

const SOURCE_MAX_LENGTH = 300;

/** A flags list: OZG-ID, optionally the name (checked), `fokus` and/or `efa`; other catalogue columns are read past. */
const FLAG_COLUMNS: FieldSpec<OzgProperty>[] = OZG_COLUMNS.map((spec) => {
  if (spec.name === 'ozg_bezeichnung') return { ...spec, required: false };
  if (['ozgid', 'fokus', 'efa'].includes(spec.name)) return spec;
  return { ...spec, ignored: true };
});

const flagRowSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ozgId'],
  properties: {
    ozgId: { type: 'integer', minimum: 1 },
    ozgName: { type: 'string', maxLength: 300 },
    fokus: { type: 'boolean' },
    efa: { type: 'boolean' },
  },
};

interface FlagPlan {
  writes: OzgValues[];
  changes: PlannedOzgChange[];
  problems: ImportProblem[];
  rows: number;
}

/** Reads and checks the list against the stored catalogue: every OZG-ID once, each an active OZG-Leistung. */
async function planFlags(manager: EntityManager, options: ImportOzgFlagsOptions, source: string): Promise<FlagPlan> {
  const sheet = await readTable(options.file.buffer);
  const plan: FlagPlan = { writes: [], changes: [], problems: [...sheet.problems], rows: sheet.rows.length };
  if (plan.problems.some((p) => p.severity === 'error') && sheet.rows.length === 0) return plan;
  const specs = withMapping(FLAG_COLUMNS, options.mapping) as FieldSpec<OzgProperty>[];
  const headers = mapHeaders(sheet, specs);
  plan.problems.push(...unusedMappingProblems(sheet, specs, options.mapping), ...headers.problems);
  if (!headers.index.has('fokus') && !headers.index.has('efa')) {
    plan.problems.push({
      severity: 'error',
      row: sheet.headerRow,
      detail: 'Eine Liste von Merkmalen braucht eine Spalte fokus oder efa (ja/nein) neben ozgid.',
    });
  }
  if (plan.problems.some((p) => p.severity === 'error')) {
    plan.problems = withJsonPointers(sheet, plan.problems);
    return plan;
  }
  const table = parseTableRows(sheet, headers, specs, flagRowSchema);
  const problems: ImportProblem[] = [...table.problems];
  const stored = await storedOzg(manager);
  const seen = new Map<number, number>();
  const column = table.headers.get('ozgId');
  for (const { row, values, ok } of table.rows) {
    const ozgId = values.ozgId as number | undefined;
    if (ozgId === undefined || !ok) continue;
    const before = stored.get(ozgId);
    if (seen.has(ozgId)) {
      problems.push({
        severity: 'error',
        row,
        column,
        detail: `OZG-ID ${ozgId} steht schon in Zeile ${seen.get(ozgId)}.`,
      });
      continue;
    }
    seen.set(ozgId, row);
    if (!before?.isActive) {
      problems.push({
        severity: 'error',
        row,
        column,
        detail: `OZG-ID ${ozgId} ist keine aktive OZG-Leistung des Katalogs.`,
      });
      continue;
    }
    const name = values.ozgName as string | undefined;
    if (name !== undefined && name !== before.name) {
      problems.push({
        severity: 'warning',
        row,
        column: table.headers.get('ozgName'),
        detail: `OZG-Leistung ${ozgId} heißt im Katalog „${before.name}“, in der Liste „${name}“.`,
      });
    }
    const cell = (p: 'fokus' | 'efa') =>
      table.present.has(p) ? ((values[p] as boolean | undefined) ?? null) : undefined;
    const [fokus, fokusSource] = flag(cell('fokus'), before.fokus, before.fokusSource, source);
    const [efa, efaSource] = flag(cell('efa'), before.efa, before.efaSource, source);
    const after = { ...before, fokus, fokusSource, efa, efaSource };
    const fields = ozgDiff(before, after);
    if (Object.keys(fields).length === 0) continue;
    plan.writes.push(after);
    plan.changes.push({ ozgId, change: 'changed', fields });
  }
  plan.problems.push(...withJsonPointers(sheet, problems));
  return plan;
}

async function writeFlags(tx: EntityManager, writes: OzgValues[]): Promise<void> {
  for (const o of writes) {
    await runWhereIn(
      tx,
      (list, p) =>
        `UPDATE "ozg_leistungen" SET "fokus" = ${p(1)}, "fokus_source" = ${p(2)}, "efa" = ${p(3)}, "efa_source" = ${p(4)} ` +
        `WHERE "ozg_id" IN (${list})`,
      [o.ozgId],
      [o.fokus, o.fokusSource, o.efa, o.efaSource],
    );
  }
}

function reportOf(options: ImportOzgFlagsOptions, plan: FlagPlan, source: string, startedAt: string): ImportReport {
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  return {
    kind: 'ozg-flags',
    source: options.file.name,
    sha256: sha256Hex(Buffer.from(options.file.buffer)),
    dryRun: options.dryRun ?? false,
    status: errors > 0 ? 'rejected' : 'succeeded',
    unchanged: errors === 0 && plan.writes.length === 0,
    counts: {
      rows: plan.rows,
      changed: errors > 0 ? 0 : plan.writes.length,
      errors,
      warnings: plan.problems.length - errors,
    },
    problems: plan.problems,
    details: { flagSource: source, ...(options.mapping && { mapping: options.mapping.name }) },
    importRunId: null,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

/**
 * Sets the Fokus and EfA flags of OZG-Leistungen from a list (docs/import-ozg.md, „Nur die
 * Merkmale“), without replacing the catalogue: rows name an OZG-ID and `fokus` and/or `efa`;
 * OZG-Leistungen the list does not name keep their flags. Every changed flag keeps the list as its
 * source and gets a history line under the run. Unknown or inactive OZG-IDs are errors: nothing
 * is written then, nor in a dry run.
 */
export async function importOzgFlags(dataSource: DataSource, options: ImportOzgFlagsOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const source = (options.source?.trim() || `Liste ${options.file.name}`).slice(0, SOURCE_MAX_LENGTH);
  if (options.dryRun) {
    const report = reportOf(options, await planFlags(dataSource.manager, options, source), source, startedAt);
    return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
  }
  return inTransaction(dataSource, async (tx) => {
    await lockCatalogue(tx);
    const plan = await planFlags(tx, options, source);
    const report = reportOf(options, plan, source, startedAt);
    const importRunId = await beginImportRun(tx, report, options.actor);
    if (report.status === 'succeeded' && plan.writes.length > 0) {
      await writeFlags(tx, plan.writes);
      await writeCatalogueHistory(tx, { ozgChanges: plan.changes }, importRunId, new Date());
    }
    const done = { ...report, importRunId, finishedAt: new Date().toISOString() };
    await finishImportRun(tx, importRunId, done, options.actor);
    return done;
  });
}
