import type { EntityManager } from 'typeorm';
import {
  OPERATOR_TYPE_OF_KIND,
  SERVICE_KIND_LABELS,
  type ConnectionStatus,
  type ServiceKind,
} from '../../lib/connections';
import { searchKey } from '../../lib/text';
import {
  loadConnectableServices,
  loadConnections,
  servicesProviding,
  type ConnectableService,
  type ServiceConnection,
} from '../../services/connectable-services';
import type { Area } from '../area';
import type { CatalogueEntry, OperatorRef } from '../common/records';

/** A connectable service as suggestions name it. */
export interface ServiceRef {
  code: string;
  name: string;
  kind: ServiceKind;
  kindLabel: string;
}

/**
 * One connectable service seen from an area: how many of the area's gaps (Gemeinde ×
 * component) it could close, in how many Gemeinden, and how many are connected already.
 */
export interface ConnectOption {
  service: ServiceRef;
  /** The components it provides that some Gemeinde of the area lacks, in catalogue order. */
  components: { code: string; label: string }[];
  gaps: number;
  municipalities: number;
  /** Gemeinden of the area with the connection `live`. */
  connected: number;
  /** Gemeinden of the area on the way: interest, contract or test. */
  connecting: number;
}

/** Operators that stand for a federal or Land service: a municipality connects to them. */
export function isServiceOperator(operator: OperatorRef): boolean {
  return operator.type === 'federal' || operator.type === 'state';
}

interface Tally {
  components: Set<string>;
  gaps: number;
  municipalities: number;
  lastMunicipality: number;
}

/**
 * The connectable services and the area's connections, indexed for the suggestion loop: which
 * services provide a component in a Land, a Gemeinde's connection to a service, which
 * recorded federal or Land operator stands for which service; and a tally per service of the
 * gaps it could close.
 */
export class ConnectIndex {
  private readonly providingCache = new Map<string, ConnectableService[]>();
  private readonly refs = new Map<number, ServiceRef>();
  private readonly tallies = new Map<number, Tally>();

  constructor(
    private readonly services: ConnectableService[],
    private readonly connections: Map<number, ServiceConnection[]>,
  ) {}

  /** Active services offered in the Land that provide the component, federal first. */
  providing(landKey: string, componentCode: string): ConnectableService[] {
    const key = `${landKey}:${componentCode}`;
    let list = this.providingCache.get(key);
    if (!list) this.providingCache.set(key, (list = servicesProviding(this.services, landKey, componentCode)));
    return list;
  }

  /** The Gemeinde's recorded connection status to a service, if any. */
  statusOf(regionId: number, serviceId: number): ConnectionStatus | null {
    return this.connections.get(regionId)?.find((c) => c.serviceId === serviceId)?.status ?? null;
  }

  /** Whether the Gemeinde uses the component through a live connection to a service that provides it. */
  coveredByConnection(regionId: number, landKey: string, componentCode: string): boolean {
    const own = this.connections.get(regionId);
    if (!own) return false;
    return this.providing(landKey, componentCode).some((s) => this.statusOf(regionId, s.id) === 'live');
  }

  /**
   * The service a recorded federal or Land operator stands for, among the candidates: one of
   * the matching kind whose name or code the operator's name contains (`Bund (BundID)`), or
   * whose operator is named exactly so. Null when none matches.
   */
  match(operator: OperatorRef, candidates: ConnectableService[]): ConnectableService | null {
    const name = searchKey(operator.name);
    return (
      candidates.find(
        (s) =>
          OPERATOR_TYPE_OF_KIND[s.kind] === operator.type &&
          (name.includes(searchKey(s.name)) || name.includes(s.code) || searchKey(s.operator) === name),
      ) ?? null
    );
  }

  /**
   * The services to connect to for a gap in this Land and component: those offered there that
   * provide it (federal first), each with the recorded federal or Land operator that stands for
   * it; then recorded federal or Land operators no listed service matches. `recorded` are the
   * operators running the component in the Land, best first.
   */
  choices(
    landKey: string,
    componentCode: string,
    recorded: number[],
    operators: Map<number, OperatorRef>,
  ): { service: ConnectableService | null; operatorId: number | null }[] {
    const services = this.providing(landKey, componentCode);
    const matched = new Map<number, number>();
    const unmatched: number[] = [];
    for (const operatorId of recorded) {
      const operator = operators.get(operatorId) as OperatorRef;
      if (!isServiceOperator(operator)) continue;
      const service = this.match(operator, services);
      if (!service) unmatched.push(operatorId);
      else if (!matched.has(service.id)) matched.set(service.id, operatorId);
    }
    return [
      ...services.map((service) => ({ service, operatorId: matched.get(service.id) ?? null })),
      ...unmatched.map((operatorId) => ({ service: null, operatorId })),
    ];
  }

  ref(service: ConnectableService): ServiceRef {
    let ref = this.refs.get(service.id);
    if (!ref) {
      ref = {
        code: service.code,
        name: service.name,
        kind: service.kind,
        kindLabel: SERVICE_KIND_LABELS[service.kind],
      };
      this.refs.set(service.id, ref);
    }
    return ref;
  }

  /** Counts a gap every service providing the component in the Gemeinde's Land could close. */
  countGap(regionId: number, landKey: string, componentCode: string): void {
    for (const service of this.providing(landKey, componentCode)) {
      let tally = this.tallies.get(service.id);
      if (!tally) {
        tally = { components: new Set(), gaps: 0, municipalities: 0, lastMunicipality: -1 };
        this.tallies.set(service.id, tally);
      }
      tally.components.add(componentCode);
      tally.gaps += 1;
      if (tally.lastMunicipality !== regionId) {
        tally.municipalities += 1;
        tally.lastMunicipality = regionId;
      }
    }
  }

  /** The services with gaps to close or connections in the area, federal first. */
  options(catalogue: CatalogueEntry[]): ConnectOption[] {
    const connected = new Map<number, { live: number; other: number }>();
    for (const list of this.connections.values()) {
      for (const c of list) {
        const entry = connected.get(c.serviceId) ?? { live: 0, other: 0 };
        if (c.status === 'live') entry.live += 1;
        else entry.other += 1;
        connected.set(c.serviceId, entry);
      }
    }
    return this.services
      .filter((s) => this.tallies.has(s.id) || connected.has(s.id))
      .map((s) => {
        const tally = this.tallies.get(s.id);
        return {
          service: this.ref(s),
          components: catalogue
            .filter((c) => tally?.components.has(c.code))
            .map((c) => ({ code: c.code, label: c.label })),
          gaps: tally?.gaps ?? 0,
          municipalities: tally?.municipalities ?? 0,
          connected: connected.get(s.id)?.live ?? 0,
          connecting: connected.get(s.id)?.other ?? 0,
        };
      });
  }
}

/** Loads the services and the connections of the area's Gemeinden. */
export async function loadConnectIndex(manager: EntityManager, area: Area): Promise<ConnectIndex> {
  const services = await loadConnectableServices(manager);
  const connections = await loadConnections(
    manager,
    area.municipalities.map((m) => m.id),
  );
  return new ConnectIndex(services, connections);
}
