/** One problem of an import: an error rejects the run, a warning does not. */
export const importProblemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['severity', 'detail'],
  properties: {
    severity: { type: 'string', enum: ['error', 'warning'] },
    detail: { type: 'string', description: 'Deutsche Beschreibung des Problems' },
    row: { type: 'integer', description: 'Zeile wie in Excel gezählt (Kopfzeile = 1)' },
    column: { type: 'string', description: 'Spaltenüberschrift wie in der Datei' },
    pointer: { type: 'string' },
    parameter: { type: 'string' },
    code: { type: 'string', description: 'Maschinenlesbarer Grund, z. B. not-well-formed, conflict' },
    file: { type: 'string', description: 'Datei, wenn ein Lauf mehrere liest' },
    path: { type: 'string', description: 'Elementpfad in einer XML-Datei' },
    line: { type: 'integer', description: 'Zeile in einer XML-Datei' },
    col: { type: 'integer', description: 'Spalte in dieser Zeile' },
  },
} as const;

/** The import report, the same for every importer. */
export const importReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'kind',
    'source',
    'sha256',
    'dryRun',
    'status',
    'unchanged',
    'counts',
    'problems',
    'importRunId',
    'startedAt',
    'finishedAt',
  ],
  properties: {
    kind: { type: 'string', example: 'inventory' },
    source: { type: 'string', description: 'Dateiname' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    dryRun: { type: 'boolean' },
    status: {
      type: 'string',
      enum: ['succeeded', 'rejected'],
      description: 'succeeded: geschrieben (Probelauf: fehlerfrei geprüft); rejected: Fehler, nichts geschrieben',
    },
    unchanged: { type: 'boolean', description: 'true, wenn der Import nichts ändert (z. B. dieselbe Datei erneut)' },
    counts: {
      type: 'object',
      additionalProperties: { type: 'integer' },
      description:
        'rows, created, updated, unchanged, operatorsCreated, municipalities, municipalitiesChanged; abgelehnt: rows, rowsWithErrors, errors, warnings',
    },
    problems: { type: 'array', items: importProblemSchema },
    details: {
      type: 'object',
      description:
        'Bestand: wie die Datei gelesen wurde (format, encoding, delimiter, sheet); FIM: files mit Format, Version und Zählungen je Datei',
    },
    importRunId: { type: ['integer', 'null'] },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    problemListing: {
      type: 'object',
      description:
        'Wie viele Probleme `problems` aufzählt (höchstens IMPORT_MAX_LISTED_PROBLEMS): total, errors, warnings, ' +
        'listed, kinds (Anzahl je Art), note (deutsch, wenn gekürzt) und download (CSV aller gespeicherten Probleme).',
    },
  },
} as const;

/** Path parameters of `GET /api/imports/{runId}/problems`. */
export const importRunParamsSchema = {
  type: 'object',
  required: ['runId'],
  additionalProperties: false,
  properties: { runId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$', description: 'Nummer des Importlaufs' } },
} as const;

/** Query of `GET /api/imports/{runId}/problems`. */
export const importProblemsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: ['csv'], default: 'csv', description: 'CSV (Semikolon, UTF-8 mit BOM)' },
  },
} as const;

/** Query of `POST /api/imports/inventory`. */
export const inventoryImportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: {
      type: 'boolean',
      default: false,
      description: 'true: nur prüfen und berichten, was sich ändern würde; nichts schreiben',
    },
  },
} as const;

/** Query of `GET /api/imports/inventory/template`. */
export const inventoryTemplateQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: {
      type: 'string',
      enum: ['csv', 'xlsx'],
      default: 'csv',
      description: 'CSV (Semikolon, UTF-8 mit BOM) oder XLSX',
    },
  },
} as const;

/** Query of `POST /api/imports/fim`. */
export const fimImportQuerySchema = inventoryImportQuerySchema;
