import { In, LessThan, Not, type DataSource, type EntityManager } from 'typeorm';
import { Job } from '../entities/job.entity';
import { inTransaction, isPostgres } from '../entities/transaction';

/** A job to queue: its kind, options and bytes, and who queued it. */
export interface NewJob {
  kind: string;
  options: Record<string, unknown>;
  payload: Buffer;
  /** The web user who may see it; null for jobs of the service itself. */
  ownerId: number | null;
  /** Who queued it, as in the audit log. */
  queuedBy: string;
  /** At most one job per once-key (a scheduled run: kind and fire time); null: no such limit. */
  onceKey?: string | null;
}

/** How a run ended: what it returned, or why it failed (German, shown to the user). */
export type JobOutcome = { result: unknown } | { error: string };

/** The statuses of jobs that still occupy a user's slot. */
const ACTIVE = ['queued', 'running'] as const;

/** `$1` on PostgreSQL, `?` on SQLite: the payload table has no entity (see the migration). */
function placeholder(manager: EntityManager, index: number): string {
  return manager.connection.options.type === 'postgres' ? `$${index}` : '?';
}

async function insertJob(tx: EntityManager, job: NewJob, followsId: number | null): Promise<Job> {
  return tx.getRepository(Job).save(
    tx.getRepository(Job).create({
      kind: job.kind,
      options: job.options,
      status: 'queued',
      attempts: 0,
      result: null,
      error: null,
      ownerId: job.ownerId,
      queuedBy: job.queuedBy,
      followsId,
      onceKey: job.onceKey ?? null,
      claim: null,
      startedAt: null,
      heartbeatAt: null,
      finishedAt: null,
    }),
  );
}

/** Inserts a job and its bytes, inside the caller's transaction. */
async function insertWithPayload(tx: EntityManager, job: NewJob): Promise<Job> {
  const saved = await insertJob(tx, job, null);
  await tx.query(
    `INSERT INTO "job_payloads" ("job_id", "data") VALUES (${placeholder(tx, 1)}, ${placeholder(tx, 2)})`,
    [saved.id, job.payload],
  );
  return saved;
}

/** Queues a job with its bytes, in one transaction: a job is never seen without its payload. */
export function queueJob(dataSource: DataSource, job: NewJob): Promise<Job> {
  return inTransaction(dataSource, (tx) => insertWithPayload(tx, job));
}

/**
 * Queues a scheduled run once per cluster: unless a job with its once-key exists already (another
 * instance's timer, or this one's, fired first), and unless a job of the same kind is still
 * queued or running (a run never overlaps the previous one, as the timers' `protect` did). On
 * PostgreSQL two instances may both pass the checks; the unique index on the key lets one
 * insert win. Returns the new job, or null when nothing was queued.
 */
export async function queueJobOnce(dataSource: DataSource, job: NewJob & { onceKey: string }): Promise<Job | null> {
  const repo = dataSource.getRepository(Job);
  const taken = () => repo.existsBy({ onceKey: job.onceKey });
  if (await taken()) return null;
  try {
    return await inTransaction(dataSource, async (tx) => {
      const jobs = tx.getRepository(Job);
      if (await jobs.existsBy({ onceKey: job.onceKey })) return null;
      if (await jobs.existsBy({ kind: job.kind, status: In([...ACTIVE]) })) return null;
      return insertWithPayload(tx, job);
    });
  } catch (error) {
    // Another instance inserted the same key between the check and the insert.
    if (await taken()) return null;
    throw error;
  }
}

/**
 * Queues the job that continues `previousId` (the real import after its dry run) with the same
 * bytes, copied inside the database. At most one: when it exists already (a second click on
 * "Jetzt importieren"), that one is returned.
 */
