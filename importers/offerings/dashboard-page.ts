import type { ImportProblem } from '../import-report';
import { looksLikeJson, readJsonTable, readTable, withJsonPointers } from '../ozg/json-table';
import { decodeText, unreadableSheet, type TabularSheet } from '../tabular';

/**
 * The dashboard data API's paged JSON (`PageDvDataDto`: `content` plus `totalElements`,
 * `totalPages`, `number`, `size`, `first`, `last` …). One page is imported as it is: its
 * `content` is the table, the page fields go into the report, and problems point into
 * `#/content/…`. A plain array and CSV/XLSX files are read as before.
 */

/** The page fields of a paged response, as far as the body gives them (API names). */
export interface DashboardPage {
  number?: number;
  size?: number;
  numberOfElements?: number;
  totalElements?: number;
  totalPages?: number;
  first?: boolean;
  last?: boolean;
}

const NUMBER_FIELDS = ['number', 'size', 'numberOfElements', 'totalElements', 'totalPages'] as const;
const FLAG_FIELDS = ['first', 'last'] as const;

/** The file as a table, and the page fields when it was one page of the dashboard API. */
export interface OfferingsTable {
  sheet: TabularSheet;
  page: DashboardPage | null;
}

function pageFields(body: Record<string, unknown>): DashboardPage {
  const page: DashboardPage = {};
  for (const field of NUMBER_FIELDS) if (typeof body[field] === 'number') page[field] = body[field];
  for (const field of FLAG_FIELDS) if (typeof body[field] === 'boolean') page[field] = body[field];
  return page;
}

/** The parsed JSON object when the bytes are an object (not an array), else undefined. */
function jsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return undefined;
  try {
    const value: unknown = JSON.parse(decoded.text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Reads an offerings file: one page of the dashboard API (an object with a `content` array),
 * a JSON array of objects, or CSV/XLSX. An object without `content` is refused with a message
 * that names both accepted JSON shapes.
 */
export async function readOfferingsTable(bytes: Uint8Array): Promise<OfferingsTable> {
  if (!looksLikeJson(bytes)) return { sheet: await readTable(bytes), page: null };
  const body = jsonObject(bytes);
  if (body === undefined) return { sheet: readJsonTable(bytes), page: null };
  if (!Array.isArray(body.content)) {
    return {
      sheet: unreadableSheet(
        'csv',
        'Erwartet wird ein JSON-Array von Objekten oder eine Seite der Daten-API des OZG-Dashboards (Objekt mit „content“).',
        { format: 'json' },
      ),
      page: null,
    };
  }
  const sheet = readJsonTable(Buffer.from(JSON.stringify(body.content), 'utf8'));
  const problems = sheet.problems.map((p) =>
    p.detail.startsWith('Das JSON-Array ist leer')
      ? { ...p, detail: 'Die Seite enthält keine Einträge („content“ ist leer).' }
      : p,
  );
  return { sheet: { ...sheet, details: { ...sheet.details, shape: 'page' }, problems }, page: pageFields(body) };
}

/** JSON pointers for the problems of the table: `#/content/3/ars` for the fourth entry of a page. */
export function pointersOf(table: OfferingsTable, problems: ImportProblem[]): ImportProblem[] {
  const withPointers = withJsonPointers(table.sheet, problems);
  if (table.page === null) return withPointers;
  return withPointers.map((p) => (p.pointer ? { ...p, pointer: p.pointer.replace(/^#\//, '#/content/') } : p));
}
