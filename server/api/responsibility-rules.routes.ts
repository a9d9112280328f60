import { importRules } from '../../importers/rules/rules.importer';
import { XLSX_MEDIA_TYPE } from '../../importers/tabular';
import { BadRequestError } from '../../lib/errors';
import { renderExport } from '../../reports/export';
import { rulesDocument } from '../../reports/rules/export';
import {
  deleteRule,
  deleteTrait,
  listCompleteLaender,
  listTraits,
  putTrait,
  type TraitInput,
  listDelegation,
  listRules,
  putDelegation,
  putRule,
  setZustaendigkeitComplete,
  type DelegationInput,
  type RuleInput,
} from '../../services/responsibility-rule.service';
import { defineRoute } from '../http/route';
import { importReportSchema } from './imports.schemas';
import {
  completeBodySchema,
  delegationInputSchema,
  delegationListSchema,
  ruleInputSchema,
  ruleListSchema,
  ruleSchema,
  rulesExportQuerySchema,
  rulesImportQuerySchema,
  delegationSchema,
  traitInputSchema,
  traitSchema,
} from './responsibility-rules.schemas';
import { sendImportReport, uploadName } from './upload-helpers';
import { TABLE_UPLOAD_TYPES } from '../http/upload-types';

const TAG = ['Zuständigkeitsregeln'];

export const listRulesRoute = defineRoute({
  method: 'get',
  path: '/api/responsibility-rules',
  operationId: 'listResponsibilityRules',
  summary: 'Zuständigkeitsregeln',
  description:
    'Welche Verwaltungsebene eine Leistung ausführt, je Leistungsschlüssel, OZG-Leistung oder Typisierung, für alle Länder ' +
    'oder ein Land, mit Aufgabengruppe, Begründung und Quelle. Dazu die Länder, deren Zuständigkeitsdaten als vollständig markiert sind.',
  tags: TAG,
  access: 'reader',
  responses: { 200: { description: 'Alle Regeln.', schema: ruleListSchema } },
  handler: async ({ res, deps }) => {
    const manager = deps.db.reader.manager;
    res.json({ rules: await listRules(manager), completeZustaendigkeit: await listCompleteLaender(manager) });
  },
});

export const putRuleRoute = defineRoute({
  method: 'put',
  path: '/api/responsibility-rules',
  operationId: 'putResponsibilityRule',
  summary: 'Zuständigkeitsregel setzen',
  description:
    'Legt die Regel ihres Geltungsbereichs (Leistungsschlüssel, sonst OZG-ID, sonst Typisierung; mit oder ohne Land) an oder ' +
    'ändert sie; protokolliert. Der nächste Bericht rechnet mit ihr; gespeicherte Monatsstände bleiben, wie sie sind.',
  tags: TAG,
  access: 'admin',
  body: { json: ruleInputSchema },
  responses: {
    200: { description: 'Die gespeicherte Regel.', schema: ruleSchema },
    422: { description: 'Regel ungültig.' },
  },
  handler: async ({ res, body, actor, deps }) => {
    const input: RuleInput = {
      leistungsschluessel: '',
      ozgId: null,
      typ: '',
      landKey: '',
      taskGroup: '',
      source: '',
      ...body,
    };
    res.json(await deps.db.transaction((tx) => putRule(tx, input, actor)));
  },
});

export const deleteRuleRoute = defineRoute({
  method: 'delete',
  path: '/api/responsibility-rules/:scope',
  operationId: 'deleteResponsibilityRule',
  summary: 'Zuständigkeitsregel löschen',
  description:
    'Löscht die Regel eines Geltungsbereichs, z. B. `ozg:10294@09`, `leistung:99050012104000` oder `typ:2%2F3`; ' +
    'protokolliert. Danach gilt die nächst allgemeinere Regel.',
  tags: TAG,
  access: 'admin',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['scope'],
    properties: {
      scope: { type: 'string', pattern: '^(leistung:\\d{14}|ozg:\\d{1,9}|typ:\\d{1,2}(/\\d{1,2})?)(@\\d{2})?$' },
    },
  },
  responses: { 204: { description: 'Gelöscht.' }, 404: { description: 'Keine Regel mit diesem Geltungsbereich.' } },
  handler: async ({ res, params, actor, deps }) => {
    await deps.db.transaction((tx) => deleteRule(tx, params.scope, actor));
    res.status(204).end();
  },
});

