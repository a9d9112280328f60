import { formatTarget, type MaturityTarget } from '../../lib/maturity';

/**
 * The definitions behind every number of the gap reports, in German, so a coordinator can check a
 * number by hand. Shown in the API (`definitions`), the exports and the web pages; the README
 * repeats them.
 */
export function gapDefinitions(target: MaturityTarget): string[] {
  return [
    'Einheiten: Gemeinden (ohne gemeindefreie Gebiete) und Landkreise. Eine kreisfreie Stadt ist eine Einheit und ' +
      'trägt Gemeinde- und Kreisaufgaben; Berlin und Hamburg tragen auch die Landesaufgaben.',
    'Zuständig (Nenner): Liegen für eine Leistung in einem Land Zuständigkeitsdaten aus einem FIM-Import vor, sind ' +
      'dort genau die darin genannten Einheiten zuständig. Sonst entscheidet die Regeltabelle nach Typisierung ' +
      '(Typ 1 Bund, 2 Land, 2/3 und 4 Kreis bzw. kreisfreie Stadt, 3 und 5 Gemeinde; einzelne OZG-Leistungen ' +
      'wie Personalausweis oder Meldewesen: Gemeinde). Jede Zahl nennt, worauf sie beruht.',
    `Ziel: Reifegrad ${formatTarget(target)}. Eine Leistung erreicht es für eine Einheit, wenn ein eigenes ` +
      'Online-Angebot oder ein flächendeckendes Angebot des Kreises bzw. Landes mindestens diesen Reifegrad hat ' +
      '(Werte des anderen Reifegradmodells werden näherungsweise umgerechnet; ein Angebot ohne Reifegrad zählt nicht).',
    'Erfüllt: Eine OZG-Leistung ist für eine Einheit erfüllt, wenn jede ihrer Leistungen, für die die Einheit ' +
      'zuständig ist, das Ziel erreicht.',
    'Flächendeckend: in allen zuständigen Einheiten des Gebiets erfüllt; „in mindestens einer“: in wenigstens einer.',
    'Dashboard-Regel (zum Vergleich mit dem OZG-Dashboard): eine OZG-Leistung gilt in einer Einheit als online, ' +
      'wenn mindestens eine ihrer Leistungen dort online ist und Reifegrad 2 (Modell 1.1) erreicht oder keinen ' +
      'Reifegrad angibt.',
    'Hemmnisse: Basiskomponenten, die einer zuständigen Einheit fehlen und den erreichbaren Reifegrad einer noch ' +
      'nicht erfüllten Leistung unter das Ziel begrenzen (Tabelle in docs/ozg-reports.md). Ist die Gebührenpflicht ' +
      'einer Leistung unbekannt, wird E-Payment als nötig angenommen.',
  ];
}

/** The note every report carries about the catalogue. */
export function catalogueNote(edition: string): string {
  return /2019/.test(edition)
    ? `Grundlage ist der OZG-Katalog „${edition}“ (Stand 2019); neuere Kataloge ersetzen ihn über den Katalogimport.`
    : `Grundlage ist der OZG-Katalog „${edition}“.`;
}
