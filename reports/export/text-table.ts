import type { CellValue, ExportDocument, ExportTable } from './tabular';

// Control characters (ANSI escapes and the like) must not reach a terminal from stored data.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? value.toLocaleString('de-DE')
      : value.toLocaleString('de-DE', { maximumFractionDigits: 1 });
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.replace(CONTROL, ' ');
}

/**
 * Renders a table as aligned plain text for the terminal: a header, a rule, one line per
 * row; numbers right-aligned with German digit grouping.
 */
export function toTextTable(table: ExportTable): string {
  const cells = table.rows.map((row) => row.map(textOf));
  const widths = table.headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const numeric = table.headers.map(
    (_, i) => table.rows.length > 0 && table.rows.every((row) => typeof row[i] === 'number' || row[i] == null),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table.headers), rule, ...(cells.length > 0 ? cells.map(line) : ['(keine Einträge)'])].join('\n');
}

/** The whole document for the terminal: title, notes, then each (terminal) table under its name. */
export function toText(document: ExportDocument): string {
  const parts = [document.title, '='.repeat(document.title.length)];
  for (const note of document.notes) parts.push(`* ${note.replace(CONTROL, ' ')}`);
  for (const table of document.terminalTables ?? document.tables) {
    parts.push('', table.name, toTextTable(table));
  }
  return `${parts.join('\n')}\n`;
}
