import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DEFAULT_IMPORT_LIMITS, readTabular, readXlsx } from '../../../importers/tabular';
import { bombWorkbook, textCell, workbook, xfdWorkbook } from '../../fixtures/hostile/xlsx-builder';

const HOSTILE = join(__dirname, '../../fixtures/hostile');

function mb(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

describe('XLSX reader limits (issue 12, findings 1 and 2)', () => {
  it('the committed XFD fixture is the builder output', async () => {
    expect(readFileSync(join(HOSTILE, 'xfd-columns.xlsx')).equals(await xfdWorkbook(500))).toBe(true);
  });

  it('refuses a sheet with a cell in column XFD on every row, naming IMPORT_MAX_COLUMNS', async () => {
    const bytes = readFileSync(join(HOSTILE, 'xfd-columns.xlsx'));
    expect(bytes.length).toBeLessThan(16 * 1024);
    const before = process.memoryUsage().rss;
    const sheet = await readTabular(bytes);
    expect(sheet.rows).toEqual([]);
    expect(sheet.problems).toHaveLength(1);
    expect(sheet.problems[0].severity).toBe('error');
    expect(sheet.problems[0].detail).toBe(
      'Das Tabellenblatt nutzt Spalte XFD (Nr. 16.384); gelesen werden höchstens 200 Spalten (bis GR, Grenze ' +
        'IMPORT_MAX_COLUMNS). Bitte Inhalte rechts davon löschen.',
    );
    // The old reader grew by gigabytes here; the refusal builds nothing.
    expect(mb(process.memoryUsage().rss - before)).toBeLessThan(200);
  });

  it('reads a cell far right that is within the limit sparsely, padded to the widest content', async () => {
    const bytes = await workbook(
      `<row r="1">${textCell('A1', 'ags')}${textCell('B1', 'component')}</row>` +
        `<row r="3">${textCell('A3', '16051000')}${textCell('E3', 'rechts')}<c r="XFD3" s="1"/></row>`,
    );
    const sheet = await readXlsx(bytes, DEFAULT_IMPORT_LIMITS);
    expect(sheet.problems).toEqual([]);
    expect(sheet.headers).toEqual(['ags', 'component']);
    // A formatting-only cell in XFD is no content: it neither widens the row nor refuses the file.
    expect(sheet.rows).toEqual([{ row: 3, cells: ['16051000', '', '', '', 'rechts'] }]);
  });

  it('refuses rows, cells and columns beyond configured limits, each named', async () => {
    let xml = `<row r="1">${textCell('A1', 'ags')}${textCell('B1', 'x')}${textCell('C1', 'y')}</row>`;
    for (let r = 2; r <= 11; r += 1) xml += `<row r="${r}">${textCell(`A${r}`, String(r))}</row>`;
    const bytes = await workbook(xml);
    const rows = await readXlsx(bytes, { ...DEFAULT_IMPORT_LIMITS, maxRows: 10 });
    expect(rows.problems[0].detail).toMatch(/^Das Tabellenblatt hat mehr als 10 Zeilen \(Grenze IMPORT_MAX_ROWS\)/);
    const cells = await readXlsx(bytes, { ...DEFAULT_IMPORT_LIMITS, maxCells: 12 });
    expect(cells.problems[0].detail).toMatch(/^Die XLSX-Datei hat mehr als 12 Zellen \(Grenze IMPORT_MAX_CELLS\)/);
    const columns = await readXlsx(bytes, { ...DEFAULT_IMPORT_LIMITS, maxColumns: 2 });
    expect(columns.problems[0].detail).toMatch(
      /^Das Tabellenblatt nutzt Spalte C \(Nr\. 3\); gelesen werden höchstens 2/,
    );
    const fits = await readXlsx(bytes, { ...DEFAULT_IMPORT_LIMITS, maxRows: 11, maxCells: 13, maxColumns: 3 });
    expect(fits.problems).toEqual([]);
    expect(fits.rows).toHaveLength(10);
  });

  it('refuses a merged area reaching beyond the column limit (exceljs would fill every cell of it)', async () => {
    const bytes = await workbook(
      `<row r="1">${textCell('A1', 'ags')}</row></sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells><sheetData>`,
    );
    const sheet = await readXlsx(bytes, DEFAULT_IMPORT_LIMITS);
    expect(sheet.problems[0].detail).toMatch(/Spalte XFD .*IMPORT_MAX_COLUMNS/);
  });

  it('refuses a zip bomb (400 MB of sheet XML in a file of well under 2 MB) before inflating it', async () => {
    const bytes = await bombWorkbook(400);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const sheet = await readTabular(bytes);
    expect(sheet.problems).toEqual([
      {
        severity: 'error',
        detail:
          'Die XLSX-Datei entpackt sich auf mehr als 200 MB (Grenze IMPORT_MAX_UNPACKED_MB); so große ' +
          'Arbeitsmappen werden nicht gelesen.',
      },
    ]);
    expect(mb(process.memoryUsage().rss - before)).toBeLessThan(100);
  });

  it('refuses a part compressed far beyond ordinary XML even under the size limit', async () => {
    const sheet = await readXlsx(await bombWorkbook(100), DEFAULT_IMPORT_LIMITS);
    expect(sheet.problems[0].detail).toMatch(
      /^Der Teil „xl\/worksheets\/sheet1\.xml“ der XLSX-Datei ist mehr als 150-fach komprimiert/,
    );
  });

  it('does not believe a central directory that understates the unpacked size', async () => {
    // Declares 1 MB, inflates to 100 MB: reading stops at the declared size.
    const sheet = await readXlsx(await bombWorkbook(100, 1024 * 1024), DEFAULT_IMPORT_LIMITS);
    expect(sheet.problems).toHaveLength(1);
    expect(sheet.problems[0].detail).toBe(
      'Die XLSX-Datei lässt sich nicht öffnen (beschädigt oder keine Excel-Arbeitsmappe).',
    );
  });

  it('still reads an ordinary workbook written by exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bestand');
    ws.addRow(['ags', 'component', 'status']);
    ws.addRow(['16051000', 'bund-id', 'live']);
    ws.addRow([]);
    ws.addRow(['16053000', 'e-payment', 'planned']);
    const sheet = await readTabular(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['16051000', 'bund-id', 'live'] },
      { row: 4, cells: ['16053000', 'e-payment', 'planned'] },
    ]);
  });
});
