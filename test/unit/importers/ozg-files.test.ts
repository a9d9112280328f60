import { readFileSync } from 'node:fs';
import path from 'node:path';
import { coverageCell, criterionOfHeader, statusCell } from '../../../importers/offerings/offering-columns';
import { jsonErrorOffset, readJsonTable } from '../../../importers/ozg/json-table';
import { readCatalogue } from '../../../importers/ozg/ozg-catalogue';
import { editionFromFileNames, SHIPPED_EDITION } from '../../../importers/ozg/ozg.importer';

const SHARED = path.resolve(__dirname, '../../../../shared/data');
const file = (name: string, text: string) => ({ name, buffer: Buffer.from(text, 'utf8') });
const errors = <T extends { severity: string }>(problems: T[]) => problems.filter((p) => p.severity === 'error');

describe('OZG catalogue files', () => {
  it('recognises the pair by its headers, whatever the order', async () => {
    const ozg = file('ozg.csv', 'ozg_id,ozg_leistung,themenfeld\n10119,Personalausweis,Querschnitt\n');
    const leistungen = file('l.csv', 'leistungsschluessel,leistung,ozg_id\n99008001000000,Personalausweis,10119\n');
    const catalogue = await readCatalogue([leistungen, ozg]);
    expect(errors(catalogue.problems)).toEqual([]);
    expect(catalogue.files.map((f) => f.kind)).toEqual(['leistungen', 'ozg-leistungen']);
    expect(catalogue.ozg.get(10119)).toEqual({
      ozgId: 10119,
      name: 'Personalausweis',
      themenfeld: 'Querschnitt',
      themenfeldId: undefined,
      lebenslage: undefined,
      lebenslageId: undefined,
    });
    expect(catalogue.leistungen.get('99008001000000')).toEqual({
      key: '99008001000000',
      name: 'Personalausweis',
      ozgId: 10119,
    });
  });

  it('refuses two OZG-Leistungen files, an OZG-ID the pair lacks, and a joined file without OZG names', async () => {
    const ozg = file('ozg.csv', 'ozgid,ozg_bezeichnung\n10119,Personalausweis\n');
    expect(errors((await readCatalogue([ozg, ozg])).problems)[0].detail).toContain('Erwartet wird');
    const leistungen = file('l.csv', 'leika_key,leika_name,ozgid\n99008001000000,Personalausweis,10999\n');
    expect(errors((await readCatalogue([ozg, leistungen])).problems)).toEqual([
      expect.objectContaining({
        file: 'l.csv',
        row: 2,
        column: 'ozgid',
        detail: 'OZG-ID 10999 fehlt in der Datei der OZG-Leistungen.',
      }),
    ]);
    expect(errors((await readCatalogue([leistungen])).problems)[0].detail).toContain(
      'Pflichtspalte ozg_bezeichnung fehlt',
    );
  });

  it('warns when a joined file names one OZG-Leistung differently, and when a pair is incomplete', async () => {
    const joined = file(
      'j.csv',
      'leika_key;leika_name;ozgid;ozg_bezeichnung\n99008001000000;A;10119;Personalausweis\n99008001011000;B;10119;Ausweis\n',
    );
    const catalogue = await readCatalogue([joined]);
    expect(catalogue.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        row: 3,
        detail: expect.stringContaining('übernommen wird „Personalausweis“'),
      }),
    ]);
    const ozg = file('ozg.csv', 'ozgid,ozg_bezeichnung,anzahl_leika_leistungen\n10119,Personalausweis,48\n');
    const leistungen = file('l.csv', 'leika_key,leika_name,ozgid\n99008001000000,Personalausweis,10119\n');
    expect((await readCatalogue([ozg, leistungen])).problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'ozg.csv',
        detail: expect.stringContaining('laut Datei 48 Leistungen'),
      }),
    ]);
  });

  it('reads the shipped 2019 pair without errors, and its Leistungen file alone as a joined file', async () => {
    const pair = ['ozg_leistungen_2019.csv', 'ozg_leika_leistungen_2019.csv'].map((name) => ({
      name,
      buffer: readFileSync(path.join(SHARED, name)),
    }));
    const catalogue = await readCatalogue(pair);
    expect(errors(catalogue.problems)).toEqual([]);
    expect([catalogue.ozg.size, catalogue.leistungen.size, catalogue.skippedRows]).toEqual([557, 4813, 436]);
    // Without the OZG-Leistungen file only the 533 OZG-Leistungen that have Leistungen are known.
    const alone = await readCatalogue([pair[1]]);
    expect(errors(alone.problems)).toEqual([]);
    expect(alone.ozg.size).toBe(533);
    expect(alone.ozg.get(10172)?.name).toBe('Förderung von elektrisch betriebenen Fahrzeugen (Umweltbonus)');
  });

  it('names the edition after the file unless it is the shipped pair', () => {
    expect(editionFromFileNames(['/x/ozg_leistungen_2019.csv', 'ozg_leika_leistungen_2019.csv'])).toBe(SHIPPED_EDITION);
    expect(editionFromFileNames(['ozg_katalog_2024.json'])).toBe('OZG-Katalog ozg_katalog_2024');
  });
});

