import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { shippedGeometry } from '../../lib/geo/shipped';
import { parseTarget } from '../../lib/maturity';
import { BadRequestError } from '../../lib/errors';
import { OZG_MEASURE, type OzgMapChoice } from '../../reports/map/ozg';
import type { Area } from '../../reports/area';
import { buildMapReport, knownMeasure, mapLevels, type MapLevel, type MapReport } from '../../reports/map/report';
import type { SafeHtml } from './views/html';
import { mapSection } from './views/map.view';

/** The map a page asks for: `karte` (measure) and `ebene` (level) from the query, as plain data. */
export interface MapChoice {
  measure?: string;
  level?: string;
  /** For `karte=ozg`: the OZG-Leistung (`ozg`), or the Themenfeld (`themenfeld`, id or name), and the target (`ziel`). */
  ozg?: OzgMapChoice;
}

/** Reads the map choice from a query; anything unknown falls back to the defaults. */
export function mapChoice(query: Request['query']): MapChoice {
  const pick = (v: unknown) => (typeof v === 'string' && /^[a-z0-9-]{1,40}$/.test(v) ? v : undefined);
  const ozgId = typeof query.ozg === 'string' && /^\d{1,9}$/.test(query.ozg) ? Number(query.ozg) : undefined;
  // Themenfeld names carry spaces, umlauts and "&"; the catalogue filter compares them as text.
  const themenfeld =
    typeof query.themenfeld === 'string' && /^[\p{L}\p{N} ,.&()'\u2013-]{1,80}$/u.test(query.themenfeld)
      ? query.themenfeld
      : undefined;
  const target = typeof query.ziel === 'string' ? parseTarget(query.ziel) : undefined;
  return {
    measure: pick(query.karte),
    level: pick(query.ebene),
    ozg: { ...(ozgId !== undefined ? { ozgId } : themenfeld ? { themenfeld } : {}), ...(target && { target }) },
  };
}

/** The map report for a choice, with the levels the area offers. */
export async function mapReport(
  manager: EntityManager,
  area: Area,
  choice: MapChoice,
): Promise<{ report: MapReport; levels: MapLevel[] }> {
  const levels = mapLevels(area.kind);
  const level = levels.find((l) => l === choice.level) ?? levels[0];
  let report: MapReport;
  try {
    report = await buildMapReport(manager, area, level, choice.measure ?? 'anzahl', choice.ozg);
  } catch (error) {
    // An unknown Themenfeld in a stale link: the page still shows a map (the count), not a 400.
    if (!(error instanceof BadRequestError) || choice.measure !== OZG_MEASURE) throw error;
    return { report: await buildMapReport(manager, area, level, 'anzahl'), levels };
  }
  // An unknown component code falls back to the count, so a stale link still shows a map.
  if (choice.measure && !knownMeasure(choice.measure, report.components)) {
    return { report: await buildMapReport(manager, area, level, 'anzahl'), levels };
  }
  return { report, levels };
}

/** The map section of an area page (signed-in users only, like the other reports). */
export async function mapPart(manager: EntityManager, area: Area, choice: MapChoice): Promise<SafeHtml> {
  const { report, levels } = await mapReport(manager, area, choice);
  return mapSection(report, shippedGeometry(), levels);
}
