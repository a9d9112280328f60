import { shippedDirectory } from '../../../../importers/geometry/geometry.generator';
import { shippedGeometry, shippedNeighbours } from '../../../../lib/geo/shipped';

/** The shipped geometry (`data/reference/geo/gemeinden.topo.json`) against the shipped directory. */
describe('shipped geometry', () => {
  const geometry = shippedGeometry();
  const directory = shippedDirectory();

  it('draws every current Gemeinde or names it in a note, and names every piece it could not assign', () => {
    const noted = new Set(geometry.file.notes.map((n) => n.key));
    const lost = directory.gemeinden.filter((g) => !geometry.shapes.has(g.key) && !noted.has(g.key));
    expect(lost).toEqual([]);
    expect(directory.gemeinden.length).toBe(10952);
    // Only the three areas without land surface in VG5000 lack a shape (all gemeindefrei).
    expect(directory.gemeinden.filter((g) => !geometry.shapes.has(g.key)).map((g) => g.key)).toEqual([
      '07000999',
      '10042999',
      '13000999',
    ]);
    for (const piece of geometry.unassigned) expect(noted.has(String(piece.id))).toBe(true);
    // Nothing drawn that the directory does not list.
    const current = new Set(directory.gemeinden.map((g) => g.key));
    expect([...geometry.shapes.keys()].filter((k) => !current.has(k))).toEqual([]);
    expect([...geometry.overviewShapes.keys()].length).toBe(geometry.shapes.size);
  });

  it('draws merged and renumbered Gemeinden from their 2021 predecessors', () => {
    expect(geometry.shapes.get('03153019')?.properties?.from).toEqual([
      '03153007 Langelsheim',
      '03153009 Lutter am Barenberge',
      '03153014 Wallmoden',
      '03153006 Hahausen',
    ]);
    expect(geometry.shapes.get('16063105')?.properties?.from).toEqual(['16056000 Eisenach']);
    expect(geometry.file.meta).toMatchObject({
      attribution: '© GeoBasis-DE / BKG 2021 (Daten verändert)',
      geometryDate: '2021-01-01',
      directoryDate: '2025-08-31',
      edition: 'VG5000',
    });
  });

  it('finds neighbours from shared borders, across Kreis borders too', () => {
    const neighbours = shippedNeighbours();
    // Stuttgart (Stadtkreis 08111) and Esslingen am Neckar (Landkreis Esslingen 08116) share a
    // border; in VG5000_GEM.shp their rings have 4 vertices in common (checked by hand).
    expect(neighbours.get('08111000')).toContain('08116019');
    expect(neighbours.get('08116019')).toContain('08111000');
    // München and Unterföhring (Landkreis München) too; München and Tübingen, Esslingen and
    // Sindelfingen (west of Stuttgart) do not touch.
    expect(neighbours.get('09162000')).toContain('09184147');
    expect(neighbours.get('08111000')).not.toContain('08416041');
    expect(neighbours.get('08116019')).not.toContain('08115045');
    // Symmetric everywhere.
    for (const [key, list] of neighbours) for (const other of list) expect(neighbours.get(other)).toContain(key);
  });
});
