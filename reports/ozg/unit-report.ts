import type { EntityManager } from 'typeorm';
import {
  convertLevel,
  formatTarget,
  LEVEL_LABELS,
  type MaturityModel,
  type MaturityTarget,
  type OfferingSource,
  type OfferingStatus,
  OFFERING_STATUS_LABELS,
} from '../../lib/maturity';
import {
  RESPONSIBILITY_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  type ResponsibilityLevel,
  type ResponsibilitySource,
  type UnitProfile,
} from '../../lib/responsibility';
import { shortLabel } from '../wording';
import { num, placeholders, selectRows } from '../report-sql';
import { AttainableCache, attainableLevel } from '../../lib/attainable';
import { COMPONENT_CAPS } from '../../lib/component-caps';
import { catalogueNote, gapDefinitions } from './gap-definitions';
import { resolveUnit, type GapUnit } from './gap-area';
import { loadComponentsInUse, type ComponentOrigin, type ComponentsInUse } from '../../services/components-in-use';
import { loadCatalogue, Responsibility, type CatalogueFilter } from './gap-inputs';
import { scanOfferings, type BestOffering } from './offering-scan';

/** A hint that someone else already offers the Leistung online (an EfA-style shared service). */
export interface ReuseHint {
  kind: 'nachbar' | 'kreis' | 'land';
  key: string;
  name: string;
  url: string | null;
  level: number | null;
}

/** One Leistung for one unit. */
export interface UnitLeistung {
  schluessel: string;
  name: string;
  ozgId: number;
  typisierung: string | null;
  responsible: boolean;
  /** For a member Gemeinde: the Verband that executes this Leistung for it (then `responsible` is false). */
  carriedBy: { key: string; name: string } | null;
  responsibility: {
    level: ResponsibilityLevel | 'explicit';
    levelLabel: string;
    taskGroup: string;
    source: ResponsibilitySource;
    reason: string | null;
    /** The legal basis or page the rule cites. */
    legalSource: string | null;
  };
  offering: {
    status: OfferingStatus;
    url: string | null;
    /** In the target's model; null when unknown. */
    level: number | null;
    recorded: { model: MaturityModel | null; level: number | null };
    source: OfferingSource;
    inheritedFrom: { key: string; name: string } | null;
  } | null;
  meetsTarget: boolean;
  attainable: {
    level: number;
    caps: { criterion: string; label: string; components: string[]; cap: number; assumed: boolean }[];
  };
  /** German: why the target is not met, one sentence each. */
  reasons: string[];
  reuse: ReuseHint[];
}

/** One component the unit does not run, and what adding it would unlock. */
export interface Unlock {
  component: string;
  label: string;
  /** Responsible Leistungen below the target that would then be able to reach it. */
  leistungen: number;
  /** Responsible Leistungen below the target whose attainable level would rise (if not to the target). */
  raised: number;
  /** OZG-Leistungen all of whose unmet responsible Leistungen could then reach it. */
  ozgLeistungen: number;
  sentence: string;
}

/** The report of one unit: every responsible Leistung, its offering, maturity, reasons and hints. */
export interface UnitReport {
  unit: {
    key: string;
    name: string;
    kind: string;
    kindLabel: string;
    landKey: string;
    kreisKey: string | null;
    /** The Verband that administers a member Gemeinde. */
    verband: { key: string; name: string } | null;
  };
  target: { model: string; level: number; label: string; text: string };
  catalogue: { edition: string; note: string };
  /** Own components in use and those inherited from the Verband. */
  componentsInUse: string[];
  /** Where each component in use comes from: null for the unit's own record, else the Verband or Landkreis. */
  componentSources: { component: string; inheritedFrom: ComponentOrigin | null }[];
  totals: { responsible: number; meetsTarget: number; attainable: number; online: number; carriedByVerband: number };
  unlocks: Unlock[];
  ozgLeistungen: {
    ozgId: number;
    name: string;
    responsible: number;
    /** Leistungen the member's Verband executes for it. */
    carried: number;
    met: number;
    fulfilled: boolean;
    dashboard: boolean;
  }[];
  leistungen: UnitLeistung[];
  definitions: string[];
}

