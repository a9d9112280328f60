import { buildGeometryFile, type SourceFeature } from '../../../../lib/geo/build';
import { adjacency, prepareGeometry } from '../../../../lib/geo/shipped';
import { borderArcs, boxOf, fitFrame, polygonPath } from '../../../../lib/geo/svg-paths';

/** A square of 1 km² (100 ha) with its lower left corner at (x, y) km. */
function square(key: string, name: string, x: number, y: number): SourceFeature {
  const [x0, y0, x1, y1] = [x * 1000, y * 1000, (x + 1) * 1000, (y + 1) * 1000];
  return {
    type: 'Feature',
    properties: { key, name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    },
  };
}

/**
 * A row of four squares in Kreis 01001 (A B C D, west to east) and one in Kreis 01002 (E, east of
 * D). Since the old edition, B merged into A (A's directory area is 200 ha), C and D formed the
 * new Gemeinde F (key 01001099), and E is gone without a successor in its Kreis.
 */
const features = [
  square('01001001', 'A', 0, 0),
  square('01001002', 'B', 1, 0),
  square('01001003', 'C', 2, 0),
  square('01001004', 'D', 3, 0),
  square('01002001', 'E', 4, 0),
];
const directory = [
  { key: '01001001', name: 'A', areaHa: 200 },
  { key: '01001099', name: 'F', areaHa: 200 },
  { key: '01002002', name: 'G', areaHa: 50 },
];
const meta = {
  attribution: '© GeoBasis-DE / BKG 2021 (Daten verändert)',
  attributionUrl: 'https://www.bkg.bund.de',
  licence: 'dl-de/by-2-0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
  geometryDate: '2021-01-01',
  directoryDate: '2025-08-31',
  edition: 'VG5000',
};

describe('buildGeometryFile', () => {
  const file = buildGeometryFile(features, directory, { meta, quantization: 1000 });

  it('dissolves merged Gemeinden into their current AGS and names what it cannot place', () => {
    const shapes = file.objects.gemeinden.geometries;
    expect(shapes.map((s) => s.id)).toEqual(['01001001', '01001099']);
    expect(shapes[0].properties).toEqual({ from: ['01001002 B'] });
    expect(shapes[1].properties).toEqual({ from: ['01001003 C', '01001004 D'] });
    expect(file.objects.unassigned.geometries.map((s) => s.id)).toEqual(['01002001']);
    expect(file.notes).toEqual([
      { key: '01002001', name: 'E', reason: 'Fläche von 2021 keiner heutigen Gemeinde zugeordnet; grau gezeichnet' },
      { key: '01002002', name: 'G', reason: 'keine Fläche im Geometriestand 2021' },
    ]);
    expect(file.meta).toEqual(meta);
    expect(file.transform).toBeDefined();
  });

  it('keeps shared borders shared: the dissolved shapes are neighbours, and each draws as one ring', () => {
    expect(adjacency(file)).toEqual(
      new Map([
        ['01001001', ['01001099']],
        ['01001099', ['01001001']],
      ]),
    );
    const geometry = prepareGeometry(file);
    const a = geometry.shapes.get('01001001');
    const f = geometry.shapes.get('01001099');
    if (!a || a.type !== 'Polygon' || !f || f.type !== 'Polygon') throw new Error('expected polygons');
    const frame = fitFrame(boxOf(file, [a.arcs, f.arcs]), 408, 4);
    // 4 km wide at 100 units per km: A is the western half, 200 × 100 units, one ring.
    expect(polygonPath(file, [a.arcs], frame).match(/M/g)).toHaveLength(1);
    const box = (d: string) => {
      const [, x, y, steps] = /^M(-?\d+) (-?\d+)l([^z]*)z$/.exec(d) ?? [];
      const xs = [Number(x)];
      const ys = [Number(y)];
      const deltas = steps.split(' ').map(Number);
      for (let i = 0; i < deltas.length; i += 2) {
        xs.push(xs[xs.length - 1] + deltas[i]);
        ys.push(ys[ys.length - 1] + deltas[i + 1]);
      }
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    };
    expect(box(polygonPath(file, [a.arcs], frame))).toEqual([4, 4, 204, 104]);
    expect(box(polygonPath(file, [f.arcs], frame))).toEqual([204, 4, 404, 104]);
  });

  it('outlines groups: the border between two Gemeinden of one Verband is not drawn thick', () => {
    const [a, f] = file.objects.gemeinden.geometries;
    if (a.type !== 'Polygon' || f.type !== 'Polygon') throw new Error('expected polygons');
    const shared = a.arcs
      .flat()
      .map((i) => (i < 0 ? ~i : i))
      .filter((i) => f.arcs.flat().some((j) => (j < 0 ? ~j : j) === i));
    expect(shared.length).toBeGreaterThan(0);
    const together = borderArcs([
      { polygons: [a.arcs], group: 'verband' },
      { polygons: [f.arcs], group: 'verband' },
    ]);
    const apart = borderArcs([
      { polygons: [a.arcs], group: 'a' },
      { polygons: [f.arcs], group: 'f' },
    ]);
    for (const arc of shared) {
      expect(together).not.toContain(arc);
      expect(apart).toContain(arc);
    }
  });
});
