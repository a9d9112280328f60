import type { DataSource, EntityManager } from 'typeorm';
import { ComponentRecord, Region, type Component } from '../entities';
import { inTransaction, isPostgres } from '../entities/transaction';
import { assertPrecondition, entityTag, taggedJson, type Precondition, type TaggedJson } from '../lib/concurrency';
import { InputError, type FieldProblem } from '../lib/errors';
import { leavesRecordUnchanged, recordSnapshot, type RecordSnapshot } from '../lib/inventory/record-content';
import { recordRuleProblems, recordValues, servesMembersProblem } from '../lib/inventory/record-rules';
import type { Actor } from '../lib/principal';
import type { ComponentStatus, RecordSource } from '../lib/vocabulary';
import { recordAudit } from './audit.service';
import { componentsByCode } from './component.service';
import {
  catalogueComponent,
  getComponentRecord,
  landscapeOf,
  readRecordRows,
  rowView,
  snapshotOfView,
  type ComponentRecordView,
  type LandscapeView,
  type RecordRow,
} from './inventory-views';
import { OperatorCache, resolveOperator, type OperatorRef } from './operator-resolution';
import { findMunicipality } from './region.service';
import { assertWritable } from './write-refusal';

export {
  getComponentRecord,
  getLandscape,
  recordView,
  snapshotOfView,
  type ComponentRecordView,
  type LandscapeView,
  type RecordSnapshot,
} from './inventory-views';

/** What a client sends for one component of a municipality. */
export interface RecordInput {
  status: ComponentStatus;
  operator?: OperatorRef | null;
  product?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
  /** Only for a Landkreis: it runs the component for its Gemeinden too. */
  servesMembers?: boolean;
}

/** A record in a landscape write: the input plus which component it is for. */
export interface LandscapeItemInput extends RecordInput {
  component: string;
}

/**
 * A municipality's landscape as the JSON the API sends and its ETag, serialised once: the
 * same view and tag as {@link getLandscape}, for the hot read path, where serialising the
 * view twice (once for the tag, once for the body) was a measurable share of the request.
 */
export async function getLandscapeJson(manager: EntityManager, key: string): Promise<TaggedJson> {
  const region = await findMunicipality(manager, key);
  return taggedJson(landscapeOf(region, await readRecordRows(manager, region.id), await componentsByCode(manager)));
}

/** Trims text and turns empty strings into null (the offering service shares the rule). */
export { cleanText } from '../lib/inventory/record-rules';

