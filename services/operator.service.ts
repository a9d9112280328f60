import type { EntityManager } from 'typeorm';
import { ComponentRecord, Operator } from '../entities';
import { isPostgres } from '../entities/transaction';
import { decodeCursor, encodeCursor, type Page } from '../lib/cursor';
import { assertPrecondition, entityTag, type Precondition } from '../lib/concurrency';
import { ConflictError, InputError, NotAllowedError, NotFoundError, type FieldProblem } from '../lib/errors';
import { operatorSnapshot } from '../lib/inventory/operator-snapshot';
import type { Actor, Principal } from '../lib/principal';
import { escapeLike, searchKey, searchKeyMatches } from '../lib/text';
import { isWebUrl, notWebUrlDetail } from '../lib/url';
import { hasControlCharacter } from '../lib/validation';
import { OPERATOR_TYPE_LABELS, type OperatorType } from '../lib/vocabulary';
import { recordAudit } from './audit.service';
import { invalidCursor } from './region.service';

/** An operator as the API shows it. */
export interface OperatorView {
  id: number;
  name: string;
  shortName: string | null;
  type: OperatorType;
  typeLabel: string;
  website: string | null;
  landKeys: string[];
  note: string | null;
  origin: 'reference' | 'user';
  /** Municipalities with at least one record naming this operator. */
  municipalityCount: number;
  /** Records per component code. */
  componentCounts: Record<string, number>;
}

/** Fields of a new operator. */
export interface OperatorInput {
  name: string;
  shortName?: string | null;
  type: OperatorType;
  website?: string | null;
  landKeys?: string[];
  note?: string | null;
}

/** The operator of a name or short name (case- and umlaut-insensitive), or null. */
export async function findByName(manager: EntityManager, name: string): Promise<Operator | null> {
  const key = searchKey(name);
  return manager
    .createQueryBuilder(Operator, 'o')
    .where('o.nameKey = :key', { key })
    .orWhere('LOWER(o.shortName) = :short', { short: name.trim().toLowerCase() })
    .orderBy('o.id', 'ASC')
    .getOne();
}

function conflictWith(operator: Operator): ConflictError {
  return new ConflictError(`Es gibt bereits einen Betreiber „${operator.name}“ (Nr. ${operator.id}).`);
}

/**
 * Inserts a new operator and audits it; returns null if its name (or folded name) was taken
 * by a transaction that committed meanwhile.
 *
 * NOTE: on PostgreSQL two transactions can both find no operator of a name and both insert
 * it; the second would fail on the unique index, abort its transaction and answer 500.
 * `ON CONFLICT DO NOTHING` waits for the first to commit and then inserts nothing, and a
 * fresh read (READ COMMITTED) finds the winner. SQLite runs one transaction at a time
 * (`entities/transaction.ts`), so the lookup before the insert already settles it there.
 */
export async function insertOperator(tx: EntityManager, input: OperatorInput, actor: Actor): Promise<Operator | null> {
  const name = input.name.trim();
  const insert = tx
    .createQueryBuilder()
    .insert()
    .into(Operator)
    .values({
      name,
      nameKey: searchKey(name),
      shortName: input.shortName?.trim() || null,
      type: input.type,
      website: input.website ?? null,
      landKeys: input.landKeys ?? null,
      note: input.note ?? null,
      origin: 'user',
    });
  if (isPostgres(tx.connection)) insert.orIgnore();
  const id: unknown = (await insert.execute()).identifiers[0]?.id;
  if (id === undefined || id === null) return null;
  const operator = await tx.findOneByOrFail(Operator, { id: Number(id) });
  await recordAudit(tx, actor, {
    action: 'operator.created',
    entityType: 'operator',
    entityKey: String(operator.id),
    after: operatorSnapshot(operator),
  });
  return operator;
}

