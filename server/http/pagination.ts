import type { Request, Response } from 'express';
import type { Page } from '../../lib/cursor';

/** Sends a page as JSON and, when there is more, a `Link: <…>; rel="next"` header. */
export function sendPage<T>(req: Request, res: Response, page: Page<T>): void {
  if (page.nextCursor) {
    const next = new URL(req.originalUrl, 'http://placeholder');
    next.searchParams.set('cursor', page.nextCursor);
    res.setHeader('Link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  res.json(page);
}
