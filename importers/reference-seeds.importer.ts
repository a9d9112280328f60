import { parse } from 'csv-parse/sync';
import type { EntityManager } from 'typeorm';
import { Operator, ProductSuggestion } from '../entities';
import { searchKey } from '../lib/text';
import type { OperatorType } from '../lib/vocabulary';
import { componentsByCode } from '../services/component.service';

/**
 * Seeds from the compiled reference lists in `data/reference/` (see its SOURCES.md): municipal
 * IT providers as operators with origin `reference`, products as product suggestions. Both are
 * suggestions for pick-lists, not authoritative data.
 */

/** An operator as seeded from `kommunale_it_dienstleister_de.csv`. */
export interface OperatorSeed {
  name: string;
  shortName: string | null;
  type: OperatorType;
  landKeys: string[] | null;
  website: string | null;
  note: string | null;
}

/** A product suggestion as seeded from `basiskomponenten_produkte_de.csv`. */
export interface ProductSeed {
  component: string;
  name: string;
  vendor: string | null;
  kind: string | null;
  note: string | null;
  sources: string | null;
}

/**
 * Bodies of the list that are not municipal IT providers, by short name. Dataport is carried
 * mostly by the Länder (the row says „kein rein kommunaler Dienstleister“), DVZ M-V is the
 * Land's own provider („Landesdienstleister, kein kommunaler“) and ITDZ Berlin an Anstalt of
 * the Land Berlin: all three are typed `state`.
 */
const STATE_PROVIDERS = new Set(['Dataport', 'DVZ M-V', 'ITDZ Berlin']);

/**
 * Umbrella and carrier bodies: they run no component for a municipality themselves, their
 * members do (Vitako and KDN are associations of providers, govdigital a network of them, 4IT
 * and ITVSH the municipal carriers of Komm.ONE and Dataport). The vocabulary has no type for
 * them and any other type would misstate who they are, so they stay `municipal-provider`, and
 * their note says plainly that they are no operator (the demo generator skips them by it).
 */
const UMBRELLA_BODIES = new Set(['Vitako', 'KDN', 'govdigital', '4IT', 'ITVSH']);
const UMBRELLA_NOTE = 'Dach- bzw. Trägerverband: betreibt selbst keine Basiskomponenten, das tun seine Mitglieder.';

type CsvRow = Record<string, string>;

function readCsv(text: string): CsvRow[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as CsvRow[];
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function folded(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]/g, '');
}

/**
 * The provider's website, taken from its first source only if that source is on the
 * provider's own domain (the domain name spells the short name, as kdo.de for KDO); press
 * articles, registers and encyclopaedias are sources, not websites.
 */
export function ownWebsite(shortName: string, sources: string): string | null {
  const first = sources.split(' ; ')[0] ?? '';
  const match = /https?:\/\/\S+/.exec(first);
  if (!match) return null;
  let url: URL;
  try {
    url = new URL(match[0]);
  } catch {
    return null;
  }
  const labels = url.hostname.split('.');
  const domain = labels.length >= 2 ? labels[labels.length - 2] : '';
  return domain !== '' && folded(domain) === folded(shortName) ? `${url.protocol}//${url.host}/` : null;
}

function operatorType(shortName: string): OperatorType {
  return STATE_PROVIDERS.has(shortName) ? 'state' : 'municipal-provider';
}

/** Reads the provider list into operator seeds (pure). */
export function operatorSeedsFromCsv(text: string): OperatorSeed[] {
  return readCsv(text).map((row) => {
    const shortName = row.kurzname;
    const landKeys = (row.land_ags ?? '')
      .split(';')
      .map((k) => k.trim())
      .filter((k) => /^\d{2}$/.test(k));
    const hint = blankToNull(row.hinweis);
    const note = UMBRELLA_BODIES.has(shortName) ? [UMBRELLA_NOTE, hint].filter(Boolean).join(' ') : hint;
    return {
      name: row.name,
      shortName: blankToNull(shortName),
      type: operatorType(shortName),
      landKeys: landKeys.length > 0 ? landKeys : null,
      website: ownWebsite(shortName, row.quellen ?? ''),
      note,
    };
  });
}

/** Reads the product list into product seeds (pure). */
export function productSeedsFromCsv(text: string): ProductSeed[] {
  return readCsv(text).map((row) => ({
    component: row.komponente,
    name: row.produkt,
    vendor: blankToNull(row.anbieter_betreiber),
    kind: blankToNull(row.art),
    note: blankToNull(row.beleg),
    sources: blankToNull(row.quellen),
  }));
}

/**
 * Inserts the operator seeds as operators with origin `reference`. A seed whose name or short
 * name is already an operator's name (someone recorded it first) is skipped, so nothing a user
 * created is duplicated or overwritten. Returns the names created and skipped.
 */
export async function seedOperators(
  tx: EntityManager,
  seeds: OperatorSeed[],
): Promise<{ created: string[]; skipped: string[] }> {
  const taken = new Set((await tx.find(Operator, { select: { nameKey: true } })).map((o) => o.nameKey));
  const created: string[] = [];
  const skipped: string[] = [];
  const rows = [];
  for (const seed of seeds) {
    const keys = [seed.name, seed.shortName].filter((n): n is string => !!n).map(searchKey);
    if (keys.some((k) => taken.has(k))) {
      skipped.push(seed.name);
      continue;
    }
    taken.add(searchKey(seed.name));
    created.push(seed.name);
    rows.push(tx.create(Operator, { ...seed, nameKey: searchKey(seed.name), origin: 'reference' }));
  }
  if (rows.length > 0) await tx.insert(Operator, rows);
  return { created, skipped };
}

/**
 * Inserts the product seeds as product suggestions, by component code. Suggestions already
 * present (same component and name) and seeds naming an unknown component are skipped.
 */
export async function seedProductSuggestions(
  tx: EntityManager,
  seeds: ProductSeed[],
): Promise<{ created: string[]; skipped: string[] }> {
  const catalogue = await componentsByCode(tx);
  const present = new Set((await tx.find(ProductSuggestion)).map((p) => `${p.componentId}|${p.name}`));
  const created: string[] = [];
  const skipped: string[] = [];
  const rows = [];
  for (const seed of seeds) {
    const component = catalogue.get(seed.component);
    const label = `${seed.component}: ${seed.name}`;
    if (!component || present.has(`${component.id}|${seed.name}`)) {
      skipped.push(label);
      continue;
    }
    present.add(`${component.id}|${seed.name}`);
    created.push(label);
    rows.push(
      tx.create(ProductSuggestion, {
        componentId: component.id,
        name: seed.name,
        vendor: seed.vendor,
        kind: seed.kind,
        note: seed.note,
        sources: seed.sources,
      }),
    );
  }
  if (rows.length > 0) await tx.insert(ProductSuggestion, rows);
  return { created, skipped };
}
