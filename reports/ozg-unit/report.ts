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
import { shortLabel } from '../common/wording';
import { num, placeholders, selectRows } from '../common/sql';
import { AttainableCache, attainableLevel, type Attainable, type ComponentState } from '../../lib/attainable';
import {
  CONNECTION_STATUS_LABELS,
  SERVICE_KIND_LABELS,
  type ConnectionStatus,
  type ServiceKind,
} from '../../lib/connections';
import type { TraitOrigin } from '../../lib/leistung-traits';
import {
  loadConnectableServices,
  loadConnections,
  servicesAvailableTo,
  type ConnectableService,
} from '../../services/connectable-services';
import { COMPONENT_CAPS } from '../../lib/component-caps';
import { catalogueNote, gapDefinitions } from '../gaps/definitions';
import { resolveUnit, type GapUnit } from '../gaps/area';
import { loadComponentsInUse, type ComponentOrigin, type ComponentsInUse } from '../../services/components-in-use';
import { loadCatalogue, loadComponentLabels, merkmaleOf, Responsibility, type CatalogueFilter } from '../gaps/inputs';
import { scanOfferings, type BestOffering, type MetSource } from '../gaps/offering-scan';

/**
 * A hint that someone else already offers the Leistung online: what can be reused is the
 * product that runs it (or the larger area's service), not the neighbour's address, which
 * serves only the neighbour's citizens. `url` is set only for a Kreis's or Land's own service.
 */
export interface ReuseHint {
  kind: 'nachbar' | 'kreis' | 'land';
  key: string;
  name: string;
  url: string | null;
  level: number | null;
  /** The form server product and operator the offering unit runs, when recorded. */
  product: string | null;
  operator: string | null;
}

/** One Leistung for one unit. */
export interface UnitLeistung {
  schluessel: string;
  name: string;
  ozgId: number;
  typisierung: string | null;
  responsible: boolean;
  /** False for in-person-only Leistungen (handover, ceremony, capture): then the strict rule leaves it out. */
  onlineRelevant: boolean;
  /** The Merkmal rule behind `onlineRelevant`, when one decides it. */
  relevanceRule: { id: number; reason: string; source: string } | null;
  /** Fee and Vertrauensniveau as known, and where from (a Merkmal rule, the Leistung data), or null: unknown. */
  requirements: {
    feeBearing: boolean | null;
    feeOrigin: TraitOrigin;
    vertrauensniveau: string | null;
    trustOrigin: TraitOrigin;
  };
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
    /** `connection`: the unit is connected live to an EfA service (`inheritedFrom` names it). */
    source: MetSource;
    inheritedFrom: { key: string; name: string } | null;
  } | null;
  meetsTarget: boolean;
  attainable: Attainable;
  /** German: why the target is not met, one sentence each. */
  reasons: string[];
  reuse: ReuseHint[];
  /**
   * Federal, Land or EfA services that would close the gap by connecting instead of building:
   * for each criterion below the target, the services of the Land that provide its component;
   * for the Leistung itself, EfA online services covering its OZG-Leistung. With the unit's
   * recorded connection status (null: none recorded).
   */
  connect: ConnectHint[];
}

/** A service the unit could connect to, and what it would bring. */
export interface ConnectHint {
  code: string;
  name: string;
  kind: ServiceKind;
  /** Components it provides that the Leistung lacks; empty for an EfA online service. */
  components: string[];
  /** The OZG-Leistung an EfA service covers; null for a component service. */
  ozgId: number | null;
  /** The EfA service's Reifegrad in the target's model, where published. */
  level: number | null;
  status: ConnectionStatus | null;
}

