import { listComponents } from '../../services/component.service';
import { defineRoute } from '../http/route';

const componentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'label', 'description', 'productSuggestions'],
  properties: {
    code: { type: 'string' },
    label: { type: 'string' },
    description: { type: ['string', 'null'] },
    productSuggestions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string' },
          vendor: { type: ['string', 'null'] },
          kind: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

/** The base component catalogue with product suggestions. */
export const listComponentsRoute = defineRoute({
  method: 'get',
  path: '/api/components',
  operationId: 'listComponents',
  summary: 'Katalog der Basiskomponenten',
  description: 'Die Basiskomponenten mit ihren Codes und Produktvorschlägen (Vorschläge, nicht abschließend).',
  tags: ['Katalog'],
  access: 'public',
  responses: {
    200: {
      description: 'Alle Komponenten in Anzeigereihenfolge.',
      schema: { type: 'array', items: componentSchema },
    },
  },
  handler: async ({ res, deps }) => {
    res.json(await listComponents(deps.db.reader.manager));
  },
});

export const componentRoutes = [listComponentsRoute];