export async function queueFollowUp(
  dataSource: DataSource,
  previousId: number,
  job: Omit<NewJob, 'payload'>,
): Promise<Job> {
  const existing = () => dataSource.getRepository(Job).findOneBy({ followsId: previousId });
  try {
    return await inTransaction(dataSource, async (tx) => {
      const already = await tx.getRepository(Job).findOneBy({ followsId: previousId });
      if (already) return already;
      const saved = await insertJob(tx, { ...job, payload: Buffer.alloc(0) }, previousId);
      await tx.query(
        `INSERT INTO "job_payloads" ("job_id", "data") SELECT ${placeholder(tx, 1)}, "data" FROM "job_payloads" WHERE "job_id" = ${placeholder(tx, 2)}`,
        [saved.id, previousId],
      );
      return saved;
    });
  } catch (error) {
    // Two confirmations at once on PostgreSQL: the unique index lets one win; show that one.
    const winner = await existing();
    if (winner) return winner;
    throw error;
  }
}

/** The job, or null. */
export function findJob(dataSource: DataSource, id: number): Promise<Job | null> {
  return dataSource.getRepository(Job).findOneBy({ id });
}

/** The id of the job that continues this one, or null. */
export async function followUpOf(dataSource: DataSource, id: number): Promise<number | null> {
  const next = await dataSource.getRepository(Job).findOne({ where: { followsId: id }, select: { id: true } });
  return next?.id ?? null;
}

/** The jobs of `kinds` queued or running, and the last `finished` that ended; newest first. */
export async function recentJobs(dataSource: DataSource, kinds: string[], finished: number): Promise<Job[]> {
  const repo = dataSource.getRepository(Job);
  const active = await repo.find({ where: { kind: In(kinds), status: In([...ACTIVE]) }, order: { id: 'DESC' } });
  const ended = await repo.find({
    where: { kind: In(kinds), status: In(['succeeded', 'failed']) },
    order: { id: 'DESC' },
    take: finished,
  });
  return [...active, ...ended];
}

/** How many of the user's jobs are queued or running. */
export function activeJobsOf(dataSource: DataSource, ownerId: number): Promise<number> {
  return dataSource.getRepository(Job).countBy({ ownerId, status: In([...ACTIVE]) });
}

/** The bytes of a job (empty when they were pruned). */
export async function loadPayload(dataSource: DataSource, id: number): Promise<Buffer> {
  const rows: { data: Buffer | Uint8Array }[] = await dataSource.query(
    `SELECT "data" FROM "job_payloads" WHERE "job_id" = ${placeholder(dataSource.manager, 1)}`,
    [id],
  );
  return rows.length > 0 ? Buffer.from(rows[0].data) : Buffer.alloc(0);
}

/**
 * Claims the oldest queued job (of `kinds`, when given) for the runner holding `claim`: marks
 * it `running` and returns it, or null when none waits. On PostgreSQL the row is picked with `FOR UPDATE SKIP LOCKED`,
 * so two instances claiming at once take different jobs and never wait for each other; the
 * update checks the status again, so a job is claimed once. On SQLite all writes of the
 * process run one at a time (`inTransaction`) and the file has one writer.
 */
export async function claimNextJob(
  dataSource: DataSource,
  claim: string,
  now = new Date(),
  kinds?: readonly string[],
): Promise<Job | null> {
  // A read first: the poll finds nothing most of the time, and an empty write transaction
  // every poll would still queue behind the SQLite writer and count as a commit.
  const waiting = { status: 'queued' as const, ...(kinds ? { kind: In([...kinds]) } : {}) };
  if (!(await dataSource.getRepository(Job).existsBy(waiting))) return null;
  return inTransaction(dataSource, async (tx) => {
    let pick = tx
      .getRepository(Job)
      .createQueryBuilder('job')
      .select(['job.id'])
      .where('job.status = :status', { status: 'queued' })
      .orderBy('job.id', 'ASC')
      .limit(1);
    if (kinds) pick = pick.andWhere('job.kind IN (:...kinds)', { kinds });
    if (isPostgres(dataSource)) pick = pick.setLock('pessimistic_write').setOnLocked('skip_locked');
    const next = await pick.getOne();
    if (!next) return null;
    const claimed = await tx
      .getRepository(Job)
      .createQueryBuilder()
      .update()
      .set({ status: 'running', claim, startedAt: now, heartbeatAt: now, attempts: () => '"attempts" + 1' })
      .where('id = :id AND status = :status', { id: next.id, status: 'queued' })
      .execute();
    if (!claimed.affected) return null;
    return tx.getRepository(Job).findOneByOrFail({ id: next.id });
  });
}