describe('JSON tables', () => {
  it('turns an array of objects into rows, keys into headers', () => {
    const sheet = readJsonTable(Buffer.from('\uFEFF[{"a": 1, "b": true}, {"c": null, "a": "x"}]'));
    expect(sheet.headers).toEqual(['a', 'b', 'c']);
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['1', 'true', ''] },
      { row: 2, cells: ['x', '', ''] },
    ]);
    expect(sheet.problems).toEqual([]);
  });

  it('reports syntax errors with line and column, and values that are no cell', () => {
    const broken = readJsonTable(Buffer.from('[\n  {"a": 1},\n  {"a": }\n]'));
    expect(broken.problems).toEqual([
      {
        severity: 'error',
        code: 'not-well-formed',
        line: 3,
        col: 9,
        detail: 'Die Datei ist kein gültiges JSON (Zeile 3, Spalte 9).',
      },
    ]);
    expect(jsonErrorOffset('[1, 2] x')).toBe(7);
    expect(jsonErrorOffset('[{"a": "offen}]')).toBe(15);
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('[{"a": 1}]')).toBe(-1);
    expect(readJsonTable(Buffer.from('{"a": 1}')).problems[0].detail).toContain('JSON-Array');
    expect(readJsonTable(Buffer.from('[{"a": {"b": 1}}, 3]')).problems).toEqual([
      expect.objectContaining({ row: 1, column: 'a' }),
      expect.objectContaining({ row: 2, detail: expect.stringContaining('kein Objekt') }),
    ]);
  });
});

describe('dashboard value spellings', () => {
  it('normalises online status and coverage, leaves anything else for the schema to refuse', () => {
    expect(['Online', 'verfügbar', 'ja', 'true', '1'].map(statusCell)).toEqual(Array(5).fill('online'));
    expect(['offline', 'Nein', 'false', '0', 'nicht verfügbar'].map(statusCell)).toEqual(Array(5).fill('offline'));
    expect(['In Umsetzung', 'geplant', 'planned'].map(statusCell)).toEqual(Array(3).fill('planned'));
    expect(statusCell('unbekannt')).toBe('unknown');
    expect(statusCell('vielleicht')).toBe('vielleicht');
    expect(['Flächendeckend', 'flaechendeckend', 'ja', 'true'].map(coverageCell)).toEqual(Array(4).fill(true));
    expect(['teilweise', 'punktuell', 'nein', 'false'].map(coverageCell)).toEqual(Array(4).fill(false));
    expect(coverageCell('überall')).toBe('überall');
  });

  it('reads criterion names from kriterium_ headers', () => {
    expect(criterionOfHeader('kriterium_nutzerkonto')).toBe('nutzerkonto');
    expect(criterionOfHeader('Kriterium Once-Only')).toBe('once-only');
    expect(criterionOfHeader('kriterium_')).toBeUndefined();
    expect(criterionOfHeader('reifegrad')).toBeUndefined();
  });
});
