import { InputError } from '../../lib/errors';
import { parseCatalogueMapping, type CatalogueMapping } from './ozg-mapping';

/** A catalogue layout known from a public description, with where that description is. */
export interface CataloguePreset {
  id: string;
  title: string;
  /** Where the layout is described (a preset is only as good as its source). */
  source: string;
  /** What to mind when using it. */
  note: string;
  mapping: CatalogueMapping;
}

const preset = (id: string, columns: Record<string, string>, ignore: string[] = []): CatalogueMapping => ({
  name: id,
  columns,
  ignore,
  preset: true,
});

/**
 * The layouts whose headers could be established from public descriptions (docs/import-ozg.md).
 * NOTE: the OZG-Informationsplattform's Excel export of the current catalogue is described
 * publicly only by some of its columns (e.g. „Priorität (föderale Leistung)“, „OZG-Zuständigkeit“),
 * not by its exact headers; it gets no preset — its users name their headers with a mapping.
 */
export const CATALOGUE_PRESETS: readonly CataloguePreset[] = [
  {
    id: 'umsetzungskatalog-2019',
    title: 'BMI OZG-Umsetzungskatalog 2019 (Dateipaar wie in data/reference)',
    source:
      'OZG-Umsetzungskatalog (BMI) und LeiKa, Stand 10/2019, über kdn-nrw/OZG-Datenbank-NRW (MIT); ' +
      'data/reference/SOURCES.md §4 (ozg_leistungen_2019.csv, ozg_leika_leistungen_2019.csv)',
    note: 'Zwei Dateien: OZG-Leistungen (ozg_id, ozg_leistung …) und Leistungen (leistungsschluessel, leistung …).',
    mapping: preset('umsetzungskatalog-2019', {
      ozgid: 'ozg_id',
      ozg_bezeichnung: 'ozg_leistung',
      lebenslage_id: 'lebenslage_id',
      lebenslage: 'lebenslage',
      themenfeld_id: 'themenfeld_id',
      themenfeld: 'themenfeld',
      anzahl_leika_leistungen: 'anzahl_leika_leistungen',
      leika_key: 'leistungsschluessel',
      leika_name: 'leistung',
      leika_typ: 'leika_typ',
      rechtsgrundlage: 'rechtsgrundlage',
      sdg1_relevant: 'sdg1_relevant',
      sdg2_relevant: 'sdg2_relevant',
    }),
  },
  {
    id: 'dashboard-daten-api',
    title: 'Dashboard Digitale Verwaltung, Daten-API (CSV/XLSX-Download eines Gebiets)',
    source:
      'Dashboard Digitale Verwaltung, Daten-API, Felder laut OpenAPI-Beschreibung bundesAPI/digitale-verwaltung-api ' +
      '(openapi.yaml); DOMAIN.md §5b',
    note:
      'Liest die Zuordnung Leistungsschlüssel → OZG-Leistung; Gebiets- und Angebotsspalten (ars, url, online_status, ' +
      'aktiv, art_flaechendeckung …) werden übergangen. Ein Download genau eines Gebiets (ohne Teilgebiete): ' +
      'jeder Leistungsschlüssel darf nur einmal vorkommen. Die Angebote selbst importiert „import offerings“.',
    mapping: preset(
      'dashboard-daten-api',
      { leika_key: 'leika_key', leika_name: 'leika_name', ozgid: 'ozgid', ozg_bezeichnung: 'ozg_bezeichnung' },
      [
        'ars',
        'ars_name',
        'ars_federal_state',
        'bundesland',
        'leika_bezeichnung',
        'url',
        'online_status',
        'aktiv',
        'art_flaechendeckung',
      ],
    ),
  },
];

/** The preset of this id, or a German {@link InputError} naming the known ones. */
export function presetMapping(id: string): CatalogueMapping {
  const found = CATALOGUE_PRESETS.find((p) => p.id === id.trim());
  if (!found) {
    throw new InputError(`Unbekannte Vorlage „${id}“. Bekannt sind: ${CATALOGUE_PRESETS.map((p) => p.id).join(', ')}.`);
  }
  return found.mapping;
}

/**
 * The mapping a request names: a preset's id or the user's own mapping as JSON text (not both);
 * none gives undefined. Refused with a German {@link InputError} (400 over HTTP).
 */
export function catalogueMappingOf(
  preset: string | undefined,
  mappingJson: string | undefined,
): CatalogueMapping | undefined {
  if (preset !== undefined && mappingJson !== undefined) {
    throw new InputError(
      'Bitte entweder eine Vorlage (preset) oder eine eigene Zuordnung (mapping) angeben, nicht beides.',
    );
  }
  if (preset !== undefined) return presetMapping(preset);
  if (mappingJson === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(mappingJson);
  } catch (error) {
    throw new InputError(`Die Zuordnung ist kein gültiges JSON: ${(error as Error).message}`);
  }
  return parseCatalogueMapping(json);
}
