import type { AnyRouteSpec } from './http/route';
import type { JsonSchema } from '../lib/validation';
import { problemSchema } from './api/common.schemas';

const ROLE_TEXT: Record<AnyRouteSpec['access'], string> = {
  public: 'Öffentlich (ohne Token).',
  reader: 'Jedes gültige Token (reader, editor, admin).',
  editor: 'Token mit Rolle editor (nur im eigenen Gebiet) oder admin.',
  admin: 'Nur Token mit Rolle admin.',
};

/** `/api/regions/:key` → `/api/regions/{key}`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function parameters(spec: AnyRouteSpec): unknown[] {
  const out: unknown[] = [];
  const params = (spec.params?.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, schema] of Object.entries(params)) {
    out.push({ name, in: 'path', required: true, schema, description: schema.description });
  }
  const query = (spec.query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = (spec.query?.required ?? []) as string[];
  for (const [name, schema] of Object.entries(query)) {
    out.push({ name, in: 'query', required: required.includes(name), schema, description: schema.description });
  }
  if (spec.conditional) {
    out.push(
      {
        name: 'If-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'ETag des zuletzt gelesenen Stands; Pflicht bei Änderung eines bestehenden Eintrags.',
      },
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        schema: { type: 'string', enum: ['*'] },
        description: '`*`: nur anlegen, nie überschreiben.',
      },
    );
  }
  return out;
}

function requestBody(spec: AnyRouteSpec): unknown {
  if (!spec.body) return undefined;
  if ('json' in spec.body) {
    return { required: true, content: { 'application/json': { schema: spec.body.json } } };
  }
  const upload = spec.body.upload;
  return {
    required: true,
    description: upload.description,
    content: Object.fromEntries(upload.mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
  };
}

function responses(spec: AnyRouteSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    const content: Record<string, unknown> = {};
    if (Number(status) >= 400) {
      content['application/problem+json'] = { schema: { $ref: '#/components/schemas/Problem' } };
    } else if (response.schema) {
      content['application/json'] = { schema: response.schema };
    }
    for (const mediaType of response.mediaTypes ?? [])
      content[mediaType] = { schema: { type: 'string', format: 'binary' } };
    out[status] = {
      description: response.description,
      ...(Object.keys(content).length > 0 ? { content } : {}),
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, description]) => [
                name,
                { description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
    };
  }
  const common: [number, string, boolean][] = [
    [400, 'Ungültige Anfrage (z. B. Parameter, JSON).', true],
    [401, 'Token fehlt oder ist ungültig.', spec.access !== 'public'],
    [403, 'Rolle oder Gebiet des Tokens reicht nicht.', spec.access === 'editor' || spec.access === 'admin'],
    [413, 'Anfrage zu groß.', Boolean(spec.body)],
    [415, 'Falscher Content-Type.', Boolean(spec.body)],
  ];
  for (const [status, description, applies] of common) {
    if (applies && !out[status]) {
      out[status] = {
        description,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return out;
}

/**
 * Builds the OpenAPI 3.1 document from the route specs: the same JSON schemas that ajv
 * compiles for validation become the parameter, body and response schemas here.
 */
export function buildOpenApiDocument(routes: AnyRouteSpec[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = toOpenApiPath(spec.path);
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId,
      summary: spec.summary,
      description: [spec.description, `Zugriff: ${ROLE_TEXT[spec.access]}`].filter(Boolean).join('\n\n'),
      tags: spec.tags,
      ...(spec.access === 'public' ? { security: [] } : {}),
      parameters: parameters(spec),
      ...(spec.body ? { requestBody: requestBody(spec) } : {}),
      responses: responses(spec),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'E-Government-Atlas API',
      version: info.version,
      description:
        'Basiskomponenten der deutschen Kommunen, Betreiber und Änderungshistorie. Fehler kommen als ' +
        'application/problem+json (RFC 9457). Schreibende Anfragen brauchen ein Bearer-Token und If-Match.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'API-Token (npm run cli -- tokens create)' },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
