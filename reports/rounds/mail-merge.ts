import { buildTable, toCsv } from '../export';
import type { IssuedLink } from '../../services/rounds-actions';

/** The mail merge of a survey round: one row per issued link, for a letter or an e-mail campaign. */
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
