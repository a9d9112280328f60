import type { EntityManager } from 'typeorm';
import { selectWhereIn } from '../entities/bulk-write';
import { FimDataElement, FimDataStructure, FimSchemaLeistung } from '../entities';
import type { FimDataElementKind } from '../entities/fim-data-element.entity';
import { NotFoundError } from '../lib/errors';

/** The path segment that addresses an XDatenfelder 2.0 element imported without a version. */
export const NO_VERSION = '-';

/** One stored version of an element. */
export interface ElementVersionView {
  id: string;
  kind: FimDataElementKind;
  /** Null for an XDatenfelder 2.0 element without version (addressed as `-`). */
  version: string | null;
  name: string | null;
  xdfVersion: string;
  status: { list: string; code: string; label: string | null } | null;
  importedAt: string;
  updatedAt: string;
}

/** An element of a tree with its children (references by key into the same tree). */
export interface TreeElement extends ElementVersionView {
  key: string;
  /** Everything else the message said about the element (texts, field type, code list, values …). */
  content: Record<string, unknown>;
  children: {
    key: string;
    anzahl: string;
    min: number | null;
    /** Null: unbounded (`*`). */
    max: number | null;
    bezug: { text: string; link?: string }[];
  }[];
}

/** A schema (or group, field) version with every element it contains, each listed once. */
export interface ElementTree {
  root: TreeElement;
  /** Groups, fields and rules reachable from the root, in order of first appearance. */
  elements: TreeElement[];
  /** Leistungsschlüssel found in the root's texts (a heuristic; `source: text`). */
  leistungsschluessel: { schluessel: string; source: string; field: string }[];
  counts: { gruppen: number; felder: number };
}

function keyOf(e: FimDataElement): string {
  return e.version ? `${e.fimId}@${e.version}` : e.fimId;
}

function versionView(e: FimDataElement): ElementVersionView {
  return {
    id: e.fimId,
    kind: e.kind,
    version: e.version || null,
    name: e.name,
    xdfVersion: e.xdfVersion,
    status: e.statusList && e.statusCode ? { list: e.statusList, code: e.statusCode, label: e.statusLabel } : null,
    importedAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Numeric-aware version order: 1.2.0 before 1.10.0. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Number.isNaN(d) ? a.localeCompare(b) : d;
  }
  return 0;
}

/**
 * Every stored version of an XDatenfelder element (schema, group, field or rule), oldest first.
 * @throws NotFoundError when no version is stored.
 */
export async function listElementVersions(manager: EntityManager, fimId: string): Promise<ElementVersionView[]> {
  const rows = await manager.find(FimDataElement, { where: { fimId } });
  if (rows.length === 0) throw new NotFoundError(`Kein Element mit der FIM-ID ${fimId} importiert.`);
  return rows.sort((a, b) => compareVersions(a.version, b.version)).map(versionView);
}

/**
 * One version of an element with its whole tree: the root and every group, field and rule it
 * contains, each once (XDatenfelder repeats shared groups inline; here they are referenced by
 * key), with cardinalities per use.
 *
 * @param version as imported, or {@link NO_VERSION} for an element without version
 * @throws NotFoundError when that version is not stored.
 */
export async function getElementTree(manager: EntityManager, fimId: string, version: string): Promise<ElementTree> {
  const stored = version === NO_VERSION ? '' : version;
  const root = await manager.findOne(FimDataElement, { where: { fimId, version: stored } });
  if (!root) {
    throw new NotFoundError(
      `Element ${fimId} in Version ${version === NO_VERSION ? '(ohne Version)' : version} ist nicht importiert.`,
    );
  }
  const elements = new Map<number, FimDataElement>([[root.id, root]]);
  const order: number[] = [root.id];
  const children = new Map<number, FimDataStructure[]>();
  let frontier = [root.id];
  // Breadth-first over the structure table, one query per level: schemas are a few levels deep.
  while (frontier.length > 0) {
    const rows = await selectWhereIn<RawStructure>(
      manager,
      (list) =>
        'SELECT "id", "parent_id" AS "parentId", "position", "child_id" AS "childId", "anzahl", ' +
        `"min_count" AS "minCount", "max_count" AS "maxCount", "bezug" FROM "fim_data_structure" WHERE "parent_id" IN (${list})`,
      frontier,
    );
    const next: number[] = [];
    for (const row of rows) {
      const list = children.get(Number(row.parentId)) ?? [];
      list.push(toStructure(row));
      children.set(Number(row.parentId), list);
      if (!elements.has(Number(row.childId)) && !next.includes(Number(row.childId))) next.push(Number(row.childId));
    }
    if (next.length > 0) {
      const loaded = await manager
        .createQueryBuilder(FimDataElement, 'e')
        .where('e.id IN (:...ids)', { ids: next })
        .getMany();
      for (const element of loaded) elements.set(element.id, element);
      order.push(...next.filter((id) => elements.has(id)));
    }
    frontier = next;
  }
  const view = (e: FimDataElement): TreeElement => ({
    ...versionView(e),
    key: keyOf(e),
    content: e.content,
    children: (children.get(e.id) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        key: keyOf(elements.get(s.childId) as FimDataElement),
        anzahl: s.anzahl,
        min: s.minCount,
        max: s.maxCount,
        bezug: s.bezug,
      })),
  });
  const listed = order.slice(1).map((id) => view(elements.get(id) as FimDataElement));
  const leistungsschluessel = await manager.find(FimSchemaLeistung, { where: { elementId: root.id } });
  return {
    root: view(root),
    elements: listed,
    leistungsschluessel: leistungsschluessel.map((l) => ({
      schluessel: l.schluessel,
      source: l.source,
      field: l.field,
    })),
    counts: {
      gruppen: listed.filter((e) => e.kind === 'datenfeldgruppe').length,
      felder: listed.filter((e) => e.kind === 'datenfeld').length,
    },
  };
}

interface RawStructure {
  id: number | string;
  parentId: number | string;
  position: number | string;
  childId: number | string;
  anzahl: string;
  minCount: number | string | null;
  maxCount: number | string | null;
  bezug: string;
}

function toStructure(row: RawStructure): FimDataStructure {
  return Object.assign(new FimDataStructure(), {
    id: Number(row.id),
    parentId: Number(row.parentId),
    position: Number(row.position),
    childId: Number(row.childId),
    anzahl: row.anzahl,
    minCount: row.minCount === null ? null : Number(row.minCount),
    maxCount: row.maxCount === null ? null : Number(row.maxCount),
    bezug: JSON.parse(row.bezug) as { text: string; link?: string }[],
  });
}
