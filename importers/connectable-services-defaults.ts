import type { DataSource, EntityManager } from 'typeorm';
import { Component, ConnectableService } from '../entities';
import { inTransaction } from '../entities/transaction';
import { SERVICE_CODE_PATTERN, SERVICE_KINDS, type ServiceKind } from '../lib/connections';
import { sha256Hex } from '../lib/hash';
import { MATURITY_MODELS, MAX_LEVEL, type MaturityModel } from '../lib/maturity';
import type { Actor } from '../lib/principal';
import { recordAuditBatch, type AuditEntry } from '../services/audit.service';
import { beginImportRun, finishImportRun, type ImportReport } from './import-report';
import { mapHeaders, readCsv, type ColumnSpec, type TabularSheet } from './tabular';
import { isWebUrl } from '../lib/url';

/** The import run kind that records which edition of the shipped services a database holds. */
export const CONNECTABLE_SERVICES_KIND = 'connectable-services';

const required = (name: string): ColumnSpec => ({ name, aliases: [], required: true });

/** The columns of `data/reference/anschliessbare-dienste.csv` (see `data/reference/SOURCES.md`). */
export const SERVICE_COLUMNS: ColumnSpec[] = [
  'code',
  'name',
  'kind',
  'components',
  'ozg_ids',
  'land_keys',
  'operator',
  'url',
  'maturity_model',
  'maturity_level',
  'source',
  'note',
  'is_active',
].map(required);

/** One row of the table, parsed: the values of a {@link ConnectableService} but its id. */
export interface ServiceRowValues {
  code: string;
  name: string;
  kind: ServiceKind;
  components: string[];
  ozgIds: number[];
  landKeys: string[];
  operator: string;
  url: string | null;
  maturityModel: MaturityModel | null;
  maturityLevel: number | null;
  source: string;
  note: string | null;
  isActive: boolean;
}

/** Space-separated values of a list cell. */
function list(cell: string): string[] {
  return cell.split(/\s+/).filter(Boolean);
}

function rowProblems(v: ServiceRowValues, cells: Record<string, string>): string[] {
  const problems: string[] = [];
  if (!new RegExp(SERVICE_CODE_PATTERN).test(v.code)) problems.push(`code „${v.code}“ ist kein Kürzel (a-z, 0-9, -)`);
  if (!v.name) problems.push('name fehlt');
  if (!(SERVICE_KINDS as readonly string[]).includes(v.kind)) problems.push(`kind „${v.kind}“ unbekannt`);
  if (v.ozgIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) problems.push(`ozg_ids „${cells.ozg_ids}“ ungültig`);
  if (v.landKeys.some((k) => !/^(0[1-9]|1[0-6])$/.test(k))) problems.push(`land_keys „${cells.land_keys}“ ungültig`);
  if (!v.operator) problems.push('operator fehlt');
  if (!v.source) problems.push('source fehlt: jede Zeile braucht eine Quelle');
  if (v.url !== null && !isWebUrl(v.url)) problems.push(`url „${v.url}“ ist keine http(s)-Adresse`);
  if ((v.maturityModel === null) !== (v.maturityLevel === null)) {
    problems.push('maturity_model und maturity_level nur gemeinsam');
  } else if (v.maturityModel !== null && v.maturityLevel !== null) {
    if (!MATURITY_MODELS.includes(v.maturityModel)) problems.push(`maturity_model „${v.maturityModel}“ unbekannt`);
    else if (
      !Number.isInteger(v.maturityLevel) ||
      v.maturityLevel < 0 ||
      v.maturityLevel > MAX_LEVEL[v.maturityModel]
    ) {
      problems.push(`maturity_level „${cells.maturity_level}“ passt nicht zu ${v.maturityModel}`);
    }
  }
  if (!['0', '1'].includes(cells.is_active)) problems.push('is_active muss 0 oder 1 sein');
  return problems;
}

/**
 * Parses the shipped table of connectable services: every problem with its row, the rows
 * only when there is none. Lists (components, OZG-IDs, Land keys) are space-separated; an
 * empty `land_keys` means all of Germany. Component codes are checked against the catalogue
 * by the loader, which knows it.
 */
export function parseConnectableServices(sheet: TabularSheet): {
  rows: ServiceRowValues[];
  problems: { row?: number; detail: string }[];
} {
  const mapping = mapHeaders(sheet, SERVICE_COLUMNS);
  const problems: { row?: number; detail: string }[] = [...sheet.problems, ...mapping.problems];
  if (problems.length > 0) return { rows: [], problems };
  const rows: ServiceRowValues[] = [];
  const seen = new Set<string>();
  for (const r of sheet.rows) {
    const cells = Object.fromEntries(
      SERVICE_COLUMNS.map((c) => [c.name, (r.cells[mapping.index.get(c.name) as number] ?? '').trim()]),
    );
    const text = (name: string) => cells[name] || null;
    const values: ServiceRowValues = {
      code: cells.code,
      name: cells.name,
      kind: cells.kind as ServiceKind,
      components: list(cells.components),
      ozgIds: list(cells.ozg_ids).map(Number),
      landKeys: list(cells.land_keys),
      operator: cells.operator,
      url: text('url'),
      maturityModel: text('maturity_model') as MaturityModel | null,
      maturityLevel: cells.maturity_level === '' ? null : Number(cells.maturity_level),
      source: cells.source,
      note: text('note'),
      isActive: cells.is_active === '1',
    };
    const found = rowProblems(values, cells);
    if (seen.has(values.code)) found.push(`code „${values.code}“ kommt doppelt vor`);
    seen.add(values.code);
    problems.push(...found.map((detail) => ({ row: r.row, detail })));
    rows.push(values);
  }
  return problems.length > 0 ? { rows: [], problems } : { rows, problems };
}

