import ExcelJS from 'exceljs';
import { INVENTORY_COLUMNS } from '../../../importers/inventory/inventory-columns';
import { parseInventoryRows } from '../../../importers/inventory/inventory-rows';
import {
  cellText,
  detectDelimiter,
  mapHeaders,
  normaliseHeader,
  readCsv,
  readTabular,
  type TabularSheet,
} from '../../../importers/tabular';

const BOM = '\uFEFF';
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function cellsOf(sheet: TabularSheet): string[][] {
  return sheet.rows.map((r) => r.cells);
}

async function xlsxOf(rows: ExcelJS.CellValue[][], configure?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bestand');
  for (const row of rows) sheet.addRow(row);
  configure?.(sheet);
  workbook.addWorksheet('Zweites Blatt').addRow(['wird', 'nicht', 'gelesen']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('CSV reader', () => {
  it('reads UTF-8 with and without BOM alike, header included', () => {
    const text = 'ags;component;note\r\n09162000;epayment;Größe\r\n';
    const withBom = readCsv(utf8(BOM + text));
    const without = readCsv(utf8(text));
    expect(withBom.headers).toEqual(['ags', 'component', 'note']);
    expect(cellsOf(withBom)).toEqual([['09162000', 'epayment', 'Größe']]);
    expect(cellsOf(without)).toEqual(cellsOf(withBom));
    expect(withBom.details).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';' });
    expect(without.details).toMatchObject({ encoding: 'utf-8' });
    expect(withBom.problems).toEqual([]);
  });

  it('detects ; and , from the header line, ignoring separators inside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
    expect(detectDelimiter('"x;y;z",b\n1,2')).toBe(',');
    const comma = readCsv(utf8('ags,component,note\n09162000,epayment,"a; b, c"\n'));
    expect(comma.details.delimiter).toBe(',');
    expect(cellsOf(comma)).toEqual([['09162000', 'epayment', 'a; b, c']]);
  });

  it('keeps separators, quotes and line breaks inside quoted fields, and numbers rows like Excel', () => {
    const text = 'ags;note\n09162000;"eins; zwei"\n09162000;"Zeile 1\nZeile 2 mit ""Zitat"""\n\n09184118;letzte\n';
    const sheet = readCsv(utf8(text));
    expect(cellsOf(sheet)).toEqual([
      ['09162000', 'eins; zwei'],
      ['09162000', 'Zeile 1\nZeile 2 mit "Zitat"'],
      ['09184118', 'letzte'],
    ]);
    // Row 3 spans two lines but is one spreadsheet row; the blank row 4 is skipped but counted.
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 3, 5]);
  });

  it('skips blank lines (also lines of bare separators) and pads short rows', () => {
    const sheet = readCsv(utf8('\r\nags;component;status\r\n;;\r\n09162000;epayment\r\n\r\n'));
    expect(sheet.headerRow).toBe(2);
    expect(sheet.rows).toEqual([{ row: 4, cells: ['09162000', 'epayment', ''] }]);
  });

  it('reads windows-1252 (German Excel "CSV") with a warning, and refuses UTF-16', () => {
    const latin = Buffer.from('ags;note\r\n09162000;Gebühr für Straßen\r\n', 'latin1');
    const sheet = readCsv(latin);
    expect(sheet.details.encoding).toBe('windows-1252');
    expect(cellsOf(sheet)).toEqual([['09162000', 'Gebühr für Straßen']]);
    expect(sheet.problems).toEqual([
      expect.objectContaining({ severity: 'warning', detail: expect.stringMatching(/Windows-1252/) }),
    ]);

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ags;note\r\n', 'utf16le')]);
    const refused = readCsv(utf16);
    expect(refused.rows).toEqual([]);
    expect(refused.problems).toEqual([
      expect.objectContaining({ severity: 'error', detail: expect.stringMatching(/UTF-16/) }),
    ]);
  });

  it('reports an unclosed quote with the row where it starts', () => {
    const sheet = readCsv(utf8('ags;note\n09162000;ok\n09184118;"offen\n09184119;x\n'));
    expect(sheet.problems).toEqual([expect.objectContaining({ severity: 'error', row: 3 })]);
    expect(sheet.rows).toEqual([]);
  });

  it('reports an empty file', () => {
    expect(readCsv(utf8(BOM)).problems[0].detail).toMatch(/leer/);
  });
});

