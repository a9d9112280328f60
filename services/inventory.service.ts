import type { DataSource, EntityManager } from 'typeorm';
import { Component, ComponentRecord, Operator, Region } from '../entities';
import { inTransaction, isPostgres } from '../entities/transaction';
import { assertPrecondition, entityTag, type Precondition } from '../lib/concurrency';
import { InputError, NotFoundError, type FieldProblem } from '../lib/errors';
import type { Actor } from '../lib/principal';
import { COMPONENT_STATUS_LABELS, type ComponentStatus, type RecordSource } from '../lib/vocabulary';
import { recordAudit } from './audit.service';
import { componentsByCode, findComponent } from './component.service';
import { OperatorCache, resolveOperator, type OperatorRef } from './operator.service';
import { assertMayWrite, findMunicipality, regionView, type RegionView } from './region.service';

/** What a client sends for one component of a municipality. */
export interface RecordInput {
  status: ComponentStatus;
  operator?: OperatorRef | null;
  product?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
}

/** A record in a landscape write: the input plus which component it is for. */
export interface LandscapeItemInput extends RecordInput {
  component: string;
}

/** One component record as the API shows it. */
export interface ComponentRecordView {
  component: string;
  componentLabel: string;
  status: ComponentStatus;
  statusLabel: string;
  operator: { id: number; name: string; type: string } | null;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
  source: RecordSource;
  updatedAt: string;
}

/** A municipality's whole landscape. */
export interface LandscapeView {
  municipality: RegionView;
  components: ComponentRecordView[];
  /** Codes of catalogue components without a record (nothing known yet). */
  missingComponents: string[];
}

/** The comparable content of a record: what the audit log stores and change detection compares. */
export interface RecordSnapshot {
  component: string;
  status: ComponentStatus;
  operator: { name: string; type: string } | null;
  product: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}

/** Trims text and turns empty strings into null, so "" and a missing value mean the same. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Rules a schema cannot express; returns every problem found, pointing below `pointer`. */
export function recordRuleProblems(input: RecordInput, pointer: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    problems.push({ pointer: `${pointer}/validTo`, detail: 'darf nicht vor validFrom liegen' });
  }
  return problems;
}

