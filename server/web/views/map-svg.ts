import { mergeArcs } from 'topojson-client';
import type { MultiPolygon, Polygon, Topology } from 'topojson-specification';
import type { Geometry } from '../../../lib/geo/shipped';
import type { GemeindeShape } from '../../../lib/geo/geometry-file';
import { arcsPath, borderArcs, boxOf, fitFrame, polygonPath, type PolygonArcs } from '../../../lib/geo/svg-paths';
import type { MapReport } from '../../../reports/map/report';
import { escapeHtml } from './html';

/**
 * The SVG of a choropleth map: self-contained (colours as presentation attributes, legend and
 * attribution inside), so the same markup is inlined in the page and downloaded as a file.
 * Strings are concatenated rather than templated: the map of all Gemeinden has 11 000 links.
 */

/** ColorBrewer "Blues", 5 classes: sequential, colour-blind safe, ordered in greyscale too. */
export const MAP_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
/** For three classes (a component's status), the first, middle and last of the five. */
const THREE = [MAP_COLOURS[0], MAP_COLOURS[2], MAP_COLOURS[4]];
/**
 * Operators (no order): the Okabe-Ito colours distinct for colour-blind readers, "andere" a mid
 * grey, "nicht im Einsatz" white. Greyscale cannot tell operators apart; the labels and the
 * table can.
 */
const CATEGORICAL = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#cc79a7'];

/** Areas without a Gemeinde of the directory (gemeindefrei, or not assignable). */
const NEUTRAL = '#d9d9d9';

/** View units of the map's width; heights follow the area's shape. */
export const MAP_WIDTH = 1000;

function polygonsOf(shape: Polygon | MultiPolygon): PolygonArcs[] {
  return shape.type === 'Polygon' ? [shape.arcs] : shape.arcs;
}

const merged = new WeakMap<Topology, Map<string, PolygonArcs[]>>();

/** The polygons of a unit: one Gemeinde's own, or its Gemeinden dissolved (cached per topology). */
function unitPolygons(
  topology: Topology,
  shapes: Map<string, GemeindeShape>,
  key: string,
  members: string[],
): PolygonArcs[] {
  const parts = members.map((m) => shapes.get(m)).filter((s): s is GemeindeShape => s !== undefined);
  if (members.length === 1) return parts.length === 1 ? polygonsOf(parts[0]) : [];
  let cache = merged.get(topology);
  if (!cache) merged.set(topology, (cache = new Map()));
  const id = `${key}:${members.join(',')}`;
  let polygons = cache.get(id);
  if (!polygons) {
    polygons = parts.length === 0 ? [] : mergeArcs(topology, parts as Parameters<typeof mergeArcs>[1]).arcs;
    cache.set(id, polygons);
  }
  return polygons;
}

/** The legend's rows below the classes: no data, the report's second no-data class, neutral. */
function extraRows(report: MapReport): number {
  return report.notApplicableLabel ? 3 : 2;
}

function legend(report: MapReport, top: number, colours: string[], patternId: string): string {
  const rows = [
    ...report.classes.map((c, i) => ({ fill: colours[i], label: c.label })),
    { fill: `url(#${patternId})`, label: 'keine Angaben' },
    ...(report.notApplicableLabel ? [{ fill: `url(#${patternId}-na)`, label: report.notApplicableLabel }] : []),
    { fill: NEUTRAL, label: 'gemeindefrei oder keiner Gemeinde zugeordnet' },
  ];
  const items = rows
    .map(
      (r, i) =>
        `<rect x="8" y="${top + 34 + i * 30}" width="40" height="22" fill="${r.fill}" stroke="#444"/>` +
        `<text x="58" y="${top + 51 + i * 30}">${escapeHtml(r.label)}</text>`,
    )
    .join('');
  return `<g font-family="sans-serif" font-size="20" fill="#111"><text x="8" y="${top + 22}" font-weight="bold">${escapeHtml(report.measureLabel)}</text>${items}</g>`;
}

/**
 * Renders the map. Germany uses the overview geometry; a Land, Regierungsbezirk or Kreis the
 * detailed one. `idPrefix` keeps ids unique when two maps share a page.
 */
