import { REGION_LEVELS, type RegionLevel } from '../../lib/keys';
import type { ImportProblem } from '../import-report';
import { decodeGv100ad, splitLines, type Gv100adEncoding } from './gv100ad-decode';
import { UNINCORPORATED_TEXT_CODES, VERBANDSFREI_TEXT_CODE } from './gv100ad-layout';
import { readRecord, type Gv100adRecord } from './gv100ad-record';

/** A region to store: a record with its place in the hierarchy. */
export interface Gv100adRegion extends Gv100adRecord {
  /** 12-digit ARS for a Gemeinde (AGS[0:5] + Verband + AGS[5:8]); null for other levels. */
  ars: string | null;
  /** Keys of the enclosing regions; a region's own key is not repeated (except `landKey` of a Land). */
  landKey: string;
  rbKey: string | null;
  kreisKey: string | null;
  /** Only a real Gemeindeverband, never a „verbandsfreie Gemeinde“ pseudo-record. */
  verbandKey: string | null;
  parentKey: string | null;
  isUnincorporated: boolean;
}

/** Record counts of a file, per level and for the special cases. */
export interface Gv100adCounts {
  records: number;
  byLevel: Record<RegionLevel, number>;
  /** Gemeindeverband records with Textkennzeichen 50, which are not stored as regions. */
  verbandsfrei: number;
  /** Gemeinde records that are gemeindefreie Gebiete (Textkennzeichen 65/66). */
  gemeindefrei: number;
  /** Sum of the population of all Gemeinde records. */
  population: number;
}

/** What a GV100AD file holds; `regions` is empty whenever `problems` contains an error. */
export interface Gv100adParseResult {
  encoding: Gv100adEncoding;
  gebietsstand: string | null;
  regions: Gv100adRegion[];
  counts: Gv100adCounts;
  problems: ImportProblem[];
}

/** How many problems a report lists before it only counts the rest. */
const MAX_PROBLEMS = 200;

function emptyCounts(): Gv100adCounts {
  const byLevel = Object.fromEntries(REGION_LEVELS.map((l) => [l, 0])) as Record<RegionLevel, number>;
  return { records: 0, byLevel, verbandsfrei: 0, gemeindefrei: 0, population: 0 };
}

function countRecords(records: Gv100adRecord[]): Gv100adCounts {
  const counts = emptyCounts();
  for (const r of records) {
    counts.records += 1;
    counts.byLevel[r.level] += 1;
    if (r.level === 'gemeindeverband' && r.textCode === VERBANDSFREI_TEXT_CODE) counts.verbandsfrei += 1;
    if (r.level === 'gemeinde' && r.textCode && UNINCORPORATED_TEXT_CODES.includes(r.textCode))
      counts.gemeindefrei += 1;
    if (r.level === 'gemeinde') counts.population += r.population ?? 0;
  }
  return counts;
}

