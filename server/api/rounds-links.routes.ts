import { resolveRoundLink } from '../../services/rounds-links';
import {
  answerThroughLink,
  confirmThroughLink,
  roundLinkView,
  updateComponentsThroughLink,
} from '../../services/rounds-member';
import { defineRoute } from '../http/route';
import { landscapeInputSchema, landscapeSchema } from './municipalities.schemas';
import { linkParams } from './rounds.schemas';
import { answersSchema, selfAssessmentSchema } from './self-assessment.schemas';

const tags = ['Runden'];
const linkErrors = {
  403: {
    description: 'Link zurückgezogen, abgelaufen, Runde abgeschlossen, oder eine andere Kommune als die des Links.',
  },
  404: { description: 'Unbekannter Link.' },
};
const etagHeader = { ETag: 'Starkes Entity-Tag; für If-Match bei der nächsten Änderung.' };

export const getRoundLinkRoute = defineRoute({
  method: 'get',
  path: '/api/round-links/:token',
  operationId: 'getRoundLink',
  summary: 'Was eine Kommune über ihren persönlichen Link sieht',
  description:
    'Ohne Anmeldung: Der Link ist der Ausweis. Er gilt nur für seine Kommune, bis zu seinem Ablauf oder bis er ' +
    'zurückgezogen oder die Runde abgeschlossen wird.',
  tags,
  access: 'public',
  params: linkParams,
  responses: {
    200: { description: 'Runde, Kommune, Komponenten, Selbstauskunft und Fragebogen der Runde.' },
    ...linkErrors,
  },
  handler: async ({ req, res, params, deps }) => {
    const link = await resolveRoundLink(deps.db.reader.manager, params.token, req.id ?? null);
    res.setHeader('Cache-Control', 'no-store').json(await roundLinkView(deps.db.reader, link));
  },
});

export const answerThroughLinkRoute = defineRoute({
  method: 'put',
  path: '/api/round-links/:token/municipalities/:ags/self-assessment',
  operationId: 'putSelfAssessmentThroughLink',
  summary: 'Selbstauskunft über den Link beantworten (in der Version der Runde)',
  tags,
  access: 'public',
  conditional: true,
  params: { ...linkParams, required: ['token', 'ags'] },
  body: {
    json: {
      type: 'object',
      required: ['answers'],
      additionalProperties: false,
      properties: { answers: answersSchema },
    },
  },
  responses: {
    200: { description: 'Gespeichert.', schema: selfAssessmentSchema, headers: etagHeader },
    ...linkErrors,
    412: { description: 'If-Match passt nicht mehr.' },
    422: { description: 'Antworten ungültig.' },
    428: { description: 'Änderung ohne If-Match.' },
  },
  handler: async ({ req, res, params, body, precondition, deps }) => {
    const result = await answerThroughLink(deps.db.reader, {
      token: params.token,
      key: params.ags,
      requestId: req.id ?? null,
      answers: body.answers,
      precondition,
    });
    res.setHeader('ETag', result.etag).json(result.view);
  },
});

export const confirmThroughLinkRoute = defineRoute({
  method: 'post',
  path: '/api/round-links/:token/municipalities/:ags/confirmation',
  operationId: 'confirmThroughLink',
  summary: 'Komponenten über den Link unverändert bestätigen',
  tags,
  access: 'public',
  params: { ...linkParams, required: ['token', 'ags'] },
  responses: { 204: { description: 'Bestätigt.' }, ...linkErrors },
  handler: async ({ req, res, params, deps }) => {
    await confirmThroughLink(deps.db.reader, { token: params.token, key: params.ags, requestId: req.id ?? null });
    res.status(204).end();
  },
});

export const componentsThroughLinkRoute = defineRoute({
  method: 'put',
  path: '/api/round-links/:token/municipalities/:ags/components',
  operationId: 'putLandscapeThroughLink',
  summary: 'Komponenten über den Link aktualisieren (wie PUT /api/municipalities/{ags}/components)',
  tags,
  access: 'public',
  conditional: true,
  params: { ...linkParams, required: ['token', 'ags'] },
  body: { json: landscapeInputSchema },
  responses: {
    200: { description: 'Die neue Landschaft.', schema: landscapeSchema, headers: etagHeader },
    ...linkErrors,
    412: { description: 'If-Match passt nicht mehr.' },
    422: { description: 'Eingaben ungültig.' },
    428: { description: 'Änderung ohne If-Match.' },
  },
  handler: async ({ req, res, params, body, precondition, deps }) => {
    const result = await updateComponentsThroughLink(deps.db.reader, {
      token: params.token,
      key: params.ags,
      requestId: req.id ?? null,
      items: body.components,
      precondition,
    });
    res.setHeader('ETag', result.etag).json(result.view);
  },
});

export const roundLinkRoutes = [
  getRoundLinkRoute,
  answerThroughLinkRoute,
  confirmThroughLinkRoute,
  componentsThroughLinkRoute,
];
