import type { Attainable } from '../../lib/attainable';
import type { ConnectionStatus, ServiceKind } from '../../lib/connections';
import type { TraitOrigin } from '../../lib/leistung-traits';
import type { MaturityModel, OfferingStatus } from '../../lib/maturity';
import type { ResponsibilityLevel, ResponsibilitySource } from '../../lib/responsibility';
import type { ComponentOrigin } from '../../services/components-in-use';
import type { MetSource } from '../gaps/offering-scan';

// The per-unit report's public types (the JSON body of /api/reports/attainable and the unit
// page); report.ts re-exports them so callers import from the report.

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
