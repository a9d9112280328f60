import { sameRegionName } from './dashboard-fields';
import type { AreaResolution } from './offering-areas';
import type { OfferingRow } from './offering-rows';

/** A warning of one row, by the canonical column it concerns. */
export interface AreaWarning {
  column: string;
  detail: string;
}

/**
 * The warnings a row's area earns without being refused: an outdated Gemeinde ARS and a retired
 * area followed to its successor (the offering is stored there), and names in the file that do
 * not match the directory (`ars_name`, `ars_federal_state`, `bundesland`: the ARS decides; a
 * mismatch usually means an outdated name or a mistyped key, which a person should look at).
 */
export function areaWarnings(area: AreaResolution, row: OfferingRow, lands: Map<string, string>): AreaWarning[] {
  const warnings: AreaWarning[] = [];
  const { named, target, via } = area;
  if (via?.oldArs && named.ars) {
    warnings.push({
      column: 'ars',
      detail: `Der ARS ${via.oldArs} ist veraltet: ${named.name} (${named.key}) hat jetzt den ARS ${named.ars}; das Angebot wird dort gespeichert.`,
    });
  }
  if (via?.successorOf && target) {
    warnings.push({
      column: 'ars',
      detail:
        `${named.name} (${named.key}) wird im aktuellen Gemeindeverzeichnis nicht mehr geführt; das Angebot wird beim Nachfolgegebiet ` +
        `${target.name} (${target.key}) gespeichert.`,
    });
  }
  const names = row.names;
  if (!names) return warnings;
  if (names.arsName !== undefined && !sameRegionName(names.arsName, named.name)) {
    warnings.push({
      column: 'ars_name',
      detail: `„${names.arsName}“ passt nicht zum Gebiet ${row.area}: laut Gemeindeverzeichnis ${named.name} (${named.key}); maßgeblich ist der Schlüssel.`,
    });
  }
  if (names.landCode !== undefined && names.landCode !== named.landKey) {
    warnings.push({
      column: 'ars_federal_state',
      detail: `Bundeslandcode ${names.landCode} passt nicht zum Gebiet ${row.area} (Land ${named.landKey}); maßgeblich ist der Schlüssel.`,
    });
  }
  const land = lands.get(named.landKey);
  if (names.landName !== undefined && land !== undefined && !sameRegionName(names.landName, land)) {
    warnings.push({
      column: 'bundesland',
      detail: `„${names.landName}“ passt nicht zum Gebiet ${row.area} (Land ${land}); maßgeblich ist der Schlüssel.`,
    });
  }
  return warnings;
}