export const listDelegationRoute = defineRoute({
  method: 'get',
  path: '/api/responsibility-rules/delegation',
  operationId: 'listTaskDelegation',
  summary: 'Aufgabenübertragung an Gemeindeverbände und Städte',
  description:
    'Landesrecht je Land und Verbandstyp (GV100AD-Textkennzeichen) bzw. Stadtstatus: wer eine Aufgabengruppe ausführt ' +
    '(verband/mitglied, stadt/kreis), mit Begründung und Quelle.',
  tags: TAG,
  access: 'reader',
  responses: { 200: { description: 'Alle Einträge.', schema: delegationListSchema } },
  handler: async ({ res, deps }) => {
    res.json(await listDelegation(deps.db.reader.manager));
  },
});

export const putDelegationRoute = defineRoute({
  method: 'put',
  path: '/api/responsibility-rules/delegation',
  operationId: 'putTaskDelegation',
  summary: 'Aufgabenübertragung setzen',
  tags: TAG,
  access: 'admin',
  body: { json: delegationInputSchema },
  responses: {
    200: { description: 'Der gespeicherte Eintrag.', schema: delegationSchema },
    422: { description: 'Eintrag ungültig.' },
  },
  handler: async ({ res, body, actor, deps }) => {
    const input: DelegationInput = { source: '', ...body };
    res.json(await deps.db.transaction((tx) => putDelegation(tx, input, actor)));
  },
});

export const putCompleteRoute = defineRoute({
  method: 'put',
  path: '/api/responsibility-rules/zustaendigkeit-complete/:land',
  operationId: 'putZustaendigkeitComplete',
  summary: 'Zuständigkeitsdaten eines Landes als vollständig markieren',
  description:
    'complete=true: für jede Leistung mit Zuständigkeitsdaten in diesem Land sind nur die dort genannten Einheiten zuständig. ' +
    'complete=false (Voreinstellung): Zuständigkeitsdaten ergänzen die Regeln nur um die genannten Einheiten.',
  tags: TAG,
  access: 'admin',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['land'],
    properties: { land: { type: 'string', pattern: '^\\d{2}$' } },
  },
  body: { json: completeBodySchema },
  responses: { 204: { description: 'Gesetzt.' }, 400: { description: 'Kein Landesschlüssel.' } },
  handler: async ({ res, params, body, actor, deps }) => {
    await deps.db.transaction((tx) => setZustaendigkeitComplete(tx, params.land, body.complete, actor));
    res.status(204).end();
  },
});

export const exportRulesRoute = defineRoute({
  method: 'get',
  path: '/api/responsibility-rules/export',
  operationId: 'exportResponsibilityRules',
  summary: 'Regeln als CSV oder XLSX',
  description:
    'Die Datei lässt sich unverändert oder bearbeitet wieder importieren (POST /api/imports/responsibility-rules).',
  tags: TAG,
  access: 'reader',
  query: rulesExportQuerySchema,
  responses: { 200: { description: 'Die Datei.', mediaTypes: ['text/csv', XLSX_MEDIA_TYPE] } },
  handler: async ({ res, query, deps }) => {
    const manager = deps.db.reader.manager;
    const file = await renderExport(
      rulesDocument(query.table, await listRules(manager), await listDelegation(manager), await listTraits(manager)),
      query.format,
    );
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  },
});

