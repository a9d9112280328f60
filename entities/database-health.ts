import type { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_LIMITS } from '../config';
import { freeDiskMb } from './database-checks';
import { databaseFault, databaseFaultMessage } from './db-errors';

/** The answer of {@link DatabaseHealth.readiness}. */
export interface Readiness {
  ready: boolean;
  /** German reason when not ready. */
  detail?: string;
}

/**
 * What a {@link Database} knows about its own health: why writes cannot succeed (found at
 * start-up), and the readiness probe `/readyz` asks.
 */
export class DatabaseHealth {
  /** The German reason writes cannot succeed, found at start-up; undefined when they can. */
  writeBlock: string | undefined;
  /** The probe in flight: concurrent readiness checks share one query. */
  private probing: Promise<Readiness> | undefined;

  constructor(private readonly reader: DataSource) {}

  /**
   * Readiness: the database answers within `timeoutMs` (default 1 s) and writes can succeed
   * (not read-only, not a standby, at least `minFreeMb` free for an SQLite file). Always settles
   * within the timeout, also when the server is frozen; concurrent probes share one query.
   */
  async readiness(options: { timeoutMs?: number; minFreeMb?: number } = {}): Promise<Readiness> {
    const timeoutMs = options.timeoutMs ?? 1000;
    if (this.writeBlock) return { ready: false, detail: this.writeBlock };
    const reader = this.reader;
    if (!reader.isInitialized) return { ready: false, detail: databaseFaultMessage('unreachable') };
    const path = reader.options.type === 'better-sqlite3' ? String(reader.options.database) : ':memory:';
    if (path !== ':memory:' && freeDiskMb(path) < (options.minFreeMb ?? DEFAULT_DATABASE_LIMITS.minFreeMb)) {
      return { ready: false, detail: databaseFaultMessage('storage-full') };
    }
    let running = this.probing;
    if (!running) {
      running = this.probe(timeoutMs).catch((error: unknown) => ({
        ready: false,
        detail: databaseFault(error)?.message ?? databaseFaultMessage('unreachable'),
      }));
      this.probing = running;
      const settled = running;
      void settled.finally(() => {
        if (this.probing === settled) this.probing = undefined;
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Readiness>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, detail: databaseFaultMessage('timeout') }), timeoutMs);
    });
    try {
      return await Promise.race([running, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async probe(timeoutMs: number): Promise<Readiness> {
    const reader = this.reader;
    if (reader.options.type === 'postgres') {
      // The pool's own client with a per-query timeout: a frozen server must not keep a
      // connection of the pool busy for the full statement timeout on every probe.
      const pool = (reader.driver as unknown as { master: import('pg').Pool }).master;
      const result = await pool.query<{ standby: boolean; read_only: string }>({
        text: "SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS read_only",
        query_timeout: timeoutMs,
      } as import('pg').QueryConfig);
      const row = result.rows[0];
      if (row?.standby || row?.read_only === 'on') return { ready: false, detail: databaseFaultMessage('read-only') };
      return { ready: true };
    }
    await reader.query('SELECT 1');
    return { ready: true };
  }
}
