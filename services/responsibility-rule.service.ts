import type { EntityManager } from 'typeorm';
import { CompleteZustaendigkeit, LeistungTrait, ResponsibilityRule, TaskDelegationRule } from '../entities';
import { BadRequestError, InputError, NotFoundError } from '../lib/errors';
import type { Actor } from '../lib/principal';
import { recordAuditBatch, type AuditEntry } from './audit.service';
import { rebuildResponsibility } from './responsibility.service';
import {
  delegationProblems,
  delegationScope,
  LAND_KEYS,
  ruleProblems,
  ruleScope,
  type DelegationInput,
  type DelegationView,
  type RuleInput,
  type RuleView,
} from './responsibility-rule-input';
import { traitProblems, traitScope, type TraitInput, type TraitView } from './leistung-trait-input';

// Callers take the rule types and checks from the service, with the plan and write.
export * from './responsibility-rule-input';
export * from './leistung-trait-input';

/** A planned change of one rule table: rows to create, to change (with the stored one), unchanged. */
export interface RulePlan<I, V> {
  created: I[];
  updated: { before: V; after: I }[];
  deleted: V[];
  unchanged: number;
}

function ruleView(row: ResponsibilityRule): RuleView {
  return {
    id: row.id,
    leistungsschluessel: row.leistungsschluessel,
    ozgId: row.ozgId,
    typ: row.typ,
    landKey: row.landKey,
    level: row.level,
    taskGroup: row.taskGroup,
    reason: row.reason,
    source: row.source,
    origin: row.origin,
  };
}

function delegationView(row: TaskDelegationRule): DelegationView {
  return {
    id: row.id,
    landKey: row.landKey,
    unitType: row.unitType,
    taskGroup: row.taskGroup,
    carrier: row.carrier,
    reason: row.reason,
    source: row.source,
    origin: row.origin,
  };
}

const sameRule = (a: RuleInput, b: RuleInput) =>
  a.level === b.level &&
  a.taskGroup === b.taskGroup &&
  a.reason === b.reason &&
  a.source === b.source &&
  a.ozgId === b.ozgId;
const sameDelegation = (a: DelegationInput, b: DelegationInput) =>
  a.carrier === b.carrier && a.reason === b.reason && a.source === b.source;
const sameTrait = (a: TraitInput, b: TraitInput) =>
  a.onlineRelevant === b.onlineRelevant &&
  a.feeBearing === b.feeBearing &&
  a.vertrauensniveau === b.vertrauensniveau &&
  a.reason === b.reason &&
  a.source === b.source;

function traitView(row: LeistungTrait): TraitView {
  return {
    id: row.id,
    leistungsschluessel: row.leistungsschluessel,
    verrichtung: row.verrichtung,
    onlineRelevant: row.onlineRelevant === null ? null : Boolean(row.onlineRelevant),
    feeBearing: row.feeBearing === null ? null : Boolean(row.feeBearing),
    vertrauensniveau: row.vertrauensniveau,
    reason: row.reason,
    source: row.source,
    origin: row.origin,
  };
}

/** Every stored Leistungsmerkmal rule, ordered by scope. */
export async function listTraits(manager: EntityManager): Promise<TraitView[]> {
  const rows = await manager.find(LeistungTrait, { order: { id: 'ASC' } });
  return rows.map(traitView).sort((a, b) => traitScope(a).localeCompare(traitScope(b)));
}

/** Every stored rule, ordered by scope. */
export async function listRules(manager: EntityManager): Promise<RuleView[]> {
  const rows = await manager.find(ResponsibilityRule, { order: { id: 'ASC' } });
  return rows.map(ruleView).sort((a, b) => ruleScope(a).localeCompare(ruleScope(b)));
}

/** Every stored delegation rule, by Land, unit type and task group. */
export async function listDelegation(manager: EntityManager): Promise<DelegationView[]> {
  const rows = await manager.find(TaskDelegationRule, { order: { landKey: 'ASC', unitType: 'ASC', taskGroup: 'ASC' } });
  return rows.map(delegationView);
}

