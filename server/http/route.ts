import express, { type Request, type Response, type Router } from 'express';
import { ANONYMOUS_PRINCIPAL, type Actor, type Principal } from '../../lib/principal';
import type { Precondition } from '../../lib/concurrency';
import {
  AuthenticationError,
  BadRequestError,
  InputError,
  type FieldProblem,
  NotAllowedError,
  NotFoundError,
  UnsupportedMediaTypeError,
} from '../../lib/errors';
import type { Config } from '../../config';
import type { AppDeps } from '../deps';
import { coerceQuery, JsonSchema, toFieldProblems, validatorFor } from '../../lib/validation';
import { CancelledError, withSignal } from '../../lib/cancellation';
import { admissionFor, clientGone, OverloadedError, sendOverloaded, type Release } from './admission';
import type { BodyOf, ParamsOf, QueryOf } from './schema-types';

/** Who may call a route. Editors are further limited to their regions by the services. */
export type Access = 'public' | 'reader' | 'editor' | 'admin';

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  /** JSON schema of a JSON body; the media type is `application/json` unless given. */
  schema?: JsonSchema;
  /** Other media types (CSV, XLSX …) the route may answer with. */
  mediaTypes?: string[];
  /** Response headers worth documenting, e.g. ETag. */
  headers?: Record<string, string>;
}

/** A raw upload body (CSV, XLSX, XML) instead of JSON. */
export interface UploadSpec {
  mediaTypes: string[];
  description: string;
  /** Upper limit of the body in bytes (default `config.importMaxBytes`); a larger one gets 413. */
  maxBytes?: (config: Config) => number;
}

/**
 * Checks of a JSON body that a schema cannot express (say, codes that must exist in the
 * database). They run when the schema rejects the body, on the unvalidated value, so a client
 * gets every problem in one answer; a valid body is left to the service, which checks again.
 */
export type BodyProblems = (body: unknown, deps: AppDeps) => Promise<FieldProblem[]>;

/** Values a handler gets: validated input, the caller, and the app's dependencies. */
export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  actor: Actor;
  precondition: Precondition;
  deps: AppDeps;
  /** Aborts when the client goes before the response is complete (see `server/http/admission.ts`). */
  signal: AbortSignal;
}

/**
 * A route as data: the router registers it, the OpenAPI document is generated from it, so
 * what is documented is what is validated. `PS`, `QS` and `BS` are the literal types of the
 * params, query and JSON body schemas; the handler's `params`, `query` and `body` are derived
 * from them (see `schema-types.ts`) unless `P`, `Q`, `B` say otherwise.
 */
export interface RouteSpec<
  P = Record<string, string>,
  Q = Record<string, unknown>,
  B = unknown,
  PS extends JsonSchema = JsonSchema,
  QS extends JsonSchema = JsonSchema,
  BS extends JsonSchema = JsonSchema,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. `/api/regions/:key`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  params?: PS;
  query?: QS;
  body?: { json: BS; problems?: BodyProblems } | { upload: UploadSpec };
  /** Documents `If-Match` / `If-None-Match` for conditional writes. */
  conditional?: boolean;
  responses: Record<number, ResponseSpec>;
  /**
   * Heavy work (reports, imports), bounded by `server/http/admission.ts`: `true` takes one slot
   * per request around the handler; `'shared'` means the handler computes through the report
   * flight (`server/http/report-flight.ts`), which takes one slot per shared computation.
   * Beyond the bound the route answers 503 with Retry-After. Upload routes (imports) are heavy
   * unless they say `false`.
   */
  heavy?: boolean | 'shared';
  handler: (ctx: RouteContext<P, Q, B>) => Promise<void> | void;
}

/**
 * Identity helper that types a route's handler from its schemas: without type arguments,
 * `params`, `query` and `body` are what the literal schemas admit (`FromSchema`), so a schema
 * and the code reading its values cannot drift apart. Explicit type arguments `<P, Q, B>`
 * override that, for routes whose schemas are built at run time or whose body is an upload.
 */
export function defineRoute<
  P = never,
  Q = never,
  B = never,
  const PS extends JsonSchema = JsonSchema,
  const QS extends JsonSchema = JsonSchema,
  const BS extends JsonSchema = JsonSchema,