async function componentLabels(manager: EntityManager): Promise<Map<string, string>> {
  const rows = await selectRows<{ code: string; label: string }>(
    manager,
    'SELECT code AS "code", label AS "label" FROM components',
  );
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** Who else offers these Leistungen online: units of the same Kreis, the Kreis, the Land. */
async function reuseHints(
  manager: EntityManager,
  unit: GapUnit,
  leistungIds: number[],
  target: MaturityTarget,
): Promise<Map<number, ReuseHint[]>> {
  const hints = new Map<number, ReuseHint[]>();
  if (leistungIds.length === 0) return hints;
  const nearby = unit.kreisKey ? 'r.key = ? OR r.kreis_key = ? OR r.key = ?' : 'r.key = ?';
  const rows = await selectRows<{
    leistungId: number | string;
    key: string;
    name: string;
    level: string;
    url: string | null;
    model: MaturityModel | null;
    maturity: number | string | null;
  }>(
    manager,
    `SELECT o.leistung_id AS "leistungId", r.key AS "key", r.name AS "name", r.level AS "level", o.url AS "url",
            o.maturity_model AS "model", o.maturity_level AS "maturity"
       FROM offerings o JOIN regions r ON r.id = o.region_id
      WHERE o.status = 'online' AND r.id <> ? AND (${nearby})
        AND o.leistung_id IN (${placeholders(leistungIds.length)})`,
    [unit.id, unit.landKey, ...(unit.kreisKey ? [unit.kreisKey, unit.kreisKey] : []), ...leistungIds],
  );
  for (const row of rows) {
    const id = num(row.leistungId);
    const level = row.maturity === null ? null : convertLevel(num(row.maturity), row.model ?? 'RGM-1.1', target.model);
    const kind: ReuseHint['kind'] = row.level === 'land' ? 'land' : row.level === 'kreis' ? 'kreis' : 'nachbar';
    const list = hints.get(id) ?? [];
    list.push({ kind, key: row.key, name: row.name, url: row.url, level });
    hints.set(id, list);
  }
  for (const [id, list] of hints) {
    list.sort((a, b) => (b.level ?? -1) - (a.level ?? -1) || a.key.localeCompare(b.key));
    hints.set(id, list.slice(0, 3));
  }
  return hints;
}

/** What the offering says, in one sentence, when the target is not met. */
function offeringSentence(offering: UnitLeistung['offering']): string {
  if (offering === null) return 'Kein Online-Angebot erfasst.';
  if (offering.status !== 'online') return `Angebot ${OFFERING_STATUS_LABELS[offering.status]}.`;
  if (offering.level === null) return 'Online, aber ohne Angabe des Reifegrads.';
  return `Das Angebot erreicht Reifegrad ${offering.level}.`;
}

/**
 * Why a responsible Leistung misses the target: first what its offering says, then every criterion
 * whose missing components cap it below the target — or that the components would allow it.
 */
function reasonsFor(
  meets: boolean,
  attainable: UnitLeistung['attainable'],
  target: MaturityTarget,
  labels: Map<string, string>,
  offering: UnitLeistung['offering'],
): string[] {
  if (meets) return [];
  const reasons = [offeringSentence(offering)];
  const caps = attainable.caps.filter((c) => c.cap < target.level);
  for (const cap of caps) {
    const names = cap.components.map((c) => shortLabel(labels.get(c) ?? c)).join(' oder ');
    reasons.push(
      `${cap.label}: ohne ${names} höchstens Reifegrad ${cap.cap}` +
        (cap.assumed ? ' (Gebührenpflicht unbekannt, angenommen)' : '') +
        '.',
    );
  }
  if (caps.length === 0) reasons.push(`Die vorhandenen Basiskomponenten erlauben Reifegrad ${target.level}.`);
  return reasons;
}

/**
 * The report of one unit (a Gemeinde or a Landkreis): for every Leistung it is responsible
 * for (and every one it offers), the offering, its Reifegrad against the target, the level
 * attainable with the components it runs, the reasons, and who else already offers it; and
 * which single component would unlock the most Leistungen.
 */
export async function buildUnitReport(
  manager: EntityManager,
  key: string,
  target: MaturityTarget,
  filter: CatalogueFilter = {},
): Promise<UnitReport> {
  const unit = await resolveUnit(manager, key);
  const catalogue = await loadCatalogue(manager, filter);
  const responsibility = await Responsibility.load(manager, catalogue, [unit.landKey], [unit]);
  const inUse = (await loadComponentsInUse(manager, [unit])).get(unit.id) as ComponentsInUse;
  const labels = await componentLabels(manager);
  // A member's Verband carries some of its Gemeinde tasks: they are listed, as the Verband's.
  const verband: UnitProfile | null =
    unit.kind === 'gemeinde' && unit.verbandType !== null ? { ...unit, kind: 'verband' } : null;
  const offerings = new Map<number, BestOffering>();
  await scanOfferings(manager, [unit], catalogue, target, (_u, k, offering) => offerings.set(k, offering));
  const statusRows = await selectRows<{
    leistungId: number | string;
    status: OfferingStatus;
    url: string | null;
    source: OfferingSource;
  }>(
    manager,
    `SELECT o.leistung_id AS "leistungId", o.status AS "status", o.url AS "url", o.source AS "source" FROM offerings o WHERE o.region_id = ? AND o.status <> 'online'`,
    [unit.id],
  );
  const notOnline = new Map(statusRows.map((r) => [num(r.leistungId), r]));
  const cache = new AttainableCache(target.model);

  const rows: UnitLeistung[] = [];
  for (const l of catalogue.leistungen) {
    const responsible = responsibility.responsible(unit, l.index);
    const carried = !responsible && verband !== null && responsibility.byRule(verband, l.index);
    const offering = offerings.get(l.index);
    const pending = notOnline.get(l.id);
    // Besides its own responsibilities, a unit's list shows what its Verband carries for it and
    // what it offers itself (not what a Land offers for all).
    if (!responsible && !carried && !(offering && !offering.inheritedFrom) && !pending) continue;
    const level = responsibility.level(unit.landKey, l.index);
    const rule = responsibility.rule(unit.landKey, l.index);
    const attainable = cache.get(inUse.codes, inUse.key, l);
    const meets = offering?.level !== null && offering?.level !== undefined && offering.level >= target.level;
    const offeringView: UnitLeistung['offering'] = offering
      ? {
          status: 'online',
          url: offering.url,
          level: offering.level,
          recorded: offering.recorded,
          source: offering.source,
          inheritedFrom: offering.inheritedFrom,
        }
      : pending
        ? {
            status: pending.status,
            url: pending.url,
            level: null,
            recorded: { model: null, level: null },
            source: pending.source,
            inheritedFrom: null,
          }
        : null;
    rows.push({
      schluessel: l.schluessel,
      name: l.name,
      ozgId: catalogue.ozg[l.ozgIndex].ozgId,
      typisierung: l.typisierung,
      responsible,
      carriedBy: carried ? { key: unit.verbandKey as string, name: unit.verbandName ?? '' } : null,
      responsibility: {
        level,
        levelLabel: RESPONSIBILITY_LEVEL_LABELS[level],
        taskGroup: responsibility.taskGroup(unit.landKey, l.index),
        source: responsibility.sourceFor(unit, l.index),
        reason: rule?.reason ?? null,
        legalSource: rule?.source || null,
      },
      offering: offeringView,
      meetsTarget: meets,
      attainable: {
        level: attainable.level,
        caps: attainable.caps,
      },
      reasons: responsible ? reasonsFor(meets, attainable, target, labels, offeringView) : [],
      reuse: [],
    });
  }
  const byId = new Map(catalogue.leistungen.map((l) => [l.schluessel, l.id]));
  const unmet = rows.filter((r) => r.responsible && !r.meetsTarget);
  const hints = await reuseHints(
    manager,
    unit,
    unmet.map((r) => byId.get(r.schluessel) as number),
    target,
  );
  for (const row of unmet) row.reuse = hints.get(byId.get(row.schluessel) as number) ?? [];

  const responsibleRows = rows.filter((r) => r.responsible);
  const ozgLeistungen = catalogue.ozg
    .map((o) => {
      const own = responsibleRows.filter((r) => r.ozgId === o.ozgId);
      const all = rows.filter((r) => r.ozgId === o.ozgId);
      const met = own.filter((r) => r.meetsTarget).length;
      const dashboard = all.some(
        (r) =>
          r.offering?.status === 'online' &&
          (r.offering.recorded.level === null ||
            convertLevel(r.offering.recorded.level, r.offering.recorded.model ?? 'RGM-1.1', 'RGM-1.1') >= 2),
      );
      return {
        ozgId: o.ozgId,
        name: o.name,
        responsible: own.length,
        carried: all.filter((r) => r.carriedBy !== null).length,
        met,
        fulfilled: own.length > 0 && met === own.length,
        dashboard,
      };
    })
    .filter((o) => o.responsible > 0 || o.carried > 0 || o.dashboard);

  return {
    unit: {
      key: unit.key,
      name: unit.name,
      kind: unit.kind,
      kindLabel: UNIT_KIND_LABELS[unit.kind],
      landKey: unit.landKey,
      kreisKey: unit.kreisKey,
      verband: verband ? { key: unit.verbandKey as string, name: unit.verbandName ?? '' } : null,
    },
    target: {
      model: target.model,
      level: target.level,
      label: LEVEL_LABELS[target.model][target.level],
      text: formatTarget(target),
    },
    catalogue: { edition: catalogue.edition, note: catalogueNote(catalogue.edition) },
    componentsInUse: [...inUse.codes].sort(),
    componentSources: [...inUse.codes].sort().map((component) => ({
      component,
      inheritedFrom: inUse.inherited.get(component) ?? null,
    })),
    totals: {
      responsible: responsibleRows.length,
      meetsTarget: responsibleRows.filter((r) => r.meetsTarget).length,
      attainable: responsibleRows.filter((r) => r.attainable.level >= target.level).length,
      online: responsibleRows.filter((r) => r.offering?.status === 'online').length,
      carriedByVerband: rows.filter((r) => r.carriedBy !== null).length,
    },
    unlocks: unlocks(unmet, catalogue.leistungen, inUse.codes, target, labels),
    ozgLeistungen,
    leistungen: rows,
    definitions: gapDefinitions(target),
  };
}

/** "1 Leistung könnte", "41 Leistungen könnten". */
function leistungenText(n: number): string {
  return n === 1 ? '1 Leistung könnte' : `${n} Leistungen könnten`;
}

/** For each missing component of the cap table: how many unmet Leistungen it alone would make attainable. */
function unlocks(
  unmet: UnitLeistung[],
  leistungen: { schluessel: string; vertrauensniveau: string | null; feeBearing: boolean | null }[],
  inUse: Set<string>,
  target: MaturityTarget,
  labels: Map<string, string>,
): Unlock[] {
  const traits = new Map(leistungen.map((l) => [l.schluessel, l]));
  const candidates = [
    ...new Set(COMPONENT_CAPS.filter((c) => c.model === target.model).flatMap((c) => c.components)),
  ].filter((c) => !inUse.has(c));
  const stuck = unmet.filter((r) => r.attainable.level < target.level);
  return candidates
    .map((component) => {
      const withIt = new Set([...inUse, component]);
      const after = (r: UnitLeistung) =>
        attainableLevel(target.model, withIt, traits.get(r.schluessel) ?? { vertrauensniveau: null, feeBearing: null })
          .level;
      const raised = stuck.filter((r) => after(r) > r.attainable.level).length;
      const unlocked = stuck.filter((r) => after(r) >= target.level);
      const byOzg = new Map<number, { stuck: number; unlocked: number }>();
      for (const r of stuck) {
        const entry = byOzg.get(r.ozgId) ?? { stuck: 0, unlocked: 0 };
        entry.stuck++;
        byOzg.set(r.ozgId, entry);
      }
      for (const r of unlocked) (byOzg.get(r.ozgId) as { unlocked: number }).unlocked++;
      const label = labels.get(component) ?? component;
      return {
        component,
        label,
        leistungen: unlocked.length,
        raised,
        ozgLeistungen: [...byOzg.values()].filter((e) => e.unlocked === e.stuck && e.stuck > 0).length,
        sentence:
          unlocked.length > 0
            ? `${shortLabel(label)} ergänzen: ${leistungenText(unlocked.length)} Reifegrad ${target.level} erreichen.`
            : `${shortLabel(label)} ergänzen: ${leistungenText(raised)} höher kommen, für Reifegrad ${target.level} fehlt mehr.`,
      };
    })
    .filter((u) => u.raised > 0)
    .sort((a, b) => b.leistungen - a.leistungen || b.raised - a.raised || a.component.localeCompare(b.component));
}
