import { baseName, joinShapes, type CurrentGemeinde, type OldShape } from '../../../../lib/geo/join';

/**
 * Hand-made cases after the real changes between VG5000 2021 and the directory of 31.08.2025:
 * Langelsheim (new AGS 03153019) from Langelsheim, Lutter am Barenberge, Wallmoden and
 * Hahausen; Eisenach renumbered from 16056000 into the Wartburgkreis (16063105); Hürup taking
 * Maasbüll and Tastrup under its own AGS.
 */
describe('joinShapes', () => {
  const old: OldShape[] = [
    { key: '03153007', name: 'Langelsheim', areaHa: 5155 },
    { key: '03153009', name: 'Lutter am Barenberge', areaHa: 3103 },
    { key: '03153014', name: 'Wallmoden', areaHa: 1742 },
    { key: '03153006', name: 'Hahausen', areaHa: 1166 },
    { key: '03153017', name: 'Goslar', areaHa: 16427 },
    { key: '16056000', name: 'Eisenach', areaHa: 10417 },
    { key: '01059126', name: 'Hürup', areaHa: 1598 },
    { key: '01059141', name: 'Maasbüll', areaHa: 821 },
    { key: '01059101', name: 'Tastrup', areaHa: 381 },
    { key: '01059116', name: 'Großsolt', areaHa: 2547 },
    { key: '09999451', name: 'Irgendein Forst', areaHa: 900 },
  ];
  // Indices into `old`; Goslar borders Langelsheim, Lutter and Hahausen.
  const neighbours = [[1, 2, 3, 4], [0, 2, 3, 4], [0, 1], [0, 1, 4], [0, 1, 3], [], [7, 8, 9], [6, 8], [6, 7], [6], []];
  const current: CurrentGemeinde[] = [
    { key: '03153019', name: 'Langelsheim, Stadt', areaHa: 10876 },
    { key: '03153017', name: 'Goslar, Stadt', areaHa: 16388 },
    { key: '16063105', name: 'Eisenach, Stadt', areaHa: 10417 },
    { key: '01059126', name: 'Hürup', areaHa: 2807 },
    { key: '01059116', name: 'Großsolt', areaHa: 2507 },
    { key: '13000999', name: 'Küstengewässer', areaHa: 100 },
  ];

  it('keeps the AGS, follows the name of a renumbered Gemeinde and adds merged pieces by area', () => {
    const result = joinShapes(old, neighbours, current);
    const of = (index: number) => result.assigned.get(index);
    expect(of(4)).toEqual({ key: '03153017', method: 'key' });
    expect(of(0)).toEqual({ key: '03153019', method: 'name' });
    expect([1, 2, 3].map(of)).toEqual([
      { key: '03153019', method: 'area' },
      { key: '03153019', method: 'area' },
      { key: '03153019', method: 'area' },
    ]);
    expect(of(5)).toEqual({ key: '16063105', method: 'name' });
    expect([of(7), of(8)]).toEqual([
      { key: '01059126', method: 'area' },
      { key: '01059126', method: 'area' },
    ]);
    // A piece no Gemeinde of its Kreis lacks stays unassigned; a Gemeinde without shape is named.
    expect(result.unassigned).toEqual([10]);
    expect(result.withoutShape).toEqual(['13000999']);
  });

  it('prefers the successor an admin mapped in the region history', () => {
    const result = joinShapes(old, neighbours, current, new Map([['01059141', '01059116']]));
    expect(result.assigned.get(7)).toEqual({ key: '01059116', method: 'history' });
  });

  it('compares names without the Destatis suffix', () => {
    expect(baseName('Eisenach, Stadt')).toBe('eisenach');
    expect(baseName('Lutter am Barenberge')).toBe('lutter am barenberge');
  });
});
