import type { DataSource } from 'typeorm';
import { inTransaction } from '../../entities/transaction';
import type { Actor } from '../../lib/principal';
import {
  applyRulePlans,
  planCounts,
  planDelegation,
  planRules,
  planTraits,
  type DelegationInput,
  type RuleInput,
  type TraitInput,
} from '../../services/responsibility-rule.service';
import {
  beginImportRun,
  finishImportRun,
  hasErrors,
  inRowOrder,
  recordImportRun,
  rejectedTableReport,
  tableReport,
  type ImportProblem,
  type ImportReport,
} from '../import-report';
import { mapHeaders, readTabular } from '../tabular';
import {
  DELEGATION_COLUMNS,
  parseDelegationRows,
  parseRuleRows,
  parseTraitRows,
  RULE_COLUMNS,
  ruleFileKind,
  TRAIT_COLUMNS,
  type RuleFileKind,
} from './rule-rows';

/** Input of {@link importRules}. */
export interface ImportRulesOptions {
  /**
   * A CSV or XLSX file: responsibility rules, delegation rules (with a `unit_type` column), or
   * Leistungsmerkmale (with a `verrichtung`, `online_relevant` or `fee_bearing` column).
   */
  buffer: Uint8Array;
  sourceName: string;
  dryRun?: boolean;
  actor: Actor;
  /**
   * `user` (default): rows are upserted by scope and become the administrator's. `default`: the
   * shipped table — it replaces the shipped rules it no longer names, and never overwrites a rule
   * an administrator changed.
   */
  origin?: 'default' | 'user';
}

type Parsed =
  | { kind: 'rules'; rows: RuleInput[]; problems: ImportProblem[] }
  | { kind: 'delegation'; rows: DelegationInput[]; problems: ImportProblem[] }
  | { kind: 'traits'; rows: TraitInput[]; problems: ImportProblem[] };

const TABLE_KIND: Record<RuleFileKind, string> = {
  rules: 'responsibility-rules',
  delegation: 'task-delegation',
  traits: 'leistung-traits',
};
const COLUMNS = { rules: RULE_COLUMNS, delegation: DELEGATION_COLUMNS, traits: TRAIT_COLUMNS };

/**
 * Imports responsibility rules or Land law on task delegation from CSV or XLSX
 * (docs/ozg-reports.md, "Regeln ändern"): all rows are checked first; with any error nothing is
 * written. A real run writes every change in one transaction with one audit event per rule and
 * rebuilds the derived responsibility; the same file again changes nothing. A dry run reports
 * what would be created and changed.
 */
export async function importRules(dataSource: DataSource, options: ImportRulesOptions): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const sheet = await readTabular(options.buffer);
  const kind = ruleFileKind(sheet);
  const base = tableReport(TABLE_KIND[kind], options, sheet, startedAt);
  const mapping = mapHeaders(sheet, COLUMNS[kind]);
  let parsed: Parsed = { kind, rows: [], problems: [...sheet.problems, ...mapping.problems] } as Parsed;
  if (!hasErrors(parsed.problems)) {
    parsed =
      kind === 'rules'
        ? { kind, ...withProblems(parseRuleRows(sheet, mapping), parsed.problems) }
        : kind === 'delegation'
          ? { kind, ...withProblems(parseDelegationRows(sheet, mapping), parsed.problems) }
          : { kind, ...withProblems(parseTraitRows(sheet, mapping), parsed.problems) };
  }
  const replace = options.origin === 'default' ? 'default' : undefined;
  const run = async (manager: Parameters<typeof planRules>[0], write: boolean): Promise<ImportReport> => {
    const problems = inRowOrder(parsed.problems);
    if (hasErrors(problems)) return rejectedTableReport(base, problems, new Date().toISOString());
    const plans =
      parsed.kind === 'rules'
        ? { rules: await planRules(manager, parsed.rows, replace) }
        : parsed.kind === 'delegation'
          ? { delegation: await planDelegation(manager, parsed.rows, replace) }
          : { traits: await planTraits(manager, parsed.rows, replace) };
    const counts = planCounts((plans.rules ?? plans.delegation ?? plans.traits)!);
    const report: ImportReport = {
      ...base,
      counts: { ...base.counts, ...counts },
      unchanged: counts.created + counts.updated + counts.deleted === 0,
      problems,
      details: { ...base.details, table: parsed.kind },
      finishedAt: new Date().toISOString(),
    };
    if (!write) return report;
    const importRunId = await beginImportRun(manager, report, options.actor);
    await applyRulePlans(manager, plans, { actor: options.actor, origin: options.origin ?? 'user', importRunId });
    const done = { ...report, importRunId, finishedAt: new Date().toISOString() };
    await finishImportRun(manager, importRunId, done, options.actor);
    return done;
  };
  const report =
    options.dryRun || hasErrors(parsed.problems)
      ? await run(dataSource.manager, false)
      : await inTransaction(dataSource, (tx) => run(tx, true));
  if (report.importRunId !== null) return report;
  return { ...report, importRunId: await recordImportRun(dataSource, report, options.actor) };
}

function withProblems<T extends { problems: ImportProblem[] }>(parsed: T, earlier: ImportProblem[]): T {
  return { ...parsed, problems: [...earlier, ...parsed.problems] };
}
