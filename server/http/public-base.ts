import type { Request } from 'express';
import type { Config } from '../../config';

/** Where links sent out of the service point: `PUBLIC_URL`, else the address the request came to. */
export function publicBase(config: Config, req: Request): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