/** Builds the API view of operators with their usage counts (one query for all). */
async function views(manager: EntityManager, operators: Operator[]): Promise<OperatorView[]> {
  if (operators.length === 0) return [];
  const usage: { operatorId: number; code: string; records: string; municipalities: string }[] = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .innerJoin('cr.component', 'c')
    .select('cr.operatorId', 'operatorId')
    .addSelect('c.code', 'code')
    .addSelect('COUNT(*)', 'records')
    .where('cr.operatorId IN (:...ids)', { ids: operators.map((o) => o.id) })
    .groupBy('cr.operatorId')
    .addGroupBy('c.code')
    .getRawMany();
  const municipalities: { operatorId: number; n: string }[] = await manager
    .createQueryBuilder(ComponentRecord, 'cr')
    .select('cr.operatorId', 'operatorId')
    .addSelect('COUNT(DISTINCT cr.regionId)', 'n')
    .where('cr.operatorId IN (:...ids)', { ids: operators.map((o) => o.id) })
    .groupBy('cr.operatorId')
    .getRawMany();
  return operators.map((o) => {
    const componentCounts: Record<string, number> = {};
    for (const row of usage) if (Number(row.operatorId) === o.id) componentCounts[row.code] = Number(row.records);
    const count = municipalities.find((m) => Number(m.operatorId) === o.id);
    return {
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      type: o.type,
      typeLabel: OPERATOR_TYPE_LABELS[o.type],
      website: o.website,
      landKeys: o.landKeys ?? [],
      note: o.note,
      origin: o.origin,
      municipalityCount: count ? Number(count.n) : 0,
      componentCounts,
    };
  });
}

/** Filters for {@link listOperators}. */
export interface OperatorQuery {
  q?: string;
  type?: OperatorType;
  land?: string;
  limit: number;
  cursor?: string;
}

/** Lists operators by name, one page at a time. */
export async function listOperators(manager: EntityManager, query: OperatorQuery): Promise<Page<OperatorView>> {
  const qb = manager
    .createQueryBuilder(Operator, 'o')
    .orderBy('o.nameKey', 'ASC')
    .take(query.limit + 1);
  if (query.q) {
    // The short name too: people search for "AKDB", not for "Anstalt für Kommunale Datenverarbeitung in Bayern".
    qb.andWhere(`(${searchKeyMatches('o.nameKey', 'name')} OR LOWER(o.shortName) LIKE :short ESCAPE '\\')`, {
      name: `%${escapeLike(searchKey(query.q))}%`,
      short: `%${escapeLike(query.q.trim().toLowerCase())}%`,
    });
  }
  if (query.type) qb.andWhere('o.type = :type', { type: query.type });
  if (query.land) qb.andWhere('o.landKeys LIKE :land', { land: `%"${query.land}"%` });
  if (query.cursor) {
    const { k } = decodeCursor<{ k: string }>(query.cursor, { k: 'string' });
    // A forged cursor must not reach the database: PostgreSQL fails on NUL in a parameter.
    if (hasControlCharacter(k)) throw invalidCursor();
    qb.andWhere('o.nameKey > :after', { after: k });
  }
  const rows = await qb.getMany();
  const items = rows.slice(0, query.limit);
  return {
    items: await views(manager, items),
    nextCursor: rows.length > query.limit ? encodeCursor({ k: items[items.length - 1].nameKey }) : null,
  };
}

/**
 * The ETag of an operator: its own fields only. The usage counts in the view change with every
 * inventory write naming the operator, and PATCH cannot change them, so they must not make an
 * admin's If-Match stale.
 */
function operatorTag(operator: Operator): string {
  return entityTag({ id: operator.id, origin: operator.origin, ...operatorSnapshot(operator) });
}

/** One operator by id, with its ETag. */
export async function getOperator(manager: EntityManager, id: number): Promise<{ view: OperatorView; etag: string }> {
  const operator = await manager.findOneBy(Operator, { id });
  if (!operator) throw new NotFoundError(`Kein Betreiber mit der Nummer ${id}.`);
  const [view] = await views(manager, [operator]);
  return { view, etag: operatorTag(operator) };
}

/** The key of every Land: `01` Schleswig-Holstein … `16` Thüringen. */
const LAND_KEY = /^(0[1-9]|1[0-6])$/;

