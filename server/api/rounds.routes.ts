import { CSV_MEDIA_TYPE, fileStem } from '../../reports/export';
import { NotFoundError } from '../../lib/errors';
import { closeRound, issueRoundLinks } from '../../services/rounds-actions';
import { sendRoundReminders } from '../../services/rounds-mail';
import {
  assertMayCoordinate,
  findRound,
  getRound,
  listRounds,
  openRound,
  revokeMemberLink,
  setMemberContact,
  type RoundView,
} from '../../services/rounds.service';
import { findRegion } from '../../services/region.service';
import { defineRoute } from '../http/route';
import { linksCsv } from '../../reports/rounds/mail-merge';
import { publicBase } from '../http/public-base';
import {
  contactSchema,
  issuedLinksSchema,
  issueLinksSchema,
  memberParams,
  openRoundSchema,
  remindersSchema,
  roundListSchema,
  roundParams,
  roundSchema,
} from './rounds.schemas';

const tags = ['Runden'];
const notFound = { description: 'Keine Runde mit dieser Nummer (oder die Kommune ist nicht Teil der Runde).' };
const forbidden = { description: 'Nur die Administration oder Bearbeitende des Gebiets koordinieren eine Runde.' };
const closed = { description: 'Die Runde ist bereits abgeschlossen.' };

export const openRoundRoute = defineRoute({
  method: 'post',
  path: '/api/rounds',
  operationId: 'openRound',
  summary: 'Runde für ein Gebiet öffnen',
  description:
    'Fragt alle Kommunen (Gemeinden, Gemeindeverbände, Kreise) eines Landes, Regierungsbezirks oder Kreises nach ' +
    'ihren Basiskomponenten und der Selbstauskunft, mit Frist. Die persönlichen Links gibt danach POST …/links aus.',
  tags,
  access: 'editor',
  body: { json: openRoundSchema },
  responses: {
    201: { description: 'Geöffnet.', schema: roundSchema },
    403: forbidden,
    404: { description: 'Kein Gebiet mit diesem Schlüssel.' },
    422: { description: 'Angaben ungültig.' },
  },
  handler: async ({ res, body, actor, deps }) => {
    res.status(201).json(await openRound(deps.db.reader, { input: body, actor }));
  },
});

export const listRoundsRoute = defineRoute({
  method: 'get',
  path: '/api/rounds',
  operationId: 'listRounds',
  summary: 'Runden, die der Aufrufer koordinieren darf',
  tags,
  access: 'editor',
  responses: { 200: { description: 'Neueste zuerst.', schema: roundListSchema } },
  handler: async ({ res, principal, deps }) => {
    const manager = deps.db.reader.manager;
    const items = [];
    for (const round of await listRounds(manager)) {
      try {
        assertMayCoordinate(principal, await findRegion(manager, round.areaKey));
      } catch {
        continue;
      }
      const view: Partial<RoundView> = await getRound(manager, round.id);
      delete view.members;
      items.push(view);
    }
    res.json({ items });
  },
});

export const getRoundRoute = defineRoute({
  method: 'get',
  path: '/api/rounds/:id',
  operationId: 'getRound',
  summary: 'Stand einer Runde: wer geantwortet, wer unverändert bestätigt hat, wer überfällig ist',
  tags,
  access: 'editor',
  params: roundParams,
  responses: { 200: { description: 'Die Runde.', schema: roundSchema }, 403: forbidden, 404: notFound },
  handler: async ({ res, params, principal, deps }) => {
    const manager = deps.db.reader.manager;
    const round = await findRound(manager, Number(params.id));
    assertMayCoordinate(principal, await findRegion(manager, round.areaKey));
    res.json(await getRound(manager, round.id));
  },
});

export const roundSnapshotRoute = defineRoute({
  method: 'get',
  path: '/api/rounds/:id/snapshot',
  operationId: 'getRoundSnapshot',
  summary: 'Der beim Abschluss eingefrorene Stand einer Runde',
  tags,
  access: 'editor',
  params: roundParams,
  responses: { 200: { description: 'Der Stand beim Abschluss.' }, 403: forbidden, 404: notFound },
  handler: async ({ res, params, principal, deps }) => {
    const manager = deps.db.reader.manager;
    const round = await findRound(manager, Number(params.id));
    assertMayCoordinate(principal, await findRegion(manager, round.areaKey));
    if (!round.snapshot) throw new NotFoundError(`Die Runde ${round.id} ist noch nicht abgeschlossen.`);
    res.json(round.snapshot);
  },
});

