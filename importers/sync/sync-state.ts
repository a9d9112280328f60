import type { DataSource } from 'typeorm';
import { SyncState } from '../../entities';
import { inTransaction } from '../../entities/transaction';

/** Where a sync continues: a page number / index, and the URL the source named for it, if any. */
export interface SyncPosition {
  index: number;
  url: string | null;
}

/** The stored state of a source and scope, or null before its first sync. */
export function loadSyncState(dataSource: DataSource, source: string, scope: string): Promise<SyncState | null> {
  return dataSource.getRepository(SyncState).findOneBy({ source, scope });
}

/** Every stored sync state, newest first (for `sync status`). */
export function listSyncStates(dataSource: DataSource): Promise<SyncState[]> {
  return dataSource.getRepository(SyncState).find({ order: { updatedAt: 'DESC', id: 'DESC' } });
}

/**
 * Writes the state in a small transaction of its own. Called only after the page it follows
 * has committed, so the stored position never runs ahead of the data.
 */
export function saveSyncState(dataSource: DataSource, state: SyncState): Promise<SyncState> {
  return inTransaction(dataSource, (tx) => tx.save(SyncState, state));
}

/** A new pass over a source and scope from `start` (keeping the row's id when there was one). */
export function freshSyncState(
  previous: SyncState | null,
  source: string,
  scope: string,
  start: SyncPosition,
  now: Date,
): SyncState {
  const state = previous ?? new SyncState();
  Object.assign(state, {
    source,
    scope,
    status: 'running',
    nextIndex: start.index,
    nextUrl: start.url,
    pagesDone: 0,
    pagesTotal: null,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    lastError: null,
    importRunIds: [],
  });
  return state;
}
