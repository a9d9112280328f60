import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../../entities/bulk-write';
import type { XzufiLoeschung, XzufiPart, XzufiVersion } from '../../fim';
import { count, type FimFileReport, type FimObjectKind } from './fim-report';
import {
  leistungRow,
  onlinedienstRow,
  refKey,
  refOf,
  zustaendigkeitRow,
  type LeistungRow,
  type OnlinedienstRow,
  type XzufiRef,
  type ZustaendigkeitRow,
} from './xzufi-rows';
import { XzufiObjectTable } from './xzufi-state';
import {
  refreshLeistungFlags,
  writeLeistungen,
  writeOnlinedienste,
  writeZustaendigkeiten,
  type XzufiWriteContext,
} from './xzufi.writer';

/** Records per batch: large enough for few statements, small enough to keep memory flat. */
const BATCH_RECORDS = 2000;

interface QueuedPart {
  part: XzufiPart;
  file: FimFileReport;
  version: XzufiVersion;
}

/** Which table a `loesche` of this `klasse` addresses (`Zustaendigkeit…` covers its subtypes). */
function loescheTarget(klasse: string): 'leistung' | 'onlinedienst' | 'zustaendigkeit' | 'organisationseinheit' | null {
  const k = klasse.toLowerCase().replace(/[^a-z]/g, '');
  if (k === 'leistung') return 'leistung';
  if (k === 'onlinedienst') return 'onlinedienst';
  if (k.startsWith('zustaendigkeit')) return 'zustaendigkeit';
  if (k === 'organisationseinheit') return 'organisationseinheit';
  return null;
}

/**
 * Applies the blocks of XZuFi transfer messages, in document order, a batch at a time: each
 * batch first fetches the stored state of every object it names, then counts every record's
 * outcome in its file's report, then — with a writer, in a real run — writes what changed.
 * Without a writer (dry run, or a run that already found an error) it only counts.
 */
export class XzufiBatch {
  private readonly leistungen = new XzufiObjectTable<LeistungRow>('fim_leistungen');
  private readonly onlinedienste = new XzufiObjectTable<OnlinedienstRow>('fim_onlinedienste');
  private readonly zustaendigkeiten = new XzufiObjectTable<ZustaendigkeitRow>('fim_zustaendigkeiten');
  /** Zuständigkeiten by the ref of their responsible object, for `loesche` of an Organisationseinheit. */
  private readonly byObject = new Map<string, Set<string>>();
  private queue: QueuedPart[] = [];
  private queued = 0;

  /**
   * @param manager reads (and, with `write`, writes) through this manager
   * @param write the write context of a real run; null for a dry run
   */
  constructor(
    private readonly manager: EntityManager,
    private write: XzufiWriteContext | null,
  ) {}

  /** Stops writing (an error was found: the run will be rolled back), keeps counting. */
  stopWriting(): void {
    this.write = null;
  }

  async add(part: XzufiPart, file: FimFileReport, version: XzufiVersion): Promise<void> {
    this.queue.push({ part, file, version });
    this.queued += part.leistungen.length + part.onlinedienste.length + part.zustaendigkeiten.length;
    this.queued += part.loeschungen.length;
    if (this.queued >= BATCH_RECORDS) await this.flush();
  }

  /** Counts and writes everything queued. */
  async flush(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.queued = 0;
    if (queue.length === 0) return;
    await this.prefetch(queue);
    for (const { part, file, version } of queue) this.apply(part, file, version);
    if (this.write) await this.writePending(this.write);
    else {
      this.leistungen.drain();
      this.onlinedienste.drain();
      this.zustaendigkeiten.drain();
    }
  }

  private async prefetch(queue: QueuedPart[]): Promise<void> {
    const leistungen: XzufiRef[] = [];
    const dienste: XzufiRef[] = [];
    const zustaendigkeiten: XzufiRef[] = [];
    const objects: XzufiRef[] = [];
    for (const { part } of queue) {
      for (const l of part.leistungen) if (l.id) leistungen.push(refOf(l.id));
      for (const d of part.onlinedienste) if (d.id) dienste.push(refOf(d.id));
      for (const z of part.zustaendigkeiten)
        if (z.valid && z.leistungId) zustaendigkeiten.push(zustaendigkeitRow({ ...z, leistungId: z.leistungId }).ref);
      for (const loeschung of part.loeschungen) {
        const target = loescheTarget(loeschung.klasse);
        const ref = refOf(loeschung.id);
        if (target === 'leistung') leistungen.push(ref);
        else if (target === 'onlinedienst') dienste.push(ref);
        else if (target === 'zustaendigkeit') zustaendigkeiten.push(ref);
        else if (target === 'organisationseinheit') objects.push(ref);
      }
    }
    await this.leistungen.prefetch(this.manager, leistungen);
    await this.onlinedienste.prefetch(this.manager, dienste);
    await this.zustaendigkeiten.prefetch(this.manager, zustaendigkeiten);
    await this.prefetchByObject(objects);
  }