/** The smallest set of components that would let unmet Leistungen reach the target. */
export interface Combination {
  components: string[];
  labels: string[];
  /** Responsible Leistungen below the target that this set (and nothing less) would make attainable. */
  leistungen: number;
  /** OZG-Leistungen all of whose unmet responsible Leistungen it would make attainable. */
  ozgLeistungen: number;
  sentence: string;
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
  /** Components with data (in use or recorded as not in use) and those without any. */
  componentData: { recorded: string[]; noData: string[] };
  totals: {
    /** Responsible online-relevant Leistungen. */
    responsible: number;
    meetsTarget: number;
    /** Below or at the target, attainable for sure: no unknown caps them below it. */
    attainable: number;
    /** Attainable only if what is unknown (component data, fee, Vertrauensniveau) goes their way. */
    attainableIfUnknownsAllow: number;
    online: number;
    carriedByVerband: number;
    /** Responsible Leistungen that happen in person only (left out of `responsible`). */
    inPersonOnly: number;
  };
  unlocks: Unlock[];
  /** Sets of missing components by what they would unlock, largest first. */
  combinations: Combination[];
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

/** The form server product and operator each of these regions runs (in use), by region key. */
async function formServers(
  manager: EntityManager,
  keys: string[],
): Promise<Map<string, { product: string | null; operator: string | null }>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ key: string; product: string | null; operator: string | null }>(
    manager,
    `SELECT r.key AS "key", cr.product AS "product", op.name AS "operator"
       FROM component_records cr JOIN components c ON c.id = cr.component_id JOIN regions r ON r.id = cr.region_id
       LEFT JOIN operators op ON op.id = cr.operator_id
      WHERE c.code = 'form-server' AND cr.status = 'in-use' AND r.key IN (${placeholders(keys.length)})`,
    keys,
  );
  return new Map(rows.map((r) => [r.key, { product: r.product, operator: r.operator }]));
}