/** Duplicate keys and mixed editions: checks across records. */
function crossRecordProblems(records: Gv100adRecord[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const firstLine = new Map<string, number>();
  const edition = records[0]?.gebietsstand;
  for (const r of records) {
    const seen = firstLine.get(r.key);
    if (seen !== undefined) {
      problems.push({
        severity: 'error',
        row: r.lineNumber,
        column: 'Schlüssel',
        detail: `Der Schlüssel ${r.key} steht schon in Zeile ${seen}`,
      });
    } else {
      firstLine.set(r.key, r.lineNumber);
    }
    if (r.gebietsstand !== edition) {
      problems.push({
        severity: 'error',
        row: r.lineNumber,
        column: 'Gebietsstand',
        detail: `Gebietsstand ${r.gebietsstand} weicht vom ersten Datensatz (${edition}) ab; eine Datei enthält genau einen Gebietsstand`,
      });
    }
  }
  return problems;
}

/** Places each record in the hierarchy, given every record of the file by key. */
function placeRecords(records: Gv100adRecord[], problems: ImportProblem[]): Gv100adRegion[] {
  const byKey = new Map(records.map((r) => [r.key, r]));
  const existing = (key: string) => (byKey.has(key) ? key : null);
  const missingLaender = new Set<string>();
  const regions: Gv100adRegion[] = [];
  for (const r of records) {
    if (r.level === 'gemeindeverband' && r.textCode === VERBANDSFREI_TEXT_CODE) continue;
    const landKey = r.key.slice(0, 2);
    if (!byKey.has(landKey) && !missingLaender.has(landKey)) {
      missingLaender.add(landKey);
      problems.push({
        severity: 'error',
        row: r.lineNumber,
        column: 'Land',
        detail: `Das Land ${landKey} hat keinen Datensatz (Satzart 10)`,
      });
    }
    regions.push(placeRecord(r, landKey, existing, byKey));
  }
  return regions;
}

type Hierarchy = Pick<
  Gv100adRegion,
  'ars' | 'landKey' | 'rbKey' | 'kreisKey' | 'verbandKey' | 'parentKey' | 'isUnincorporated'
>;

function placeRecord(
  r: Gv100adRecord,
  landKey: string,
  existing: (key: string) => string | null,
  byKey: Map<string, Gv100adRecord>,
): Gv100adRegion {
  const rbKey = r.level === 'land' || r.level === 'regierungsbezirk' ? null : existing(r.key.slice(0, 3));
  const kreisKey = r.level === 'gemeinde' || r.level === 'gemeindeverband' ? existing(r.key.slice(0, 5)) : null;
  const isUnincorporated =
    r.level === 'gemeinde' && r.textCode !== null && UNINCORPORATED_TEXT_CODES.includes(r.textCode);
  const h: Hierarchy = { ars: null, landKey, rbKey, kreisKey, verbandKey: null, parentKey: null, isUnincorporated };
  switch (r.level) {
    case 'land':
      break;
    case 'regierungsbezirk':
      h.parentKey = landKey;
      break;
    case 'region':
      h.parentKey = rbKey ?? landKey;
      break;
    case 'kreis':
      h.parentKey = existing(r.key.slice(0, 4)) ?? rbKey ?? landKey;
      break;
    case 'gemeindeverband':
      h.parentKey = kreisKey ?? rbKey ?? landKey;
      break;
    case 'gemeinde': {
      const code = r.verbandCode ?? '0000';
      const verband = byKey.get(r.key.slice(0, 5) + code);
      const real = verband?.level === 'gemeindeverband' && verband.textCode !== VERBANDSFREI_TEXT_CODE;
      h.verbandKey = real ? verband.key : null;
      h.ars = r.key.slice(0, 5) + code + r.key.slice(5, 8);
      h.parentKey = h.verbandKey ?? kreisKey ?? landKey;
      break;
    }
  }
  return withHierarchy(r, h);
}

/**
 * The region object, written out field by field.
 * NOTE: spreading the record (`{ ...record, ...hierarchy }`) made parsing a whole edition about
 * three times slower (measured with Node 20); a literal with a fixed shape avoids that.
 */
function withHierarchy(r: Gv100adRecord, h: Hierarchy): Gv100adRegion {
  return {
    lineNumber: r.lineNumber,
    satzart: r.satzart,
    level: r.level,
    key: r.key,
    verbandCode: r.verbandCode,
    gebietsstand: r.gebietsstand,
    name: r.name,
    seat: r.seat,
    textCode: r.textCode,
    typeLabel: r.typeLabel,
    areaHa: r.areaHa,
    population: r.population,
    postcode: r.postcode,
    ars: h.ars,
    landKey: h.landKey,
    rbKey: h.rbKey,
    kreisKey: h.kreisKey,
    verbandKey: h.verbandKey,
    parentKey: h.parentKey,
    isUnincorporated: h.isUnincorporated,
  };
}

/** Keeps the first problems and replaces the rest by one line saying how many there were. */
function capProblems(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  const severity = problems.slice(MAX_PROBLEMS).some((p) => p.severity === 'error') ? 'error' : 'warning';
  return [...problems.slice(0, MAX_PROBLEMS), { severity, detail: `… und ${rest} weitere Probleme` }];
}

/**
 * Parses a Destatis GV100AD file (DOMAIN.md §4): decodes it, checks every record and
 * derives each region's key, ARS and place in the hierarchy. Gemeindeverband records with
 * Textkennzeichen 50 („verbandsfreie Gemeinde“) are counted but not returned as regions; a
 * Gemeinde's parent is its real Verband, else its Kreis, else its Land. Pure: no database.
 * Any error leaves `regions` empty, so a broken file can never be half imported.
 */
export function parseGv100ad(bytes: Uint8Array): Gv100adParseResult {
  const { text, encoding } = decodeGv100ad(bytes);
  const problems: ImportProblem[] = [];
  const records: Gv100adRecord[] = [];
  for (const { line, lineNumber } of splitLines(text)) {
    const record = readRecord(line, lineNumber, problems);
    if (record) records.push(record);
  }
  if (records.length === 0 && problems.length === 0) {
    problems.push({ severity: 'error', detail: 'Die Datei enthält keine Datensätze des Gemeindeverzeichnisses' });
  }
  problems.push(...crossRecordProblems(records));
  const regions = placeRecords(records, problems);
  const failed = problems.some((p) => p.severity === 'error');
  return {
    encoding,
    gebietsstand: records[0]?.gebietsstand ?? null,
    regions: failed ? [] : regions,
    counts: countRecords(records),
    problems: capProblems(problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))),
  };
}
