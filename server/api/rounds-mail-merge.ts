import type { Request } from 'express';
import type { Config } from '../../config';
import { buildTable, toCsv } from '../../reports/export';
import type { IssuedLink } from '../../services/rounds-actions';

/** Where links point: `PUBLIC_URL`, else the address the request came to. */
export function publicBase(config: Config, req: Request): string {
  return config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The mail merge: one row per issued link, for a letter or an e-mail campaign. */
export function linksCsv(links: IssuedLink[]): Buffer {
  return toCsv(
    buildTable(
      'Links',
      [
        { header: 'Schlüssel', value: (l: IssuedLink) => l.key },
        { header: 'Kommune', value: (l) => l.name },
        { header: 'E-Mail', value: (l) => l.email },
        { header: 'Link', value: (l) => l.url },
        { header: 'Gültig bis', value: (l) => l.expiresAt.slice(0, 10) },
      ],
      links,
    ),
  );
}
