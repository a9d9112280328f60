import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Request } from 'express';
import { STORED_PROBLEMS, type ImportProblem } from '../../importers/import-report';
import { inventoryTemplateCsv, inventoryTemplateXlsx } from '../../importers/inventory/inventory-template';
import { bufferSource } from '../../importers/fim/fim-sources';
import { importFim } from '../../importers/fim/fim.importer';
import { importInventory } from '../../importers/inventory/inventory.importer';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { BadRequestError } from '../../lib/errors';
import { visibleImportRun } from '../../services/import-runs';
import { defineRoute } from '../http/route';
import { TABLE_UPLOAD_TYPES, XML_UPLOAD_TYPES } from '../http/upload-types';
import { sendImportReport, uploadName } from './upload-helpers';
import {
  fimImportQuerySchema,
  importProblemsQuerySchema,
  importReportSchema,
  importRunParamsSchema,
  inventoryImportQuerySchema,
  inventoryTemplateQuerySchema,
} from './imports.schemas';

/** The declared media type of an upload (`registerRoutes` has refused any other with 415). */
function uploadType(req: Request): string {
  return req.is(TABLE_UPLOAD_TYPES) || 'application/octet-stream';
}

export const importInventoryRoute = defineRoute({
  method: 'post',
  path: '/api/imports/inventory',
  operationId: 'importInventory',
  summary: 'Bestand vieler Kommunen aus CSV oder XLSX importieren',
  description:
    'Eine Zeile je Kommune × Komponente (Spalten ags, component, status, operator, operator_type, product, valid_from, ' +
    'valid_to, note; Vorlage unter /api/imports/inventory/template, Beschreibung in docs/import-inventory.md). ' +
    'Alle Fehler aller Zeilen werden auf einmal gemeldet (Zeile, Spalte, Text). Mit Fehlern wird nichts geschrieben, ' +
    'sonst alle Zeilen in einer Transaktion: angelegt oder geändert nach AGS + Komponente; nicht genannte Einträge ' +
    'bleiben unverändert. Editor-Tokens dürfen nur Zeilen ihres Gebiets importieren; andere Zeilen sind Fehler. ' +
    'Dateiname optional über Content-Disposition.',
  tags: ['Importe'],
  access: 'editor',
  query: inventoryImportQuerySchema,
  body: {
    upload: {
      mediaTypes: TABLE_UPLOAD_TYPES,
      description: 'CSV (UTF-8 mit oder ohne BOM, Trennzeichen ; oder ,) oder XLSX (erstes Tabellenblatt).',
    },
  },
  responses: {
    200: { description: 'Geprüft (Probelauf) oder geschrieben: der Importbericht.', schema: importReportSchema },
    422: {
      description:
        'Abgelehnt, nichts geschrieben: `errors` nennt die Fehler mit `row` und `column`, `report.problems` die Hinweise ' +
        '(jedes Problem einmal, zusammen höchstens IMPORT_MAX_LISTED_PROBLEMS); `report.problemListing` zählt alle, je ' +
        'Art, und nennt den CSV-Download aller gespeicherten Probleme des Laufs.',
    },
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    const mediaType = uploadType(req);
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestError('Die Anfrage enthält keine Datei.');
    const report = await importInventory(deps.db.reader, {
      buffer: body,
      sourceName: uploadName(req, mediaType === XLSX_MEDIA_TYPE ? 'upload.xlsx' : 'upload.csv'),
      mediaType,
      dryRun: query.dryRun,
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const importFimRoute = defineRoute({
  method: 'post',
  path: '/api/imports/fim',
  operationId: 'importFim',
  summary: 'FIM-Datei importieren (XZuFi oder XDatenfelder)',
  description:
    'Eine XML-Datei: eine XZuFi-Transfernachricht (2.1.0, 2.2.0, 2.3.1; schreibe/loesche von Leistungen, ' +
    'Onlinediensten, Zuständigkeiten) oder eine XDatenfelder-Nachricht (2.0, 3.0.0; stammdatenschema.0102, ' +
    'datenfeldgruppe.0103, datenfeld.0104). Das Format wird am Namensraum des Wurzelelements erkannt. Fehlerhaftes ' +
    'XML, DOCTYPE/Entitäten, ein unbekanntes Format, zu tiefe Verschachtelung oder ungültige Leistungsschlüssel ' +
    'lehnen den Import ab (422, nichts geschrieben, jeder Fehler mit Zeile/Spalte oder Elementpfad). Eine ' +
    'XDatenfelder-Version, die mit anderem Inhalt schon gespeichert ist, ist ein Konflikt (Hinweis, nicht ' +
    'übernommen). Derselbe Import noch einmal ändert nichts (unchanged: true). Dateiname optional über ' +
    'Content-Disposition; Größenlimit FIM_IMPORT_MAX_MB.',
  tags: ['Importe'],
  access: 'admin',
  query: fimImportQuerySchema,
  body: {
    upload: {
      mediaTypes: XML_UPLOAD_TYPES,
      description: 'FIM-XML (UTF-8, UTF-16 mit BOM oder ISO-8859-1 laut XML-Deklaration).',
      maxBytes: (config) => config.fimImportMaxBytes,
    },
  },
  responses: {
    200: {
      description:
        'Geprüft (Probelauf) oder geschrieben: der Importbericht; `details.files` nennt je Datei Format, Version ' +
        'und Zählungen je Objektart (created, updated, unchanged, deactivated, conflicting, rejected, skipped).',
      schema: importReportSchema,
    },
    422: { description: 'Abgelehnt, nichts geschrieben: `errors` nennt jeden Fehler mit Ort, `report` den Bericht.' },
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestError('Die Anfrage enthält keine Datei.');
    const report = await importFim(deps.db.reader, {
      sources: [bufferSource(uploadName(req, 'upload.xml'), body)],
      maxBytes: deps.config.fimImportMaxBytes,
      dryRun: query.dryRun,
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const inventoryTemplateRoute = defineRoute({
  method: 'get',
  path: '/api/imports/inventory/template',
  operationId: 'getInventoryTemplate',
  summary: 'Vorlage für den Bestandsimport',
  description: 'CSV (Semikolon, UTF-8 mit BOM) oder XLSX mit Kopfzeile, Beispielzeilen und (XLSX) Auswahllisten.',
  tags: ['Importe'],
  access: 'public',
  query: inventoryTemplateQuerySchema,
  responses: { 200: { description: 'Die Vorlage als Download.', mediaTypes: ['text/csv', XLSX_MEDIA_TYPE] } },
  handler: async ({ res, query }) => {
    if (query.format === 'xlsx') {
      res
        .attachment('bestand-vorlage.xlsx')
        .type(XLSX_MEDIA_TYPE)
        .send(await inventoryTemplateXlsx());
      return;
    }
    res.attachment('bestand-vorlage.csv').type('text/csv; charset=utf-8').send(inventoryTemplateCsv());
  },
});

const PROBLEM_COLUMNS = ['severity', 'row', 'column', 'code', 'file', 'line', 'col', 'path', 'detail'] as const;

export const importProblemsRoute = defineRoute({
  method: 'get',
  path: '/api/imports/:runId/problems',
  operationId: 'getImportProblems',
  summary: 'Alle Fehler und Hinweise eines Importlaufs als CSV',
  description:
    'Die Antwort eines Imports zählt höchstens IMPORT_MAX_LISTED_PROBLEMS Probleme auf; hier stehen alle, die mit ' +
    `dem Lauf gespeichert sind (die ersten ${STORED_PROBLEMS.toLocaleString('de-DE')} in Dateireihenfolge). ` +
    'Spalten: severity, row, column, code, file, line, col, path, detail. Editoren sehen nur ihre eigenen Läufe.',
  tags: ['Importe'],
  access: 'editor',
  params: importRunParamsSchema,
  query: importProblemsQuerySchema,
  responses: {
    200: { description: 'CSV (Semikolon, UTF-8 mit BOM) als Download.', mediaTypes: ['text/csv'] },
    404: { description: 'Kein solcher Lauf (oder nicht der eigene).' },
  },
  handler: async ({ res, params, actor, deps }) => {
    const run = await visibleImportRun(deps.db.reader.manager, Number(params.runId), actor.principal);
    const problems = (run.summary.problems as ImportProblem[] | undefined) ?? [];
    res.attachment(`importlauf-${run.id}-probleme.csv`).type('text/csv; charset=utf-8');
    // Streamed row by row: up to STORED_PROBLEMS rows need no string of the whole file.
    const csv = stringify({
      header: true,
      columns: [...PROBLEM_COLUMNS],
      delimiter: ';',
      bom: true,
      record_delimiter: 'windows',
    });
    csv.pipe(res);
    // A client that goes away never drains the stream: stop writing then.
    const gone = new Promise<void>((resolve) => res.once('close', () => resolve()));
    for (const p of problems) {
      if (res.destroyed) break;
      if (!csv.write(PROBLEM_COLUMNS.map((c) => (p[c] === undefined ? '' : String(p[c]))))) {
        await Promise.race([once(csv, 'drain'), gone]);
      }
    }
    csv.end();
  },
});

export const importRoutes = [importInventoryRoute, inventoryTemplateRoute, importFimRoute, importProblemsRoute];