/**
 * Plans a change of a rule table by scope: each input creates or changes the row of its scope
 * (an identical one is unchanged). `replaceOrigin` (the shipped defaults) also deletes the rows
 * of that origin the inputs no longer name, and leaves rows of other origins alone: a row an
 * administrator set is never overwritten by a newer shipped edition.
 */
function planTable<I, V extends I & { origin: 'default' | 'user' }>(
  stored: V[],
  inputs: I[],
  scopeOf: (row: I) => string,
  same: (a: V, b: I) => boolean,
  replaceOrigin?: 'default',
): RulePlan<I, V> {
  const byScope = new Map(stored.map((r) => [scopeOf(r), r]));
  const plan: RulePlan<I, V> = { created: [], updated: [], deleted: [], unchanged: 0 };
  const named = new Set<string>();
  for (const input of inputs) {
    const scope = scopeOf(input);
    named.add(scope);
    const before = byScope.get(scope);
    if (!before) plan.created.push(input);
    else if ((replaceOrigin && before.origin !== replaceOrigin) || same(before, input)) plan.unchanged++;
    else plan.updated.push({ before, after: input });
  }
  if (replaceOrigin) {
    for (const [scope, row] of byScope) if (row.origin === replaceOrigin && !named.has(scope)) plan.deleted.push(row);
  }
  return plan;
}

/** Plans a change of the responsibility rules (see {@link planTable}). */
export async function planRules(
  manager: EntityManager,
  inputs: RuleInput[],
  replaceOrigin?: 'default',
): Promise<RulePlan<RuleInput, RuleView>> {
  return planTable(await listRules(manager), inputs, ruleScope, sameRule, replaceOrigin);
}

/** Plans a change of the delegation table (see {@link planTable}). */
export async function planDelegation(
  manager: EntityManager,
  inputs: DelegationInput[],
  replaceOrigin?: 'default',
): Promise<RulePlan<DelegationInput, DelegationView>> {
  return planTable(await listDelegation(manager), inputs, delegationScope, sameDelegation, replaceOrigin);
}

/** Plans a change of the Leistungsmerkmal rules (see {@link planTable}). */
export async function planTraits(
  manager: EntityManager,
  inputs: TraitInput[],
  replaceOrigin?: 'default',
): Promise<RulePlan<TraitInput, TraitView>> {
  return planTable(await listTraits(manager), inputs, traitScope, sameTrait, replaceOrigin);
}

/** Where a write comes from: its actor, the origin the written rows get, the import run if any. */
export interface RuleWriteContext {
  actor: Actor;
  origin: 'default' | 'user';
  importRunId: number | null;
}

function ruleColumns(input: RuleInput) {
  return {
    leistungsschluessel: input.leistungsschluessel,
    ozgId: input.ozgId,
    ozgScope: input.leistungsschluessel || input.typ ? 0 : (input.ozgId ?? 0),
    typ: input.typ,
    landKey: input.landKey,
    level: input.level,
    taskGroup: input.taskGroup,
    reason: input.reason,
    source: input.source,
  };
}

function ruleAudit(
  action: string,
  key: string,
  importRunId: number | null,
  before: object | null,
  after: object | null,
): AuditEntry {
  return { action, entityType: 'responsibility-rule', entityKey: key, importRunId, before, after };
}

/**
 * Writes planned rule changes inside the caller's transaction, one audit event per changed rule,
 * and rebuilds the derived responsibility so the next report uses them. Reports already
 * snapshotted keep their numbers.
 */
