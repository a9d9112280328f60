import { CATALOGUE_PRESETS } from '../../importers/ozg/ozg-presets';
import { EDITION_MAX_LENGTH } from '../../importers/ozg/ozg.importer';

const dryRun = {
  type: 'boolean',
  default: false,
  description: 'true: nur prüfen und berichten, was sich ändern würde; nichts schreiben',
} as const;

/** Query of `POST /api/imports/ozg-catalogue`. */
export const ozgCatalogueImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun,
    edition: {
      type: 'string',
      minLength: 1,
      maxLength: EDITION_MAX_LENGTH,
      description: 'Name der Katalogausgabe, z. B. „OZG-Umsetzungskatalog 2024“; Standard: aus dem Dateinamen',
    },
    preset: {
      type: 'string',
      enum: CATALOGUE_PRESETS.map((p) => p.id),
      description: 'Spaltenvorlage eines öffentlich beschriebenen Formats (docs/import-ozg.md)',
    },
    mapping: {
      type: 'string',
      minLength: 2,
      maxLength: 4000,
      description:
        'Eigene Spaltenzuordnung als JSON: {"ozgid": "Ihre Überschrift", …} oder {"columns": {…}, "ignore": […]}',
    },
    allowMassDeactivation: {
      type: 'boolean',
      default: false,
      description: 'true: auch schreiben, wenn der Katalog mehr als die Hälfte der aktiven OZG-Leistungen deaktiviert',
    },
  },
} as const;

/** Query of `POST /api/imports/ozg-flags`. */
export const ozgFlagsImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun,
    source: {
      type: 'string',
      minLength: 1,
      maxLength: 300,
      description: 'Quelle der Liste, z. B. „BMI, Fokusleistungen, Stand 03/2023“; Standard: der Dateiname',
    },
    mapping: ozgCatalogueImportQuerySchema.properties.mapping,
  },
} as const;

/** Query of `POST /api/imports/offerings`. */
export const offeringsImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { dryRun },
} as const;
