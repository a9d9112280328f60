import type { DataSource, EntityManager } from 'typeorm';
import { CityStatus } from '../../entities';
import { inTransaction } from '../../entities/transaction';
import { sha256Hex } from '../../lib/hash';
import { CITY_STATUSES } from '../../lib/responsibility';
import type { Actor } from '../../lib/principal';
import {
  applyRulePlans,
  planCounts,
  planDelegation,
  planRules,
  planTraits,
} from '../../services/responsibility-rule.service';
import { beginImportRun, finishImportRun, type ImportReport } from '../import-report';
import { mapHeaders, readCsv } from '../tabular';
import {
  DELEGATION_COLUMNS,
  parseDelegationRows,
  parseRuleRows,
  parseTraitRows,
  RULE_COLUMNS,
  TRAIT_COLUMNS,
} from './rule-rows';

/** The shipped rule tables (see `data/reference/SOURCES.md`). */
export interface RuleDefaultFiles {
  rules: { name: string; buffer: Buffer };
  delegation: { name: string; buffer: Buffer };
  cityStatuses: { name: string; buffer: Buffer };
  traits: { name: string; buffer: Buffer };
}

/** The import run kind that records which edition of the shipped rules a database holds. */
export const RULE_DEFAULTS_KIND = 'rule-defaults';

function parseShipped<T>(
  file: { name: string; buffer: Buffer },
  parse: (sheet: ReturnType<typeof readCsv>) => { rows: T[]; problems: { detail: string; row?: number }[] },
): T[] {
  const { rows, problems } = parse(readCsv(file.buffer));
  if (problems.length > 0) {
    // The shipped tables are part of the release; if they do not parse, the release is broken.
    const first = problems[0];
    throw new Error(`Mitgelieferte Regeltabelle ${file.name} fehlerhaft (Zeile ${first.row ?? '?'}): ${first.detail}`);
  }
  return rows;
}

function parseCityStatuses(file: { name: string; buffer: Buffer }): { ags: string; status: string; source: string }[] {
  const sheet = readCsv(file.buffer);
  const col = (name: string) => sheet.headers.indexOf(name);
  const rows = sheet.rows.map((r) => ({
    ags: r.cells[col('ags')],
    status: r.cells[col('status')],
    source: r.cells[col('source')],
  }));
  const bad = rows.find((r) => !/^\d{8}$/.test(r.ags) || !(CITY_STATUSES as readonly string[]).includes(r.status));
  if (bad) throw new Error(`Mitgelieferte Städteliste ${file.name} fehlerhaft: ${bad.ags} ${bad.status}`);
  return rows;
}

/** Replaces the shipped city statuses (origin `default`); statuses an administrator set stay. */
async function writeCityStatuses(
  tx: EntityManager,
  rows: { ags: string; status: string; source: string }[],
): Promise<number> {
  const own = new Set((await tx.find(CityStatus, { where: { origin: 'user' } })).map((r) => r.ags));
  await tx.delete(CityStatus, { origin: 'default' });
  const fresh = rows.filter((r) => !own.has(r.ags));
  for (const row of fresh) await tx.insert(CityStatus, { ...row, origin: 'default' });
  return fresh.length;
}

/**
 * Loads the shipped responsibility rules, delegation rules, Leistungsmerkmale and city statuses when the database
 * does not hold this edition yet (by the files' hash, recorded as an import run), in one
 * transaction: shipped rows are created, changed or removed to match the files, rows an
 * administrator set are left alone, and the derived responsibility is rebuilt. Returns null
 * when the edition is already there.
 */
export async function ensureRuleDefaults(
  dataSource: DataSource,
  files: RuleDefaultFiles,
  actor: Actor,
): Promise<ImportReport | null> {
  const sha256 = sha256Hex(
    Buffer.concat([files.rules.buffer, files.delegation.buffer, files.cityStatuses.buffer, files.traits.buffer]),
  );
  const last = (await dataSource.manager.query(
    `SELECT "sha256" FROM "import_runs" WHERE "kind" = '${RULE_DEFAULTS_KIND}' AND "status" = 'succeeded' AND "dry_run" = FALSE ORDER BY "id" DESC LIMIT 1`,
  )) as { sha256: string }[];
  if (last[0]?.sha256 === sha256) return null;
  const rules = parseShipped(files.rules, (sheet) => parseRuleRows(sheet, mapHeaders(sheet, RULE_COLUMNS)));
  const delegation = parseShipped(files.delegation, (sheet) =>
    parseDelegationRows(sheet, mapHeaders(sheet, DELEGATION_COLUMNS)),
  );
  const cityStatuses = parseCityStatuses(files.cityStatuses);
  const traits = parseShipped(files.traits, (sheet) => parseTraitRows(sheet, mapHeaders(sheet, TRAIT_COLUMNS)));
  return inTransaction(dataSource, async (tx) => {
    const startedAt = new Date().toISOString();
    const plans = {
      rules: await planRules(tx, rules, 'default'),
      delegation: await planDelegation(tx, delegation, 'default'),
      traits: await planTraits(tx, traits, 'default'),
    };
    const traitCounts = planCounts(plans.traits);
    const ruleCounts = planCounts(plans.rules);
    const delegationCounts = planCounts(plans.delegation);
    const report: ImportReport = {
      kind: RULE_DEFAULTS_KIND,
      source: [files.rules.name, files.delegation.name, files.cityStatuses.name, files.traits.name].join(', '),
      sha256,
      dryRun: false,
      status: 'succeeded',
      unchanged: false,
      counts: {
        rulesCreated: ruleCounts.created,
        rulesUpdated: ruleCounts.updated,
        rulesDeleted: ruleCounts.deleted,
        rulesKept: ruleCounts.unchanged,
        delegationCreated: delegationCounts.created,
        delegationUpdated: delegationCounts.updated,
        delegationDeleted: delegationCounts.deleted,
        cityStatuses: cityStatuses.length,
        traitsCreated: traitCounts.created,
        traitsUpdated: traitCounts.updated,
        traitsDeleted: traitCounts.deleted,
      },
      problems: [],
      importRunId: null,
      startedAt,
      finishedAt: startedAt,
    };
    const importRunId = await beginImportRun(tx, report, actor);
    await writeCityStatuses(tx, cityStatuses);
    await applyRulePlans(tx, plans, { actor, origin: 'default', importRunId });
    const done = { ...report, importRunId, finishedAt: new Date().toISOString() };
    await finishImportRun(tx, importRunId, done, actor);
    return done;
  });
}