  /** Stored Zuständigkeiten of objects about to be deleted. */
  private async prefetchByObject(objects: XzufiRef[]): Promise<void> {
    if (objects.length === 0) return;
    const wanted = new Set(objects.map(refKey));
    const rows = await selectWhereIn<{
      id: number | string;
      redaktion: string;
      fimId: string;
      hash: string;
      active: boolean | number;
      objectRedaktion: string;
      objectFimId: string;
    }>(
      this.manager,
      (list) =>
        'SELECT "id", "redaktion", "fim_id" AS "fimId", "content_sha256" AS "hash", "is_active" AS "active", ' +
        `"object_redaktion" AS "objectRedaktion", "object_fim_id" AS "objectFimId" FROM "fim_zustaendigkeiten" ` +
        `WHERE "object_fim_id" IN (${list})`,
      [...new Set(objects.map((o) => o.fimId))],
    );
    for (const row of rows) {
      const objectKey = refKey({ redaktion: row.objectRedaktion, fimId: row.objectFimId });
      if (!wanted.has(objectKey)) continue;
      const key = refKey(row);
      this.zustaendigkeiten.remember(key, { id: Number(row.id), hash: row.hash, active: Boolean(row.active) });
      this.linkObject(objectKey, key);
    }
  }

  private linkObject(objectKey: string, zustaendigkeitKey: string): void {
    const set = this.byObject.get(objectKey) ?? new Set<string>();
    set.add(zustaendigkeitKey);
    this.byObject.set(objectKey, set);
  }

  private apply(part: XzufiPart, file: FimFileReport, version: XzufiVersion): void {
    for (const leistung of part.leistungen) {
      if (!leistung.valid || !leistung.id) count(file, 'leistungen', 'rejected');
      else if (leistung.leistungsschluessel.length === 0) {
        count(file, 'leistungen', 'skipped');
        file.problems.push({
          severity: 'warning',
          code: 'missing-leistungsschluessel',
          detail: `Leistung ${leistung.id.value} hat keinen Leistungsschlüssel und wird nicht übernommen.`,
          file: file.file,
          path: leistung.path,
        });
      } else count(file, 'leistungen', this.leistungen.write(leistungRow({ ...leistung, id: leistung.id }, version)));
    }
    for (const dienst of part.onlinedienste) {
      if (!dienst.valid || !dienst.id) count(file, 'onlinedienste', 'rejected');
      else
        count(file, 'onlinedienste', this.onlinedienste.write(onlinedienstRow({ ...dienst, id: dienst.id }, version)));
    }
    for (const z of part.zustaendigkeiten) {
      if (!z.valid || !z.leistungId) {
        count(file, 'zustaendigkeiten', 'rejected');
        continue;
      }
      const row = zustaendigkeitRow({ ...z, leistungId: z.leistungId });
      count(file, 'zustaendigkeiten', this.zustaendigkeiten.write(row));
      if (row.object) this.linkObject(refKey(row.object), refKey(row.ref));
    }
    for (const loeschung of part.loeschungen) this.applyLoeschung(loeschung, file);
  }

  private applyLoeschung(loeschung: XzufiLoeschung, file: FimFileReport): void {
    const target = loescheTarget(loeschung.klasse);
    const ref = refOf(loeschung.id);
    const tables = {
      leistung: ['leistungen', this.leistungen],
      onlinedienst: ['onlinedienste', this.onlinedienste],
      zustaendigkeit: ['zustaendigkeiten', this.zustaendigkeiten],
    } as const;
    if (target === 'organisationseinheit') {
      // Its Zuständigkeiten end with it; the Organisationseinheit itself is not stored.
      for (const key of this.byObject.get(refKey(ref)) ?? []) {
        const [redaktion, fimId] = key.split('\u0000');
        count(file, 'zustaendigkeiten', this.zustaendigkeiten.deactivate({ redaktion, fimId }));
      }
      return;
    }
    if (target === null) {
      file.problems.push({
        severity: 'warning',
        code: 'unsupported-element',
        detail: `loesche der Klasse „${loeschung.klasse}“ (${loeschung.id.value}) betrifft nichts, was importiert wird.`,
        file: file.file,
        path: loeschung.path,
      });
      return;
    }
    const [kind, table] = tables[target] as readonly [FimObjectKind, XzufiObjectTable<never>];
    const outcome = table.deactivate(ref);
    count(file, kind, outcome);
    if (outcome === 'skipped') {
      file.problems.push({
        severity: 'warning',
        code: 'unknown-object',
        detail: `loesche: ${loeschung.klasse} ${loeschung.id.value} ist nicht gespeichert; nichts zu deaktivieren.`,
        file: file.file,
        path: loeschung.path,
      });
    }
  }

  private async writePending(ctx: XzufiWriteContext): Promise<void> {
    const leistungen = await writeLeistungen(this.manager, this.leistungen.drain(), ctx);
    this.leistungen.assignIds(leistungen.ids);
    await refreshLeistungFlags(this.manager, leistungen.touchedKeys);
    this.onlinedienste.assignIds(await writeOnlinedienste(this.manager, this.onlinedienste.drain(), ctx));
    this.zustaendigkeiten.assignIds(await writeZustaendigkeiten(this.manager, this.zustaendigkeiten.drain(), ctx));
  }
}
