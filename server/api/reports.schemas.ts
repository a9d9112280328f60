import { CONNECTION_STATUSES, SERVICE_KINDS } from '../../lib/connections';
import { COMPONENT_STATUSES, OPERATOR_TYPES } from '../../lib/vocabulary';
import type { JsonSchema } from '../../lib/validation';
import { AREA_FORMS, AREA_PATTERN } from '../../reports/area';
import { DEFAULT_STALE_MONTHS } from '../../reports/benchmark/report';
import { DEFAULT_SMALL_POPULATION } from '../../reports/fragmentation/report';
import { DEFAULT_CANDIDATES_PER_GAP } from '../../reports/opportunities/report';

const integer = { type: 'integer' } as const;
const text = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const percentage = { type: 'number', minimum: 0, maximum: 100 } as const;
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

/**
 * A closed object whose properties are all required: report bodies always carry every field
 * (null where there is nothing), so the schema can say so exactly. `nullable` allows null.
 */
function record(properties: Record<string, JsonSchema>, nullable = false): JsonSchema {
  return {
    type: nullable ? ['object', 'null'] : 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
}

/** What `format` may ask for: JSON, or a download. */
const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;

/**
 * Builds a report's query schema: `area`, `format` and the report's own parameters. Generic so
 * the literal schema stays visible to `defineRoute`, which types the handler's query from it.
 */
function reportQuery<const Extra extends Record<string, JsonSchema> = Record<never, never>>(
  extra: Extra = {} as Extra,
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['area'],
    properties: {
      area: { type: 'string', pattern: AREA_PATTERN, description: `Gebiet: ${AREA_FORMS}` },
      format: {
        type: 'string',
        enum: REPORT_FORMATS,
        default: 'json',
        description: 'json (Voreinstellung) oder Download als csv (UTF-8 mit BOM, Semikolon) bzw. xlsx',
      },
      ...extra,
    },
  } as const;
}

const limit = (maximum: number, fallback: number, description: string) =>
  ({ type: 'integer', minimum: 1, maximum, default: fallback, description }) as const;

export const landscapeQuerySchema = reportQuery();
export const fragmentationQuerySchema = reportQuery({
  smallPopulation: limit(10_000_000, DEFAULT_SMALL_POPULATION, 'Gemeinden mit weniger Einwohnern gelten als klein'),
});
export const opportunitiesQuerySchema = reportQuery({
  candidates: limit(10, DEFAULT_CANDIDATES_PER_GAP, 'Vorschläge je Lücke'),
});
export const benchmarkQuerySchema = reportQuery({
  staleMonths: limit(120, DEFAULT_STALE_MONTHS, 'Angaben ohne Änderung seit so vielen Monaten gelten als veraltet'),
});

const areaSchema = record({
  key: text,
  kind: oneOf(['germany', 'land', 'regierungsbezirk', 'kreis', 'operator']),
  name: text,
  label: text,
  municipalityCount: integer,
  population: integer,
});

const operatorRefProperties = { id: integer, name: text, type: oneOf(OPERATOR_TYPES), typeLabel: text };
const operatorRef = record(operatorRefProperties);
const nullableOperatorRef = record(operatorRefProperties, true);
const tally = { municipalities: integer, population: integer };

/** Fields every report body starts with, then the report's own. */
function reportBody(report: string, properties: Record<string, JsonSchema>): JsonSchema {
  return record({
    report: oneOf([report]),
    area: areaSchema,
    generatedAt: dateTime,
    notes: arrayOf(text),
    demoData: boolean,
    ...properties,
  });
}

const cell = record(
  {
    status: oneOf(COMPONENT_STATUSES),
    statusLabel: text,
    operator: nullableOperatorRef,
    product: nullableText,
    updatedAt: dateTime,
    demo: boolean,
  },
  true,
);

const landscapeRow = record({
  key: text,
  name: text,
  level: oneOf(['gemeinde', 'kreis', 'gemeindeverband']),
  population: { type: ['integer', 'null'] },
  kreisKey: nullableText,
  inUseCount: integer,
  cells: { type: 'object', additionalProperties: cell },
});

export const landscapeReportSchema = reportBody('landscape', {
  components: arrayOf(record({ code: text, label: text })),
  municipalities: arrayOf(landscapeRow),
  administrations: arrayOf(landscapeRow),
  componentTotals: arrayOf(
    record({
      component: text,
      label: text,
      counts: record(Object.fromEntries([...COMPONENT_STATUSES, 'not-recorded'].map((s) => [s, integer]))),
    }),
  ),
  operatorTotals: arrayOf(
    record({
      operator: operatorRef,
      municipalities: integer,
      inUse: integer,
      components: { type: 'object', additionalProperties: integer },
    }),
  ),
});

