import type { Request } from 'express';
import { importOfferings } from '../../importers/offerings/offerings.importer';
import { importOzgFlags } from '../../importers/ozg/ozg-flags.importer';
import { catalogueMappingOf } from '../../importers/ozg/ozg-presets';
import { importOzgCatalogue } from '../../importers/ozg/ozg.importer';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { BadRequestError } from '../../lib/errors';
import { JSON_TABLE_UPLOAD_TYPES } from '../http/upload-types';
import { defineRoute } from '../http/route';
import { sendImportReport, uploadName } from './upload-helpers';
import { importReportSchema } from './imports.schemas';
import {
  offeringsImportQuerySchema,
  ozgCatalogueImportQuerySchema,
  ozgFlagsImportQuerySchema,
} from './ozg-imports.schemas';

const UPLOAD_DESCRIPTION = 'JSON-Array von Objekten, CSV (UTF-8 mit oder ohne BOM, Trennzeichen , oder ;) oder XLSX. ';

/**
 * The uploaded file's bytes (upload routes receive every body raw, JSON included; the declared
 * media type was checked by `registerRoutes`, the content decides between JSON, CSV and XLSX).
 */
function uploadedBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body) && body.length > 0) return body;
  throw new BadRequestError('Die Anfrage enthält keine Datei.');
}

/** The file name of an upload, by its declared type when Content-Disposition names none. */
function tableUploadName(req: Request): string {
  const fallback = req.is('application/json') ? 'upload.json' : req.is(XLSX_MEDIA_TYPE) ? 'upload.xlsx' : 'upload.csv';
  return uploadName(req, fallback);
}

const rejection = {
  description:
    'Abgelehnt, nichts geschrieben: `errors` nennt jeden Fehler mit `row` und `column` (JSON: `pointer`), `report` den ganzen Bericht.',
};

