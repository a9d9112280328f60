import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../lib/paths';
import { COMPONENT_STATUSES, OPERATOR_TYPES } from '../../lib/vocabulary';
import { readCsv } from '../tabular';
import { INVENTORY_COLUMNS } from './inventory-columns';

/** The shipped CSV template: semicolons, UTF-8 with BOM, canonical headers, example rows. */
export const INVENTORY_TEMPLATE_CSV = join(projectRoot, 'data', 'templates', 'bestand-vorlage.csv');

/** Rows of the XLSX template that offer pick lists for status and operator type. */
const PICK_LIST_ROWS = 500;

/** The CSV template as shipped. */
export function inventoryTemplateCsv(): Buffer {
  return readFileSync(INVENTORY_TEMPLATE_CSV);
}

function addDataSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('Bestand', { views: [{ state: 'frozen', ySplit: 1 }] });
  const template = readCsv(inventoryTemplateCsv());
  sheet.columns = template.headers.map((header) => ({ header, key: header, width: header === 'note' ? 40 : 20 }));
  // NOTE: the AGS column is formatted as text, so Excel keeps leading zeros of typed-in keys.
  sheet.getColumn(1).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  for (const row of template.rows) sheet.addRow(row.cells);
  const lists: Record<string, readonly string[]> = { status: COMPONENT_STATUSES, operator_type: OPERATOR_TYPES };
  template.headers.forEach((header, index) => {
    const values = lists[header];
    if (!values) return;
    for (let r = 2; r <= PICK_LIST_ROWS; r += 1) {
      sheet.getCell(r, index + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
      };
    }
  });
}

function addColumnsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('Spalten');
  sheet.columns = [
    { header: 'Spalte', width: 16 },
    { header: 'Pflicht', width: 8 },
    { header: 'Bedeutung', width: 90 },
    { header: 'auch akzeptierte Überschriften', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const column of INVENTORY_COLUMNS) {
    sheet.addRow([column.name, column.required ? 'ja' : 'nein', column.description, column.aliases.join(', ')]);
  }
  sheet.addRow([]);
  sheet.addRow(['Nur das erste Tabellenblatt wird importiert. Beschreibung: docs/import-inventory.md']);
}

/**
 * The XLSX template, generated from the CSV template: the same header and example rows on
 * the first sheet (AGS column as text, pick lists for status and operator type) and a
 * second sheet that explains the columns. Only the first sheet is imported.
 */
export async function inventoryTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'E-Government-Atlas';
  addDataSheet(workbook);
  addColumnsSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