describe('XLSX reader', () => {
  it('reads the first worksheet: text keeps leading zeros, dates become ISO, numbers plain text', async () => {
    const bytes = await xlsxOf(
      [
        ['AGS', 'Komponente', 'Status', 'gültig ab', 'Bemerkung'],
        ['09162000', 'epayment', 'im Einsatz', new Date(Date.UTC(2024, 11, 31)), 1234567890123],
        [],
        [9162000, { richText: [{ text: 'form-' }, { text: 'server' }] }, 'geplant', '01.02.2025', 0.5],
        [
          { formula: '"0918"&"4118"', result: '09184118' },
          'chatbot',
          'unbekannt',
          null,
          { text: 'Link', hyperlink: 'https://example.org' },
        ],
      ],
      (sheet) => {
        sheet.getColumn(1).numFmt = '@';
      },
    );
    const sheet = await readTabular(bytes);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.details.sheet).toBe('Bestand');
    expect(sheet.headers).toEqual(['AGS', 'Komponente', 'Status', 'gültig ab', 'Bemerkung']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['09162000', 'epayment', 'im Einsatz', '2024-12-31', '1234567890123'] },
      { row: 4, cells: ['9162000', 'form-server', 'geplant', '01.02.2025', '0.5'] },
      { row: 5, cells: ['09184118', 'chatbot', 'unbekannt', '', 'Link'] },
    ]);
  });

  it('writes numbers without exponent', () => {
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1e-7)).toBe('0.0000001');
    expect(cellText(9162000)).toBe('9162000');
  });

  it('refuses a damaged workbook and the old .xls format with a message', async () => {
    const damaged = await readTabular(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(damaged.problems[0].detail).toMatch(/XLSX/);
    const xls = await readTabular(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.problems[0].detail).toMatch(/\.xls/);
  });
});

describe('headers and inventory rows', () => {
  it('normalises German headers and aliases', () => {
    expect(normaliseHeader(' Gültig ab ')).toBe('gueltig_ab');
    expect(normaliseHeader('Betreiber-Typ')).toBe('betreiber_typ');
    expect(normaliseHeader('Status*')).toBe('status');
    const sheet = readCsv(
      utf8(
        'Gemeindeschlüssel;Komponente;Status;Betreiber;Betreibertyp;Produkt;gültig ab;gueltig_bis;Notiz;für Gemeinden;neuer Betreiber\n',
      ),
    );
    const mapping = mapHeaders(sheet, INVENTORY_COLUMNS);
    expect(mapping.problems).toEqual([]);
    expect([...mapping.index.keys()]).toEqual(INVENTORY_COLUMNS.map((c) => c.name));
  });

  it('reports unknown and duplicate columns, and all missing required columns in one error', () => {
    const sheet = readCsv(utf8('AGS;Farbe;Notiz;Bemerkung\n09162000;blau;a;b\n'));
    const { problems } = mapHeaders(sheet, INVENTORY_COLUMNS);
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, column: 'Farbe', detail: expect.stringMatching(/Unbekannte Spalte/) }),
      expect.objectContaining({ row: 1, column: 'Bemerkung', detail: expect.stringMatching(/doppelt/) }),
      expect.objectContaining({
        row: 1,
        detail: expect.stringMatching(/Pflichtspalten fehlen: Komponente \(component\), status\./),
      }),
    ]);
  });

  it('maps German labels and dates, pads a 7-digit AGS with a warning, and reports every bad cell', () => {
    const sheet = readCsv(
      utf8(
        'Gemeindeschlüssel;Komponente;Status;Betreibertyp;gültig ab;Notiz\n' +
          '9162000;epayment;im Einsatz;Landeslösung;1.2.2024;\n' +
          '0916200;chatbot;kaputt;Nachbar;31.02.2024;x\n' +
          ';;;;;y\n',
      ),
    );
    const { rows, problems } = parseInventoryRows(sheet, mapHeaders(sheet, INVENTORY_COLUMNS));
    expect(rows[0]).toMatchObject({
      row: 2,
      ok: true,
      ags: '09162000',
      status: 'in-use',
      operator: { name: null, type: 'state' },
      validFrom: '2024-02-01',
      note: null,
    });
    expect(rows[0].product).toBeUndefined();
    expect(rows[1].ok).toBe(false);
    const errors = problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column]);
    expect(errors).toEqual([
      [3, 'Gemeindeschlüssel'],
      [3, 'Status'],
      [3, 'Betreibertyp'],
      [3, 'gültig ab'],
      [4, 'Gemeindeschlüssel'],
      [4, 'Komponente'],
      [4, 'Status'],
    ]);
    expect(problems.find((p) => p.column === 'Status')?.detail).toMatch(/im Einsatz \(in-use\)/);
    expect(problems.find((p) => p.column === 'gültig ab')?.detail).toMatch(/kein gültiges Datum/);
    expect(problems.find((p) => p.severity === 'warning')).toMatchObject({
      row: 2,
      detail: expect.stringMatching(/führende Null/),
    });
  });
});
