import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DomainError,
  FieldProblem,
  InputError,
  NotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
} from '../../lib/errors';
import { databaseFault } from '../../entities/db-errors';

/** An RFC 9457 problem details body. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Problem types we define; each `type` URI resolves to a short German explanation page. */
const PROBLEM_TYPES: Record<number, { slug: string; title: string }> = {
  400: { slug: 'bad-request', title: 'Ungültige Anfrage' },
  401: { slug: 'unauthenticated', title: 'Anmeldung erforderlich' },
  403: { slug: 'forbidden', title: 'Keine Berechtigung' },
  404: { slug: 'not-found', title: 'Nicht gefunden' },
  405: { slug: 'method-not-allowed', title: 'Methode nicht erlaubt' },
  406: { slug: 'not-acceptable', title: 'Format nicht lieferbar' },
  409: { slug: 'conflict', title: 'Konflikt mit dem aktuellen Stand' },
  412: { slug: 'precondition-failed', title: 'Zwischenzeitlich geändert' },
  413: { slug: 'payload-too-large', title: 'Anfrage zu groß' },
  415: { slug: 'unsupported-media-type', title: 'Format nicht unterstützt' },
  422: { slug: 'validation-error', title: 'Eingaben ungültig' },
  428: { slug: 'precondition-required', title: 'If-Match fehlt' },
  429: { slug: 'too-many-requests', title: 'Zu viele Anfragen' },
  500: { slug: 'internal-error', title: 'Interner Fehler' },
  503: { slug: 'unavailable', title: 'Dienst nicht verfügbar' },
};

/** Builds a problem body for a status code, with the type URI and title that belong to it. */
export function problem(status: number, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const known = PROBLEM_TYPES[status] ?? PROBLEM_TYPES[status >= 500 ? 500 : 400];
  return { type: `/problems/${known.slug}`, title: known.title, status, ...(detail ? { detail } : {}), ...extra };
}

/** The German explanation pages behind the problem type URIs. */
export function problemTypeSlugs(): { slug: string; title: string; status: number }[] {
  return Object.entries(PROBLEM_TYPES).map(([status, t]) => ({ ...t, status: Number(status) }));
}

/** Sends a problem body with the right media type and the request id. */
export function sendProblem(req: Request, res: Response, body: ProblemDetails): void {
  const requestId = req.id as string | undefined;
  res
    .status(body.status)
    .type('application/problem+json')
    .json({ ...body, instance: req.originalUrl, ...(requestId ? { requestId } : {}) });
}

function statusOf(error: DomainError): number {
  if (error instanceof BadRequestError) return 400;
  if (error instanceof InputError) return error.problems.length > 0 ? 422 : 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof AuthenticationError) return 401;
  if (error instanceof NotAllowedError) return 403;
  if (error instanceof PreconditionFailedError) return 412;
  if (error instanceof PreconditionRequiredError) return 428;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof ServiceUnavailableError) return 503;
  return 400;
}

/** Errors raised by Express, its router and body parsers carry a status and often a `type`. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

function parserProblem(error: ParserError): ProblemDetails | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return problem(400, 'Der Anfragetext ist kein gültiges JSON.');
    case 'entity.too.large':
      return problem(
        413,
        typeof error.limit === 'number'
          ? `Der Anfragetext überschreitet die zulässige Größe von ${megabytes(error.limit)}.`
          : 'Der Anfragetext überschreitet die zulässige Größe.',
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem(415, 'Die Zeichenkodierung der Anfrage wird nicht unterstützt (erwartet UTF-8).');
    case 'request.aborted':
      return problem(400, 'Die Anfrage wurde vorzeitig abgebrochen.');
    case 'request.size.invalid':
      return problem(400, 'Die Länge des Anfragetexts passt nicht zur Angabe in Content-Length.');
    default:
      return undefined;
  }
}

/** German details for client errors Express raises without a `type` (or with one we do not name). */
const CLIENT_ERROR_DETAILS: Record<number, string> = {
  400: 'Die Anfrage ist fehlerhaft aufgebaut.',
  413: 'Die Anfrage überschreitet die zulässige Größe.',
  415: 'Das Format der Anfrage wird nicht unterstützt.',
};

/**
 * A client error raised by Express itself, e.g. the router's `URIError` for a path with a
 * broken percent-encoding (status 400, but no `expose` flag). Its message is English and may
 * echo the input, so only the status is kept.
 */
function clientErrorProblem(error: unknown): ProblemDetails | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as ParserError).status ?? (error as ParserError).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (error instanceof URIError) {
    return problem(400, 'Der Pfad enthält eine ungültige Prozent-Kodierung (z. B. %E0%A4%A).');
  }
  return problem(status, CLIENT_ERROR_DETAILS[status] ?? CLIENT_ERROR_DETAILS[400]);
}

/**
 * The one error handler: domain errors, body-parser errors and Express's own client errors
 * (any error carrying a 4xx status) become problem+json with that status; database faults
 * (see `entities/db-errors.ts`) become 503 with `Retry-After`; anything else is
 * a bug, logged with its stack and answered with a 500 that reveals nothing but the request id.
 */
export const problemDetailsHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const fault = databaseFault(error);
  if (fault) {
    // A database fault is an outage, not a bug: 503 with Retry-After, logged once as a warning.
    req.log?.warn({ err: error, reason: fault.reason }, 'database unavailable');
    res.setHeader('Retry-After', String(fault.retryAfterSeconds));
    sendProblem(req, res, problem(503, fault.message));
    return;
  }
  if (error instanceof DomainError) {
    const status = statusOf(error);
    const errors = error instanceof InputError && error.problems.length > 0 ? { errors: error.problems } : {};
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="egov-atlas"');
    sendProblem(req, res, problem(status, error.message, errors));
    return;
  }
  const clientProblem = parserProblem(error as ParserError) ?? clientErrorProblem(error);
  if (clientProblem) {
    sendProblem(req, res, clientProblem);
    return;
  }
  req.log?.error({ err: error }, 'unhandled error');
  sendProblem(
    req,
    res,
    problem(500, 'Ein unerwarteter Fehler ist aufgetreten. Bitte die Anfrage-ID an den Betrieb melden.'),
  );
};

/** Answers every request that no route took with a 404 problem. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(req, res, problem(404, `Keine Ressource unter ${req.path}.`));
};
