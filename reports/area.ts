import type { EntityManager } from 'typeorm';
import { Operator, type Region } from '../entities';
import { BadRequestError, NotFoundError } from '../lib/errors';
import { OPERATOR_TYPE_LABELS, type OperatorType } from '../lib/vocabulary';
import { findRegion } from '../services/region.service';
import { MUNICIPALITY_CONDITION, MUNICIPALITY_PARAMS, num, placeholders, selectRows } from './common/sql';
import { inKreis, inLand, kreisLabel } from './common/wording';

/**
 * The area a report covers, resolved to its municipalities.
 *
 * Accepted forms: a Land (2 digits), a Regierungsbezirk (3), a Kreis (5), `operator:{id}`
 * (every municipality with at least one record run by that operator) and `DE` for Germany.
 *
 * The rows of every report are **Gemeinden**: current ones, without gemeindefreie Gebiete
 * (they have an AGS but no administration and no population). Kreise and Gemeindeverbände run
 * components too (a Landkreis its own form server, a Verbandsgemeinde for its Ortsgemeinden);
 * their own records are shown separately and never counted as a Gemeinde's, because nothing
 * says whether a Gemeinde uses its Kreis's component.
 */
export type AreaKind = 'germany' | 'land' | 'regierungsbezirk' | 'kreis' | 'operator';

/** Every form an area key can take; each report accepts some (see {@link AreaSyntax}). */
export type AreaKeyKind = AreaKind | 'gemeinde';

/** A syntactically valid area, before looking anything up. */
export interface AreaSpec<K extends AreaKeyKind = AreaKind> {
  kind: K;
  key: string;
  operatorId: number | null;
}

/** The area forms a report accepts: the kinds, as a JSON-schema pattern and in German words. */
export interface AreaSyntax<K extends AreaKeyKind> {
  kinds: readonly K[];
  pattern: string;
  description: string;
}

/** The forms of `area` as a JSON-schema pattern (the API validates with it). */
export const AREA_PATTERN = '^(?:DE|de|\\d{2}|\\d{3}|\\d{5}|operator:[1-9]\\d{0,9})$';

/** German description of the accepted forms, for error messages and help texts. */
export const AREA_FORMS = 'Land (2 Ziffern), Regierungsbezirk (3), Kreis (5), operator:{Betreibernummer} oder DE';

/** The areas of the component reports (landscape, fragmentation, opportunities, benchmark, maps). */
export const REPORT_AREAS: AreaSyntax<AreaKind> = {
  kinds: ['germany', 'land', 'regierungsbezirk', 'kreis', 'operator'],
  pattern: AREA_PATTERN,
  description: AREA_FORMS,
};

const LENGTH_KIND: Record<number, AreaKeyKind> = { 2: 'land', 3: 'regierungsbezirk', 5: 'kreis', 8: 'gemeinde' };

function specOf(text: string): AreaSpec<AreaKeyKind> | null {
  if (/^de$/i.test(text)) return { kind: 'germany', key: 'DE', operatorId: null };
  if (/^\d+$/.test(text) && LENGTH_KIND[text.length]) {
    return { kind: LENGTH_KIND[text.length], key: text, operatorId: null };
  }
  const operator = /^operator:([1-9]\d{0,9})$/i.exec(text);
  return operator ? { kind: 'operator', key: `operator:${operator[1]}`, operatorId: Number(operator[1]) } : null;
}

/** Parses an area key of one of the `syntax`'s forms; anything else is a 400 pointing at the `area` parameter. */
export function parseAreaKey<K extends AreaKeyKind>(text: string, syntax: AreaSyntax<K>): AreaSpec<K> {
  const spec = specOf(text.trim());
  if (spec && (syntax.kinds as readonly AreaKeyKind[]).includes(spec.kind)) return spec as AreaSpec<K>;
  throw new BadRequestError(`Ungültiges Gebiet „${text}“.`, [
    { parameter: 'area', detail: `erwartet ${syntax.description}` },
  ]);
}

/** Parses an area of the component reports ({@link REPORT_AREAS}). */
export function parseArea(text: string): AreaSpec {
  return parseAreaKey(text, REPORT_AREAS);
}

/** A parsed area looked up: its region (Land … Gemeinde) or operator; neither for Germany. */
export interface AreaPlace<K extends AreaKeyKind = AreaKeyKind> {
  spec: AreaSpec<K>;
  region: Region | null;
  operator: Operator | null;
}

/** Looks a parsed area up; 404 for a key that does not exist or names a region of another level. */
export async function findArea<K extends AreaKeyKind>(
  manager: EntityManager,
  spec: AreaSpec<K>,
): Promise<AreaPlace<K>> {
  if (spec.kind === 'germany') return { spec, region: null, operator: null };
  if (spec.kind === 'operator') {
    const operator = await manager.findOneBy(Operator, { id: spec.operatorId as number });
    if (!operator) throw new NotFoundError(`Kein Betreiber mit der Nummer ${spec.operatorId}.`);
    return { spec, region: null, operator };
  }
  const region = await findRegion(manager, spec.key);
  if (region.level !== spec.kind) throw new NotFoundError(`Kein Gebiet mit dem Schlüssel ${spec.key}.`);
  return { spec, region, operator: null };
}

/** A municipality (Gemeinde) of an area. */
export interface AreaMunicipality {
  id: number;
  key: string;
  name: string;
  population: number;
  kreisKey: string | null;
  landKey: string;
}

