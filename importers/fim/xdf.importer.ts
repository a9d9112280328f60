import type { EntityManager } from 'typeorm';
import { bulkInsert, runWhereIn, selectWhereIn, type BulkValue } from '../../entities/bulk-write';
import type { FimDataElementKind } from '../../entities/fim-data-element.entity';
import type { XdfDocument, XdfFeld, XdfGruppe, XdfRegel, XdfSchema, XdfStruktur } from '../../fim';
import { canonicalJson, sha256Hex } from '../../lib/hash';
import { count, type FimFileReport, type FimObjectKind, type FimOutcome } from './fim-report';

/** The part of an element that FIM changes in place without a new version. */
const MUTABLE_FIELDS = ['status', 'letzteAenderung', 'veroeffentlichungsdatum'] as const;

const REPORT_KIND: Record<FimDataElementKind, FimObjectKind> = {
  stammdatenschema: 'schemas',
  datenfeldgruppe: 'gruppen',
  datenfeld: 'felder',
  regel: 'regeln',
};

/** One element as it is stored. */
interface ElementRow {
  kind: FimDataElementKind;
  fimId: string;
  /** `''` when the message gave no version (possible in XDatenfelder 2.0). */
  version: string;
  /** `id@version`, or `id` without a version: the key `struktur` references use. */
  key: string;
  /** Element path of its first occurrence in the file. */
  path: string;
  name: string | null;
  status: { codeList: string; code: string; label?: string } | null;
  content: Record<string, unknown>;
  struktur: XdfStruktur[];
  hash: string;
  meta: string;
}

/** What the run knows of a stored element version. */
interface KnownElement {
  id: number | null;
  hash: string;
  meta: string;
}

/** The element versions seen by a run, across its files. */
export type XdfRunState = Map<string, KnownElement>;

function rowOf(element: XdfSchema | XdfGruppe | XdfFeld | XdfRegel, kind: FimDataElementKind): ElementRow {
  const content: Record<string, unknown> = { ...element };
  const struktur = (content.struktur as XdfStruktur[] | undefined) ?? [];
  for (const field of ['path', 'key', 'kind', 'struktur']) delete content[field];
  const fixed: Record<string, unknown> = { ...content };
  const mutable: Record<string, unknown> = {};
  for (const field of MUTABLE_FIELDS) {
    mutable[field] = fixed[field];
    delete fixed[field];
  }
  const tree = struktur.map((s) => ({ anzahl: s.anzahl, bezug: s.bezug, enthaelt: s.enthaelt?.key ?? null }));
  return {
    kind,
    fimId: element.id,
    version: element.version ?? '',
    key: element.key,
    path: element.path,
    name: element.name?.slice(0, 500) ?? null,
    status: (element as { status?: ElementRow['status'] }).status ?? null,
    content,
    struktur,
    hash: sha256Hex(canonicalJson({ kind, fixed, tree })),
    meta: sha256Hex(canonicalJson(mutable)),
  };
}

/** Every element of a message: the schema (if any), groups, fields and rules, each once. */
function rowsOf(doc: XdfDocument): ElementRow[] {
  const rows: ElementRow[] = [];
  if (doc.root.kind === 'stammdatenschema') rows.push(rowOf(doc.root, 'stammdatenschema'));
  for (const gruppe of doc.gruppen) rows.push(rowOf(gruppe, 'datenfeldgruppe'));
  for (const feld of doc.felder) rows.push(rowOf(feld, 'datenfeld'));
  for (const regel of doc.regeln) rows.push(rowOf(regel, 'regel'));
  return rows;
}

function elementKey(fimId: string, version: string): string {
  return version ? `${fimId}@${version}` : fimId;
}

async function prefetch(manager: EntityManager, rows: ElementRow[], state: XdfRunState): Promise<void> {
  const missing = rows.filter((row) => !state.has(row.key));
  if (missing.length === 0) return;
  const wanted = new Set(missing.map((row) => row.key));
  const stored = await selectWhereIn<{
    id: number | string;
    fimId: string;
    version: string;
    hash: string;
    meta: string;
  }>(
    manager,
    (list) =>
      'SELECT "id", "fim_id" AS "fimId", "version", "content_sha256" AS "hash", "meta_sha256" AS "meta" ' +
      `FROM "fim_data_elements" WHERE "fim_id" IN (${list})`,
    [...new Set(missing.map((row) => row.fimId))],
  );
  for (const row of stored) {
    const key = elementKey(row.fimId, row.version);
    if (wanted.has(key)) state.set(key, { id: Number(row.id), hash: row.hash, meta: row.meta });
  }
}

function classify(row: ElementRow, known: KnownElement | undefined): FimOutcome {
  if (!known) return 'created';
  if (known.hash !== row.hash) return 'conflicting';
  return known.meta === row.meta ? 'unchanged' : 'updated';
}

function label(row: ElementRow): string {
  const what = {
    stammdatenschema: 'Stammdatenschema',
    datenfeldgruppe: 'Datenfeldgruppe',
    datenfeld: 'Datenfeld',
    regel: 'Regel',
  };
  return `${what[row.kind]} ${row.fimId}${row.version ? ` Version ${row.version}` : ' (ohne Version)'}`;
}

/** What the writer needs besides the rows. */
export interface XdfWriteContext {
  now: BulkValue;
  importRunId: number;
}