>(
  spec: RouteSpec<ParamsOf<P, PS>, QueryOf<Q, QS>, BodyOf<B, BS>, PS, QS, BS>,
): RouteSpec<ParamsOf<P, PS>, QueryOf<Q, QS>, BodyOf<B, BS>, PS, QS, BS> {
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteSpec = RouteSpec<any, any, any, any, any, any>;

function checkAccess(access: Access, principal: Principal | undefined): Principal {
  if (access === 'public') return principal ?? ANONYMOUS_PRINCIPAL;
  if (!principal || principal.kind === 'anonymous') {
    throw new AuthenticationError('Für diese Anfrage ist ein API-Token nötig (Authorization: Bearer …).');
  }
  if (access === 'admin' && principal.role !== 'admin') {
    throw new NotAllowedError('Diese Aktion ist Administratorinnen und Administratoren vorbehalten.');
  }
  if (access === 'editor' && principal.role === 'reader') {
    throw new NotAllowedError('Ein Token mit Leserechten darf nichts ändern.');
  }
  return principal;
}

function validate<T>(schema: JsonSchema | undefined, value: unknown, location: 'body' | 'query' | 'path'): T {
  if (!schema) return value as T;
  const check = validatorFor<T>(schema);
  if (check(value)) return value;
  const problems = toFieldProblems(check.errors ?? [], location);
  if (location === 'path') {
    // A key that cannot exist is an unknown resource, not a malformed request.
    throw new NotFoundError(
      `Keine Ressource unter diesem Pfad (${problems.map((p) => `${p.parameter} ${p.detail}`).join('; ')}).`,
    );
  }
  if (location === 'query') throw new BadRequestError('Abfrageparameter ungültig.', problems);
  throw new InputError('Anfragetext ungültig.', problems);
}

/** Validates a JSON body; on schema errors adds the route's own checks, one problem per pointer. */
async function validateBody<T>(
  body: { json: JsonSchema; problems?: BodyProblems },
  value: unknown,
  deps: AppDeps,
): Promise<T> {
  const check = validatorFor<T>(body.json);
  if (check(value)) return value;
  const problems = toFieldProblems(check.errors ?? [], 'body');
  if (body.problems) {
    const pointers = new Set(problems.map((p) => p.pointer));
    problems.push(...(await body.problems(value, deps)).filter((p) => !pointers.has(p.pointer)));
  }
  throw new InputError('Anfragetext ungültig.', problems);
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sends JSON that is already serialised (see `taggedJson` in `lib/concurrency.ts`), as
 * `res.json` would send it.
 */
export function sendJson(res: Response, json: string): void {
  res.type('application/json').send(json);
}

/**
 * Wraps `res.send` so a JSON response that contradicts its documented schema fails loudly
 * (tests only). `res.json` and {@link sendJson} both end in `res.send` with the JSON text.
 */
function enforceResponseSchema(spec: AnyRouteSpec, res: Response): void {
  const original = res.send.bind(res);
  res.send = (body?: unknown) => {
    const type = String(res.getHeader('Content-Type') ?? '');
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
    if (typeof text === 'string' && type.startsWith('application/json')) {
      if (!spec.responses[res.statusCode]) {
        throw new Error(`${spec.operationId}: status ${res.statusCode} is not documented`);
      }
      const schema = spec.responses[res.statusCode]?.schema;
      if (schema) {
        const check = validatorFor(schema);
        if (!check(JSON.parse(text))) {
          const message = `${spec.operationId}: response ${res.statusCode} violates its schema: ${JSON.stringify(check.errors)}`;
          process.stderr.write(`${message}\n`);
          throw new Error(message);
        }
      }
    }
    return original(body);
  };
}

/**
 * Runs the handler of a heavy route: in a slot of the app's admission (`heavy: true`), under the
 * client's cancellation signal. Overload becomes 503 with Retry-After; a client that has gone
 * gets nothing, and nothing is serialised for it.
 */
async function runHeavy(
  heavy: true | 'shared',
  spec: AnyRouteSpec,
  ctx: RouteContext<unknown, unknown, unknown>,
): Promise<void> {
  const { req, res, signal, deps } = ctx;
  const json = res.json.bind(res);
  res.json = (value?: unknown) => (signal.aborted ? res : json(value));
  let release: Release | undefined;
  try {
    if (heavy === true) release = await admissionFor(deps).acquire(signal);
    await withSignal(signal, () => spec.handler(ctx));
  } catch (error) {
    if (error instanceof OverloadedError && !res.headersSent) {
      sendOverloaded(req, res, error);
      return;
    }
    if (signal.aborted || error instanceof CancelledError) return;
    throw error;
  } finally {
    release?.();
  }
}

/** Registers route specs on a router: access check, upload parsing, validation, handler. */
export function registerRoutes(router: Router, specs: AnyRouteSpec[], deps: AppDeps): void {
  for (const spec of specs) {
    const heavy = spec.heavy ?? Boolean(spec.body && 'upload' in spec.body);
    const middlewares: express.RequestHandler[] = [];
    if (spec.body && 'upload' in spec.body) {
      // Access first: an anonymous or read-only caller must not make the server buffer up
      // to the upload limit before it is refused.
      const { mediaTypes } = spec.body.upload;
      middlewares.push((req, _res, next) => {
        checkAccess(spec.access, req.principal);
        // The declared media types are the accepted ones: the OpenAPI document says no more.
        if (!req.is(mediaTypes)) {
          throw new UnsupportedMediaTypeError(
            `Content-Type ${req.headers['content-type'] ?? '(fehlt)'} wird nicht unterstützt; erwartet ${mediaTypes.join(', ')}.`,
          );
        }
        next();
      });
      const limit = spec.body.upload.maxBytes?.(deps.config) ?? deps.config.importMaxBytes;
      middlewares.push(express.raw({ type: () => true, limit }));
    }
    router[spec.method](spec.path, ...middlewares, async (req: Request, res: Response) => {
      if (deps.validateResponses) enforceResponseSchema(spec, res);
      const principal = checkAccess(spec.access, req.principal);
      const params = validate(spec.params, { ...req.params }, 'path');
      const query = validate(spec.query, spec.query ? coerceQuery({ ...req.query }, spec.query) : {}, 'query');
      let body: unknown = req.body;
      if (spec.body && 'json' in spec.body) {
        if (!req.is('application/json')) {
          throw new UnsupportedMediaTypeError('Der Anfragetext muss JSON sein (Content-Type: application/json).');
        }
        body = await validateBody(spec.body, req.body, deps);
      }
      const precondition: Precondition = {
        ifMatch: header(req, 'if-match'),
        ifNoneMatch: header(req, 'if-none-match'),
      };
      const actor: Actor = { principal, requestId: req.id ?? null };
      const signal = clientGone(res);
      const ctx = { req, res, params, query, body, principal, actor, precondition, deps, signal };
      if (!heavy) {
        await spec.handler(ctx);
        return;
      }
      await runHeavy(heavy, spec, ctx);
    });
  }
}
