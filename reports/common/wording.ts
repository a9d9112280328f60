/**
 * German wording for the reports' sentences. The catalogue of components is data, so every
 * phrase has a neutral fallback for a component added by a deployment.
 */

/** Accusative with article ("betreibt den Formularserver") and negation ("hat keinen Formularserver"). */
const COMPONENT_PHRASES: Record<string, { accusative: string; none: string }> = {
  'form-server': { accusative: 'den Formularserver', none: 'keinen Formularserver' },
  epayment: { accusative: 'das E-Payment', none: 'kein E-Payment' },
  'service-account': { accusative: 'das Servicekonto', none: 'kein Servicekonto' },
  eid: { accusative: 'die eID-Funktion', none: 'keine eID-Funktion' },
  'de-mail': { accusative: 'De-Mail', none: 'keine De-Mail' },
  mailbox: { accusative: 'das Verwaltungspostfach', none: 'kein Verwaltungspostfach' },
  search: { accusative: 'die Suchfunktion', none: 'keine Suchfunktion' },
  'mobile-app': { accusative: 'die Mobile App', none: 'keine Mobile App' },
  chatbot: { accusative: 'den Chatbot', none: 'keinen Chatbot' },
};

/** "den Formularserver"; for unknown components the quoted label. */
export function componentAccusative(code: string, label: string): string {
  return COMPONENT_PHRASES[code]?.accusative ?? `„${label}“`;
}

/** "keinen Formularserver"; for unknown components "„Label“ nicht". */
export function componentNone(code: string, label: string): string {
  return COMPONENT_PHRASES[code]?.none ?? `„${label}“ nicht`;
}

/** A component label short enough for a column header: "E-Payment", "Servicekonto", "Mobile App". */
export function shortLabel(label: string): string {
  return label.split(/ \(| \/ /)[0];
}

/** Why a municipality lacks a component, in brackets after "hat keinen …". */
export const GAP_STATUS_NOTES = {
  'not-recorded': 'nichts erfasst',
  'not-used': 'nicht genutzt',
  planned: 'erst geplant',
  retired: 'abgeschaltet',
} as const;

/**
 * The name of a municipality or Kreis as used in a sentence: the Gemeindeverzeichnis appends
 * the kind after a comma ("Esslingen am Neckar, Stadt", "Kiel, Landeshauptstadt").
 */
export function shortName(name: string): string {
  return name.split(',')[0].trim();
}

/** Kreise whose official name already says what they are ("Region Hannover", "Saarpfalz-Kreis"). */
function selfDescribing(name: string, type: string): boolean {
  return (
    name.toLowerCase().includes(type.toLowerCase()) ||
    /kreis$/i.test(name) ||
    /^(Region|Städteregion|Regionalverband)\b/.test(name)
  );
}

/** A Kreis as a heading: "Landkreis Esslingen", "Kreis Lippe", "Region Hannover", "Saarpfalz-Kreis". */
export function kreisLabel(name: string, typeLabel: string | null): string {
  const short = shortName(name);
  const type = typeLabel?.trim();
  return !type || selfDescribing(short, type) ? short : `${type} ${short}`;
}

/** "im Landkreis Esslingen", "im Saarpfalz-Kreis", "in der Region Hannover", "in München" (kreisfreie Stadt). */
export function inKreis(name: string, typeLabel: string | null): string {
  const type = typeLabel?.trim() || 'Kreis';
  if (/stadt$/i.test(type)) return `in ${shortName(name)}`;
  const label = kreisLabel(name, type);
  return /^(Region|Städteregion)\b/.test(label) ? `in der ${label}` : `im ${label}`;
}

/** "in Bayern", "im Saarland". */
export function inLand(name: string): string {
  return name === 'Saarland' ? 'im Saarland' : `in ${name}`;
}

/** "A", "A und B", "A, B und C". */
export function listGerman(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/** A yes/no cell of an export table: "ja" or "nein". */
export function yesNo(value: boolean): string {
  return value ? 'ja' : 'nein';
}

/** German digit grouping: 312000 → "312.000". */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A share as German percent text: 0.5 → "50 %", 0.158 → "15,8 %". */
export function formatPercent(share: number): string {
  const value = Math.round(share * 1000) / 10;
  return `${String(value).replace('.', ',')} %`;
}

/** "1 Gemeinde", "3 Gemeinden". */
export function gemeinden(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'Gemeinde' : 'Gemeinden'}`;
}

/** "1 Einwohner", "312.000 Einwohner" (the Gemeindeverzeichnis's word for residents). */
export function einwohner(count: number): string {
  return `${formatCount(count)} Einwohner`;
}

/**
 * The note of every report that rests on demo data. Demo records name real reference
 * operators where they fit the Land (see `importers/demo/demo-operators.ts`), so the note
 * says outright that those assignments are invented.
 */
export const DEMO_NOTE =
  'Enthält Demodaten: Einträge aus „demo load“ sind synthetisch erzeugt und keine echten Angaben. Auch wo sie echte ' +
  'Betreiber nennen (etwa kommunale IT-Dienstleister aus der Referenzliste), ist deren Zuordnung zu Gemeinden erfunden.';

/** Appended to a sentence (a suggestion's reason) that rests on demo data. */
export const DEMO_SENTENCE = 'Achtung, Demodaten: synthetisch erzeugt, die Zuordnung der Betreiber ist erfunden.';

/** The report's notes with {@link DEMO_NOTE} first when demo data are among its records. */
export function withDemoNote(demoData: boolean, notes: string[]): string[] {
  return demoData ? [DEMO_NOTE, ...notes] : notes;
}
