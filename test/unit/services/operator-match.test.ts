import { nearOperatorMatches, type OperatorCandidate } from '../../../services/operator-match';
import { groupIdenticalProblems, describeGroupRows, rowRanges } from '../../../importers/import-report';
import { closestColumn } from '../../../importers/tabular/headers';
import { INVENTORY_COLUMNS } from '../../../importers/inventory/inventory-columns';

const operators: OperatorCandidate[] = [
  {
    id: 1,
    name: 'KIV Kommunale Informationsverarbeitung Thüringen GmbH',
    shortName: 'KIV Thüringen',
    type: 'municipal-provider',
  },
  { id: 2, name: 'Anstalt für Kommunale Datenverarbeitung in Bayern', shortName: 'AKDB', type: 'municipal-provider' },
  { id: 3, name: 'Kommunale Datenverarbeitung Oldenburg', shortName: 'KDO', type: 'municipal-provider' },
  { id: 4, name: 'KDN – Dachverband kommunaler IT-Dienstleister', shortName: 'KDN', type: 'municipal-provider' },
  { id: 5, name: 'Eigene IT: Kiv (01001000)', shortName: null, type: 'own-it' },
];
const near = (typed: string) => nearOperatorMatches(typed, operators).map((m) => [m.operator.id, m.reason]);

describe('nearOperatorMatches', () => {
  it('finds the operator a short, abbreviated, reworded or mistyped name means', () => {
    expect(near('KIV')).toEqual([[1, 'prefix']]);
    expect(near('KIV-Thüringen GmbH')).toEqual([[1, 'same-letters']]);
    expect(near('Anstalt für kommunale Datenverarbeitung')).toEqual([[2, 'prefix']]);
    expect(near('KDO Oldenburg')).toEqual([[3, 'contains']]);
    expect(near('KIV Thueringn')).toEqual([[1, 'similar']]);
    expect(nearOperatorMatches('AKDB', [{ ...operators[1], shortName: null }]).map((m) => m.reason)).toEqual([
      'abbreviation',
    ]);
  });

  it('leaves unrelated names, short codes one letter apart and own IT departments alone', () => {
    expect(near('KDX')).toEqual([]);
    expect(near('Saale-Digital GmbH')).toEqual([]);
    expect(near('Kiv')).toEqual([[1, 'prefix']]);
  });
});

describe('import messages', () => {
  it('groups identical problems and tells their rows as ranges', () => {
    const problems = [2, 3, 4, 5, 9].map((row) => ({ severity: 'error' as const, row, column: 'x', detail: 'gleich' }));
    const [group] = groupIdenticalProblems([...problems, { severity: 'error', row: 7, column: 'x', detail: 'anders' }]);
    expect(group).toMatchObject({ count: 5, rowCount: 5, rows: [2, 3, 4, 5, 9] });
    expect(rowRanges(group.rows)).toBe('2–5, 9');
    expect(describeGroupRows(group)).toBe('5 Zeilen betroffen (Zeilen 2–5, 9)');
  });

  it('suggests the column a header typo meant', () => {
    expect(closestColumn('Komponnte', INVENTORY_COLUMNS)?.name).toBe('component');
    expect(closestColumn('Betriebr', INVENTORY_COLUMNS)?.name).toBe('operator');
    expect(closestColumn('Farbe', INVENTORY_COLUMNS)).toBeNull();
  });
});