export const fragmentationReportSchema = reportBody('fragmentation', {
  smallPopulation: integer,
  components: arrayOf(
    record({
      component: text,
      label: text,
      municipalitiesInUse: integer,
      populationInUse: integer,
      operatorCount: integer,
      productCount: integer,
      operators: arrayOf(record({ operator: nullableOperatorRef, ...tally })),
      products: arrayOf(record({ product: text, ...tally })),
      smallSeparate: record(tally),
      smallInUse: integer,
      highlighted: { type: 'boolean' },
      administrationsInUse: integer,
      demoRecords: integer,
      assessment: text,
    }),
  ),
});

const serviceRefProperties = { code: text, name: text, kind: oneOf(SERVICE_KINDS), kindLabel: text };
const serviceRef = record(serviceRefProperties, true);

const connectOption = record({
  service: record(serviceRefProperties),
  components: arrayOf(record({ code: text, label: text })),
  gaps: integer,
  municipalities: integer,
  connected: integer,
  connecting: integer,
});

const opportunity = record({
  municipality: record({ key: text, name: text, population: integer, kreisKey: nullableText }),
  component: text,
  componentLabel: text,
  status: oneOf(['not-recorded', 'not-used', 'planned', 'retired']),
  statusLabel: text,
  rank: integer,
  kind: oneOf(['connect', 'operator']),
  operator: nullableOperatorRef,
  service: serviceRef,
  connectionStatus: { type: ['string', 'null'], enum: [...CONNECTION_STATUSES, null] },
  scope: oneOf(['kreis', 'neighbour', 'customer', 'land']),
  neighbours: arrayOf(record({ key: text, name: text, kreisKey: nullableText })),
  alreadyRuns: arrayOf(text),
  servedInKreis: integer,
  populationServedInKreis: integer,
  kreisMunicipalities: integer,
  servedInLand: integer,
  populationServedInLand: integer,
  landMunicipalities: integer,
  demo: boolean,
  reason: text,
});

const consolidation = record({
  scope: oneOf(['kreis', 'land']),
  region: record({ key: text, name: text }),
  component: text,
  componentLabel: text,
  municipalitiesInUse: integer,
  operatorCount: integer,
  leader: operatorRef,
  leaderMunicipalities: integer,
  leaderShare: { type: 'number', minimum: 0, maximum: 1 },
  others: arrayOf(record({ operator: operatorRef, municipalities: integer })),
  demo: boolean,
  reason: text,
});

export const opportunitiesReportSchema = reportBody('opportunities', {
  candidatesPerGap: integer,
  summary: record({
    gaps: integer,
    gapsWithSuggestion: integer,
    gapsWithOperatorSuggestion: integer,
    suggestions: integer,
    connectSuggestions: integer,
    consolidationCandidates: integer,
  }),
  opportunities: arrayOf(opportunity),
  connectOptions: arrayOf(connectOption),
  consolidation: arrayOf(consolidation),
});

const benchmarkRow = record({
  scope: oneOf(['area', 'land', 'kreis', 'sizeClass']),
  key: text,
  name: text,
  municipalities: integer,
  withData: integer,
  noData: integer,
  stale: integer,
  none: integer,
  oneToTwo: integer,
  threePlus: integer,
  wellPositioned: integer,
  shares: record({ none: percentage, oneToTwo: percentage, threePlus: percentage }, true),
  demoMunicipalities: integer,
});

const typeShare = record({ count: integer, share: { type: ['number', 'null'], minimum: 0, maximum: 100 } });

/** A survey figure: `derived` is true when the publication does not state it (three or more: 100 − 16 − 32). */
const surveyFigure = record({ value: percentage, derived: boolean, note: text });

const surveySchema = record({
  title: text,
  publishers: text,
  year: integer,
  url: text,
  source: text,
  sample: record({ respondents: integer, description: text, caveat: text }),
  figures: record({ none: surveyFigure, oneToTwo: surveyFigure, threePlus: surveyFigure }),
  figuresBySizeClass: { type: 'null', description: 'Die Umfrage veröffentlicht keine Verteilung je Größenklasse.' },
});

const nullableInteger = { type: ['integer', 'null'] } as const;
const sizeClassScheme = record({
  title: text,
  url: text,
  note: text,
  classes: arrayOf(
    record({
      key: oneOf(['gk1', 'gk2', 'gk3', 'gk4', 'gk5', 'gk6', 'gk7', 'unknown']),
      label: text,
      name: text,
      minPopulation: nullableInteger,
      maxPopulation: nullableInteger,
    }),
  ),
});

export const benchmarkReportSchema = reportBody('benchmark', {
  staleMonths: integer,
  staleBefore: dateTime,
  survey: surveySchema,
  total: benchmarkRow,
  byLand: arrayOf(benchmarkRow),
  byKreis: arrayOf(benchmarkRow),
  bySizeClass: arrayOf(benchmarkRow),
  sizeClasses: sizeClassScheme,
  operatorTypes: arrayOf(
    record({
      component: text,
      label: text,
      inUse: integer,
      types: record(Object.fromEntries([...OPERATOR_TYPES, 'unknown'].map((t) => [t, typeShare]))),
    }),
  ),
  summary: text,
});