export const importOzgCatalogueRoute = defineRoute({
  method: 'post',
  path: '/api/imports/ozg-catalogue',
  operationId: 'importOzgCatalogue',
  summary: 'OZG-Katalog importieren (ersetzt den bisherigen)',
  description:
    'Eine Katalogdatei, eine Zeile je Leistung (Spalten leika_key, leika_name, leika_typ, ozgid, ozg_bezeichnung, ' +
    'themenfeld, lebenslage, rechtsgrundlage, sdg1_relevant, sdg2_relevant, gebuehrenpflichtig, vertrauensniveau; ' +
    'docs/import-ozg.md). Der neue Katalog ersetzt den bisherigen: nicht mehr genannte OZG-Leistungen werden ' +
    'deaktiviert, nicht mehr genannte Leistungen verlieren ihre OZG-Zuordnung. Eine Typisierung oder ein Name aus ' +
    'FIM bleibt. Alle Fehler aller Zeilen auf einmal; mit Fehlern wird nichts geschrieben. Zeilen „nicht im LeiKa“ ' +
    'und ohne OZG-ID sind Hinweise. Danach wird die Zuständigkeit neu abgeleitet (details.responsibility). ' +
    'Andere Überschriften: preset (Vorlage) oder mapping (eigene Zuordnung, JSON). Ein Katalog, der mehr als die ' +
    'Hälfte der aktiven OZG-Leistungen deaktivieren würde, wird ohne allowMassDeactivation=true abgelehnt; ' +
    'details.deactivations nennt jede deaktivierte OZG-Leistung mit ihren Online-Angeboten. ' +
    'Das Dateipaar des Katalogs 2019 importiert die Kommandozeile (npm run cli -- import ozg DATEI1 DATEI2).',
  tags: ['Importe'],
  access: 'admin',
  query: ozgCatalogueImportQuerySchema,
  body: { upload: { mediaTypes: JSON_TABLE_UPLOAD_TYPES, description: UPLOAD_DESCRIPTION } },
  responses: {
    200: { description: 'Geprüft (Probelauf) oder geschrieben: der Importbericht.', schema: importReportSchema },
    422: rejection,
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    const mapping = catalogueMappingOf(query.preset, query.mapping);
    const buffer = uploadedBytes(body);
    const report = await importOzgCatalogue(deps.db.reader, {
      files: [{ name: tableUploadName(req), buffer }],
      edition: query.edition,
      dryRun: query.dryRun,
      mapping,
      allowMassDeactivation: query.allowMassDeactivation,
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const importOfferingsRoute = defineRoute({
  method: 'post',
  path: '/api/imports/offerings',
  operationId: 'importOfferings',
  summary: 'Online-Angebote im Format der OZG-Dashboard-Daten importieren',
  description:
    'Die Daten-API des OZG-Dashboards wie geliefert: eine Seite (content und Seitenfelder), ein JSON-Array oder ' +
    'der CSV-/XLSX-Download, eine Zeile je Gebiet × Leistung mit allen Feldern (leika_key, leika_name, ' +
    'leika_bezeichnung, ars, ars_name, ars_federal_state, bundesland, ozgid, ozg_bezeichnung, url, online_status ' +
    'ok/nicht ok, aktiv ja/nein, art_flaechendeckung), optional reifegrad, reifegradmodell, kriterium_<name>, ' +
    'bemerkung; was jeder Wert wird: docs/import-offerings.md. ars: ARS mit 12 Ziffern, für Kreis und Land mit ' +
    'Nullen aufgefüllt (091840000000, 090000000000); ein veralteter ARS folgt seinem Nachfolger, mit Warnung. ' +
    'Angelegt oder geändert nach Gebiet + Leistung als Quelle dashboard; nicht genannte Angebote bleiben. Alle ' +
    'Fehler aller Zeilen auf einmal; mit Fehlern wird nichts geschrieben. Editor-Tokens nur für Gebiete ihres Bereichs.',
  tags: ['Importe'],
  access: 'editor',
  query: offeringsImportQuerySchema,
  body: { upload: { mediaTypes: JSON_TABLE_UPLOAD_TYPES, description: UPLOAD_DESCRIPTION } },
  responses: {
    200: { description: 'Geprüft (Probelauf) oder geschrieben: der Importbericht.', schema: importReportSchema },
    422: rejection,
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    const buffer = uploadedBytes(body);
    const report = await importOfferings(deps.db.reader, {
      buffer,
      sourceName: tableUploadName(req),
      dryRun: query.dryRun,
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const importOzgFlagsRoute = defineRoute({
  method: 'post',
  path: '/api/imports/ozg-flags',
  operationId: 'importOzgFlags',
  summary: 'Fokusleistungen und EfA-Leistungen markieren (ohne den Katalog zu ersetzen)',
  description:
    'Eine Zeile je OZG-Leistung: ozgid und fokus und/oder efa (ja/nein, leer = unbekannt), optional ozg_bezeichnung ' +
    'zur Kontrolle; andere Spalten über mapping. Nicht genannte OZG-Leistungen behalten ihre Markierung. Jede ' +
    'Markierung speichert source (Standard: der Dateiname) als Quelle, jede Änderung steht in der Historie des ' +
    'Katalogs. Unbekannte oder deaktivierte OZG-IDs sind Fehler; dann wird nichts geschrieben (docs/import-ozg.md).',
  tags: ['Importe'],
  access: 'admin',
  query: ozgFlagsImportQuerySchema,
  body: { upload: { mediaTypes: JSON_TABLE_UPLOAD_TYPES, description: UPLOAD_DESCRIPTION } },
  responses: {
    200: { description: 'Geprüft (Probelauf) oder geschrieben: der Importbericht.', schema: importReportSchema },
    422: rejection,
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    const mapping = catalogueMappingOf(undefined, query.mapping);
    const buffer = uploadedBytes(body);
    const report = await importOzgFlags(deps.db.reader, {
      file: { name: tableUploadName(req), buffer },
      source: query.source,
      mapping,
      dryRun: query.dryRun,
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const ozgImportRoutes = [importOzgCatalogueRoute, importOfferingsRoute, importOzgFlagsRoute];
