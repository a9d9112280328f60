import { AttainableCache } from '../../lib/attainable';
import type { MaturityTarget } from '../../lib/maturity';
import { RESPONSIBILITY_LEVEL_LABELS, type UnitProfile } from '../../lib/responsibility';
import { merkmaleOf } from '../gaps/queries';
import type { UnitInputs } from './queries';
import { reasonsFor } from './reasons';
import type { UnitLeistung } from './types';

/**
 * The unit's Leistungen, one row each: those it is responsible for, those its Verband carries
 * for it, and those it offers itself, with the offering, the attainable level and the reasons
 * (reuse and connect hints are added by the report for the unmet ones).
 */
export function leistungRows(inputs: UnitInputs, verband: UnitProfile | null, target: MaturityTarget): UnitLeistung[] {
  const { unit, catalogue, responsibility, inUse, labels, offerings, notOnline } = inputs;
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
    const attainable = cache.get(inUse, inUse.key, l);
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
      ...merkmaleOf(l),
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
      attainable,
      reasons: responsible && l.onlineRelevant ? reasonsFor(meets, attainable, target, labels, offeringView) : [],
      reuse: [],
      connect: [],
    });
  }
  return rows;
}