/** The stored values of a service in the shape of a table row, to compare with one. */
function storedValues(s: ConnectableService): ServiceRowValues {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    components: s.components,
    ozgIds: s.ozgIds,
    landKeys: s.landKeys,
    operator: s.operator,
    url: s.url,
    maturityModel: s.maturityModel,
    maturityLevel: s.maturityLevel,
    source: s.source,
    note: s.note,
    isActive: s.isActive,
  };
}

/** Creates, changes and retires services to match the table; returns the counts and audit entries. */
async function applyServices(
  tx: EntityManager,
  rows: ServiceRowValues[],
  importRunId: number,
): Promise<{ counts: Record<string, number>; audit: AuditEntry[] }> {
  const stored = new Map((await tx.find(ConnectableService)).map((s) => [s.code, s]));
  const counts = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
  const audit: AuditEntry[] = [];
  const entry = (action: string, code: string, before: object | null, after: object | null): AuditEntry => ({
    action: `connectable-service.${action}`,
    entityType: 'connectable-service',
    entityKey: code,
    importRunId,
    before,
    after,
  });
  for (const row of rows) {
    const existing = stored.get(row.code);
    stored.delete(row.code);
    if (!existing) {
      await tx.insert(ConnectableService, row);
      counts.created += 1;
      audit.push(entry('created', row.code, null, row));
    } else if (JSON.stringify(storedValues(existing)) !== JSON.stringify(row)) {
      await tx.update(ConnectableService, { id: existing.id }, row);
      counts.updated += 1;
      audit.push(entry('updated', row.code, storedValues(existing), row));
    } else {
      counts.unchanged += 1;
    }
  }
  // A service the table no longer lists stays (connections point at it) but is not offered.
  for (const gone of stored.values()) {
    if (!gone.isActive) continue;
    await tx.update(ConnectableService, { id: gone.id }, { isActive: false });
    counts.deactivated += 1;
    audit.push(entry('deactivated', gone.code, storedValues(gone), { ...storedValues(gone), isActive: false }));
  }
  return { counts, audit };
}

async function assertKnownComponents(tx: EntityManager, rows: ServiceRowValues[], name: string): Promise<void> {
  const known = new Set((await tx.find(Component)).map((c) => c.code));
  const bad = rows.find((r) => r.components.some((c) => !known.has(c)));
  if (bad) {
    throw new Error(
      `Mitgelieferte Diensteliste ${name} fehlerhaft: ${bad.code} nennt eine unbekannte Komponente (${bad.components.join(' ')}).`,
    );
  }
}

/**
 * Loads the shipped connectable services when the database does not hold this edition yet
 * (by the file's hash, recorded as an import run), in one transaction: services are created
 * or changed to match the file, services it no longer lists are marked inactive (never
 * deleted), and municipalities' connections are never touched. Returns null when the edition
 * is already there.
 */
export async function ensureConnectableServices(
  dataSource: DataSource,
  file: { name: string; buffer: Buffer },
  actor: Actor,
): Promise<ImportReport | null> {
  const sha256 = sha256Hex(file.buffer);
  const last = (await dataSource.manager.query(
    `SELECT "sha256" FROM "import_runs" WHERE "kind" = '${CONNECTABLE_SERVICES_KIND}' AND "status" = 'succeeded' AND "dry_run" = FALSE ORDER BY "id" DESC LIMIT 1`,
  )) as { sha256: string }[];
  if (last[0]?.sha256 === sha256) return null;
  const { rows, problems } = parseConnectableServices(readCsv(file.buffer));
  if (problems.length > 0) {
    // The shipped table is part of the release; if it does not parse, the release is broken.
    const first = problems[0];
    throw new Error(`Mitgelieferte Diensteliste ${file.name} fehlerhaft (Zeile ${first.row ?? '?'}): ${first.detail}`);
  }
  return inTransaction(dataSource, async (tx) => {
    await assertKnownComponents(tx, rows, file.name);
    const startedAt = new Date().toISOString();
    const report: ImportReport = {
      kind: CONNECTABLE_SERVICES_KIND,
      source: file.name,
      sha256,
      dryRun: false,
      status: 'succeeded',
      unchanged: false,
      counts: { rows: rows.length },
      problems: [],
      importRunId: null,
      startedAt,
      finishedAt: startedAt,
    };
    const importRunId = await beginImportRun(tx, report, actor);
    const { counts, audit } = await applyServices(tx, rows, importRunId);
    await recordAuditBatch(tx, actor, audit);
    const done: ImportReport = {
      ...report,
      importRunId,
      unchanged: audit.length === 0,
      counts: { rows: rows.length, ...counts },
      finishedAt: new Date().toISOString(),
    };
    await finishImportRun(tx, importRunId, done, actor);
    return done;
  });
}
