import { XlsxLimitError, type ImportLimits } from './limits';

/** Excel's last column (XFD) and row; a reference beyond them is not a worksheet. */
const EXCEL_MAX_COLUMN = 16_384;
const EXCEL_MAX_ROW = 1_048_576;
/** A start tag longer than this (thousands of attributes) is refused rather than carried between chunks. */
const MAX_TAG_CHARS = 64 * 1024;

/**
 * Start tags of the elements counted: rows, cells, merged areas, column ranges, shared strings.
 * An optional namespace prefix is allowed (`<x:c …>`); `\b` keeps `<cols>`/`<rowBreaks>` out.
 */
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell|col|si)\b([^<>]*)>/g;
const CELL_REF = /\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})["']/;
const ROW_REF = /\br\s*=\s*["'](\d{1,7})["']/;
const RANGE_REF = /\bref\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})["']/;
const COL_MAX = /\bmax\s*=\s*["'](\d+)["']/;

/** Column letters to a 1-based index: A → 1, Z → 26, AA → 27, XFD → 16384. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A 1-based column index as letters: 201 → "GS". */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function formatCount(n: number): string {
  return n.toLocaleString('de-DE');
}

/**
 * Counts what a worksheet or the shared-strings part would make a spreadsheet library build,
 * from the raw XML as it inflates (tags are ASCII, so `latin1` decoding is exact for them).
 * Cost is linear in the bytes and constant in memory; it throws {@link XlsxLimitError} as
 * soon as a limit is passed. A cell without content (`<c r="XFD1" s="1"/>`, formatting only)
 * counts as a cell but not as a used column: Excel writes such cells for formatted areas.
 */
export class XlsxPartScanner {
  private carry = '';
  private rows = 0;
  private column = 0;
  private sharedStrings = 0;

  constructor(
    private readonly kind: 'sheet' | 'strings',
    private readonly part: string,
    private readonly limits: ImportLimits,
    private readonly totals: { cells: number },
  ) {}

  /** Scans the next chunk of the part; a start tag cut at the chunk's end waits for the next. */
  push(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1');
    const open = text.lastIndexOf('<');
    const cut = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length;
    this.scan(text.slice(0, cut));
    this.carry = text.slice(cut);
    if (this.carry.length > MAX_TAG_CHARS) {
      throw new XlsxLimitError(`Der Teil „${this.part}“ der XLSX-Datei enthält ein übergroßes XML-Element.`);
    }
  }

  /** The part is complete. */
  end(): void {
    this.scan(this.carry);
    this.carry = '';
  }

  private scan(text: string): void {
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      const [, name, attributes] = m;
      if (this.kind === 'strings') {
        if (name === 'si') this.countSharedString();
      } else if (name === 'row') this.countRow(attributes);
      else if (name === 'c') this.countCell(attributes);
      else if (name === 'mergeCell') this.countMerge(attributes);
      else if (name === 'col') this.checkColumnRange(attributes);
    }
  }

  private countSharedString(): void {
    this.sharedStrings += 1;
    if (this.sharedStrings > this.limits.maxCells) {
      throw new XlsxLimitError(
        `Die XLSX-Datei enthält mehr als ${formatCount(this.limits.maxCells)} verschiedene Texte ` +
          '(Grenze IMPORT_MAX_CELLS).',
      );
    }
  }

  private countRow(attributes: string): void {
    this.rows += 1;
    this.column = 0;
    const ref = ROW_REF.exec(attributes);
    const number = ref ? Number(ref[1]) : this.rows;
    if (this.rows > this.limits.maxRows || number > EXCEL_MAX_ROW) this.tooManyRows();
  }

  private tooManyRows(): never {
    throw new XlsxLimitError(
      `Das Tabellenblatt hat mehr als ${formatCount(this.limits.maxRows)} Zeilen (Grenze IMPORT_MAX_ROWS). ` +
        'Bitte die Datei aufteilen.',
    );
  }

  private countCells(n: number): void {
    this.totals.cells += n;
    if (this.totals.cells > this.limits.maxCells) {
      throw new XlsxLimitError(
        `Die XLSX-Datei hat mehr als ${formatCount(this.limits.maxCells)} Zellen (Grenze IMPORT_MAX_CELLS). ` +
          'Bitte die Datei aufteilen.',
      );
    }
  }

  private tooWide(column: number): never {
    if (column > EXCEL_MAX_COLUMN) {
      throw new XlsxLimitError(`Der Teil „${this.part}“ der XLSX-Datei nennt eine Spalte jenseits von XFD.`);
    }
    throw new XlsxLimitError(
      `Das Tabellenblatt nutzt Spalte ${columnLetters(column)} (Nr. ${formatCount(column)}); gelesen werden höchstens ` +
        `${formatCount(this.limits.maxColumns)} Spalten (bis ${columnLetters(this.limits.maxColumns)}, Grenze ` +
        'IMPORT_MAX_COLUMNS). Bitte Inhalte rechts davon löschen.',
    );
  }

  private countCell(attributes: string): void {
    this.countCells(1);
    const ref = CELL_REF.exec(attributes);
    this.column = ref ? columnIndex(ref[1]) : this.column + 1;
    const empty = attributes.trimEnd().endsWith('/');
    if (this.column > EXCEL_MAX_COLUMN || (!empty && this.column > this.limits.maxColumns)) this.tooWide(this.column);
  }

  /** A merged area makes the library fill every cell in it, so its area counts and must fit. */
  private countMerge(attributes: string): void {
    const ref = RANGE_REF.exec(attributes);
    if (!ref) return;
    const left = columnIndex(ref[1]);
    const right = columnIndex(ref[3]);
    const top = Number(ref[2]);
    const bottom = Number(ref[4]);
    const widest = Math.max(left, right);
    if (widest > this.limits.maxColumns) this.tooWide(widest);
    if (Math.max(top, bottom) > this.limits.maxRows) this.tooManyRows();
    this.countCells((Math.abs(right - left) + 1) * (Math.abs(bottom - top) + 1));
  }

  /** `<col min max>` makes the library create one column object per index. */
  private checkColumnRange(attributes: string): void {
    const max = COL_MAX.exec(attributes);
    if (max && Number(max[1]) > EXCEL_MAX_COLUMN) this.tooWide(Number(max[1]));
  }
}
