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
  },
} as const;

/** Query of `POST /api/imports/offerings`. */
export const offeringsImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { dryRun },
} as const;
