import { In, type EntityManager } from 'typeorm';
import { AuditEvent, Offering, type Component, type Leistung, type Region } from '../entities';
import { InputError } from '../lib/errors';
import type { MaturityModel, OfferingSource, OfferingStatus } from '../lib/maturity';
import { componentsByCode } from './component.service';
import { readRecordRows, rowView, snapshotOfView, type RecordSnapshot } from './inventory-views';

/** Which entry stays when both regions have one: the retired region's or the successor's. */
export type ConflictSide = 'predecessor' | 'successor';

/** The admin's choice per conflict, by component code or Leistungsschlüssel. */
export type ConflictResolutions = Partial<Record<string, ConflictSide>>;

/** The choice for one key; only own properties count (`constructor` is no component code). */
export function choiceFor(resolutions: ConflictResolutions, key: string): ConflictSide | null {
  return Object.hasOwn(resolutions, key) ? (resolutions[key] ?? null) : null;
}

/** The comparable content of an offering, as the mapping's audit events store it. */
export interface OfferingSnapshot {
  leistung: string;
  source: OfferingSource;
  status: OfferingStatus;
  url: string | null;
  maturity: { model: MaturityModel; level: number | null; criteria: Record<string, number> | null } | null;
  flaechendeckend: boolean;
  note: string | null;
}

/** An offering by its natural key: Leistungsschlüssel and source. */
export interface OfferingRef {
  leistung: string;
  source: OfferingSource;
}

interface ConflictBase {
  /** Component code or Leistungsschlüssel: the key of `resolutions`. */
  key: string;
  /** Component label or Leistung name. */
  label: string;
  /** The predecessor whose earlier mapping brought the successor's entry, if one did. */
  successorFrom: string | null;
  /** The admin's choice; null while none was given. */
  resolution: ConflictSide | null;
}

/** Both regions have a record of the same component, with different content. */
export interface ComponentConflict extends ConflictBase {
  kind: 'component';
  predecessor: RecordSnapshot;
  successor: RecordSnapshot;
}

/** Both regions have an offering of the same Leistung from the same source, with different content. */
export interface OfferingConflict extends ConflictBase {
  kind: 'offering';
  source: OfferingSource;
  predecessor: OfferingSnapshot;
  successor: OfferingSnapshot;
}

export type SuccessorConflict = ComponentConflict | OfferingConflict;

/** A stored row of one region with what identifies it across regions. */
export interface Entry<S> {
  id: number;
  /** Component id, or Leistung id and source: equal identities cannot both sit on one region. */
  identity: string;
  key: string;
  label: string;
  snapshot: S;
}

/** How the rows of one kind split: free to transfer, already there unchanged, or in conflict. */
export interface KindSplit<S> {
  transfer: Entry<S>[];
  identical: Entry<S>[];
  conflicts: { predecessor: Entry<S>; successor: Entry<S> }[];
}

/** Everything a mapping would do, read from both regions. */
export interface TransferPlan {
  components: KindSplit<RecordSnapshot>;
  offerings: KindSplit<OfferingSnapshot>;
  conflicts: SuccessorConflict[];
}

/**
 * Splits the predecessor's rows against the successor's: a row whose identity the successor
 * lacks is transferred; one the successor holds with the same content is already there
 * (nothing is lost by leaving it); one with other content is a conflict the admin decides.
 */
export function splitEntries<S>(predecessor: Entry<S>[], successor: Entry<S>[]): KindSplit<S> {
  const taken = new Map(successor.map((e) => [e.identity, e]));
  const split: KindSplit<S> = { transfer: [], identical: [], conflicts: [] };
  for (const entry of predecessor) {
    const held = taken.get(entry.identity);
    if (!held) split.transfer.push(entry);
    else if (JSON.stringify(held.snapshot) === JSON.stringify(entry.snapshot)) split.identical.push(entry);
    else split.conflicts.push({ predecessor: entry, successor: held });
  }
  return split;
}

/** A region's component records in catalogue order. */
async function componentEntries(
  manager: EntityManager,
  region: Region,
  catalogue: Component[],
): Promise<Entry<RecordSnapshot>[]> {
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const order = new Map(catalogue.map((c, i) => [c.id, i]));
  const rows = (await readRecordRows(manager, region.id)).sort(
    (a, b) => (order.get(a.componentId) ?? 0) - (order.get(b.componentId) ?? 0),
  );
  return rows.map((row) => {
    const component = byId.get(row.componentId) as Component;
    return {
      id: row.id,
      identity: String(row.componentId),
      key: component.code,
      label: component.label,
      snapshot: snapshotOfView(rowView(row, component)),
    };
  });
}

/** The snapshot of a stored offering (booleans and criteria as the API shows them). */
export function offeringSnapshot(offering: Offering, schluessel: string): OfferingSnapshot {
  return {
    leistung: schluessel,
    source: offering.source,
    status: offering.status,
    url: offering.url,
    maturity: offering.maturityModel
      ? { model: offering.maturityModel, level: offering.maturityLevel, criteria: offering.maturityCriteria }
      : null,
    flaechendeckend: Boolean(offering.flaechendeckend),
    note: offering.note,
  };
}

