import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The URL as the access log may keep it: the secrets of one-time links (the setup and invitation
 * links' `token=…`, a survey round's personal link `rnd_…` in the path) are cut out, so whoever
 * reads the logs cannot use them.
 */
export function redactUrl(url: string): string {
  return url.replace(/\brnd_[A-Za-z0-9_-]+/g, 'rnd_…').replace(/([?&]token=)[^&#]*/gi, '$1…');
}

/**
 * Gives every request an id (the caller's `X-Request-Id` if it is sane, else a UUID), echoes
 * it in the response, and writes one access-log line per request when the level allows.
 *
 * NOTE: pino-http builds a child logger with the serialised request on every request, even
 * when nothing is logged; on the inventory read path that was a tenth of the request time.
 * This middleware serialises only when it actually writes a line.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    req.id = id;
    req.log = logger;
    res.setHeader('X-Request-Id', id);
    if (logger.isLevelEnabled('info') || logger.isLevelEnabled('error')) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        // A 503 is a deliberate answer (overload, database fault), not a bug: a warning.
        const level = res.statusCode === 503 ? 'warn' : res.statusCode >= 500 ? 'error' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger[level](
          {
            reqId: id,
            method: req.method,
            url: redactUrl(req.originalUrl),
            status: res.statusCode,
            ms: Math.round(ms * 10) / 10,
          },
          'request',
        );
      });
    }
    next();
  };
}