export const importRulesRoute = defineRoute({
  method: 'post',
  path: '/api/imports/responsibility-rules',
  operationId: 'importResponsibilityRules',
  summary: 'Zuständigkeitsregeln oder Aufgabenübertragung aus CSV oder XLSX importieren',
  description:
    'Spalten wie im Export. Eine Datei mit Spalte unit_type ist eine Aufgabenübertragungstabelle, eine mit Spalte ' +
    'verrichtung, online_relevant oder fee_bearing eine Tabelle der Leistungsmerkmale. Alle Fehler aller Zeilen ' +
    'auf einmal; mit Fehlern wird nichts geschrieben, sonst alles in einer Transaktion, je Regel ein Protokolleintrag. ' +
    'Dieselbe Datei erneut ändert nichts. Nicht genannte Regeln bleiben.',
  tags: ['Importe', ...TAG],
  access: 'admin',
  query: rulesImportQuerySchema,
  body: { upload: { mediaTypes: TABLE_UPLOAD_TYPES, description: 'CSV (UTF-8) oder XLSX.' } },
  responses: {
    200: { description: 'Geprüft (Probelauf) oder geschrieben: der Importbericht.', schema: importReportSchema },
    422: { description: 'Abgelehnt, nichts geschrieben.' },
  },
  handler: async ({ req, res, query, body, actor, deps }) => {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestError('Die Anfrage enthält keine Datei.');
    const report = await importRules(deps.db.reader, {
      buffer: body,
      sourceName: uploadName(req, 'regeln.csv'),
      dryRun: query.dryRun,
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const listTraitsRoute = defineRoute({
  method: 'get',
  path: '/api/leistung-traits',
  operationId: 'listLeistungTraits',
  summary: 'Leistungsmerkmale',
  description:
    'Online-Relevanz je Leistungsschlüssel oder Verrichtung, Gebührenpflicht und Vertrauensniveau je Leistungsschlüssel, ' +
    'jeweils mit Begründung und Quelle. Ein Merkmal einer Leistung gilt vor den importierten Leistungsdaten; ohne beides ' +
    'ist es unbekannt.',
  tags: TAG,
  access: 'reader',
  responses: { 200: { description: 'Alle Merkmale.', schema: { type: 'array', items: traitSchema } } },
  handler: async ({ res, deps }) => {
    res.json(await listTraits(deps.db.reader.manager));
  },
});

export const putTraitRoute = defineRoute({
  method: 'put',
  path: '/api/leistung-traits',
  operationId: 'putLeistungTrait',
  summary: 'Leistungsmerkmal setzen',
  description:
    'Legt das Merkmal seines Geltungsbereichs (Leistungsschlüssel oder Verrichtung) an oder ändert es; protokolliert.',
  tags: TAG,
  access: 'admin',
  body: { json: traitInputSchema },
  responses: {
    200: { description: 'Das gespeicherte Merkmal.', schema: traitSchema },
    422: { description: 'Merkmal ungültig.' },
  },
  handler: async ({ res, body, actor, deps }) => {
    const input: TraitInput = {
      leistungsschluessel: '',
      verrichtung: '',
      onlineRelevant: null,
      feeBearing: null,
      vertrauensniveau: null,
      source: '',
      ...body,
    };
    res.json(await deps.db.transaction((tx) => putTrait(tx, input, actor)));
  },
});

export const deleteTraitRoute = defineRoute({
  method: 'delete',
  path: '/api/leistung-traits/:scope',
  operationId: 'deleteLeistungTrait',
  summary: 'Leistungsmerkmal löschen',
  description:
    'Löscht das Merkmal eines Geltungsbereichs, z. B. `verrichtung:040` oder `leistung:99008001040000`; protokolliert.',
  tags: TAG,
  access: 'admin',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['scope'],
    properties: { scope: { type: 'string', pattern: '^(leistung:\\d{14}|verrichtung:\\d{3})$' } },
  },
  responses: { 204: { description: 'Gelöscht.' }, 404: { description: 'Kein Merkmal mit diesem Geltungsbereich.' } },
  handler: async ({ res, params, actor, deps }) => {
    await deps.db.transaction((tx) => deleteTrait(tx, params.scope, actor));
    res.status(204).end();
  },
});

export const responsibilityRuleRoutes = [
  listTraitsRoute,
  putTraitRoute,
  deleteTraitRoute,
  listRulesRoute,
  putRuleRoute,
  listDelegationRoute,
  putDelegationRoute,
  putCompleteRoute,
  exportRulesRoute,
  deleteRuleRoute,
  importRulesRoute,
];