/** A resolved area. */
export interface Area {
  kind: AreaKind;
  key: string;
  /** Official name (of the Land, Kreis, operator …). */
  name: string;
  /** Heading form, e.g. "Landkreis Esslingen". */
  label: string;
  /** Sentence form, e.g. "im Landkreis Esslingen". */
  inPhrase: string;
  operator: { id: number; name: string; type: OperatorType } | null;
  /** Current Gemeinden without gemeindefreie Gebiete, ordered by AGS. */
  municipalities: AreaMunicipality[];
  population: number;
  /** Länder the municipalities belong to (for comparisons beyond the area). */
  landKeys: string[];
  /** SQL condition on `regions r` selecting the area's regions of every level, and its parameters. */
  condition: string;
  params: unknown[];
}

/** The area as reports show it. */
export interface AreaView {
  key: string;
  kind: AreaKind;
  name: string;
  label: string;
  municipalityCount: number;
  population: number;
}

/** The view of an area for report bodies. */
export function areaView(area: Area): AreaView {
  return {
    key: area.key,
    kind: area.kind,
    name: area.name,
    label: area.label,
    municipalityCount: area.municipalities.length,
    population: area.population,
  };
}

interface Scope {
  name: string;
  label: string;
  inPhrase: string;
  operator: Area['operator'];
  condition: string;
  params: unknown[];
}

/** The wording and the SQL condition on `regions r` of a looked-up area. */
function scopeOf({ spec, region, operator }: AreaPlace<AreaKind>): Scope {
  if (operator) {
    return {
      name: operator.name,
      label: `Versorgungsgebiet ${operator.name}`,
      inPhrase: `im Versorgungsgebiet von ${operator.name} (${OPERATOR_TYPE_LABELS[operator.type]})`,
      operator: { id: operator.id, name: operator.name, type: operator.type },
      condition: 'r.id IN (SELECT x.region_id FROM component_records x WHERE x.operator_id = ?)',
      params: [operator.id],
    };
  }
  if (!region) {
    return {
      name: 'Deutschland',
      label: 'Deutschland',
      inPhrase: 'in Deutschland',
      operator: null,
      condition: '1 = 1',
      params: [],
    };
  }
  const { name, key } = region;
  if (spec.kind === 'land') {
    return { name, label: name, inPhrase: inLand(name), operator: null, condition: 'r.land_key = ?', params: [key] };
  }
  if (spec.kind === 'regierungsbezirk') {
    return {
      name,
      label: name,
      inPhrase: `im Gebiet ${name}`,
      operator: null,
      condition: 'r.rb_key = ?',
      params: [key],
    };
  }
  return {
    name,
    label: kreisLabel(name, region.typeLabel),
    inPhrase: inKreis(name, region.typeLabel),
    operator: null,
    condition: '(r.kreis_key = ? OR r.key = ?)',
    params: [key, key],
  };
}

interface MunicipalityRow {
  id: number;
  key: string;
  name: string;
  population: number | null;
  kreisKey: string | null;
  landKey: string;
}

/** Resolves an area text (see {@link parseArea}); 404 for a well-formed key that does not exist. */
export async function resolveArea(manager: EntityManager, text: string): Promise<Area> {
  const spec = parseArea(text);
  const scope = scopeOf(await findArea(manager, spec));
  const rows = await selectRows<MunicipalityRow>(
    manager,
    `SELECT r.id AS "id", r.key AS "key", r.name AS "name", r.population AS "population",
            r.kreis_key AS "kreisKey", r.land_key AS "landKey"
       FROM regions r WHERE ${MUNICIPALITY_CONDITION} AND (${scope.condition}) ORDER BY r.key`,
    [...MUNICIPALITY_PARAMS, ...scope.params],
  );
  const municipalities = rows.map((r) => ({ ...r, id: num(r.id), population: num(r.population) }));
  return {
    kind: spec.kind,
    key: spec.key,
    ...scope,
    municipalities,
    population: municipalities.reduce((sum, m) => sum + m.population, 0),
    landKeys: [...new Set(municipalities.map((m) => m.landKey))].sort(),
  };
}

/** Names of the Kreise and Länder of some Länder, for headings and sentences. */
export interface PlaceNames {
  kreise: Map<string, { name: string; typeLabel: string | null; landKey: string }>;
  laender: Map<string, string>;
}

/** Loads the Kreis and Land names of the given Länder in one query. */
export async function loadPlaceNames(manager: EntityManager, landKeys: string[]): Promise<PlaceNames> {
  const names: PlaceNames = { kreise: new Map(), laender: new Map() };
  if (landKeys.length === 0) return names;
  const rows = await selectRows<{
    key: string;
    name: string;
    typeLabel: string | null;
    level: string;
    landKey: string;
  }>(
    manager,
    `SELECT r.key AS "key", r.name AS "name", r.type_label AS "typeLabel", r.level AS "level", r.land_key AS "landKey"
       FROM regions r WHERE r.level IN ('land', 'kreis') AND r.land_key IN (${placeholders(landKeys.length)})`,
    landKeys,
  );
  for (const row of rows) {
    if (row.level === 'land') names.laender.set(row.key, row.name);
    else names.kreise.set(row.key, { name: row.name, typeLabel: row.typeLabel, landKey: row.landKey });
  }
  return names;
}

/** The German note every report carries about Kreis- and Verband-level records. */
export const UPPER_LEVEL_NOTE =
  'Zeilen sind Gemeinden (ohne gemeindefreie Gebiete). Eigene Einträge von Kreisen und Gemeindeverbänden ' +
  '(z. B. der Formularserver eines Landkreises) werden gesondert ausgewiesen und zählen nicht als Komponenten der Gemeinden.';
