import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseGv100ad, type Gv100adParseResult, type Gv100adRegion } from '../../../importers/gv100ad/gv100ad.parser';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const FILE_2025 = path.join(DATA, 'GV100AD_31082025.txt');
const FILE_2023 = path.join(DATA, 'GV100AD_301123.txt');

function byKey(result: Gv100adParseResult): Map<string, Gv100adRegion> {
  return new Map(result.regions.map((r) => [r.key, r]));
}

/** Lines of the 2025 file (without BOM and newline) whose key field starts with a prefix (`'09 '`: only the Land). */
function linesOf2025(prefixes: string[]): string[] {
  const text = readFileSync(FILE_2025, 'utf8').replace(/^\uFEFF/, '');
  return text.split('\n').filter((l) => l.length > 0 && prefixes.some((p) => l.slice(10).startsWith(p)));
}

/** A record line with its fields changed at character positions (0-based). */
function patched(line: string, at: number, value: string): string {
  return line.slice(0, at) + value + line.slice(at + value.length);
}

describe('GV100AD parser on the real editions', () => {
  let edition2025: Gv100adParseResult;
  let edition2023: Gv100adParseResult;
  let regions2025: Map<string, Gv100adRegion>;

  beforeAll(() => {
    edition2025 = parseGv100ad(readFileSync(FILE_2025));
    edition2023 = parseGv100ad(readFileSync(FILE_2023));
    regions2025 = byKey(edition2025);
  });

  it('reads the 2025 edition (UTF-8 with BOM) with the published counts', () => {
    expect(edition2025.problems).toEqual([]);
    expect(edition2025.encoding).toBe('utf-8-bom');
    expect(edition2025.gebietsstand).toBe('2025-08-31');
    expect(edition2025.counts).toEqual({
      records: 15_999,
      byLevel: { land: 16, regierungsbezirk: 29, region: 12, kreis: 400, gemeindeverband: 4_590, gemeinde: 10_952 },
      verbandsfrei: 3_387,
      gemeindefrei: 201,
      population: 83_577_140,
    });
    // The 3,387 „verbandsfreie Gemeinde“ pseudo-records are counted, not stored.
    expect(edition2025.regions).toHaveLength(15_999 - 3_387);
    expect(edition2025.regions.filter((r) => r.level === 'gemeindeverband')).toHaveLength(4_590 - 3_387);
    expect(edition2025.regions.filter((r) => r.isUnincorporated)).toHaveLength(201);
  });

  it('reads the 2023 edition (UTF-8 without BOM)', () => {
    expect(edition2023.problems).toEqual([]);
    expect(edition2023.encoding).toBe('utf-8');
    expect(edition2023.gebietsstand).toBe('2023-11-30');
    expect(edition2023.counts.records).toBe(16_035);
    expect(edition2023.counts.byLevel.gemeinde).toBe(10_981);
  });

  it('finds the territorial changes between the editions', () => {
    const gemeinden = (r: Gv100adParseResult) =>
      new Map(r.regions.filter((g) => g.level === 'gemeinde').map((g) => [g.key, g]));
    const old = gemeinden(edition2023);
    const now = gemeinden(edition2025);
    expect([...old.keys()].filter((k) => !now.has(k))).toHaveLength(32);
    expect([...now.keys()].filter((k) => !old.has(k)).sort()).toEqual(['07232503', '16061119', '16076094']);
    const renamed = [...now.values()].filter((g) => old.has(g.key) && old.get(g.key)?.name !== g.name);
    expect(renamed).toHaveLength(13);
    expect(old.get('09184123')?.name).toBe('Haar');
    expect(now.get('09184123')?.name).toBe('Haar, St');
  });

  it('derives key, ARS, type and hierarchy of a kreisfreie Stadt', () => {
    expect(regions2025.get('09162000')).toMatchObject({
      level: 'gemeinde',
      name: 'München, Landeshauptstadt',
      textCode: '61',
      typeLabel: 'Kreisfreie Stadt',
      ars: '091620000000',
      landKey: '09',
      rbKey: '091',
      kreisKey: '09162',
      verbandKey: null,
      parentKey: '09162',
      population: 1_505_005,
      areaHa: 31_070,
      postcode: '80313',
      isUnincorporated: false,
      gebietsstand: '2025-08-31',
    });
    expect(regions2025.get('09162')).toMatchObject({
      level: 'kreis',
      typeLabel: 'Kreisfreie Stadt',
      parentKey: '091',
      seat: 'München',
    });
    expect(regions2025.get('09')).toMatchObject({
      level: 'land',
      name: 'Bayern',
      landKey: '09',
      parentKey: null,
      typeLabel: 'Land',
    });
  });

  it('builds the ARS of a Gemeinde in a Verbandsgemeinde from its Verband code', () => {
    expect(regions2025.get('072325005')).toMatchObject({
      level: 'gemeindeverband',
      name: 'Südeifel',
      typeLabel: 'Verbandsgemeinde',
      parentKey: '07232',
    });
    expect(regions2025.get('07232001')).toMatchObject({
      name: 'Affler',
      ars: '072325005001',
      verbandKey: '072325005',
      kreisKey: '07232',
      parentKey: '072325005',
    });
  });

  it('keeps the Verband code in the ARS of a verbandsfreie Gemeinde but parents it to its Kreis', () => {
    expect(regions2025.has('160760094')).toBe(false);
    expect(regions2025.get('16076094')).toMatchObject({
      name: 'Berga-Wünschendorf, Stadt',
      ars: '160760094094',
      verbandKey: null,
      parentKey: '16076',
    });
  });

  it('handles records without a Kreis record', () => {
    for (const key of ['07000999', '13000999']) {
      expect(regions2025.get(key)).toMatchObject({
        kreisKey: null,
        rbKey: null,
        verbandKey: null,
        parentKey: key.slice(0, 2),
        isUnincorporated: true,
      });
    }
    expect(regions2025.get('07000999')?.ars).toBe('070009999999');
    expect(regions2025.get('07000999')).toMatchObject({ population: 0, areaHa: 620 });
  });

  it('places a Kreis of Baden-Württemberg under its Region', () => {
    expect(regions2025.get('0811')).toMatchObject({ level: 'region', name: 'Region Stuttgart', parentKey: '081' });
    expect(regions2025.get('08115')).toMatchObject({
      level: 'kreis',
      name: 'Böblingen',
      parentKey: '0811',
      rbKey: '081',
    });
  });
});

