import { mapSuccessor, type SuccessorMode } from '../../services/region-successor.service';
import { defineRoute } from '../http/route';

const summarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'mode', 'transferred', 'skipped'],
  properties: {
    from: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name', 'retiredGebietsstand'],
      properties: {
        key: { type: 'string' },
        name: { type: 'string' },
        retiredGebietsstand: { type: ['string', 'null'], format: 'date' },
      },
    },
    to: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'name'],
      properties: { key: { type: 'string' }, name: { type: 'string' } },
    },
    mode: { type: 'string', enum: ['move', 'copy'] },
    transferred: { type: 'array', items: { type: 'string' }, description: 'Übertragene Komponenten (Codes)' },
    skipped: {
      type: 'array',
      items: { type: 'string' },
      description: 'Komponenten, für die der Nachfolger schon einen Eintrag hat; sein Eintrag bleibt',
    },
  },
} as const;

/**
 * Maps a retired region to its successor and moves or copies its inventory. A region that is
 * still current, or a successor that is not, is a conflict with the directory's state (409);
 * a successor on another level or of a level without inventory is invalid input (422).
 */
export const mapSuccessorRoute = defineRoute<
  { key: string },
  Record<string, never>,
  { successor: string; mode: SuccessorMode }
>({
  method: 'post',
  path: '/api/regions/:key/successor',
  operationId: 'mapRegionSuccessor',
  summary: 'Nachfolger eines nicht mehr geführten Gebiets zuordnen',
  description:
    'Für Gemeinden, Gemeindeverbände und Kreise, die ein neuerer Gebietsstand nicht mehr enthält (Fusion, Eingliederung). ' +
    'Setzt den Nachfolger und verschiebt (`move`, Vorgabe) oder kopiert (`copy`) die Bestandseinträge dorthin. ' +
    'Hat der Nachfolger für eine Komponente schon einen Eintrag, bleibt seiner erhalten und die Komponente steht unter `skipped`. ' +
    'Beide Gebiete erhalten einen Eintrag in der Änderungshistorie.',
  tags: ['Gebiete'],
  access: 'admin',
  params: {
    type: 'object',
    required: ['key'],
    additionalProperties: false,
    properties: { key: { type: 'string', pattern: '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$' } },
  },
  body: {
    json: {
      type: 'object',
      additionalProperties: false,
      required: ['successor'],
      properties: {
        successor: {
          type: 'string',
          pattern: '^(\\d{5}|\\d{8}|\\d{9}|\\d{12})$',
          description: 'Schlüssel des Nachfolgers: AGS (8), Kreis (5), Gemeindeverband (9) oder ARS (12)',
        },
        mode: { type: 'string', enum: ['move', 'copy'], default: 'move' },
      },
    },
  },
  responses: {
    200: { description: 'Zugeordnet; was übertragen und was übersprungen wurde.', schema: summarySchema },
    404: { description: 'Kein Gebiet mit diesem Schlüssel.' },
    409: { description: 'Das Gebiet wird noch geführt, oder der Nachfolger wird nicht mehr geführt.' },
    422: { description: 'Nachfolger auf einer anderen Ebene oder Ebene ohne Bestandsdaten.' },
  },
  handler: async ({ res, params, body, actor, deps }) => {
    res.json(
      await mapSuccessor(deps.dataSource, { oldKey: params.key, newKey: body.successor, mode: body.mode, actor }),
    );
  },
});

export const regionSuccessorRoutes = [mapSuccessorRoute];