/** The API view of a stored record. */
export function recordView(record: ComponentRecord, component: Component, operator: Operator | null): ComponentRecordView {
  return {
    component: component.code,
    componentLabel: component.label,
    status: record.status,
    statusLabel: COMPONENT_STATUS_LABELS[record.status],
    operator: operator ? { id: operator.id, name: operator.name, type: operator.type } : null,
    product: record.product,
    validFrom: record.validFrom,
    validTo: record.validTo,
    note: record.note,
    source: record.source,
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

/** The snapshot of a view (drops ids and timestamps). */
export function snapshotOfView(view: ComponentRecordView): RecordSnapshot {
  return {
    component: view.component,
    status: view.status,
    operator: view.operator ? { name: view.operator.name, type: view.operator.type } : null,
    product: view.product,
    validFrom: view.validFrom,
    validTo: view.validTo,
    note: view.note,
  };
}

function sameSnapshot(a: RecordSnapshot | null, b: RecordSnapshot | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Serialises writers of one municipality on PostgreSQL (SQLite transactions are queued anyway). */
async function lockMunicipality(tx: EntityManager, region: Region): Promise<void> {
  if (!isPostgres(tx.connection)) return;
  await tx
    .createQueryBuilder(Region, 'r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id: region.id })
    .getOne();
}

async function loadRecords(tx: EntityManager, region: Region): Promise<ComponentRecord[]> {
  return tx.find(ComponentRecord, {
    where: { regionId: region.id },
    relations: { component: true, operator: true },
  });
}

function landscapeOf(region: Region, records: ComponentRecord[], catalogue: Map<string, Component>): LandscapeView {
  const byComponentId = new Map(records.map((r) => [r.componentId, r]));
  const components: ComponentRecordView[] = [];
  const missingComponents: string[] = [];
  for (const component of catalogue.values()) {
    const record = byComponentId.get(component.id);
    if (record) components.push(recordView(record, component, record.operator ?? null));
    else missingComponents.push(component.code);
  }
  return { municipality: regionView(region), components, missingComponents };
}

/** A municipality's landscape and its ETag. */
export async function getLandscape(manager: EntityManager, key: string): Promise<{ view: LandscapeView; etag: string }> {
  const region = await findMunicipality(manager, key);
  const view = landscapeOf(region, await loadRecords(manager, region), await componentsByCode(manager));
  return { view, etag: entityTag(view) };
}

/** One component record of a municipality and its ETag; 404 if nothing is recorded. */
export async function getComponentRecord(
  manager: EntityManager,
  key: string,
  code: string,
): Promise<{ view: ComponentRecordView; etag: string }> {
  const region = await findMunicipality(manager, key);
  const component = await findComponent(manager, code);
  const record = await manager.findOne(ComponentRecord, {
    where: { regionId: region.id, componentId: component.id },
    relations: { operator: true },
  });
  if (!record) {
    throw new NotFoundError(`Für ${region.name} (${region.key}) ist zu „${component.label}“ nichts erfasst.`);
  }
  const view = recordView(record, component, record.operator ?? null);
  return { view, etag: entityTag(view) };
}

/** Everything a record write needs besides the input. */
interface WriteContext {
  tx: EntityManager;
  region: Region;
  actor: Actor;
  cache: OperatorCache;
  source: RecordSource;
}

/**
 * Creates, changes or leaves alone one record and writes the audit event. Returns what
 * happened; an input equal to the stored record writes nothing.
 */
async function applyRecord(
  ctx: WriteContext,
  component: Component,
  existing: ComponentRecord | undefined,
  input: RecordInput,
  pointer: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const operator = input.operator
    ? await resolveOperator(ctx.tx, input.operator, { ...ctx, pointer: `${pointer}/operator` })
    : null;
  const values = {
    status: input.status,
    operatorId: operator?.id ?? null,
    product: cleanText(input.product),
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    note: cleanText(input.note),
  };
  const after: RecordSnapshot = {
    component: component.code,
    status: values.status,
    operator: operator ? { name: operator.name, type: operator.type } : null,
    product: values.product,
    validFrom: values.validFrom,
    validTo: values.validTo,
    note: values.note,
  };
  const before = existing ? snapshotOfView(recordView(existing, component, existing.operator ?? null)) : null;
  if (sameSnapshot(before, after)) return 'unchanged';
  if (existing) {
    await ctx.tx.update(ComponentRecord, { id: existing.id }, { ...values, source: ctx.source, updatedAt: new Date() });
  } else {
    await ctx.tx.insert(ComponentRecord, {
      ...values,
      regionId: ctx.region.id,
      componentId: component.id,
      source: ctx.source,
    });
  }
  await recordAudit(ctx.tx, ctx.actor, {
    action: existing ? 'component-record.updated' : 'component-record.created',
    entityType: 'component-record',
    entityKey: `${ctx.region.key}/${component.code}`,
    regionId: ctx.region.id,
    before,
    after,
  });
  return existing ? 'updated' : 'created';
}

function assertRules(input: RecordInput, pointer: string): void {
  const problems = recordRuleProblems(input, pointer);
  if (problems.length > 0) throw new InputError('Eingaben ungültig.', problems);
}

/** Arguments of a conditional write to a municipality's inventory. */
export interface WriteArgs {
  key: string;
  actor: Actor;
  precondition: Precondition;
}

/**
 * Writes one component record (create or replace) under optimistic concurrency. Returns the
 * new view and whether it was created.
 */
export async function putComponentRecord(
  dataSource: DataSource,
  args: WriteArgs & { code: string; input: RecordInput },
): Promise<{ view: ComponentRecordView; etag: string; created: boolean }> {
  assertRules(args.input, '#');
  return inTransaction(dataSource, async (tx) => {
    const region = await findMunicipality(tx, args.key);
    assertMayWrite(args.actor.principal, region);
    await lockMunicipality(tx, region);
    const component = await findComponent(tx, args.code);
    const existing = await tx.findOne(ComponentRecord, {
      where: { regionId: region.id, componentId: component.id },
      relations: { operator: true },
    });
    assertPrecondition(
      args.precondition,
      existing ? entityTag(recordView(existing, component, existing.operator ?? null)) : null,
    );
    const cache = new OperatorCache();
    const outcome = await applyRecord(
      { tx, region, actor: args.actor, cache, source: 'api' },
      component,
      existing ?? undefined,
      args.input,
      '#',
    );
    const { view, etag } = await getComponentRecord(tx, region.key, component.code);
    return { view, etag, created: outcome === 'created' };
  });
}

/** Deletes one component record under optimistic concurrency; the audit log keeps it. */
export async function deleteComponentRecord(dataSource: DataSource, args: WriteArgs & { code: string }): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const region = await findMunicipality(tx, args.key);
    assertMayWrite(args.actor.principal, region);
    await lockMunicipality(tx, region);
    const { view, etag } = await getComponentRecord(tx, region.key, args.code);
    assertPrecondition(args.precondition, etag);
    const component = await findComponent(tx, args.code);
    await tx.delete(ComponentRecord, { regionId: region.id, componentId: component.id });
    await recordAudit(tx, args.actor, {
      action: 'component-record.deleted',
      entityType: 'component-record',
      entityKey: `${region.key}/${component.code}`,
      regionId: region.id,
      before: snapshotOfView(view),
      after: null,
    });
  });
}

/**
 * Replaces a municipality's whole landscape in one transaction: listed components are
 * created or updated, components not listed are deleted. All or nothing.
 */
export async function putLandscape(
  dataSource: DataSource,
  args: WriteArgs & { items: LandscapeItemInput[] },
): Promise<{ view: LandscapeView; etag: string; changed: number }> {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  args.items.forEach((item, index) => {
    problems.push(...recordRuleProblems(item, `#/components/${index}`));
    const first = seen.get(item.component);
    if (first !== undefined) {
      problems.push({
        pointer: `#/components/${index}/component`,
        detail: `„${item.component}“ steht schon an Position ${first}; jede Komponente nur einmal`,
      });
    } else {
      seen.set(item.component, index);
    }
  });
  if (problems.length > 0) throw new InputError('Eingaben ungültig.', problems);

  return inTransaction(dataSource, async (tx) => {
    const region = await findMunicipality(tx, args.key);
    assertMayWrite(args.actor.principal, region);
    await lockMunicipality(tx, region);
    const catalogue = await componentsByCode(tx);
    const unknown = args.items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => !catalogue.has(item.component))
      .map(({ item, index }) => ({
        pointer: `#/components/${index}/component`,
        detail: `„${item.component}“ ist keine bekannte Basiskomponente (${[...catalogue.keys()].join(', ')})`,
      }));
    if (unknown.length > 0) throw new InputError('Unbekannte Komponenten.', unknown);

    const records = await loadRecords(tx, region);
    assertPrecondition(args.precondition, records.length > 0 ? entityTag(landscapeOf(region, records, catalogue)) : null);

    const ctx: WriteContext = { tx, region, actor: args.actor, cache: new OperatorCache(), source: 'api' };
    const byComponentId = new Map(records.map((r) => [r.componentId, r]));
    let changed = 0;
    for (const [index, item] of args.items.entries()) {
      const component = catalogue.get(item.component) as Component;
      const outcome = await applyRecord(ctx, component, byComponentId.get(component.id), item, `#/components/${index}`);
      if (outcome !== 'unchanged') changed += 1;
      byComponentId.delete(component.id);
    }
    for (const record of byComponentId.values()) {
      const component = record.component as Component;
      await tx.delete(ComponentRecord, { id: record.id });
      await recordAudit(tx, args.actor, {
        action: 'component-record.deleted',
        entityType: 'component-record',
        entityKey: `${region.key}/${component.code}`,
        regionId: region.id,
        before: snapshotOfView(recordView(record, component, record.operator ?? null)),
        after: null,
      });
      changed += 1;
    }
    const view = landscapeOf(region, await loadRecords(tx, region), catalogue);
    return { view, etag: entityTag(view), changed };
  });
}