describe('GV100AD parser: encodings and line endings', () => {
  const lines = linesOf2025(['01', '09 ', '091 ', '09162', '09184']);
  const reference = parseGv100ad(Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8'));

  it('gives the same regions with and without BOM', () => {
    const plain = parseGv100ad(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    expect(reference.encoding).toBe('utf-8-bom');
    expect(plain.encoding).toBe('utf-8');
    expect(plain.problems).toEqual([]);
    expect(plain.regions).toEqual(reference.regions);
  });

  it('reads an ISO-8859-1 (older edition) file', () => {
    const latin1 = parseGv100ad(Buffer.from(lines.join('\n'), 'latin1'));
    expect(latin1.encoding).toBe('windows-1252');
    expect(latin1.problems).toEqual([]);
    expect(latin1.regions).toEqual(reference.regions);
    expect(byKey(latin1).get('09184')?.name).toBe('München');
    expect(byKey(latin1).get('01001')?.name).toBe('Flensburg, Stadt');
  });

  it('accepts CRLF and a missing final newline', () => {
    const crlf = parseGv100ad(Buffer.from(lines.join('\r\n'), 'utf8'));
    expect(crlf.problems).toEqual([]);
    expect(crlf.regions).toEqual(reference.regions);
  });
});

describe('GV100AD parser: malformed files', () => {
  const [land, kreis, verband, gemeinde] = linesOf2025(['01', '01001', '010010000', '01001000']);

  it('rejects a file with a short line and an unknown Satzart, naming the lines', () => {
    const text = [land, kreis, verband.slice(0, 200), patched(gemeinde, 0, '70')].join('\n');
    const result = parseGv100ad(Buffer.from(text, 'utf8'));
    expect(result.regions).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        row: 3,
        column: 'Zeilenlänge',
        detail: expect.stringMatching(/200 statt 220/),
      }),
      expect.objectContaining({ severity: 'error', row: 4, column: 'Satzart', detail: expect.stringMatching(/„70“/) }),
    ]);
  });

  it('rejects an impossible Gebietsstand, a non-numeric key and a duplicate key', () => {
    const text = [land, patched(kreis, 2, '20251331'), patched(gemeinde, 15, '0x0'), gemeinde, gemeinde].join('\n');
    const result = parseGv100ad(Buffer.from(text, 'utf8'));
    expect(result.regions).toEqual([]);
    const found = result.problems.map((p) => [p.row, p.column]);
    expect(found).toEqual([
      [2, 'Gebietsstand'],
      [3, 'Schlüssel'],
      [5, 'Schlüssel'],
    ]);
    expect(result.problems[2].detail).toMatch(/schon in Zeile 4/);
  });

  it('warns about an unknown Textkennzeichen without rejecting the file', () => {
    const result = parseGv100ad(Buffer.from([land, kreis, patched(gemeinde, 122, '69')].join('\n'), 'utf8'));
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', row: 3, column: 'Textkennzeichen' }),
    ]);
    expect(byKey(result).get('01001000')).toMatchObject({ textCode: '69', typeLabel: null });
  });

  it('rejects an empty file', () => {
    const result = parseGv100ad(Buffer.alloc(0));
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(result.gebietsstand).toBeNull();
  });
});