export async function applyRulePlans(
  tx: EntityManager,
  plans: {
    rules?: RulePlan<RuleInput, RuleView>;
    delegation?: RulePlan<DelegationInput, DelegationView>;
    traits?: RulePlan<TraitInput, TraitView>;
  },
  context: RuleWriteContext,
): Promise<void> {
  const audit: AuditEntry[] = [];
  const { rules, delegation, traits } = plans;
  const run = context.importRunId;
  for (const input of rules?.created ?? []) {
    await tx.insert(ResponsibilityRule, { ...ruleColumns(input), origin: context.origin });
    audit.push(ruleAudit('responsibility-rule.created', ruleScope(input), run, null, input));
  }
  for (const { before, after } of rules?.updated ?? []) {
    await tx.update(ResponsibilityRule, { id: before.id }, { ...ruleColumns(after), origin: context.origin });
    audit.push(ruleAudit('responsibility-rule.updated', ruleScope(after), run, before, after));
  }
  for (const rule of rules?.deleted ?? []) {
    await tx.delete(ResponsibilityRule, { id: rule.id });
    audit.push(ruleAudit('responsibility-rule.deleted', ruleScope(rule), run, rule, null));
  }
  for (const input of delegation?.created ?? []) {
    await tx.insert(TaskDelegationRule, { ...input, origin: context.origin });
    audit.push({
      ...ruleAudit('task-delegation.created', delegationScope(input), run, null, input),
      entityType: 'task-delegation',
    });
  }
  for (const { before, after } of delegation?.updated ?? []) {
    await tx.update(TaskDelegationRule, { id: before.id }, { ...after, origin: context.origin });
    audit.push({
      ...ruleAudit('task-delegation.updated', delegationScope(after), run, before, after),
      entityType: 'task-delegation',
    });
  }
  for (const rule of delegation?.deleted ?? []) {
    await tx.delete(TaskDelegationRule, { id: rule.id });
    audit.push({
      ...ruleAudit('task-delegation.deleted', delegationScope(rule), run, rule, null),
      entityType: 'task-delegation',
    });
  }
  const responsibilityChanged = audit.length > 0;
  // Merkmale are read by each report; nothing derived needs rebuilding.
  for (const input of traits?.created ?? []) {
    await tx.insert(LeistungTrait, { ...input, origin: context.origin });
    audit.push({
      ...ruleAudit('leistung-trait.created', traitScope(input), run, null, input),
      entityType: 'leistung-trait',
    });
  }
  for (const { before, after } of traits?.updated ?? []) {
    await tx.update(LeistungTrait, { id: before.id }, { ...after, origin: context.origin });
    audit.push({
      ...ruleAudit('leistung-trait.updated', traitScope(after), run, before, after),
      entityType: 'leistung-trait',
    });
  }
  for (const trait of traits?.deleted ?? []) {
    await tx.delete(LeistungTrait, { id: trait.id });
    audit.push({
      ...ruleAudit('leistung-trait.deleted', traitScope(trait), run, trait, null),
      entityType: 'leistung-trait',
    });
  }
  await recordAuditBatch(tx, context.actor, audit);
  if (responsibilityChanged) await rebuildResponsibility(tx);
}

/** Counts of a plan for an import report. */
export function planCounts(plan: RulePlan<unknown, unknown>): {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
} {
  return {
    created: plan.created.length,
    updated: plan.updated.length,
    deleted: plan.deleted.length,
    unchanged: plan.unchanged,
  };
}

/** The Länder whose Zuständigkeit data an administrator marked complete. */
export async function listCompleteLaender(
  manager: EntityManager,
): Promise<{ landKey: string; markedBy: string; markedAt: string }[]> {
  const rows = await manager.find(CompleteZustaendigkeit, { order: { landKey: 'ASC' } });
  return rows.map((r) => ({ landKey: r.landKey, markedBy: r.markedBy, markedAt: new Date(r.markedAt).toISOString() }));
}

/**
 * Marks a Land's Zuständigkeit data complete (then they alone decide, for the Leistungen they
 * cover there) or takes the mark back (then they only add units to what the rules give); audited,
 * and the derived responsibility is rebuilt in the same transaction.
 */