export function mapSvg(report: MapReport, geometry: Geometry, idPrefix = 'karte'): string {
  const overview = report.areaKey === 'DE';
  const topology = overview ? geometry.overview : geometry.file;
  const shapes = overview ? geometry.overviewShapes : geometry.shapes;
  const colours =
    report.palette === 'categorical'
      ? [...CATEGORICAL.slice(0, report.classes.length - 2), '#8c8c8c', '#ffffff']
      : report.classes.length === 3
        ? THREE
        : MAP_COLOURS;
  const units = report.units.map((u) => ({ unit: u, polygons: unitPolygons(topology, shapes, u.key, u.members) }));
  const drawn = new Set(report.units.flatMap((u) => u.members));
  const prefix = overview ? '' : report.areaKey;
  // Gemeindefreie Gebiete and pieces no Gemeinde took, so the area has no holes.
  const neutral: PolygonArcs[][] = [];
  for (const [key, shape] of shapes) if (key.startsWith(prefix) && !drawn.has(key)) neutral.push(polygonsOf(shape));
  const unassigned = overview
    ? geometry.overview.objects.unassigned.geometries
    : geometry.file.objects.unassigned.geometries;
  for (const shape of unassigned)
    if (String(shape.id).startsWith(prefix)) neutral.push(polygonsOf(shape as Polygon | MultiPolygon));
  const frame = fitFrame(boxOf(topology, [...units.flatMap((u) => u.polygons), ...neutral.flat()]), MAP_WIDTH);
  const patternId = `${idPrefix}-keine-angaben`;
  const byClass = new Map<number, string[]>();
  for (const { unit, polygons } of units) {
    const label = escapeHtml(`${unit.name}: ${unit.valueText}`);
    const d = polygonPath(topology, polygons, frame);
    if (!d) continue;
    const link = `<a href="${escapeHtml(unit.href)}" aria-label="${label}"><title>${label}</title><path d="${d}"/></a>`;
    const list = byClass.get(unit.classIndex) ?? [];
    list.push(link);
    byClass.set(unit.classIndex, list);
  }
  const groups = [...byClass]
    .sort(([a], [b]) => a - b)
    .map(
      ([c, links]) =>
        `<g fill="${c === -2 ? `url(#${patternId}-na)` : c < 0 ? `url(#${patternId})` : colours[c]}">${links.join('')}</g>`,
    )
    .join('');
  const neutralPaths = neutral.map((p) => polygonPath(topology, p, frame)).join('');
  const borders =
    report.outlineLabel === null
      ? ''
      : arcsPath(topology, borderArcs(units.map((u) => ({ polygons: u.polygons, group: u.unit.group }))), frame);
  const legendTop = frame.height + 10;
  const legendHeight = 44 + (report.classes.length + extraRows(report)) * 30;
  const height = legendTop + legendHeight + 40;
  const meta = geometry.file.meta;
  const title = escapeHtml(`${report.areaLabel}: ${report.measureLabel}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 ${MAP_WIDTH} ${height}" role="group" aria-label="Karte ${title}">` +
    `<defs><pattern id="${patternId}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#6b6b6b" stroke-width="3"/></pattern>` +
    // A second no-data class ("nicht zuständig"): dots, told apart from the hatching in greyscale too.
    (report.notApplicableLabel
      ? `<pattern id="${patternId}-na" width="8" height="8" patternUnits="userSpaceOnUse">` +
        `<rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="1.6" fill="#6b6b6b"/></pattern>`
      : '') +
    `</defs>` +
    `<g stroke="#555" stroke-width="0.4" stroke-linejoin="round">` +
    (neutralPaths ? `<path fill="${NEUTRAL}" d="${neutralPaths}" aria-hidden="true"/>` : '') +
    `${groups}</g>` +
    (borders
      ? `<path class="map-border" fill="none" stroke="#111" stroke-width="1.6" d="${borders}" aria-hidden="true"/>`
      : '') +
    legend(report, legendTop, colours, patternId) +
    `<a href="${escapeHtml(meta.attributionUrl)}"><text x="${MAP_WIDTH - 8}" y="${height - 12}" text-anchor="end" font-family="sans-serif" font-size="18" fill="#111">` +
    `${escapeHtml(meta.attribution)}, ${escapeHtml(meta.licence.replace(/^.*\((.*)\)$/, '$1'))}</text></a></svg>`
  );
}