/**
 * Who else offers these Leistungen online: units of the same Kreis, the Kreis, the Land. For a
 * neighbour the hint names the product and operator behind the offering (what a unit could
 * reuse), not its address: the neighbour's service serves the neighbour's citizens only.
 */
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
  const products = await formServers(manager, [...new Set(rows.map((r) => r.key))]);
  for (const row of rows) {
    const id = num(row.leistungId);
    const level = row.maturity === null ? null : convertLevel(num(row.maturity), row.model ?? 'RGM-1.1', target.model);
    const kind: ReuseHint['kind'] = row.level === 'land' ? 'land' : row.level === 'kreis' ? 'kreis' : 'nachbar';
    const runs = products.get(row.key);
    const list = hints.get(id) ?? [];
    list.push({
      kind,
      key: row.key,
      name: row.name,
      url: kind === 'nachbar' ? null : row.url,
      level,
      product: runs?.product ?? null,
      operator: runs?.operator ?? null,
    });
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

const REQUIREMENT_LABELS = { fee: 'ob Gebühren anfallen', vertrauensniveau: 'welches Vertrauensniveau sie verlangt' };

/**
 * Why a responsible Leistung misses the target: first what its offering says, then every criterion
 * that caps it below the target, each as the data say it — a component recorded as missing, a
 * component without data, a requirement nobody stated — or that the components would allow it.
 */
function reasonsFor(
  meets: boolean,
  attainable: Attainable,
  target: MaturityTarget,
  labels: Map<string, string>,
  offering: UnitLeistung['offering'],
): string[] {
  if (meets) return [];
  const reasons = [offeringSentence(offering)];
  const caps = attainable.caps.filter((c) => c.cap < target.level);
  for (const cap of caps) {
    const names = cap.components.map((c) => shortLabel(labels.get(c) ?? c)).join(' oder ');
    const depends = cap.unknownRequirement ? `unbekannt, ${REQUIREMENT_LABELS[cap.unknownRequirement]}` : '';
    if (cap.status === 'missing') {
      reasons.push(`${cap.label}: ohne ${names} höchstens Reifegrad ${cap.cap}.`);
    } else if (cap.status === 'no-data') {
      reasons.push(
        `${cap.label}: keine Angaben zu ${names}; ohne sie höchstens Reifegrad ${cap.cap}` +
          (depends ? ` (außerdem ${depends})` : '') +
          '.',
      );
    } else {
      reasons.push(
        `${cap.label}: hängt davon ab, ${REQUIREMENT_LABELS[cap.unknownRequirement ?? 'fee']} (unbekannt); ${names} ist nicht im Einsatz.`,
      );
    }
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
  const labels = await loadComponentLabels(manager);
  const services = servicesAvailableTo(await loadConnectableServices(manager), unit.landKey);
  const statuses = new Map(
    ((await loadConnections(manager, [unit.id])).get(unit.id) ?? []).map((c) => [c.serviceId, c.status]),
  );
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
  const byId = new Map(catalogue.leistungen.map((l) => [l.schluessel, l.id]));
  // The strict rule counts online-relevant Leistungen only; in-person acts are listed, not counted.
  const responsibleRows = rows.filter((r) => r.responsible && r.onlineRelevant);
  const unmet = responsibleRows.filter((r) => !r.meetsTarget);
  const hints = await reuseHints(
    manager,
    unit,
    unmet.map((r) => byId.get(r.schluessel) as number),
    target,
  );
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

/**
 * The services that would close a Leistung's gap by connecting: component services of the Land
 * for each criterion below the target whose component is missing or has no data, federal first;
 * EfA online services for its OZG-Leistung when its own offering falls short.
 */
function connectHints(
  row: UnitLeistung,
  services: ConnectableService[],
  statuses: Map<number, ConnectionStatus>,
  target: MaturityTarget,
): ConnectHint[] {
  const hints: ConnectHint[] = [];
  const hint = (service: ConnectableService, components: string[], ozgId: number | null): ConnectHint => ({
    code: service.code,
    name: service.name,
    kind: service.kind,
    components,
    ozgId,
    level: service.maturity ? convertLevel(service.maturity.level, service.maturity.model, target.model) : null,
    status: statuses.get(service.id) ?? null,
  });
  const lacking = row.attainable.caps
    .filter((c) => c.cap < target.level && c.status !== 'requirement-unknown')
    .flatMap((c) => c.components);
  for (const service of services) {
    const provides = service.components.filter((c) => lacking.includes(c));
    if (provides.length > 0 && statuses.get(service.id) !== 'live') hints.push(hint(service, provides, null));
  }
  for (const service of services) {
    if (service.ozgIds.includes(row.ozgId) && statuses.get(service.id) !== 'live') {
      hints.push(hint(service, [], row.ozgId));
    }
  }
  return hints;
}

/** "Anschließen statt selbst betreiben: BundID (Bundesdienst) bringt Servicekonto." */
function connectSentence(hint: ConnectHint, labels: Map<string, string>): string {
  const status = hint.status
    ? ` Erfasster Anschluss: ${CONNECTION_STATUS_LABELS[hint.status]}, noch nicht in Betrieb.`
    : '';
  if (hint.ozgId !== null) {
    return (
      `Nachnutzen statt selbst bauen: ${SERVICE_KIND_LABELS[hint.kind]} „${hint.name}“` +
      (hint.level !== null ? ` (Reifegrad ${hint.level})` : '') +
      ` deckt OZG-Leistung ${hint.ozgId} ab.${status}`
    );
  }
  const names = hint.components.map((c) => shortLabel(labels.get(c) ?? c)).join(' und ');
  return `Anschließen statt selbst betreiben: ${hint.name} (${SERVICE_KIND_LABELS[hint.kind]}) bringt ${names}.${status}`;
}

/** "1 Leistung könnte", "41 Leistungen könnten". */
function leistungenText(n: number): string {
  return n === 1 ? '1 Leistung könnte' : `${n} Leistungen könnten`;
}

/** OZG-Leistungen all of whose stuck Leistungen are in `unlocked`. */
function completedOzg(stuck: UnitLeistung[], unlocked: ReadonlySet<UnitLeistung>): number {
  const byOzg = new Map<number, { stuck: number; unlocked: number }>();
  for (const r of stuck) {
    const entry = byOzg.get(r.ozgId) ?? { stuck: 0, unlocked: 0 };
    entry.stuck++;
    if (unlocked.has(r)) entry.unlocked++;
    byOzg.set(r.ozgId, entry);
  }
  return [...byOzg.values()].filter((e) => e.unlocked === e.stuck && e.stuck > 0).length;
}

/**
 * For each missing component of the cap table: how many unmet Leistungen it alone would make
 * attainable, counting only what the data say (components recorded as missing, known
 * requirements); Leistungen that something unknown may cap are not promised anything.
 */
function unlocks(
  unmet: UnitLeistung[],
  leistungen: { schluessel: string; vertrauensniveau: string | null; feeBearing: boolean | null }[],
  state: ComponentState,
  target: MaturityTarget,
  labels: Map<string, string>,
): Unlock[] {
  const traits = new Map(leistungen.map((l) => [l.schluessel, l]));
  const candidates = [
    ...new Set(COMPONENT_CAPS.filter((c) => c.model === target.model).flatMap((c) => c.components)),
  ].filter((c) => state.notInUse.has(c));
  const stuck = unmet.filter((r) => r.attainable.level < target.level);
  return candidates
    .map((component) => {
      const withIt: ComponentState = {
        inUse: new Set([...state.inUse, component]),
        notInUse: new Set([...state.notInUse].filter((c) => c !== component)),
      };
      const after = (r: UnitLeistung) =>
        attainableLevel(target.model, withIt, traits.get(r.schluessel) ?? { vertrauensniveau: null, feeBearing: null });
      const raised = stuck.filter((r) => after(r).level > r.attainable.level).length;
      // Unlocked for sure: nothing unknown could still cap it below the target.
      const unlocked = new Set(stuck.filter((r) => after(r).worstCase >= target.level));
      const label = labels.get(component) ?? component;
      return {
        component,
        label,
        leistungen: unlocked.size,
        raised,
        ozgLeistungen: completedOzg(stuck, unlocked),
        sentence:
          unlocked.size > 0
            ? `${shortLabel(label)} ergänzen: ${leistungenText(unlocked.size)} Reifegrad ${target.level} erreichen.`
            : `${shortLabel(label)} ergänzen: ${leistungenText(raised)} höher kommen, für Reifegrad ${target.level} fehlt mehr.`,
      };
    })
    .filter((u) => u.raised > 0)
    .sort((a, b) => b.leistungen - a.leistungen || b.raised - a.raised || a.component.localeCompare(b.component));
}

/**
 * The smallest sets of components that would unlock stuck Leistungen: for each Leistung whose
 * caps below the target are all recorded as missing (nothing unknown), the first component of
 * each capping criterion; Leistungen needing the same set are counted together. A set of two
 * ("Servicekonto + E-Payment") names what no single component can.
 */
function combinations(unmet: UnitLeistung[], target: MaturityTarget, labels: Map<string, string>): Combination[] {
  const stuck = unmet.filter((r) => r.attainable.level < target.level);
  const bySet = new Map<string, UnitLeistung[]>();
  for (const r of stuck) {
    const below = r.attainable.caps.filter((c) => c.cap < target.level);
    if (below.some((c) => c.status !== 'missing')) continue;
    const key = [...new Set(below.map((c) => c.components[0]))].sort().join('+');
    bySet.set(key, [...(bySet.get(key) ?? []), r]);
  }
  return [...bySet]
    .map(([key, list]) => {
      const components = key.split('+');
      const names = components.map((c) => shortLabel(labels.get(c) ?? c));
      return {
        components,
        labels: components.map((c) => labels.get(c) ?? c),
        leistungen: list.length,
        ozgLeistungen: completedOzg(stuck, new Set(list)),
        sentence: `${names.join(' + ')} ergänzen: ${leistungenText(list.length)} Reifegrad ${target.level} erreichen.`,
      };
    })
    .sort((a, b) => b.leistungen - a.leistungen || a.components.length - b.components.length);
}
