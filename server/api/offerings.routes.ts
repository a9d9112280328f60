import {
  deleteManualOffering,
  getManualOffering,
  listOfferings,
  offeringBodyProblems,
  putManualOffering,
} from '../../services/offering.service';
import { defineRoute } from '../http/route';
import { municipalityKeyParams } from './common.schemas';
import { offeringInputSchema, offeringListSchema, offeringParams, offeringSchema } from './offerings.schemas';

const notFound = {
  description:
    'Keine Kommune mit diesem Schlüssel, keine Leistung mit diesem Leistungsschlüssel oder (GET, DELETE) kein Angebot.',
};
const writeErrors = {
  403: { description: 'Das Token darf diese Kommune nicht ändern.' },
  412: {
    description:
      'If-Match passt nicht mehr: zwischenzeitlich geändert (oder If-None-Match: * bei bestehendem Angebot).',
  },
  422: { description: 'Eingaben ungültig; `errors` zeigt mit JSON-Pointern auf jedes Feld.' },
  428: { description: 'Änderung eines bestehenden Angebots ohne If-Match.' },
};
const etagHeader = { ETag: 'Starkes Entity-Tag des Angebots; für If-Match bei der nächsten Änderung.' };

export const listOfferingsRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/offerings',
  operationId: 'listOfferings',
  summary: 'Online-Angebote einer Kommune (alle Quellen)',
  description:
    'Alle für das Gebiet erfassten Angebote: von Hand (manual), aus den Dashboard-Daten (dashboard), aus FIM (fim) ' +
    'und Demodaten (demo), je mit Leistung (Schlüssel, Name, OZG-ID), Status, URL und Reifegrad.',
  tags: ['Online-Angebote'],
  access: 'reader',
  params: municipalityKeyParams,
  responses: {
    200: { description: 'Die Angebote, nach Leistungsschlüssel.', schema: offeringListSchema },
    404: notFound,
  },
  handler: async ({ res, params, deps }) => {
    res.json(await listOfferings(deps.db.reader.manager, params.ags));
  },
});

export const getOfferingRoute = defineRoute({
  method: 'get',
  path: '/api/municipalities/:ags/offerings/:schluessel',
  operationId: 'getManualOffering',
  summary: 'Von Hand erfasstes Angebot einer Leistung',
  tags: ['Online-Angebote'],
  access: 'reader',
  params: offeringParams,
  responses: { 200: { description: 'Das Angebot.', schema: offeringSchema, headers: etagHeader }, 404: notFound },
  handler: async ({ res, params, deps }) => {
    const { view, etag } = await getManualOffering(deps.db.reader.manager, params.ags, params.schluessel);
    res.setHeader('ETag', etag).json(view);
  },
});

export const putOfferingRoute = defineRoute({
  method: 'put',
  path: '/api/municipalities/:ags/offerings/:schluessel',
  operationId: 'putManualOffering',
  summary: 'Angebot einer Leistung von Hand erfassen oder ändern',
  description:
    'Quelle manual; Angebote aus anderen Quellen bleiben unberührt. Ein bestehendes Angebot nur mit If-Match ' +
    '(ETag des letzten GET); If-None-Match: * legt nur neu an. Reifegrad optional: Modell mit Stufe und/oder ' +
    'Kriterienstufen; ohne Stufe gilt das niedrigste Kriterium.',
  tags: ['Online-Angebote'],
  access: 'editor',
  conditional: true,
  params: offeringParams,
  body: { json: offeringInputSchema, problems: (body) => Promise.resolve(offeringBodyProblems(body)) },
  responses: {
    200: { description: 'Geändert (oder unverändert).', schema: offeringSchema, headers: etagHeader },
    201: { description: 'Angelegt.', schema: offeringSchema, headers: etagHeader },
    404: notFound,
    ...writeErrors,
  },
  handler: async ({ res, params, body, actor, precondition, deps }) => {
    const result = await putManualOffering(deps.db.reader, {
      key: params.ags,
      schluessel: params.schluessel,
      input: body,
      actor,
      precondition,
    });
    res
      .status(result.created ? 201 : 200)
      .setHeader('ETag', result.etag)
      .json(result.view);
  },
});

export const deleteOfferingRoute = defineRoute({
  method: 'delete',
  path: '/api/municipalities/:ags/offerings/:schluessel',
  operationId: 'deleteManualOffering',
  summary: 'Von Hand erfasstes Angebot löschen',
  description: 'Nur mit If-Match. Die Historie behält den gelöschten Stand.',
  tags: ['Online-Angebote'],
  access: 'editor',
  conditional: true,
  params: offeringParams,
  responses: { 204: { description: 'Gelöscht.' }, 404: notFound, ...writeErrors },
  handler: async ({ res, params, actor, precondition, deps }) => {
    await deleteManualOffering(deps.db.reader, {
      key: params.ags,
      schluessel: params.schluessel,
      actor,
      precondition,
    });
    res.status(204).end();
  },
});

export const offeringRoutes = [listOfferingsRoute, getOfferingRoute, putOfferingRoute, deleteOfferingRoute];
