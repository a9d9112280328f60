/**
 * XDatenfelder definitions into `fim_data_elements`, `fim_data_structure` and
 * `fim_schema_leistungen`, a batch at a time as the parser hands them out, so a large schema is
 * never held whole. A file's writes run in a savepoint of the run's transaction: a conflict
 * (or an error) found late in the file undoes what its earlier batches wrote.
 */
import type { EntityManager } from 'typeorm';
import { bulkInsert, runWhereIn, selectWhereIn, type BulkValue } from '../../entities/bulk-write';
import type { FimDataElementKind } from '../../entities/fim-data-element.entity';
import { leistungsschluesselOf, type XdfDefinition, type XdfMessageStream } from '../../fim';
import { count, FIM_OUTCOMES, zeroCounts, type FimCounts, type FimFileReport, type FimOutcome } from './fim-report';
import { elementKey, labelOf, REPORT_KIND, rowOf, type ElementRow } from './xdf-rows';

/**
 * Definitions per batch: enough for set-based statements, few enough that a batch is written
 * before V8 moves it to its old generation. Measured on the bench's 10 MB schema of 5,000
 * fields: 100 a batch grows the process by 55–57 MB, 500 by 77–78 MB, in the same time within
 * noise.
 */
const BATCH_SIZE = 100;

/** What the run knows of a stored element version. */
interface KnownElement {
  id: number | null;
  hash: string;
  meta: string;
}

/** The element versions seen by a run, across its files. */
export type XdfRunState = Map<string, KnownElement>;

/** What the writer needs besides the rows. */
export interface XdfWriteContext {
  now: BulkValue;
  importRunId: number;
}

/** One file's reading so far: outcomes, conflicts, and how to undo its changes to the run state. */
interface FileProgress {
  counts: Partial<Record<FimDataElementKind, FimCounts>>;
  conflicts: { label: string; path: string }[];
  /** The run state of each key this file changed, as it was before (undefined: absent). */
  before: Map<string, KnownElement | undefined>;
  /** Problems of the parser already looked at for errors. */
  problemsSeen: number;
  /** A record error: the file writes nothing, the run will be rejected. */
  failed: boolean;
}

/** True while nothing stops the file from being written. */
function clean(progress: FileProgress): boolean {
  return !progress.failed && progress.conflicts.length === 0;
}

/** Thrown inside the file's savepoint to undo its writes. */
class UndoFile extends Error {}

