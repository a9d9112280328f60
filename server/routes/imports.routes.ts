import type { Request } from 'express';
import { inventoryTemplateCsv, inventoryTemplateXlsx } from '../../importers/inventory/inventory-template';
import { importInventory } from '../../importers/inventory/inventory.importer';
import type { ImportReport } from '../../importers/import-report';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { BadRequestError, UnsupportedMediaTypeError } from '../../lib/errors';
import { problem, sendProblem } from '../http/problem-details';
import { defineRoute } from '../http/route';
import { importReportSchema, inventoryImportQuerySchema, inventoryTemplateQuerySchema } from './imports.schemas';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];
/** Accepted upload types; `application/vnd.ms-excel` is what Windows browsers send for `.csv`. */
const UPLOAD_TYPES = [...CSV_TYPES, XLSX_MEDIA_TYPE, 'application/octet-stream'];

/** The declared media type of an upload, or 415 when it is none we read. */
function uploadType(req: Request): string {
  const type = req.is(UPLOAD_TYPES);
  if (!type) {
    throw new UnsupportedMediaTypeError(
      `Content-Type ${req.headers['content-type'] ?? '(fehlt)'} wird nicht unterstützt; erwartet text/csv oder ${XLSX_MEDIA_TYPE}.`,
    );
  }
  return type;
}

/** The file name from `Content-Disposition: attachment; filename="…"`, else a generic one. */
function uploadName(req: Request, mediaType: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(req.headers['content-disposition'] ?? '');
  if (match) {
    try {
      return decodeURIComponent(match[1]).slice(0, 300);
    } catch {
      return match[1].slice(0, 300);
    }
  }
  return mediaType === XLSX_MEDIA_TYPE ? 'upload.xlsx' : 'upload.csv';
}

function rejectionDetail(report: ImportReport): string {
  const { errors = 0, rowsWithErrors = 0 } = report.counts;
  const where = rowsWithErrors > 0 ? ` in ${rowsWithErrors} Zeile(n)` : '';
  return `Import abgelehnt: ${errors} Fehler${where}; es wurde nichts geschrieben.`;
}

export const importInventoryRoute = defineRoute<Record<string, string>, { dryRun: boolean }, Buffer | undefined>({
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
      mediaTypes: ['text/csv', XLSX_MEDIA_TYPE],
      description: 'CSV (UTF-8 mit oder ohne BOM, Trennzeichen ; oder ,) oder XLSX (erstes Tabellenblatt).',
    },
  },
  responses: {
    200: { description: 'Geprüft (Probelauf) oder geschrieben: der Importbericht.', schema: importReportSchema },
    422: {
      description:
        'Abgelehnt, nichts geschrieben: `errors` nennt jeden Fehler mit `row` und `column`, `report` enthält den ganzen Bericht.',
    },
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    const mediaType = uploadType(req);
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestError('Die Anfrage enthält keine Datei.');
    const report = await importInventory(deps.dataSource, {
      buffer: body,
      sourceName: uploadName(req, mediaType),
      mediaType,
      dryRun: query.dryRun,
      actor,
    });
    if (report.status === 'rejected') {
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map(({ row, column, detail }) => ({
          ...(row !== undefined ? { row } : {}),
          ...(column ? { column } : {}),
          detail,
        }));
      sendProblem(req, res, problem(422, rejectionDetail(report), { errors, report }));
      return;
    }
    res.json(report);
  },
});

export const inventoryTemplateRoute = defineRoute<Record<string, string>, { format: 'csv' | 'xlsx' }>({
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

export const importRoutes = [importInventoryRoute, inventoryTemplateRoute];