/** Stores how the run ended, if the job is still this runner's (it was not re-queued meanwhile). */
export async function finishJob(
  dataSource: DataSource,
  id: number,
  claim: string,
  outcome: JobOutcome,
): Promise<boolean> {
  const done = await inTransaction(dataSource, (tx) =>
    tx
      .getRepository(Job)
      .update(
        { id, claim, status: 'running' },
        'error' in outcome
          ? { status: 'failed', error: outcome.error, finishedAt: new Date() }
          : { status: 'succeeded', result: outcome.result as object, finishedAt: new Date() },
      ),
  );
  return (done.affected ?? 0) > 0;
}

/** Renews the heartbeat of the jobs this runner is running. */
export async function beat(dataSource: DataSource, claim: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await inTransaction(dataSource, (tx) =>
    tx.getRepository(Job).update({ id: In(ids), claim, status: 'running' }, { heartbeatAt: new Date() }),
  );
}

/**
 * Queues again the jobs left `running` by a process that died: those whose heartbeat is older
 * than `staleBefore` (all of them when null). Imports are all-or-nothing and idempotent, so a
 * second run is safe. A job claimed `maxAttempts` times already fails instead, so a job that
 * crashes its process cannot crash every restart. Returns how many were queued and given up.
 */
export async function requeueAbandoned(
  dataSource: DataSource,
  staleBefore: Date | null,
  maxAttempts: number,
  gaveUp: string,
): Promise<{ requeued: number; failed: number }> {
  const stale = { status: 'running' as const, ...(staleBefore ? { heartbeatAt: LessThan(staleBefore) } : {}) };
  // Called on every poll on PostgreSQL: write only when there is something to do.
  if (!(await dataSource.getRepository(Job).existsBy(stale))) return { requeued: 0, failed: 0 };
  return inTransaction(dataSource, async (tx) => {
    const repo = tx.getRepository(Job);
    const failed = await repo.update(
      { ...stale, attempts: Not(LessThan(maxAttempts)) },
      { status: 'failed', error: gaveUp, finishedAt: new Date(), claim: null },
    );
    const requeued = await repo.update(stale, { status: 'queued', claim: null, startedAt: null, heartbeatAt: null });
    return { requeued: requeued.affected ?? 0, failed: failed.affected ?? 0 };
  });
}

/** Deletes jobs and their bytes. */
export async function deleteJobs(dataSource: DataSource, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await inTransaction(dataSource, async (tx) => {
    // Follow-ups point at their dry run; the link goes with it.
    await tx.getRepository(Job).update({ followsId: In(ids) }, { followsId: null });
    await tx.getRepository(Job).delete({ id: In(ids) });
    const marks = ids.map((_, i) => placeholder(tx, i + 1)).join(', ');
    await tx.query(`DELETE FROM "job_payloads" WHERE "job_id" IN (${marks})`, ids);
  });
}

/**
 * The finished jobs to forget: those that finished before `before`, and with `keepPerOwner`
 * each owner's finished ones beyond the newest `keepPerOwner`.
 */
export async function expiredJobs(
  dataSource: DataSource,
  before: Date,
  keepPerOwner?: { ownerId: number; keep: number },
): Promise<number[]> {
  const repo = dataSource.getRepository(Job);
  const finished = { status: In(['succeeded', 'failed']) };
  const old = await repo.find({ where: { ...finished, finishedAt: LessThan(before) }, select: { id: true } });
  const ids = new Set(old.map((j) => j.id));
  if (keepPerOwner) {
    const own = await repo.find({
      where: { ...finished, ownerId: keepPerOwner.ownerId },
      select: { id: true },
      order: { id: 'DESC' },
    });
    for (const job of own.slice(keepPerOwner.keep)) ids.add(job.id);
  }
  return [...ids];
}
