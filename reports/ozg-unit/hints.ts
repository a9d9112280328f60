import type { ConnectionStatus } from '../../lib/connections';
import { convertLevel, type MaturityTarget } from '../../lib/maturity';
import type { ConnectableService } from '../../services/connectable-services';
import type { NearbyOffering } from './queries';
import type { ConnectHint, ReuseHint, UnitLeistung } from './types';

/**
 * The reuse hints per Leistung id from the nearby offerings, best Reifegrad first, three at most.
 * For a neighbour the hint names the product and operator behind the offering (what a unit could
 * reuse), not its address: the neighbour's service serves the neighbour's citizens only.
 */
export function reuseHints(rows: NearbyOffering[], target: MaturityTarget): Map<number, ReuseHint[]> {
  const hints = new Map<number, ReuseHint[]>();
  for (const row of rows) {
    const level = row.maturity === null ? null : convertLevel(row.maturity, row.model ?? 'RGM-1.1', target.model);
    const kind: ReuseHint['kind'] = row.level === 'land' ? 'land' : row.level === 'kreis' ? 'kreis' : 'nachbar';
    const list = hints.get(row.leistungId) ?? [];
    list.push({
      kind,
      key: row.key,
      name: row.name,
      url: kind === 'nachbar' ? null : row.url,
      level,
      product: row.product,
      operator: row.operator,
    });
    hints.set(row.leistungId, list);
  }
  for (const [id, list] of hints) {
    list.sort((a, b) => (b.level ?? -1) - (a.level ?? -1) || a.key.localeCompare(b.key));
    hints.set(id, list.slice(0, 3));
  }
  return hints;
}

/**
 * The services that would close a Leistung's gap by connecting: component services of the Land
 * for each criterion below the target whose component is missing or has no data, federal first;
 * EfA online services for its OZG-Leistung when its own offering falls short.
 */
export function connectHints(
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
