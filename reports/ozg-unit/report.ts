import type { EntityManager } from 'typeorm';
import { COMPONENT_CAPS } from '../../lib/component-caps';
import { convertLevel, formatTarget, LEVEL_LABELS, type MaturityTarget } from '../../lib/maturity';
import { UNIT_KIND_LABELS, type UnitProfile } from '../../lib/responsibility';
import { catalogueNote, gapDefinitions } from '../gaps/definitions';
import type { CatalogueFilter } from '../gaps/queries';
import { connectHints, reuseHints } from './hints';
import { leistungRows } from './leistung-rows';
import { loadNearbyOfferings, loadUnitInputs } from './queries';
import { connectSentence } from './reasons';
import type { UnitReport } from './types';
import { combinations, unlocks } from './unlocks';

export type { Combination, ConnectHint, ReuseHint, UnitLeistung, UnitReport, Unlock } from './types';

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
  const inputs = await loadUnitInputs(manager, key, target, filter);
  const { unit, catalogue, inUse, labels, services, statuses } = inputs;
  // A member's Verband carries some of its Gemeinde tasks: they are listed, as the Verband's.
  const verband: UnitProfile | null =
    unit.kind === 'gemeinde' && unit.verbandType !== null ? { ...unit, kind: 'verband' } : null;
  const rows = leistungRows(inputs, verband, target);
  const byId = new Map(catalogue.leistungen.map((l) => [l.schluessel, l.id]));
  // The strict rule counts online-relevant Leistungen only; in-person acts are listed, not counted.
  const responsibleRows = rows.filter((r) => r.responsible && r.onlineRelevant);
  const unmet = responsibleRows.filter((r) => !r.meetsTarget);
  const nearby = await loadNearbyOfferings(
    manager,
    unit,
    unmet.map((r) => byId.get(r.schluessel) as number),
  );
  const hints = reuseHints(nearby, target);
  for (const row of unmet) row.reuse = hints.get(byId.get(row.schluessel) as number) ?? [];
  for (const row of unmet) {
    row.connect = connectHints(row, services, statuses, target);
    row.reasons.push(...row.connect.map((hint) => connectSentence(hint, labels)));
  }

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
  const capComponents = [
    ...new Set(COMPONENT_CAPS.filter((c) => c.model === target.model).flatMap((c) => c.components)),
  ];

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
    componentData: {
      recorded: capComponents.filter((c) => inUse.inUse.has(c) || inUse.notInUse.has(c)),
      noData: capComponents.filter((c) => !inUse.inUse.has(c) && !inUse.notInUse.has(c)),
    },
    totals: {
      responsible: responsibleRows.length,
      meetsTarget: responsibleRows.filter((r) => r.meetsTarget).length,
      attainable: responsibleRows.filter((r) => r.attainable.worstCase >= target.level || r.meetsTarget).length,
      attainableIfUnknownsAllow: responsibleRows.filter(
        (r) => !r.meetsTarget && r.attainable.level >= target.level && r.attainable.worstCase < target.level,
      ).length,
      online: responsibleRows.filter((r) => r.offering?.status === 'online').length,
      carriedByVerband: rows.filter((r) => r.carriedBy !== null).length,
      inPersonOnly: rows.filter((r) => r.responsible && !r.onlineRelevant).length,
    },
    unlocks: unlocks(unmet, catalogue.leistungen, inUse, target, labels),
    combinations: combinations(unmet, target, labels),
    ozgLeistungen,
    leistungen: rows,
    definitions: gapDefinitions(target),
  };
}