export const issueLinksRoute = defineRoute({
  method: 'post',
  path: '/api/rounds/:id/links',
  operationId: 'issueRoundLinks',
  summary: 'Persönliche Links ausgeben (einmalig sichtbar; Serienbrief als CSV)',
  description:
    'Gibt jeder Kommune ohne gültigen Link einen (mit reissue: auch den übrigen oder den in keys genannten; der alte ' +
    'gilt dann nicht mehr). Gespeichert wird nur ein Hash: Die Links stehen nur in dieser Antwort. format=csv liefert ' +
    'sie als Serienbrief-Datei.',
  tags,
  access: 'editor',
  params: roundParams,
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { format: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
  },
  body: { json: issueLinksSchema },
  responses: {
    200: { description: 'Die neuen Links.', schema: issuedLinksSchema, mediaTypes: [CSV_MEDIA_TYPE] },
    403: forbidden,
    404: notFound,
    409: closed,
  },
  handler: async ({ req, res, params, query, body, actor, deps }) => {
    const links = await issueRoundLinks(deps.db.reader, {
      id: Number(params.id),
      actor,
      baseUrl: publicBase(deps.config, req),
      reissue: body.reissue,
      keys: body.keys,
    });
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      res
        .attachment(`${fileStem('Runde', params.id, 'Links')}.csv`)
        .type(CSV_MEDIA_TYPE)
        .send(linksCsv(links));
      return;
    }
    res.json({ links });
  },
});

export const revokeLinkRoute = defineRoute({
  method: 'delete',
  path: '/api/rounds/:id/members/:ags/link',
  operationId: 'revokeRoundLink',
  summary: 'Den Link einer Kommune zurückziehen',
  tags,
  access: 'editor',
  params: memberParams,
  responses: { 204: { description: 'Zurückgezogen.' }, 403: forbidden, 404: notFound, 409: closed },
  handler: async ({ res, params, actor, deps }) => {
    await revokeMemberLink(deps.db.reader, { id: Number(params.id), key: params.ags, actor });
    res.status(204).end();
  },
});

export const setContactRoute = defineRoute({
  method: 'put',
  path: '/api/rounds/:id/members/:ags/contact',
  operationId: 'setRoundContact',
  summary: 'E-Mail-Adresse einer Kommune für Serienbrief und Erinnerungen',
  tags,
  access: 'editor',
  params: memberParams,
  body: { json: contactSchema },
  responses: {
    204: { description: 'Gespeichert.' },
    403: forbidden,
    404: notFound,
    409: closed,
    422: { description: 'Ungültig.' },
  },
  handler: async ({ res, params, body, actor, deps }) => {
    await setMemberContact(deps.db.reader, { id: Number(params.id), key: params.ags, email: body.email, actor });
    res.status(204).end();
  },
});

export const remindersRoute = defineRoute({
  method: 'post',
  path: '/api/rounds/:id/reminders',
  operationId: 'sendRoundReminders',
  summary: 'Erinnerungen per E-Mail an alle, die noch nicht vollständig geantwortet haben',
  description: 'Nur mit eingerichtetem Mailserver (SMTP_URL, MAIL_FROM). Jede Erinnerung enthält einen neuen Link.',
  tags,
  access: 'editor',
  params: roundParams,
  responses: {
    200: { description: 'Gesendet.', schema: remindersSchema },
    403: forbidden,
    404: notFound,
    409: { description: 'Runde abgeschlossen oder kein Mailserver eingerichtet.' },
  },
  handler: async ({ req, res, params, actor, deps }) => {
    const result = await sendRoundReminders(deps.db.reader, {
      id: Number(params.id),
      actor,
      baseUrl: publicBase(deps.config, req),
      mail: deps.config.mail ?? null,
    });
    res.json(result);
  },
});

export const closeRoundRoute = defineRoute({
  method: 'post',
  path: '/api/rounds/:id/closing',
  operationId: 'closeRound',
  summary: 'Runde abschließen: Links enden, der Stand wird eingefroren',
  tags,
  access: 'editor',
  params: roundParams,
  responses: {
    200: { description: 'Abgeschlossen.', schema: roundSchema },
    403: forbidden,
    404: notFound,
    409: closed,
  },
  handler: async ({ res, params, actor, deps }) => {
    res.json(await closeRound(deps.db.reader, { id: Number(params.id), actor }));
  },
});

export const roundRoutes = [
  openRoundRoute,
  listRoundsRoute,
  getRoundRoute,
  roundSnapshotRoute,
  issueLinksRoute,
  revokeLinkRoute,
  setContactRoute,
  remindersRoute,
  closeRoundRoute,
];
