import { getElementTree, listElementVersions } from '../../services/fim-schema.service';
import { getLeistung, listLeistungen } from '../../services/leistung.service';
import { sendPage } from '../http/pagination';
import { defineRoute } from '../http/route';
import { pageOf } from './common.schemas';
import {
  fimIdParamsSchema,
  fimTreeSchema,
  fimVersionParamsSchema,
  fimVersionsSchema,
  leistungDetailSchema,
  leistungListQuerySchema,
  leistungParamsSchema,
  leistungSummarySchema,
} from './leistungen.schemas';

export const listLeistungenRoute = defineRoute({
  method: 'get',
  path: '/api/leistungen',
  operationId: 'listLeistungen',
  summary: 'Leistungen suchen',
  description:
    'LeiKa-Leistungen aus OZG-Katalog und FIM-Importen, sortiert nach Leistungsschlüssel, seitenweise per Cursor.',
  tags: ['Leistungen'],
  access: 'public',
  query: leistungListQuerySchema,
  responses: { 200: { description: 'Eine Seite Leistungen.', schema: pageOf(leistungSummarySchema) } },
  handler: async ({ req, res, query, deps }) => {
    sendPage(req, res, await listLeistungen(deps.db.reader.manager, query));
  },
});

export const getLeistungRoute = defineRoute({
  method: 'get',
  path: '/api/leistungen/:schluessel',
  operationId: 'getLeistung',
  summary: 'Leistung nach Leistungsschlüssel',
  description:
    'Mit OZG-Leistung (wenn bekannt), allen FIM-Beschreibungen je Redaktion (auch deaktivierte), den ' +
    'Onlinediensten dazu und den Datenschemata, deren Texte den Schlüssel nennen.',
  tags: ['Leistungen'],
  access: 'public',
  params: leistungParamsSchema,
  responses: {
    200: { description: 'Die Leistung.', schema: leistungDetailSchema },
    404: { description: 'Weder Katalog noch FIM-Import kennen den Schlüssel.' },
  },
  handler: async ({ res, params, deps }) => {
    res.json(await getLeistung(deps.db.reader.manager, params.schluessel));
  },
});

export const listFimVersionsRoute = defineRoute({
  method: 'get',
  path: '/api/fim/schemas/:id',
  operationId: 'listFimSchemaVersions',
  summary: 'Alle Versionen eines Datenschemas',
  description:
    'Alle importierten Versionen eines XDatenfelder-Elements (Stammdatenschema, auch Datenfeldgruppe, Datenfeld ' +
    'oder Regel) mit Freigabestatus, älteste zuerst.',
  tags: ['FIM'],
  access: 'public',
  params: fimIdParamsSchema,
  responses: {
    200: { description: 'Die Versionen.', schema: fimVersionsSchema },
    404: { description: 'Keine Version importiert.' },
  },
  handler: async ({ res, params, deps }) => {
    res.json({ id: params.id, versions: await listElementVersions(deps.db.reader.manager, params.id) });
  },
});

export const getFimTreeRoute = defineRoute({
  method: 'get',
  path: '/api/fim/schemas/:id/:version',
  operationId: 'getFimSchemaVersion',
  summary: 'Eine Version eines Datenschemas mit Feldbaum',
  description:
    'Das Element und alle enthaltenen Gruppen, Felder und Regeln, jedes einmal (mehrfach verwendete Gruppen ' +
    'werden über `key` referenziert), mit Anzahl je Verwendung und den im Text gefundenen Leistungsschlüsseln.',
  tags: ['FIM'],
  access: 'public',
  params: fimVersionParamsSchema,
  responses: {
    200: { description: 'Version und Baum.', schema: fimTreeSchema },
    404: { description: 'Diese Version ist nicht importiert.' },
  },
  handler: async ({ res, params, deps }) => {
    res.json(await getElementTree(deps.db.reader.manager, params.id, params.version));
  },
});

export const leistungRoutes = [listLeistungenRoute, getLeistungRoute, listFimVersionsRoute, getFimTreeRoute];
