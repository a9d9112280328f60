import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where a synchronisation stands: `running` (or interrupted while running), `failed`, `completed`. */
export type SyncStatus = 'running' | 'failed' | 'completed';

/**
 * The position of one synchronisation with a public source (issue 13), kept in the database so
 * an interrupted sync (killed process, network failure, rejected page) continues where it
 * stopped. One row per source and scope (e.g. `dashboard` × `ars=160000000000`); the position
 * is stored only after the page before it was committed (`importers/sync/sync-runner.ts`).
 */
@Entity({ name: 'sync_states' })
@Index('ux_sync_states_source_scope', ['source', 'scope'], { unique: true })
export class SyncState {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `dashboard`, `pvog`, `fim-portal`, or `schedule` for the claim of a scheduled run. */
  @Column({ type: 'varchar', length: 30 })
  source!: string;

  /** What is synchronised, e.g. `ars=160000000000` or `leistungen=99…,99…`. */
  @Column({ type: 'varchar', length: 300 })
  scope!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: SyncStatus;

  /** The next page number (dashboard), `naechsterIndex` (PVOG) or list position (FIM Portal). */
  @Column({ name: 'next_index', type: 'integer' })
  nextIndex!: number;

  /** PVOG's `naechsteAnfrageUrl`, when the source named the next request itself. */
  @Column({ name: 'next_url', type: 'text', nullable: true })
  nextUrl!: string | null;

  /** Pages (or Leistungen) imported in this pass so far. */
  @Column({ name: 'pages_done', type: 'integer' })
  pagesDone!: number;

  /** Total pages as the source last reported it, when it does. */
  @Column({ name: 'pages_total', type: 'integer', nullable: true })
  pagesTotal!: number | null;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  /** German description of what stopped the last attempt; null after a page succeeded. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The import runs of the pages of this pass, in order. */
  @Column({ name: 'import_run_ids', type: 'simple-json' })
  importRunIds!: number[];
}
