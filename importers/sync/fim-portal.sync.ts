import type { DataSource } from 'typeorm';
import { Leistung } from '../../entities';
import { isLeistungsschluessel } from '../../fim';
import { InputError } from '../../lib/errors';
import { sha256Hex } from '../../lib/hash';
import type { Actor } from '../../lib/principal';
import type { FimPortalClient } from '../../sources/fim-portal.client';
import { importXzufiFiles, type XzufiFile } from './fim-xml-page';
import type { PagedSync } from './sync-runner';
import { asTransferMessage } from './xzufi-message';

/** Steckbriefe fetched and imported together: one transaction and one import run per batch. */
export const FIM_PORTAL_BATCH = 20;

/** The scope key of a list of Leistungsschlüssel: the list itself, or its hash when long. */
function scopeOf(keys: string[]): string {
  const joined = keys.join(',');
  return joined.length <= 280 ? `leistungen=${joined}` : `leistungen=${keys.length}:${sha256Hex(joined).slice(0, 16)}`;
}

/**
 * The Leistungen no XZuFi has described yet (active, `from_fim` false: brought only by the
 * catalogue or by hand), for `sync fim-portal --missing`.
 */
export async function leistungenWithoutFim(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.getRepository(Leistung).find({
    select: { schluessel: true },
    where: { fromFim: false, isActive: true },
    order: { schluessel: 'ASC' },
  });
  return rows.map((r) => r.schluessel);
}

/**
 * Steckbriefe of the FIM Portal by Leistungsschlüssel, in batches of {@link FIM_PORTAL_BATCH}
 * keys (the position is the offset in the sorted list): each batch's XZuFi messages go through
 * the FIM importer in one run, which fills in Typisierung, fee and Vertrauensniveau of the
 * Leistungen. A key the portal does not know (404) is a warning, not a stop.
 */
export function fimPortalSync(
  dataSource: DataSource,
  client: FimPortalClient,
  options: { keys: string[]; maxBytes: number; actor: Actor; batch?: number },
): PagedSync<XzufiFile[]> {
  const keys = [...new Set(options.keys.map((k) => k.replace(/\s+/g, '')))].sort();
  const invalid = keys.filter((k) => !isLeistungsschluessel(k));
  if (keys.length === 0 || invalid.length > 0) {
    throw new InputError(
      keys.length === 0
        ? 'Keine Leistung zu holen: Leistungsschlüssel angeben (--leistung 99…) oder --missing.'
        : `Kein gültiger Leistungsschlüssel (14 Ziffern): ${invalid.join(', ')}`,
    );
  }
  const batch = options.batch ?? FIM_PORTAL_BATCH;
  return {
    source: 'fim-portal',
    scope: scopeOf(keys),
    label: 'FIM-Portal',
    start: { index: 0, url: null },
    async fetch(position, signal) {
      const files: XzufiFile[] = [];
      for (const key of keys.slice(position.index, position.index + batch)) {
        const xml = await client.xzufi(key, signal);
        files.push({
          name: `FIM-Portal ${key}.xml`,
          xml: xml === null ? null : asTransferMessage(xml),
          emptyNote: `Das FIM-Portal kennt den Leistungsschlüssel ${key} nicht (404).`,
        });
      }
      const end = position.index + batch;
      return {
        page: files,
        next: end < keys.length ? { index: end, url: null } : null,
        total: Math.ceil(keys.length / batch),
      };
    },
    importPage(files) {
      return importXzufiFiles(dataSource, { files, maxBytes: options.maxBytes, actor: options.actor });
    },
  };
}