/** Puts the run state back as it was before the file. */
function undo(progress: FileProgress, state: XdfRunState): void {
  for (const [key, known] of progress.before) {
    if (known) state.set(key, known);
    else state.delete(key);
  }
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

/**
 * Classifies a batch against what is stored and seen, and — while the file is still clean and
 * `write` is given — writes it: new versions, changed status or dates, and the tree edges of
 * the new versions (children always come before their parents, so their ids are known).
 * Returns each row's outcome.
 */
async function applyBatch(
  manager: EntityManager,
  rows: ElementRow[],
  stream: XdfMessageStream,
  progress: FileProgress,
  state: XdfRunState,
  write: XdfWriteContext | null,
): Promise<FimOutcome[]> {
  for (; progress.problemsSeen < stream.problems.length; progress.problemsSeen++) {
    if (stream.problems[progress.problemsSeen].severity === 'error') progress.failed = true;
  }
  if (rows.length === 0) return [];
  await prefetch(manager, rows, state);
  const outcomes = rows.map((row) => classify(row, state.get(row.key)));
  rows.forEach((row, i) => {
    (progress.counts[row.kind] ??= zeroCounts())[outcomes[i]] += 1;
    if (outcomes[i] === 'conflicting') progress.conflicts.push({ label: labelOf(row), path: row.path });
  });
  if (!clean(progress)) return outcomes;
  const created = rows.filter((_, i) => outcomes[i] === 'created');
  const updated = rows.filter((_, i) => outcomes[i] === 'updated');
  for (const row of [...created, ...updated]) {
    const known = state.get(row.key);
    if (!progress.before.has(row.key)) progress.before.set(row.key, known && { ...known });
    state.set(row.key, { id: known?.id ?? null, hash: row.hash, meta: row.meta });
  }
  if (write) await writeBatch(manager, stream, { created, updated, all: rows }, state, write);
  return outcomes;
}

async function writeBatch(
  tx: EntityManager,
  stream: XdfMessageStream,
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
      stream.version,
      ...statusValues(row),
      row.json,
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
      [...statusValues(row), row.json, row.meta, ctx.importRunId, ctx.now],
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

/** The Leistungsschlüssel found in the text of the message's own element, just created. */
async function writeLeistungsschluessel(tx: EntityManager, root: XdfDefinition, state: XdfRunState): Promise<void> {
  if (root.kind === 'regel') return;
  await bulkInsert(tx, {
    table: 'fim_schema_leistungen',
    columns: ['element_id', 'schluessel', 'source', 'field'],
    rows: leistungsschluesselOf(root).map((fund) => [
      state.get(fund.elementKey)?.id ?? null,
      fund.schluessel,
      fund.source,
      fund.field,
    ]),
  });
}

/** Reads the whole stream a batch at a time; the message's own element comes last. */
async function readAll(
  manager: EntityManager,
  stream: XdfMessageStream,
  progress: FileProgress,
  state: XdfRunState,
  write: XdfWriteContext | null,
  onBatch: () => void,
): Promise<void> {
  let batch: ElementRow[] = [];
  for (const definition of stream.definitions) {
    batch.push(rowOf(definition));
    const isRoot = definition.kind === stream.messageType && definition.key === stream.rootKey;
    if (batch.length < BATCH_SIZE && !isRoot) continue;
    const outcomes = await applyBatch(manager, batch, stream, progress, state, write);
    batch = [];
    onBatch();
    if (isRoot && write && clean(progress) && outcomes[outcomes.length - 1] === 'created') {
      await writeLeistungsschluessel(manager, definition, state);
    }
  }
  await applyBatch(manager, batch, stream, progress, state, write);
  onBatch();
}

/**
 * Imports one XDatenfelder message. Element versions are immutable: a version not yet stored is
 * created, one stored with the same content is unchanged (or updated when only its status or
 * dates changed), and one stored with other content is a conflict — then nothing of the file is
 * written, because its tree would mix two contents under one version. A file with a record
 * error writes nothing either (the run will be rejected). Counts go to `file`; with `write` null
 * (dry run, or the run already failed) nothing is written. `onBatch` is called after each batch
 * (progress display).
 */
export async function importXdfStream(
  manager: EntityManager,
  stream: XdfMessageStream,
  file: FimFileReport,
  state: XdfRunState,
  write: XdfWriteContext | null,
  onBatch: () => void = () => undefined,
): Promise<void> {
  const progress: FileProgress = { counts: {}, conflicts: [], before: new Map(), problemsSeen: 0, failed: false };
  let completed = false;
  try {
    if (write) {
      // A nested transaction is a savepoint: undoing it leaves the run's other files in place.
      await manager.transaction(async (savepoint) => {
        await readAll(savepoint, stream, progress, state, write, onBatch);
        if (!clean(progress)) throw new UndoFile();
      });
    } else {
      await readAll(manager, stream, progress, state, null, onBatch);
    }
    completed = true;
  } catch (error) {
    if (!(error instanceof UndoFile)) throw error;
    completed = true;
  } finally {
    // What the file did not write must not count as seen for the run's next files.
    if (!completed || !clean(progress)) undo(progress, state);
  }
  if (progress.failed) return;
  const conflicting = progress.conflicts.length > 0;
  if (conflicting) file.status = 'conflicting';
  for (const [kind, counts] of Object.entries(progress.counts) as [FimDataElementKind, FimCounts][]) {
    for (const outcome of FIM_OUTCOMES) {
      // With a conflict nothing of the file is written: every other object is skipped.
      const as = conflicting && outcome !== 'conflicting' ? 'skipped' : outcome;
      if (counts[outcome] > 0) count(file, REPORT_KIND[kind], as, counts[outcome]);
    }
  }
  for (const conflict of progress.conflicts) {
    file.problems.push({
      severity: 'warning',
      code: 'conflict',
      detail:
        `${conflict.label} ist bereits mit anderem Inhalt gespeichert; eine Version ist unveränderlich. ` +
        'Die Datei wird nicht übernommen (neue Inhalte brauchen eine neue Version).',
      file: file.file,
      path: conflict.path,
    });
  }
}