/**
 * Imports one XDatenfelder message. Element versions are immutable: a version not yet stored is
 * created, one stored with the same content is unchanged (or updated when only its status or
 * dates changed), and one stored with other content is a conflict — then nothing of the file is
 * written, because its tree would mix two contents under one version. Counts go to `file`; with
 * `write` null (dry run) nothing is written.
 */
export async function importXdfDocument(
  manager: EntityManager,
  doc: XdfDocument,
  file: FimFileReport,
  state: XdfRunState,
  write: XdfWriteContext | null,
): Promise<void> {
  const rows = rowsOf(doc);
  await prefetch(manager, rows, state);
  const outcomes = rows.map((row) => classify(row, state.get(row.key)));
  const conflicts = rows.filter((_, i) => outcomes[i] === 'conflicting');
  if (conflicts.length > 0) {
    file.status = 'conflicting';
    rows.forEach((row, i) =>
      count(file, REPORT_KIND[row.kind], outcomes[i] === 'conflicting' ? 'conflicting' : 'skipped'),
    );
    for (const row of conflicts) {
      file.problems.push({
        severity: 'warning',
        code: 'conflict',
        detail:
          `${label(row)} ist bereits mit anderem Inhalt gespeichert; eine Version ist unveränderlich. ` +
          'Die Datei wird nicht übernommen (neue Inhalte brauchen eine neue Version).',
        file: file.file,
        path: row.path,
      });
    }
    return;
  }
  rows.forEach((row, i) => count(file, REPORT_KIND[row.kind], outcomes[i]));
  const created = rows.filter((_, i) => outcomes[i] === 'created');
  const updated = rows.filter((_, i) => outcomes[i] === 'updated');
  for (const row of rows) state.set(row.key, { id: state.get(row.key)?.id ?? null, hash: row.hash, meta: row.meta });
  if (write) await writeElements(manager, doc, { created, updated, all: rows }, state, write);
}

async function writeElements(
  tx: EntityManager,
  doc: XdfDocument,
  rows: { created: ElementRow[]; updated: ElementRow[]; all: ElementRow[] },
  state: XdfRunState,
  ctx: XdfWriteContext,
): Promise<void> {
  const statusValues = (row: ElementRow): BulkValue[] => [
    row.status?.codeList ?? null,
    row.status?.code.slice(0, 40) ?? null,
    row.status?.label?.slice(0, 80) ?? null,
  ];
  await bulkInsert(tx, {
    table: 'fim_data_elements',
    columns: [
      'kind',
      'fim_id',
      'version',
      'name',
      'xdf_version',
      'status_list',
      'status_code',
      'status_label',
      'content',
      'content_sha256',
      'meta_sha256',
      'import_run_id',
      'created_at',
      'updated_at',
    ],
    rows: rows.created.map((row) => [
      row.kind,
      row.fimId,
      row.version,
      row.name,
      doc.version,
      ...statusValues(row),
      JSON.stringify(row.content),
      row.hash,
      row.meta,
      ctx.importRunId,
      ctx.now,
      ctx.now,
    ]),
  });
  for (const row of rows.updated) {
    const id = state.get(row.key)?.id;
    if (id === null || id === undefined) continue;
    await runWhereIn(
      tx,
      (list, p) =>
        `UPDATE "fim_data_elements" SET "status_list" = ${p(1)}, "status_code" = ${p(2)}, "status_label" = ${p(3)}, ` +
        `"content" = ${p(4)}, "meta_sha256" = ${p(5)}, "import_run_id" = ${p(6)}, "updated_at" = ${p(7)} ` +
        `WHERE "id" IN (${list})`,
      [id],
      [...statusValues(row), JSON.stringify(row.content), row.meta, ctx.importRunId, ctx.now],
    );
  }
  await assignIds(tx, rows.all, state);
  await bulkInsert(tx, {
    table: 'fim_data_structure',
    columns: ['parent_id', 'position', 'child_id', 'anzahl', 'min_count', 'max_count', 'bezug'],
    rows: rows.created.flatMap((row) =>
      row.struktur
        .filter((s) => s.enthaelt)
        .map((s, i) => [
          state.get(row.key)?.id ?? null,
          i + 1,
          state.get(s.enthaelt?.key ?? '')?.id ?? null,
          s.anzahl.slice(0, 20),
          s.min ?? null,
          s.max ?? null,
          JSON.stringify(s.bezug),
        ]),
    ),
  });
  const createdKeys = new Set(rows.created.map((row) => row.key));
  await bulkInsert(tx, {
    table: 'fim_schema_leistungen',
    columns: ['element_id', 'schluessel', 'source', 'field'],
    rows: doc.leistungsschluessel
      .filter((fund) => createdKeys.has(fund.elementKey))
      .map((fund) => [state.get(fund.elementKey)?.id ?? null, fund.schluessel, fund.source, fund.field]),
  });
}

/** Fills in the database ids of the rows (new ones just inserted). */
async function assignIds(tx: EntityManager, rows: ElementRow[], state: XdfRunState): Promise<void> {
  const missing = rows.filter((row) => state.get(row.key)?.id === null);
  if (missing.length === 0) return;
  const stored = await selectWhereIn<{ id: number | string; fimId: string; version: string }>(
    tx,
    (list) => `SELECT "id", "fim_id" AS "fimId", "version" FROM "fim_data_elements" WHERE "fim_id" IN (${list})`,
    [...new Set(missing.map((row) => row.fimId))],
  );
  for (const row of stored) {
    const known = state.get(elementKey(row.fimId, row.version));
    if (known && known.id === null) known.id = Number(row.id);
  }
}
