import type { RegionLevel } from '../../lib/keys';
import type { ImportProblem } from '../import-report';
import { FIELDS, LEVEL_LABELS, RECORD_LENGTH, SATZARTEN, TEXT_CODE_LABELS, type FieldSpec } from './gv100ad-layout';

/** One record of a GV100AD file as it stands, before the hierarchy is derived. */
export interface Gv100adRecord {
  lineNumber: number;
  satzart: string;
  level: RegionLevel;
  /** Land 2, RB 3, Region 4, Kreis 5, Gemeindeverband 9 digits; AGS (8) for a Gemeinde. */
  key: string;
  /** The 4-digit Gemeindeverband code of a Gemeinde or Gemeindeverband record. */
  verbandCode: string | null;
  /** Edition date, ISO `YYYY-MM-DD`. */
  gebietsstand: string;
  name: string;
  seat: string | null;
  textCode: string | null;
  typeLabel: string | null;
  areaHa: number | null;
  population: number | null;
  postcode: string | null;
}

/** Reads fields by character position; code points, so that an astral character counts once. */
class RecordLine {
  private readonly chars: string[] | null;

  constructor(readonly text: string) {
    this.chars = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null;
  }

  get length(): number {
    return this.chars ? this.chars.length : this.text.length;
  }

  slice(start: number, end: number): string {
    return this.chars ? this.chars.slice(start, end).join('') : this.text.slice(start, end);
  }

  field(spec: FieldSpec): string {
    return this.slice(spec.start, spec.end);
  }
}

type Problems = ImportProblem[];

function error(lineNumber: number, column: string, detail: string): ImportProblem {
  return { severity: 'error', row: lineNumber, column, detail };
}

function warning(lineNumber: number, column: string, detail: string): ImportProblem {
  return { severity: 'warning', row: lineNumber, column, detail };
}

/** `YYYYMMDD` → `YYYY-MM-DD` if it is a real calendar date. */
export function isoDate(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return null;
  }
  return `${y}-${m}-${d}`;
}

function readCount(line: RecordLine, spec: FieldSpec, lineNumber: number, problems: Problems): number | null {
  const raw = line.field(spec).trim();
  if (raw === '') return null;
  if (!/^\d+$/.test(raw)) {
    problems.push(error(lineNumber, spec.label, `„${raw}“ ist keine Zahl`));
    return null;
  }
  return Number(raw);
}

function readKey(line: RecordLine, satzart: string, lineNumber: number, problems: Problems): string {
  const key = SATZARTEN[satzart].keyRanges.map(([start, end]) => line.slice(start, end)).join('');
  if (!/^\d+$/.test(key)) {
    problems.push(error(lineNumber, 'Schlüssel', `Der Gebietsschlüssel „${key}“ enthält andere Zeichen als Ziffern`));
  }
  return key;
}

function readVerbandCode(line: RecordLine, level: RegionLevel, lineNumber: number, problems: Problems): string | null {
  if (level !== 'gemeinde' && level !== 'gemeindeverband') return null;
  const code = line.field(FIELDS.verband);
  // A Gemeindeverband's code is part of its key and checked there.
  if (level === 'gemeinde' && !/^\d{4}$/.test(code)) {
    problems.push(
      error(lineNumber, FIELDS.verband.label, `Der Gemeindeverbandsschlüssel „${code}“ besteht nicht aus 4 Ziffern`),
    );
  }
  return code;
}

function readTextCode(
  line: RecordLine,
  level: RegionLevel,
  lineNumber: number,
  problems: Problems,
): { textCode: string | null; typeLabel: string | null } {
  const labels = TEXT_CODE_LABELS[level];
  if (!labels) return { textCode: null, typeLabel: LEVEL_LABELS[level] ?? null };
  const code = line.field(FIELDS.textCode);
  if (!/^\d{2}$/.test(code)) {
    problems.push(
      error(lineNumber, FIELDS.textCode.label, `„${code}“ ist kein Textkennzeichen (zwei Ziffern erwartet)`),
    );
    return { textCode: null, typeLabel: null };
  }
  const typeLabel = labels[code] ?? null;
  if (!typeLabel) {
    problems.push(
      warning(
        lineNumber,
        FIELDS.textCode.label,
        `Unbekanntes Textkennzeichen ${code}; das Gebiet wird ohne Typbezeichnung übernommen`,
      ),
    );
  }
  return { textCode: code, typeLabel };
}

function readPostcode(line: RecordLine, lineNumber: number, problems: Problems): string | null {
  const raw = line.field(FIELDS.postcode).trim();
  if (raw === '') return null;
  if (/^\d{5}$/.test(raw)) return raw;
  problems.push(
    warning(lineNumber, FIELDS.postcode.label, `„${raw}“ ist keine Postleitzahl; sie wird nicht übernommen`),
  );
  return null;
}

/** Checks the frame of a line (length, Satzart, Gebietsstand); null if the fields cannot be trusted. */
function readFrame(
  line: RecordLine,
  lineNumber: number,
  problems: Problems,
): { satzart: string; gebietsstand: string } | null {
  if (line.length !== RECORD_LENGTH) {
    problems.push(error(lineNumber, 'Zeilenlänge', `Die Zeile hat ${line.length} statt ${RECORD_LENGTH} Zeichen`));
    return null;
  }
  const satzart = line.field(FIELDS.satzart);
  if (!SATZARTEN[satzart]) {
    const known = Object.keys(SATZARTEN).join(', ');
    problems.push(error(lineNumber, FIELDS.satzart.label, `Unbekannte Satzart „${satzart}“ (erwartet: ${known})`));
    return null;
  }
  const rawDate = line.field(FIELDS.gebietsstand);
  const gebietsstand = isoDate(rawDate);
  if (!gebietsstand) {
    problems.push(error(lineNumber, FIELDS.gebietsstand.label, `„${rawDate}“ ist kein Datum (JJJJMMTT erwartet)`));
    return null;
  }
  return { satzart, gebietsstand };
}

/**
 * Reads and checks one record. Problems are appended with the line number; the record is
 * returned whenever its frame is sound, so that later checks (duplicates) still see it —
 * the caller rejects the file if any problem is an error.
 */
export function readRecord(text: string, lineNumber: number, problems: Problems): Gv100adRecord | null {
  const line = new RecordLine(text);
  const frame = readFrame(line, lineNumber, problems);
  if (!frame) return null;
  const { level } = SATZARTEN[frame.satzart];
  const name = line.field(FIELDS.name).trim();
  if (name === '') problems.push(error(lineNumber, FIELDS.name.label, 'Der Name fehlt'));
  const key = readKey(line, frame.satzart, lineNumber, problems);
  const verbandCode = readVerbandCode(line, level, lineNumber, problems);
  const isGemeinde = level === 'gemeinde';
  const { textCode, typeLabel } = readTextCode(line, level, lineNumber, problems);
  return {
    lineNumber,
    satzart: frame.satzart,
    level,
    key,
    verbandCode,
    gebietsstand: frame.gebietsstand,
    name,
    seat: line.field(FIELDS.seat).trim() || null,
    textCode,
    typeLabel,
    areaHa: isGemeinde ? readCount(line, FIELDS.areaHa, lineNumber, problems) : null,
    population: isGemeinde ? readCount(line, FIELDS.population, lineNumber, problems) : null,
    postcode: isGemeinde ? readPostcode(line, lineNumber, problems) : null,
  };
}
