import { gzipSync } from 'node:zlib';
import { shippedDirectory } from '../importers/geometry/geometry.generator';
import { shippedGeometry } from '../lib/geo/shipped';
import { classify, mapLevels, type MapLevel, type MapReport } from '../reports/map/report';
import { mapSection } from '../server/web/views/map.view';
import { median, printFigure, timed } from './figures';
import type { BenchDatabases } from './landscape-database';
import { runOzgMapBench } from './maps-ozg';

/**
 * Issue 16: server-side rendering of the choropleth maps, without a database (the numbers are
 * generated; the geometry is the shipped one). Figures: the map of all Gemeinden of Germany
 * (time and gzip weight of the section: SVG, legend and table; target < 500 ms, < 1.5 MB) and
 * the map of the Kreis with the most Gemeinden, Verbände outlined (target < 100 ms).
 */

const CLASSES = [
  { label: 'unter 1', below: 1 },
  { label: '1 bis unter 3', below: 3 },
  { label: '3 bis unter 5', below: 5 },
  { label: '5 bis unter 7', below: 7 },
  { label: '7 und mehr', below: Infinity },
];

function syntheticReport(areaKey: string, level: MapLevel, gemeinden: { key: string; name: string }[]): MapReport {
  const units = gemeinden.map((g, i) => {
    // Deterministic values 0–9 and about a third without data, like a partly filled landscape.
    const value = i % 3 === 0 ? null : (i * 7) % 10;
    return {
      key: g.key,
      name: g.name,
      href: `/kommunen/${g.key}`,
      group: areaKey === 'DE' ? g.key.slice(0, 2) : g.key.slice(0, 9),
      members: [g.key],
      value,
      valueText: value === null ? 'keine Angaben' : `${value} von 9 im Einsatz`,
      classIndex: classify(CLASSES, value),
      demo: false,
    };
  });
  return {
    areaKey,
    areaLabel: areaKey,
    level,
    measure: 'anzahl',
    measureLabel: 'Komponenten im Einsatz (von 9)',
    outlineLabel: areaKey === 'DE' ? 'Länder' : 'Gemeindeverbände',
    classes: CLASSES,
    palette: 'sequential',
    units,
    components: [],
    demoData: false,
  };
}

/**
 * Renders each map once cold and five times warm, then times the OZG map on the gap benchmark's
 * database (`maps-ozg.ts`); prints the figures.
 */
export async function runMapsBench(databases: BenchDatabases): Promise<void> {
  const load = await timed(() => shippedGeometry());
  printFigure('maps-geometry-load', load.ms, 'ms');
  const geometry = load.result;
  const gemeinden = shippedDirectory().gemeinden.filter((g) => geometry.shapes.has(g.key));
  const perKreis = new Map<string, number>();
  for (const g of gemeinden) perKreis.set(g.key.slice(0, 5), (perKreis.get(g.key.slice(0, 5)) ?? 0) + 1);
  const kreis = [...perKreis].sort((a, b) => b[1] - a[1])[0][0];
  const cases = [
    { name: 'maps-germany-gemeinden', report: syntheticReport('DE', 'gemeinde', gemeinden) },
    {
      name: 'maps-kreis',
      report: syntheticReport(
        kreis,
        'gemeinde',
        gemeinden.filter((g) => g.key.startsWith(kreis)),
      ),
    },
  ];
  for (const { name, report } of cases) {
    const levels = mapLevels(report.areaKey === 'DE' ? 'germany' : 'kreis');
    const cold = await timed(() => mapSection(report, geometry, levels).value);
    const warm: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = process.cpuUsage();
      warm.push((await timed(() => mapSection(report, geometry, levels).value)).ms);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
    printFigure(`${name}-cold`, cold.ms, 'ms');
    printFigure(name, median(warm), 'ms');
    // CPU time as well: on a shared machine the wall clock mostly measures the neighbours.
    printFigure(`${name}-cpu`, median(cpu), 'ms');
    printFigure(`${name}-gzip`, gzipSync(cold.result).length / 1024, 'KiB');
    printFigure(`${name}-units`, report.units.length, 'areas');
  }
  await runOzgMapBench(databases);
}