async function offeringEntries(manager: EntityManager, region: Region): Promise<Entry<OfferingSnapshot>[]> {
  const offerings = await manager.find(Offering, {
    where: { regionId: region.id },
    relations: { leistung: true },
    order: { id: 'ASC' },
  });
  return offerings.map((o) => {
    const leistung = o.leistung as Leistung;
    return {
      id: o.id,
      identity: `${o.leistungId}/${o.source}`,
      key: leistung.schluessel,
      label: leistung.name,
      snapshot: offeringSnapshot(o, leistung.schluessel),
    };
  });
}

/**
 * Which predecessor brought each of the successor's entries, from the successor's earlier
 * mapping events (component code, or `Leistungsschlüssel/source`); the latest mapping wins.
 */
async function entriesFromPredecessors(manager: EntityManager, successor: Region): Promise<Map<string, string>> {
  const events = await manager.find(AuditEvent, {
    where: { regionId: successor.id, action: In(['region.records-moved-in', 'region.records-copied-in']) },
    order: { id: 'ASC' },
  });
  const from = new Map<string, string>();
  for (const event of events) {
    const after = (event.after ?? {}) as {
      predecessorKey?: string;
      components?: { component: string }[];
      offerings?: OfferingRef[];
    };
    if (!after.predecessorKey) continue;
    for (const c of after.components ?? []) from.set(c.component, after.predecessorKey);
    for (const o of after.offerings ?? []) from.set(`${o.leistung}/${o.source}`, after.predecessorKey);
  }
  return from;
}

/** Refuses choices for keys that are no conflict (a typo or a stale dry run must not pass silently). */
function assertKnownResolutions(conflicts: SuccessorConflict[], resolutions: ConflictResolutions): void {
  const keys = new Set(conflicts.map((c) => c.key));
  const unknown = Object.keys(resolutions).filter((k) => !keys.has(k));
  if (unknown.length === 0) return;
  const known = keys.size > 0 ? `Konflikte gibt es bei: ${[...keys].join(', ')}` : 'es gibt keine Konflikte';
  throw new InputError(
    'Entscheidungen zu Schlüsseln, bei denen es keinen Konflikt gibt.',
    unknown.map((key) => ({
      pointer: `#/resolutions/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      detail: `kein Konflikt mit diesem Schlüssel; ${known}`,
    })),
  );
}

/**
 * Reads both regions' component records and offerings and splits them (see
 * {@link splitEntries}). Offerings conflict only within one source: sources stand side by side
 * for any area anyway, so a manual offering of the predecessor and a dashboard offering of the
 * successor both stay. The conflicts carry the admin's choice from `resolutions`.
 */
export async function planTransfer(
  manager: EntityManager,
  predecessor: Region,
  successor: Region,
  resolutions: ConflictResolutions,
): Promise<TransferPlan> {
  const catalogue = [...(await componentsByCode(manager)).values()];
  const components = splitEntries(
    await componentEntries(manager, predecessor, catalogue),
    await componentEntries(manager, successor, catalogue),
  );
  const offerings = splitEntries(
    await offeringEntries(manager, predecessor),
    await offeringEntries(manager, successor),
  );
  const from = await entriesFromPredecessors(manager, successor);
  const conflicts: SuccessorConflict[] = [
    ...components.conflicts.map(({ predecessor: p, successor: s }): ComponentConflict => ({
      kind: 'component',
      key: p.key,
      label: p.label,
      predecessor: p.snapshot,
      successor: s.snapshot,
      successorFrom: from.get(p.key) ?? null,
      resolution: choiceFor(resolutions, p.key),
    })),
    ...offerings.conflicts.map(({ predecessor: p, successor: s }): OfferingConflict => ({
      kind: 'offering',
      key: p.key,
      label: p.label,
      source: p.snapshot.source,
      predecessor: p.snapshot,
      successor: s.snapshot,
      successorFrom: from.get(`${p.key}/${p.snapshot.source}`) ?? null,
      resolution: choiceFor(resolutions, p.key),
    })),
  ];
  assertKnownResolutions(conflicts, resolutions);
  return { components, offerings, conflicts };
}

/** The conflicts still waiting for a choice. */
export function unresolvedConflicts(conflicts: SuccessorConflict[]): SuccessorConflict[] {
  return conflicts.filter((c) => c.resolution === null);
}

/** The rows of one kind the mapping writes to the successor, and the successor's rows they replace. */
export function rowsToWrite<S>(
  split: KindSplit<S>,
  resolutions: ConflictResolutions,
): {
  transfer: Entry<S>[];
  replaced: { predecessor: Entry<S>; successor: Entry<S> }[];
} {
  const replaced = split.conflicts.filter((c) => choiceFor(resolutions, c.predecessor.key) === 'predecessor');
  return { transfer: [...split.transfer, ...replaced.map((c) => c.predecessor)], replaced };
}
