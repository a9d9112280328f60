import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { shippedGeometry } from '../../lib/geo/shipped';
import type { Area } from '../../reports/area';
import { buildMapReport, knownMeasure, mapLevels, type MapLevel, type MapReport } from '../../reports/map.report';
import type { SafeHtml } from '../views/html';
import { mapSection } from '../views/map.view';

/** The map a page asks for: `karte` (measure) and `ebene` (level) from the query, as plain data. */
export interface MapChoice {
  measure?: string;
  level?: string;
}

/** Reads the map choice from a query; anything unknown falls back to the defaults. */
export function mapChoice(query: Request['query']): MapChoice {
  const pick = (v: unknown) => (typeof v === 'string' && /^[a-z0-9-]{1,40}$/.test(v) ? v : undefined);
  return { measure: pick(query.karte), level: pick(query.ebene) };
}

/** The map report for a choice, with the levels the area offers. */
export async function mapReport(
  manager: EntityManager,
  area: Area,
  choice: MapChoice,
): Promise<{ report: MapReport; levels: MapLevel[] }> {
  const levels = mapLevels(area.kind);
  const level = levels.find((l) => l === choice.level) ?? levels[0];
  const report = await buildMapReport(manager, area, level, choice.measure ?? 'anzahl');
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
