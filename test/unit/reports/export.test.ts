import ExcelJS from 'exceljs';
import {
  buildTable,
  csvCell,
  fileStem,
  isFormulaLike,
  neutraliseText,
  toCsv,
  toTextTable,
  toXlsx,
  type ExportDocument,
} from '../../../reports/export';

describe('formula-injection neutralisation', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+49 711 123', "'+49 711 123"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rReturn', "'\rReturn"],
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
  ])('prefixes %j', (input, expected) => {
    expect(isFormulaLike(input)).toBe(true);
    expect(neutraliseText(input)).toBe(expected);
  });

  it.each(['Komm.ONE', 'a=b', 'E-Payment', '-5', '-2,5', '-0.75', ''])('leaves %j alone', (input) => {
    expect(neutraliseText(input)).toBe(input);
  });
});

describe('CSV', () => {
  const table = buildTable(
    'Test',
    [
      { header: 'Name', value: (r: { name: string; n: number | null; share: number; ok: boolean }) => r.name },
      { header: 'Anzahl', value: (r) => r.n },
      { header: 'Anteil (%)', value: (r) => r.share },
      { header: 'gut aufgestellt', value: (r) => r.ok },
    ],
    [
      { name: 'Esslingen am Neckar, Stadt', n: 94_000, share: 12.5, ok: true },
      { name: 'Semi;kolon "zitiert"', n: -3, share: 0, ok: false },
      { name: '=cmd|/C calc', n: null, share: -1.5, ok: false },
      { name: 'Zeilen\numbruch', n: 1, share: 1, ok: true },
    ],
  );
  const text = toCsv(table).toString('utf8');

  it('starts with a UTF-8 BOM and uses semicolons and CRLF', () => {
    expect(toCsv(table).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1).split('\r\n')[0]).toBe('Name;Anzahl;Anteil (%);gut aufgestellt');
  });

  it('quotes per RFC 4180 only where needed and writes numbers the German way', () => {
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toBe('Esslingen am Neckar, Stadt;94000;12,5;ja');
    expect(lines[2]).toBe('"Semi;kolon ""zitiert""";-3;0;nein');
    expect(lines[3]).toBe("'=cmd|/C calc;;-1,5;nein");
    expect(text).toContain('"Zeilen\numbruch";1;1;ja');
  });

  it('formats single cells', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(new Date('2025-08-31T00:00:00Z'))).toBe('2025-08-31T00:00:00.000Z');
  });
});

describe('XLSX', () => {
  it('writes numbers as numbers, neutralises text, bolds, freezes and filters the header', async () => {
    const document: ExportDocument = {
      title: 'Test',
      fileStem: 'test',
      notes: ['=Hinweis'],
      tables: [
        buildTable(
          'Ein sehr langer Tabellenname, der über einunddreißig Zeichen hinausgeht',
          [
            { header: 'Text', value: (r: [string, number]) => r[0] },
            { header: 'Zahl', value: (r) => r[1] },
          ],
          [
            ['@SUM(1)', -42],
            ['normal', 3.5],
          ],
        ),
      ],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(document)) as unknown as ExcelJS.Buffer);
    const [sheet, notes] = workbook.worksheets;
    expect(sheet.name).toHaveLength(31);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:B1');
    expect(sheet.getCell('A2').value).toBe("'@SUM(1)");
    expect(sheet.getCell('B2').value).toBe(-42);
    expect(sheet.getCell('B3').value).toBe(3.5);
    expect(notes.name).toBe('Hinweise');
    expect(notes.getCell('A2').value).toBe("'=Hinweis");
  });
});

describe('file names and text tables', () => {
  it('builds file names from German words', () => {
    expect(fileStem('Chancen', 'Landkreis Böblingen', '2025-08-31')).toBe('Chancen_Landkreis-Böblingen_2025-08-31');
    expect(fileStem('Umfragevergleich', 'Versorgungsgebiet ekom21 – KGRZ Hessen')).toBe(
      'Umfragevergleich_Versorgungsgebiet-ekom21-KGRZ-Hessen',
    );
  });

  it('aligns text tables, numbers right with German grouping, and strips control characters', () => {
    const text = toTextTable(
      buildTable(
        'T',
        [
          { header: 'Name', value: (r: [string, number]) => r[0] },
          { header: 'Einwohner', value: (r) => r[1] },
        ],
        [
          ['Aichwald', 7600],
          ['Esslingen\u001b[31m', 94000],
        ],
      ),
    );
    expect(text.split('\n')).toEqual([
      'Name            Einwohner',
      '--------------  ---------',
      'Aichwald            7.600',
      'Esslingen [31m     94.000',
    ]);
  });
});
