import type { DataSource } from 'typeorm';
import type { Actor } from '../../lib/principal';
import { SourceError } from '../../sources/errors';
import type { PvogClient, PvogPage } from '../../sources/pvog.client';
import { importXzufiFiles } from './fim-xml-page';
import type { PagedSync } from './sync-runner';

/**
 * The PVOG Bereitstelldienst, page by page: each page's XZuFi message (Leistungen,
 * Onlinedienste, Zuständigkeiten; `loesche` deactivates) goes through the FIM importer, which
 * derives the offerings of source `fim` and the responsibility from them. The position is the
 * page's `naechsterIndex` and `naechsteAnfrageUrl`.
 */
export function pvogSync(
  dataSource: DataSource,
  client: PvogClient,
  options: { ars: string | null; maxBytes: number; actor: Actor },
): PagedSync<PvogPage> {
  const { ars, maxBytes, actor } = options;
  return {
    source: 'pvog',
    scope: ars ? `ars=${ars}` : 'alle',
    label: `PVOG${ars ? ` ${ars}` : ''}`,
    start: { index: 0, url: null },
    async fetch(position, signal) {
      const url = position.url ?? client.urlAt(position.index, ars);
      const page = await client.page(url, signal);
      const nextUrl = client.nextUrl(page, ars);
      const next = nextUrl === null ? null : { index: page.nextIndex ?? position.index + 1, url: nextUrl };
      if (next !== null && next.url === url) {
        // A page that names itself as the next one would be fetched for ever.
        throw new SourceError(`PVOG-Bereitstelldienst (${url}) nennt sich selbst als nächste Seite`, 'payload');
      }
      return { page, next, total: null };
    },
    importPage(page, position) {
      const name = `PVOG Index ${position.index}.xml`;
      const emptyNote = `Die PVOG-Seite ab Index ${position.index} enthält keine Objekte.`;
      return importXzufiFiles(dataSource, {
        files: [{ name, xml: Buffer.from(page.xml, 'utf8'), emptyNote }],
        maxBytes,
        actor,
      });
    },
  };
}
