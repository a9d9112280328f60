import { EXPORT_FORMATS, renderExport } from '../../reports/export';
import { importSelfAssessments } from '../../importers/self-assessment.importer';
import { buildSurveyFigures } from '../../reports/survey-figures/report';
import { surveyFiguresDocument } from '../../reports/survey-figures/export';
import { getSelfAssessment, putSelfAssessment } from '../../services/self-assessment.service';
import { questionnaireOf, shippedQuestionnaires } from '../../services/self-assessment-questionnaire';
import { defineRoute } from '../http/route';
import { municipalityKeyParams } from './common.schemas';
import { TABLE_UPLOAD_TYPES } from '../http/upload-types';
import { importReportSchema } from './imports.schemas';
import { sendImportReport, uploadName } from './upload-helpers';
import {
  questionnaireSchema,
  selfAssessmentInputSchema,
  selfAssessmentSchema,
  surveyFiguresSchema,
} from './self-assessment.schemas';

const etagHeader = { ETag: 'Starkes Entity-Tag; für If-Match bei der nächsten Änderung.' };
const notFound = { description: 'Keine Kommune mit diesem Schlüssel.' };

export const getCurrentQuestionnaireRoute = defineRoute({
  method: 'get',
  path: '/api/self-assessment/questionnaire',
  operationId: 'getCurrentQuestionnaire',
  summary: 'Die aktuelle Selbstauskunft (Fragen, Antworten, Umfragewerte)',
  description:
    'Fragen und Antwortmöglichkeiten der Selbstauskunft, je Frage die Kennzahlen, die sie speist, mit dem Wert der ' +
    'KGSt/ÖFIT-Umfrage 2019 und seiner Quelle. Versioniert: Antworten behalten die Version, in der sie gegeben wurden.',
  tags: ['Selbstauskunft'],
  access: 'public',
  responses: { 200: { description: 'Die aktuelle Version.', schema: questionnaireSchema } },
  handler: ({ res }) => {
    res.json(shippedQuestionnaires().current);
  },
});

export const getQuestionnaireRoute = defineRoute({
  method: 'get',
  path: '/api/self-assessment/questionnaires/:version',
  operationId: 'getQuestionnaire',
  summary: 'Eine Version der Selbstauskunft',
  tags: ['Selbstauskunft'],
  access: 'public',
  params: {
    type: 'object',
    required: ['version'],
    additionalProperties: false,
    properties: { version: { type: 'string', pattern: '^[1-9]\\d{0,3}$' } },
  },
  responses: {
    200: { description: 'Die Version.', schema: questionnaireSchema },
    404: { description: 'Unbekannte Version.' },
  },
  handler: ({ res, params }) => {
    res.json(questionnaireOf(shippedQuestionnaires(), Number(params.version)));
  },
});

export const getSelfAssessmentRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/self-assessment',
  operationId: 'getSelfAssessment',
  summary: 'Selbstauskunft einer Kommune',
  tags: ['Selbstauskunft'],
  access: 'reader',
  params: municipalityKeyParams,
  responses: {
    200: { description: 'Die Antworten.', schema: selfAssessmentSchema, headers: etagHeader },
    404: notFound,
  },
  handler: async ({ res, params, deps }) => {
    const { view, etag } = await getSelfAssessment(deps.db.reader.manager, params.ags);
    res.setHeader('ETag', etag).json(view);
  },
});

export const putSelfAssessmentRoute = defineRoute({
  method: 'put',
  path: '/api/municipalities/:ags/self-assessment',
  operationId: 'putSelfAssessment',
  summary: 'Selbstauskunft einer Kommune schreiben',
  description:
    'Ersetzt die Antworten. Ohne questionnaireVersion in der aktuellen Version. Ist schon etwas gespeichert, ist ' +
    'If-Match mit dem ETag des letzten GET nötig. Jede Änderung steht mit vorher und nachher in der Historie.',
  tags: ['Selbstauskunft'],
  access: 'editor',
  conditional: true,
  params: municipalityKeyParams,
  body: { json: selfAssessmentInputSchema },
  responses: {
    200: { description: 'Gespeichert.', schema: selfAssessmentSchema, headers: etagHeader },
    403: { description: 'Das Token darf diese Kommune nicht ändern.' },
    404: { description: 'Keine Kommune oder keine Version mit diesem Schlüssel.' },
    409: { description: 'Die Kommune steht nicht mehr im aktuellen Gemeindeverzeichnis.' },
    412: { description: 'If-Match passt nicht mehr.' },
    422: { description: 'Antworten ungültig; `errors` zeigt auf jede.' },
    428: { description: 'Änderung ohne If-Match.' },
  },
  handler: async ({ res, params, body, actor, precondition, deps }) => {
    const result = await putSelfAssessment(deps.db.reader, { key: params.ags, input: body, actor, precondition });
    res.setHeader('ETag', result.etag).json(result.view);
  },
});