export async function setZustaendigkeitComplete(
  tx: EntityManager,
  landKey: string,
  complete: boolean,
  actor: Actor,
): Promise<boolean> {
  if (!LAND_KEYS.has(landKey)) throw new BadRequestError(`„${landKey}“ ist kein Landesschlüssel (01 bis 16).`);
  const existing = await tx.findOneBy(CompleteZustaendigkeit, { landKey });
  if (Boolean(existing) === complete) return false;
  if (complete) await tx.insert(CompleteZustaendigkeit, { landKey, markedBy: actor.principal.name });
  else await tx.delete(CompleteZustaendigkeit, { landKey });
  await recordAuditBatch(tx, actor, [
    {
      action: complete ? 'zustaendigkeit.marked-complete' : 'zustaendigkeit.marked-incomplete',
      entityType: 'land',
      entityKey: landKey,
      before: { complete: !complete },
      after: { complete },
    },
  ]);
  await rebuildResponsibility(tx);
  return true;
}

/**
 * Sets one rule as an administrator (API and web form alike): checks it, creates or changes the
 * rule of its scope with its audit event, rebuilds the responsibility; returns the stored rule.
 */
export async function putRule(tx: EntityManager, input: RuleInput, actor: Actor): Promise<RuleView> {
  const problems = ruleProblems(input);
  if (problems.length > 0) throw new InputError('Die Regel ist ungültig.', problems);
  await applyRulePlans(tx, { rules: await planRules(tx, [input]) }, { actor, origin: 'user', importRunId: null });
  return (await listRules(tx)).find((r) => ruleScope(r) === ruleScope(input)) as RuleView;
}

/** Deletes the rule of a scope (`ozg:10294@09` …), audited; 404 when there is none. */
export async function deleteRule(tx: EntityManager, scope: string, actor: Actor): Promise<void> {
  const rule = (await listRules(tx)).find((r) => ruleScope(r) === scope);
  if (!rule) throw new NotFoundError(`Keine Zuständigkeitsregel „${scope}“.`);
  const plan = { created: [], updated: [], deleted: [rule], unchanged: 0 };
  await applyRulePlans(tx, { rules: plan }, { actor, origin: 'user', importRunId: null });
}

/** Sets one delegation rule as an administrator, like {@link putRule}. */
export async function putDelegation(tx: EntityManager, input: DelegationInput, actor: Actor): Promise<DelegationView> {
  const problems = delegationProblems(input);
  if (problems.length > 0) throw new InputError('Der Eintrag ist ungültig.', problems);
  const plans = { delegation: await planDelegation(tx, [input]) };
  await applyRulePlans(tx, plans, { actor, origin: 'user', importRunId: null });
  return (await listDelegation(tx)).find((d) => delegationScope(d) === delegationScope(input)) as DelegationView;
}

/** Sets one Leistungsmerkmal rule as an administrator (API and web form alike), audited; returns it. */
export async function putTrait(tx: EntityManager, input: TraitInput, actor: Actor): Promise<TraitView> {
  const problems = traitProblems(input);
  if (problems.length > 0) throw new InputError('Das Leistungsmerkmal ist ungültig.', problems);
  await applyRulePlans(tx, { traits: await planTraits(tx, [input]) }, { actor, origin: 'user', importRunId: null });
  return (await listTraits(tx)).find((r) => traitScope(r) === traitScope(input)) as TraitView;
}

/** Deletes the Merkmal rule of a scope (`verrichtung:040`, `leistung:99…`), audited; 404 when there is none. */
export async function deleteTrait(tx: EntityManager, scope: string, actor: Actor): Promise<void> {
  const trait = (await listTraits(tx)).find((r) => traitScope(r) === scope);
  if (!trait) throw new NotFoundError(`Kein Leistungsmerkmal „${scope}“.`);
  const plan = { created: [], updated: [], deleted: [trait], unchanged: 0 };
  await applyRulePlans(tx, { traits: plan }, { actor, origin: 'user', importRunId: null });
}