/** Serialises writers of one municipality on PostgreSQL (SQLite transactions are queued anyway). */
async function lockMunicipality(tx: EntityManager, region: Region): Promise<void> {
  if (!isPostgres(tx.connection)) return;
  await tx.createQueryBuilder(Region, 'r').setLock('pessimistic_write').where('r.id = :id', { id: region.id }).getOne();
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
 * happened; an input equal to the stored record writes nothing (unless the stored one is demo
 * data, which a person's save turns into their own). Status `not-used` clears operator and product.
 */
async function applyRecord(
  ctx: WriteContext,
  component: Component,
  existing: RecordRow | undefined,
  input: RecordInput,
  pointer: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  // A component not used has no operator: the reference is not resolved (nor a new operator created).
  const ref = input.status === 'not-used' ? null : input.operator;
  const operator = ref ? await resolveOperator(ctx.tx, ref, { ...ctx, pointer: `${pointer}/operator` }) : null;
  const content = recordValues({ ...input, operator });
  const servesMembers = servesMembersProblem(ctx.region.level, content.servesMembers);
  if (servesMembers) {
    throw new InputError('Ungültige Eingabe.', [{ pointer: `${pointer}/servesMembers`, detail: servesMembers }]);
  }
  if (leavesRecordUnchanged(existing, content)) return 'unchanged';
  const { status, product, validFrom, validTo, note, servesMembers: serves } = content;
  const values = { status, operatorId: operator?.id ?? null, product, validFrom, validTo, note, servesMembers: serves };
  const before = existing ? recordSnapshot(component.code, rowView(existing, component)) : null;
  const after = recordSnapshot(component.code, content);
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

/** Opens a municipality for writing: exists, in the caller's scope, current, locked against other writers. */
async function openForWrite(tx: EntityManager, args: WriteArgs): Promise<Region> {
  const region = await findMunicipality(tx, args.key);
  await assertWritable(tx, args.actor.principal, region);
  await lockMunicipality(tx, region);
  return region;
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
    const region = await openForWrite(tx, args);
    const component = await catalogueComponent(tx, args.code);
    const existing = (await readRecordRows(tx, region.id)).find((r) => r.componentId === component.id);
    assertPrecondition(args.precondition, existing ? entityTag(rowView(existing, component)) : null);
    const ctx = { tx, region, actor: args.actor, cache: new OperatorCache(), source: 'api' as const };
    const outcome = await applyRecord(ctx, component, existing, args.input, '#');
    const { view, etag } = await getComponentRecord(tx, region.key, component.code);
    return { view, etag, created: outcome === 'created' };
  });
}

/** Deletes a stored record and audits it with its last content (`before`). */
async function deleteRecord(
  tx: EntityManager,
  actor: Actor,
  region: Region,
  recordId: number,
  before: RecordSnapshot,
): Promise<void> {
  await tx.delete(ComponentRecord, { id: recordId });
  await recordAudit(tx, actor, {
    action: 'component-record.deleted',
    entityType: 'component-record',
    entityKey: `${region.key}/${before.component}`,
    regionId: region.id,
    before,
    after: null,
  });
}

/** Deletes one component record under optimistic concurrency; the audit log keeps it. */
export async function deleteComponentRecord(dataSource: DataSource, args: WriteArgs & { code: string }): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const region = await openForWrite(tx, args);
    const { view, etag, row } = await getComponentRecord(tx, region.key, args.code);
    assertPrecondition(args.precondition, etag);
    await deleteRecord(tx, args.actor, region, row.id, snapshotOfView(view));
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every problem of a landscape body beyond its JSON schema: unknown components, duplicates,
 * validTo before validFrom. It tolerates a body the schema rejected (it skips what it cannot
 * read), so the route can report these together with the schema errors, all at once.
 */
export async function landscapeBodyProblems(manager: EntityManager, body: unknown): Promise<FieldProblem[]> {
  const items = isObject(body) && Array.isArray(body.components) ? (body.components as unknown[]) : [];
  if (items.length === 0) return [];
  const catalogue = await componentsByCode(manager);
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    if (!isObject(item)) return;
    const pointer = `#/components/${index}`;
    if (typeof item.validFrom === 'string' && typeof item.validTo === 'string') {
      problems.push(...recordRuleProblems({ validFrom: item.validFrom, validTo: item.validTo }, pointer));
    }
    if (typeof item.component !== 'string') return;
    const first = seen.get(item.component);
    if (!catalogue.has(item.component)) {
      problems.push({
        pointer: `${pointer}/component`,
        detail: `„${item.component}“ ist keine bekannte Basiskomponente (${[...catalogue.keys()].join(', ')})`,
      });
    } else if (first !== undefined) {
      problems.push({
        pointer: `${pointer}/component`,
        detail: `„${item.component}“ steht schon an Position ${first}; jede Komponente nur einmal`,
      });
    } else {
      seen.set(item.component, index);
    }
  });
  return problems;
}

/**
 * Replaces a municipality's whole landscape in one transaction: listed components are
 * created or updated, components not listed are deleted. All or nothing.
 */
export async function putLandscape(
  dataSource: DataSource,
  args: WriteArgs & { items: LandscapeItemInput[] },
): Promise<{ view: LandscapeView; etag: string; changed: number }> {
  const problems = await landscapeBodyProblems(dataSource.manager, { components: args.items });
  if (problems.length > 0) throw new InputError('Eingaben ungültig.', problems);

  return inTransaction(dataSource, async (tx) => {
    const region = await openForWrite(tx, args);
    const catalogue = await componentsByCode(tx);

    const rows = await readRecordRows(tx, region.id);
    // The landscape exists with the municipality, so GET gives even an empty one an ETag that
    // If-Match must accept; without records there is nothing to lose, so If-Match is optional.
    assertPrecondition(args.precondition, entityTag(landscapeOf(region, rows, catalogue)), {
      empty: rows.length === 0,
    });

    const ctx: WriteContext = { tx, region, actor: args.actor, cache: new OperatorCache(), source: 'api' };
    const remaining = new Map(rows.map((r) => [r.componentId, r]));
    let changed = 0;
    for (const [index, item] of args.items.entries()) {
      const component = catalogue.get(item.component) as Component;
      const outcome = await applyRecord(ctx, component, remaining.get(component.id), item, `#/components/${index}`);
      if (outcome !== 'unchanged') changed += 1;
      remaining.delete(component.id);
    }
    const componentsById = new Map([...catalogue.values()].map((c) => [c.id, c]));
    for (const row of remaining.values()) {
      const component = componentsById.get(row.componentId) as Component;
      await deleteRecord(tx, args.actor, region, row.id, recordSnapshot(component.code, rowView(row, component)));
      changed += 1;
    }
    const view = landscapeOf(region, await readRecordRows(tx, region.id), catalogue);
    return { view, etag: entityTag(view), changed };
  });
}