/** What is wrong with an operator's website and Land keys, whoever writes them. */
function fieldProblems(input: Partial<OperatorInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof input.website === 'string' && !isWebUrl(input.website)) {
    problems.push({ pointer: '#/website', detail: notWebUrlDetail(input.website) });
  }
  (input.landKeys ?? []).forEach((key, index) => {
    if (!LAND_KEY.test(key)) {
      problems.push({ pointer: `#/landKeys/${index}`, detail: `„${key}“ ist kein Landesschlüssel (01 bis 16)` });
    }
  });
  return problems;
}

/**
 * Refuses an operator input with a website that is not http(s) or an unknown Land key (422),
 * and, for an editor, Land keys outside the Länder of the editor's scopes (403): an editor
 * scoped to Jena may say that an operator serves Thüringen, not Bayern.
 */
function assertOperatorInput(input: Partial<OperatorInput>, principal: Principal): void {
  const problems = fieldProblems(input);
  if (problems.length > 0) throw new InputError('Betreiberangaben ungültig.', problems);
  if (principal.role === 'admin' || !input.landKeys?.length) return;
  const lander = new Set(principal.scopes.map((scope) => scope.slice(0, 2)));
  const foreign = input.landKeys.filter((key) => !lander.has(key));
  if (foreign.length > 0) {
    throw new NotAllowedError(
      `Sie dürfen Betreiber nur für die Länder Ihres Bereichs (${[...lander].sort().join(', ') || 'keine'}) ` +
        `eintragen, nicht für ${foreign.join(', ')}.`,
    );
  }
}

/**
 * Creates an operator; a name that matches an existing one (also by short name) is a conflict.
 * Website and Land keys are checked first ({@link assertOperatorInput}).
 */
export async function createOperator(
  tx: EntityManager,
  input: OperatorInput,
  actor: Actor,
): Promise<{ view: OperatorView; etag: string }> {
  assertOperatorInput(input, actor.principal);
  const existing = await findByName(tx, input.name.trim());
  if (existing) throw conflictWith(existing);
  const operator = await insertOperator(tx, input, actor);
  if (!operator) {
    const winner = await findByName(tx, input.name.trim());
    throw winner ? conflictWith(winner) : new ConflictError(`Es gibt bereits einen Betreiber „${input.name.trim()}“.`);
  }
  return getOperator(tx, operator.id);
}

/** Changes an operator (admin only: it is shared by many municipalities). */
export async function updateOperator(
  tx: EntityManager,
  id: number,
  patch: Partial<OperatorInput>,
  actor: Actor,
  precondition: Precondition,
): Promise<{ view: OperatorView; etag: string }> {
  assertOperatorInput(patch, actor.principal);
  // Locked on PostgreSQL so two PATCHes with the same If-Match cannot both pass the check.
  const operator = await tx.findOne(Operator, {
    where: { id },
    ...(isPostgres(tx.connection) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!operator) throw new NotFoundError(`Kein Betreiber mit der Nummer ${id}.`);
  assertPrecondition(precondition, operatorTag(operator));
  const before = operatorSnapshot(operator);
  if (patch.name !== undefined && searchKey(patch.name) !== operator.nameKey) {
    const clash = await findByName(tx, patch.name);
    if (clash && clash.id !== id) throw conflictWith(clash);
  }
  if (patch.name !== undefined) {
    operator.name = patch.name.trim();
    operator.nameKey = searchKey(patch.name);
  }
  if (patch.shortName !== undefined) operator.shortName = patch.shortName?.trim() || null;
  if (patch.type !== undefined) operator.type = patch.type;
  if (patch.website !== undefined) operator.website = patch.website;
  if (patch.landKeys !== undefined) operator.landKeys = patch.landKeys;
  if (patch.note !== undefined) operator.note = patch.note;
  await tx.save(operator);
  const after = operatorSnapshot(operator);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    await recordAudit(tx, actor, {
      action: 'operator.updated',
      entityType: 'operator',
      entityKey: String(operator.id),
      before,
      after,
    });
  }
  return getOperator(tx, id);
}
