import type { DataSource, EntityManager } from 'typeorm';
import { Leistung, Offering, Region } from '../entities';
import { findOneByColumn } from '../entities/fast-find';
import { inTransaction, isPostgres } from '../entities/transaction';
import { assertPrecondition, entityTag, type Precondition } from '../lib/concurrency';
import { InputError, NotFoundError, type FieldProblem } from '../lib/errors';
import {
  checkMaturity,
  MATURITY_MODELS,
  OFFERING_STATUS_LABELS,
  type MaturityModel,
  type OfferingSource,
  type OfferingStatus,
} from '../lib/maturity';
import type { Actor } from '../lib/principal';
import { recordAudit } from './audit.service';
import { cleanText } from './inventory.service';
import { findMunicipality, regionView, type RegionView } from './region.service';
import { assertWritable } from './write-refusal';
import { isWebUrl, notWebUrlDetail } from '../lib/url';

/** A Reifegrad as the API shows and accepts it. */
export interface MaturityView {
  model: MaturityModel;
  level: number | null;
  criteria: Record<string, number> | null;
}

/** One offering of a Leistung for an area, as the API shows it. */
export interface OfferingView {
  leistung: { schluessel: string; name: string; ozgId: number | null };
  source: OfferingSource;
  url: string | null;
  status: OfferingStatus;
  statusLabel: string;
  maturity: MaturityView | null;
  flaechendeckend: boolean;
  coverageRaw: string | null;
  note: string | null;
  sourceRef: string | null;
  updatedAt: string;
}

/** Every offering recorded for a municipality, from every source. */
export interface OfferingListView {
  municipality: RegionView;
  offerings: OfferingView[];
}

/** What a client sends for a manual offering. */
export interface OfferingInput {
  url?: string | null;
  status: OfferingStatus;
  maturity?: { model: MaturityModel; level?: number | null; criteria?: Record<string, number> | null } | null;
  flaechendeckend?: boolean;
  note?: string | null;
}

/** The comparable content of a manual offering: what the audit log stores and change detection compares. */
interface OfferingSnapshot {
  url: string | null;
  status: OfferingStatus;
  maturity: MaturityView | null;
  flaechendeckend: boolean;
  note: string | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rules of an offering body the JSON schema cannot express: a Reifegrad needs a level or
 * criteria; levels must fit the model; the level must not exceed the lowest criterion
 * (`checkMaturity`). Tolerates a body the schema rejected, so the route can report these
 * together with the schema errors.
 */
export function offeringBodyProblems(body: unknown): FieldProblem[] {
  if (!isObject(body) || !isObject(body.maturity)) return [];
  const { model, level, criteria } = body.maturity;
  if (typeof model !== 'string' || !(MATURITY_MODELS as readonly string[]).includes(model)) return [];
  const numeric = isObject(criteria)
    ? Object.fromEntries(Object.entries(criteria).filter((e): e is [string, number] => typeof e[1] === 'number'))
    : undefined;
  const hasCriteria = numeric !== undefined && Object.keys(numeric).length > 0;
  if ((level === undefined || level === null) && !hasCriteria) {
    return [
      { pointer: '#/maturity/level', detail: 'fehlt: eine Stufe (level) oder Stufen je Kriterium (criteria) angeben' },
    ];
  }
  const checked = checkMaturity({
    model: model as MaturityModel,
    level: typeof level === 'number' ? level : undefined,
    criteria: numeric,
  });
  return checked.problems.map((p) => ({ pointer: `#/maturity/${p.field}`, detail: p.detail }));
}

/** The stored Reifegrad of an input: overall level from the criteria where none is given, criteria sorted. */
function maturityOf(input: OfferingInput['maturity']): MaturityView | null {
  if (!input) return null;
  const criteria =
    input.criteria && Object.keys(input.criteria).length > 0
      ? Object.fromEntries(Object.entries(input.criteria).sort(([a], [b]) => a.localeCompare(b)))
      : null;
  const { level } = checkMaturity({ model: input.model, level: input.level, criteria });
  return { model: input.model, level, criteria };
}

function maturityView(offering: Offering): MaturityView | null {
  if (!offering.maturityModel) return null;
  return { model: offering.maturityModel, level: offering.maturityLevel, criteria: offering.maturityCriteria };
}

function offeringView(offering: Offering, leistung: Leistung): OfferingView {
  return {
    leistung: { schluessel: leistung.schluessel, name: leistung.name, ozgId: leistung.ozgId },
    source: offering.source,
    url: offering.url,
    status: offering.status,
    statusLabel: OFFERING_STATUS_LABELS[offering.status],
    maturity: maturityView(offering),
    flaechendeckend: offering.flaechendeckend,
    coverageRaw: offering.coverageRaw,
    note: offering.note,
    sourceRef: offering.sourceRef,
    updatedAt: new Date(offering.updatedAt).toISOString(),
  };
}

function snapshotOf(offering: Offering): OfferingSnapshot {
  return {
    url: offering.url,
    status: offering.status,
    maturity: maturityView(offering),
    flaechendeckend: offering.flaechendeckend,
    note: offering.note,
  };
}

const SOURCE_ORDER: OfferingSource[] = ['manual', 'dashboard', 'fim', 'demo'];

/** Every offering recorded for a municipality (all sources), by Leistungsschlüssel, manual first. */
export async function listOfferings(manager: EntityManager, key: string): Promise<OfferingListView> {
  const region = await findMunicipality(manager, key);
  const offerings = await manager.find(Offering, { where: { regionId: region.id }, relations: { leistung: true } });
  offerings.sort(
    (a, b) =>
      (a.leistung as Leistung).schluessel.localeCompare((b.leistung as Leistung).schluessel) ||
      SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source),
  );
  return { municipality: regionView(region), offerings: offerings.map((o) => offeringView(o, o.leistung as Leistung)) };
}

