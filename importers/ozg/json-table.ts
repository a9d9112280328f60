import type { ImportProblem } from '../import-report';
import { decodeText, readTabular, unreadableSheet, type TabularRow, type TabularSheet } from '../tabular';

/**
 * JSON arrays of flat objects as a table, so the OZG catalogue and the offerings importers
 * check JSON and CSV rows with the same column specs and row schemas. `details.format` is
 * `json`; the sheet's `format` says `csv` because the tabular module knows only CSV and XLSX
 * and treats the rows as text, exactly as it treats CSV cells.
 */

/** First character after an optional BOM and whitespace: `[` or `{` means JSON. */
export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x5b || bytes[i] === 0x7b;
}

/** A JSON value as cell text: numbers and booleans as written, null as an empty cell. */
function cellOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Line and column of a character offset, for a JSON syntax error. */
function position(text: string, offset: number): { line: number; col: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

/**
 * The offset of the first syntax error in a text `JSON.parse` refused, or -1.
 * NOTE: Node 20's `JSON.parse` messages name no position for most errors (later versions name
 * line and column), so a small scanner finds it; it only runs after `JSON.parse` failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const word = (w: string) => (text.startsWith(w, i) ? (i += w.length) : fail());
  const string = () => {
    for (i++; i < text.length; i++) {
      if (text[i] === '"') return void i++;
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
    }
    fail();
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    i += match ? match[0].length : fail();
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '[') list(']', value);
    else if (c === '{') {
      list('}', () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    } else if (c === '"') string();
    else if (c === 't') word('true');
    else if (c === 'f') word('false');
    else if (c === 'n') word('null');
    else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (at) {
    // A RangeError (nesting deeper than the stack) leaves the position unknown.
    return typeof at === 'number' ? at : -1;
  }
}

function syntaxProblem(text: string): ImportProblem {
  const offset = jsonErrorOffset(text);
  const at = offset >= 0 ? position(text, offset) : undefined;
  return {
    severity: 'error',
    code: 'not-well-formed',
    ...(at ?? {}),
    detail: `Die Datei ist kein gültiges JSON${at ? ` (Zeile ${at.line}, Spalte ${at.col})` : ''}.`,
  };
}

/**
 * Reads a JSON array of objects into a sheet: the headers are the union of the objects' keys in
 * the order they first occur, row `n` is the n-th object (1-based, there is no header row: it
 * is 0). A value that is an object or array is an error at its row and key.
 */
export function readJsonTable(bytes: Uint8Array): TabularSheet {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return unreadableSheet('csv', decoded.error, { format: 'json' });
  const details = { format: 'json', encoding: decoded.encoding };
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return {
      format: 'csv',
      headerRow: 0,
      headers: [],
      rows: [],
      details,
      problems: [syntaxProblem(decoded.text)],
    };
  }
  if (!Array.isArray(data)) {
    return unreadableSheet('csv', 'Erwartet wird ein JSON-Array von Objekten (eine Zeile je Objekt).', details);
  }
  const index = new Map<string, number>();
  const problems: ImportProblem[] = [];
  const rows: TabularRow[] = [];
  data.forEach((item, i) => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ severity: 'error', row, detail: 'ist kein Objekt; erwartet wird ein Objekt je Zeile' });
      return;
    }
    const cells: string[] = [];
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      let column = index.get(key);
      if (column === undefined) {
        column = index.size;
        index.set(key, column);
      }
      const cell = cellOf(value);
      if (cell === undefined) {
        problems.push({ severity: 'error', row, column: key, detail: 'muss Text, Zahl oder Wahrheitswert sein' });
      }
      cells[column] = cell ?? '';
    }
    rows.push({ row, cells });
  });
  const headers = [...index.keys()];
  for (const r of rows) for (let c = 0; c < headers.length; c++) r.cells[c] ??= '';
  if (rows.length === 0 && problems.length === 0) {
    problems.push({ severity: 'warning', detail: 'Das JSON-Array ist leer: keine Datenzeilen.' });
  }
  return { format: 'csv', headerRow: 0, headers, rows, details, problems };
}

/** Reads a table file: a JSON array (recognised by its first character), else CSV or XLSX. */
export async function readTable(bytes: Uint8Array): Promise<TabularSheet> {
  return looksLikeJson(bytes) ? readJsonTable(bytes) : readTabular(bytes);
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Adds JSON pointers to the problems of a JSON sheet (`#/3/leika_key` for object 4, key
 * `leika_key`), which is how a JSON file is navigated; header-level problems (row 0) lose
 * their row number, since a JSON file has no header row.
 */
export function withJsonPointers(sheet: TabularSheet, problems: ImportProblem[]): ImportProblem[] {
  if (sheet.details.format !== 'json') return problems;
  return problems.map((p) => {
    if (p.row === undefined) return p;
    if (p.row === 0) {
      const withoutRow = { ...p };
      delete withoutRow.row;
      return withoutRow;
    }
    const pointer = `#/${p.row - 1}${p.column ? `/${pointerSegment(p.column)}` : ''}`;
    return { ...p, pointer };
  });
}
