/**
 * The controlled vocabularies of the inventory (DOMAIN.md §2–§3): stable codes for the API
 * and imports, German labels for people.
 */

export const COMPONENT_STATUSES = ['in-use', 'planned', 'not-used', 'retired', 'unknown'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  'in-use': 'im Einsatz',
  planned: 'geplant',
  'not-used': 'nicht genutzt',
  retired: 'abgeschaltet',
  unknown: 'unbekannt',
};

/**
 * Who runs a component. `inter-municipal` is another municipality or a Kreis running it for this
 * one (interkommunale Zusammenarbeit, e.g. a Landkreis's form server used by its Gemeinden), as
 * distinct from a municipal IT provider (a Zweckverband or Anstalt whose business is IT).
 */
export const OPERATOR_TYPES = [
  'own-it',
  'municipal-provider',
  'inter-municipal',
  'private-provider',
  'state',
  'federal',
] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];

export const OPERATOR_TYPE_LABELS: Record<OperatorType, string> = {
  'own-it': 'eigene IT-Abteilung',
  'municipal-provider': 'kommunaler IT-Dienstleister',
  'inter-municipal': 'andere Kommune / Kreis (interkommunal)',
  'private-provider': 'privatwirtschaftlicher Dienstleister',
  state: 'Landeslösung',
  federal: 'Bundeslösung',
};

/** Where a record came from; demo records can be removed wholesale. */
export const RECORD_SOURCES = ['api', 'import', 'demo'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];