export const surveyFiguresRoute = defineRoute({
  method: 'get',
  path: '/api/reports/survey-figures',
  operationId: 'getSurveyFigures',
  summary: 'Umfragewerte neben den Werten eines Gebiets',
  description:
    'Jede Kennzahl der Selbstauskunft mit dem Wert der KGSt/ÖFIT-Umfrage 2019 und dem Anteil im Gebiet: gesamt und je ' +
    'KGSt-Größenklasse, jeweils mit der Zahl derer, die die Frage beantwortet haben.',
  tags: ['Selbstauskunft', 'Berichte'],
  access: 'reader',
  query: {
    type: 'object',
    required: ['area'],
    additionalProperties: false,
    properties: {
      area: { type: 'string', pattern: '^(DE|de|\\d{2}|\\d{3}|\\d{5}|\\d{9})$' },
      format: { type: 'string', enum: [...EXPORT_FORMATS], description: 'csv oder xlsx als Download' },
    },
  },
  responses: {
    200: {
      description: 'Die Kennzahlen.',
      schema: surveyFiguresSchema,
      mediaTypes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    404: { description: 'Kein Gebiet.' },
  },
  handler: async ({ res, query, deps }) => {
    const report = await buildSurveyFigures(deps.db.reader.manager, query.area);
    if (!query.format) {
      res.json(report);
      return;
    }
    const file = await renderExport(surveyFiguresDocument(report), query.format);
    res.attachment(file.fileName).type(file.contentType).send(file.body);
  },
});

export const importSelfAssessmentsRoute = defineRoute({
  method: 'post',
  path: '/api/self-assessment/import',
  operationId: 'importSelfAssessments',
  summary: 'Selbstauskünfte aus einer Tabelle (CSV, XLSX) importieren',
  description:
    'Alles oder nichts. Eine Zeile je Kommune: Spalte `ags`, optional `version`, je Frage eine Spalte mit ihrem Code ' +
    '(z. B. `strategy`, `fim-known`) und dem Wert der Antwort; mehrere Werte einer Mehrfachauswahl mit `|` getrennt. ' +
    'Eine leere Zelle lässt die Frage offen. Jede Zeile ersetzt die Antworten der Kommune und steht in ihrer Historie.',
  tags: ['Selbstauskunft'],
  access: 'editor',
  body: {
    upload: {
      mediaTypes: TABLE_UPLOAD_TYPES,
      description: 'Die Tabelle.',
    },
  },
  responses: {
    200: {
      description:
        'Importiert: der Importbericht wie bei allen Importen (kind `self-assessments`; counts: rows, changed, ' +
        'unchanged; importRunId des protokollierten Laufs).',
      schema: importReportSchema,
    },
    422: {
      description:
        'Abgelehnt, nichts geschrieben: `errors` nennt Zeile, Spalte und Problem, `report` den Bericht (auch dieser ' +
        'Lauf ist protokolliert).',
    },
  },
  handler: async ({ req, res, actor, deps }) => {
    const report = await importSelfAssessments(deps.db.reader, {
      buffer: req.body as Buffer,
      sourceName: uploadName(req, 'selbstauskunft.csv'),
      actor,
    });
    sendImportReport(req, res, report);
  },
});

export const selfAssessmentRoutes = [
  importSelfAssessmentsRoute,
  getCurrentQuestionnaireRoute,
  getQuestionnaireRoute,
  getSelfAssessmentRoute,
  putSelfAssessmentRoute,
  surveyFiguresRoute,
];
