import type { ErrorRequestHandler, RequestHandler } from 'express';
import { CancelledError, withSignal } from '../../lib/cancellation';
import type { AppDeps } from '../deps';
import { admissionFor, clientGone, OverloadedError, sendOverloaded } from '../http/admission';
import { busyPage } from './views/busy.view';
import { sendPage, viewContext } from './context';
import { wantsHtml } from './errors';

/**
 * Pages that compute reports (area and Kreis pages, OZG pages and their downloads): each takes
 * a slot of the app's admission (`server/http/admission.ts`) before it renders, so a crowd on
 * one page queues or gets 503 instead of slowing every other request down.
 */
export const HEAVY_PAGES = [
  '/gebiete/:key',
  '/gebiete/:key/karte.svg',
  '/gebiete/:key/ozg',
  '/gebiete/:key/ozg/download',
  '/kommunen/:ags/ozg',
  '/kommunen/:ags/ozg/download',
];

/**
 * Admission for a heavy page. The slot is held until the response is complete or the client
 * has gone; the rest of the request runs under the client's cancellation signal. Beyond the
 * bound: 503 with Retry-After, as a German page for browsers and problem+json otherwise.
 */
export function heavyPage(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const signal = clientGone(res);
    admissionFor(deps)
      .acquire(signal)
      .then(
        (release) => {
          res.once('close', release);
          withSignal(signal, () => next());
        },
        (error: unknown) => {
          if (error instanceof CancelledError) return;
          if (!(error instanceof OverloadedError)) {
            next(error);
          } else if (wantsHtml(req)) {
            res.setHeader('Retry-After', String(error.retryAfterSeconds));
            sendPage(res, busyPage(viewContext(req), error.retryAfterSeconds, error.message), 503);
          } else {
            sendOverloaded(req, res, error);
          }
        },
      );
  };
}

/** A page cancelled because its client went: nobody to answer, nothing to log. */
export const cancelledPage: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (error instanceof CancelledError && !res.writableEnded) {
    res.destroy();
    return;
  }
  next(error);
};
