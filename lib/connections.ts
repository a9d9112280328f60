/**
 * Services a municipality connects to instead of building (DOMAIN.md §5a "Components that come
 * from elsewhere", §6 EfA): federal services such as BundID, Land platforms, and EfA online
 * services. The vocabulary of the shipped table `data/reference/anschliessbare-dienste.csv`
 * and of the connections each municipality records. Dependency-free, so the reports, the gap
 * engine, the API and the web pages share one copy.
 */

/** Who offers a connectable service: the federation, a Land, or a Land building once for all (EfA). */
export const SERVICE_KINDS = ['bund', 'land', 'efa'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  bund: 'Bundesdienst',
  land: 'Landesdienst',
  efa: 'EfA-Dienst',
};

/** How far a municipality's connection has come, in order. */
export const CONNECTION_STATUSES = ['interest', 'contract', 'test', 'live'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const CONNECTION_STATUS_LABELS: Record<ConnectionStatus, string> = {
  interest: 'Interesse',
  contract: 'Vertrag geschlossen',
  test: 'im Test',
  live: 'in Betrieb',
};

/** A service code: a lower-case slug, as in the shipped table and in API paths. */
export const SERVICE_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{0,59}$';

/**
 * Base components that stay recordable but are never proposed to a municipality that lacks
 * them. De-Mail lost its role (DOMAIN.md §5a): its largest provider ended its offering in 2022,
 * and since OZG 2.0 the service account's mailbox is the return channel, so suggesting that a
 * municipality introduce De-Mail, or that several bundle it, would be bad advice.
 */
export const NOT_PROPOSED_COMPONENTS: ReadonlySet<string> = new Set(['de-mail']);

/** Whether a missing component may be proposed (see {@link NOT_PROPOSED_COMPONENTS}). */
export function isProposable(componentCode: string): boolean {
  return !NOT_PROPOSED_COMPONENTS.has(componentCode);
}

/** What {@link isAvailableIn} needs of a service. */
export interface Availability {
  /** Land keys where the service can be used; empty: all of Germany. */
  landKeys: readonly string[];
  active: boolean;
}

/** Whether a municipality of this Land can connect to the service: active, and offered there. */
export function isAvailableIn(service: Availability, landKey: string): boolean {
  return service.active && (service.landKeys.length === 0 || service.landKeys.includes(landKey));
}

/**
 * The operator type (`lib/vocabulary.ts#OPERATOR_TYPES`) that runs services of a kind: a
 * component record naming a `federal` or `state` operator is a connection to such a service.
 * EfA services are run by one Land for all and have no single operator type.
 */
export const OPERATOR_TYPE_OF_KIND: Record<ServiceKind, 'federal' | 'state' | null> = {
  bund: 'federal',
  land: 'state',
  efa: null,
};