async function leistungByKey(manager: EntityManager, schluessel: string): Promise<Leistung> {
  const leistung = await findOneByColumn(manager, Leistung, 'schluessel', schluessel);
  if (!leistung) throw new NotFoundError(`Keine Leistung mit dem Leistungsschlüssel ${schluessel}.`);
  return leistung;
}

function findManual(manager: EntityManager, region: Region, leistung: Leistung): Promise<Offering | null> {
  return manager.findOneBy(Offering, { regionId: region.id, leistungId: leistung.id, source: 'manual' });
}

/** The manually recorded offering of one Leistung for a municipality, with its ETag; 404 if there is none. */
export async function getManualOffering(
  manager: EntityManager,
  key: string,
  schluessel: string,
): Promise<{ view: OfferingView; etag: string }> {
  const region = await findMunicipality(manager, key);
  const leistung = await leistungByKey(manager, schluessel);
  const offering = await findManual(manager, region, leistung);
  if (!offering) {
    throw new NotFoundError(`Für ${region.name} (${region.key}) ist zu ${schluessel} kein Angebot von Hand erfasst.`);
  }
  const view = offeringView(offering, leistung);
  return { view, etag: entityTag(view) };
}

/** Arguments of a conditional write to a municipality's manual offerings. */
export interface OfferingWriteArgs {
  key: string;
  schluessel: string;
  actor: Actor;
  precondition: Precondition;
}

/** Opens a municipality for writing: exists, in the caller's scope, current, locked against other writers. */
async function openForWrite(
  tx: EntityManager,
  args: OfferingWriteArgs,
): Promise<{ region: Region; leistung: Leistung }> {
  const region = await findMunicipality(tx, args.key);
  await assertWritable(tx, args.actor.principal, region);
  if (isPostgres(tx.connection)) {
    await tx
      .createQueryBuilder(Region, 'r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id: region.id })
      .getOne();
  }
  return { region, leistung: await leistungByKey(tx, args.schluessel) };
}

function auditKey(region: Region, leistung: Leistung): string {
  return `${region.key}/${leistung.schluessel}`;
}

/**
 * Records (creates or replaces) the manual offering of one Leistung for a municipality under
 * optimistic concurrency, with its audit event in the same transaction. An input equal to the
 * stored offering writes nothing.
 */
export async function putManualOffering(
  dataSource: DataSource,
  args: OfferingWriteArgs & { input: OfferingInput },
): Promise<{ view: OfferingView; etag: string; created: boolean }> {
  const problems = offeringBodyProblems(args.input);
  // The API schema refuses it already; this holds for every other caller too.
  if (typeof args.input.url === 'string' && !isWebUrl(args.input.url)) {
    problems.push({ pointer: '#/url', detail: notWebUrlDetail(args.input.url) });
  }
  if (problems.length > 0) throw new InputError('Eingaben ungültig.', problems);
  return inTransaction(dataSource, async (tx) => {
    const { region, leistung } = await openForWrite(tx, args);
    const existing = await findManual(tx, region, leistung);
    assertPrecondition(args.precondition, existing ? entityTag(offeringView(existing, leistung)) : null);
    const maturity = maturityOf(args.input.maturity);
    const after: OfferingSnapshot = {
      url: cleanText(args.input.url),
      status: args.input.status,
      maturity,
      flaechendeckend: args.input.flaechendeckend ?? false,
      note: cleanText(args.input.note),
    };
    const before = existing ? snapshotOf(existing) : null;
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      const values = {
        url: after.url,
        status: after.status,
        maturityModel: maturity?.model ?? null,
        maturityLevel: maturity?.level ?? null,
        maturityCriteria: maturity?.criteria ?? null,
        flaechendeckend: after.flaechendeckend,
        note: after.note,
        updatedAt: new Date(),
      };
      if (existing) await tx.update(Offering, { id: existing.id }, values);
      else await tx.insert(Offering, { ...values, regionId: region.id, leistungId: leistung.id, source: 'manual' });
      await recordAudit(tx, args.actor, {
        action: existing ? 'offering.updated' : 'offering.created',
        entityType: 'offering',
        entityKey: auditKey(region, leistung),
        regionId: region.id,
        before,
        after,
      });
    }
    const { view, etag } = await getManualOffering(tx, region.key, leistung.schluessel);
    return { view, etag, created: !existing };
  });
}

/** Deletes the manual offering of one Leistung under optimistic concurrency; the audit log keeps it. */
export async function deleteManualOffering(dataSource: DataSource, args: OfferingWriteArgs): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const { region, leistung } = await openForWrite(tx, args);
    const { etag } = await getManualOffering(tx, region.key, leistung.schluessel);
    const existing = (await findManual(tx, region, leistung)) as Offering;
    assertPrecondition(args.precondition, etag);
    await tx.delete(Offering, { id: existing.id });
    await recordAudit(tx, args.actor, {
      action: 'offering.deleted',
      entityType: 'offering',
      entityKey: auditKey(region, leistung),
      regionId: region.id,
      before: snapshotOf(existing),
      after: null,
    });
  });
}
