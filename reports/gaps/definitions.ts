import { formatTarget, type MaturityTarget } from '../../lib/maturity';

/**
 * The definitions behind every number of the gap reports, in German, so a coordinator can check a
 * number by hand. Shown in the API (`definitions`), the exports and the web pages; the README
 * repeats them.
 */
export function gapDefinitions(target: MaturityTarget): string[] {
  return [
    'Einheiten sind Verwaltungen: verbandsfreie Gemeinden, Gemeindeverbände, die ihre Mitgliedsgemeinden ' +
      'verwalten (Amt, Samtgemeinde, Verbandsgemeinde, Verwaltungsgemeinschaft, Verwaltungsverband, erfüllende ' +
      'Gemeinde), Mitgliedsgemeinden für die Aufgaben, die sie behalten, Landkreise und kreisfreie Städte (eine ' +
      'Einheit mit Gemeinde- und Kreisaufgaben); Berlin und Hamburg tragen auch die Landesaufgaben. Gemeindefreie ' +
      'Gebiete zählen nicht; die Einwohnerzahl zählt jede Gemeinde einmal.',
    'Zuständig (Nenner): Die Zuständigkeitsregeln sagen je Leistung, welche Ebene sie ausführt (Gemeinde, Kreis, ' +
      'Land, Bund oder eine andere Stelle wie Familienkasse, Krankenkasse, Kammer, Hochschule) und zu welcher ' +
      'Aufgabengruppe sie gehört. Es gilt die genaueste Regel: für den Leistungsschlüssel in diesem Land, für die ' +
      'OZG-Leistung in diesem Land, für den Leistungsschlüssel, für die OZG-Leistung, zuletzt für die Typisierung. ' +
      'Leistungen von Land (außer in Berlin und Hamburg), Bund und anderen Stellen zählen für keine Kommune. ' +
      'Welche Aufgabengruppen ein Gemeindeverband für seine Mitglieder ausführt und welche Kreisaufgaben eine Große ' +
      'Kreisstadt übernimmt, ist Landesrecht und steht in der Tabelle der Aufgabenübertragung. Jede Regel nennt ' +
      'Begründung und Quelle; Administratoren können sie ändern (Seite /zustaendigkeitsregeln).',
    'Zuständigkeitsdaten aus FIM-Importen ergänzen die Regeln um die Einheiten, die sie nennen; sie nehmen keiner ' +
      'anderen Einheit eine Leistung weg, außer ein Administrator hat die Zuständigkeitsdaten eines Landes als ' +
      'vollständig markiert. Jede Zahl nennt, worauf sie beruht.',
    'Basiskomponenten: eigene Einträge einer Einheit; eine Mitgliedsgemeinde nutzt zudem, was ihr Gemeindeverband ' +
      'betreibt, solange sie für diese Komponente keinen eigenen Eintrag hat. Jede Komponente ist entweder im Einsatz, ' +
      'als nicht im Einsatz erfasst (geplant, nicht genutzt, abgeschaltet) oder ohne Angaben (kein Eintrag oder Status ' +
      '„unbekannt“). Ohne Angaben heißt nicht „fehlt“.',
    `Ziel: Reifegrad ${formatTarget(target)}. Eine Leistung erreicht es für eine Einheit, wenn ein eigenes ` +
      'Online-Angebot oder ein flächendeckendes Angebot des Kreises bzw. Landes mindestens diesen Reifegrad hat ' +
      '(Werte des anderen Reifegradmodells werden näherungsweise umgerechnet; ein Angebot ohne Reifegrad zählt nicht).',
    'Erfüllt (strenge Regel): Eine OZG-Leistung ist für eine Einheit erfüllt, wenn jede ihrer online-relevanten ' +
      'Leistungen, für die die Einheit zuständig ist, das Ziel erreicht. Nicht online-relevant sind Leistungen, die ' +
      'nur vor Ort geschehen (Ausgabe eines Ausweises, Trauung, Erfassung der Fingerabdrücke, Untersuchung); welche, ' +
      'sagen die Leistungsmerkmale mit Begründung und Quelle (BT-Drs. 19/26311: nicht jede LeiKa-Leistung braucht ' +
      'einen eigenen Online-Dienst). Sie werden gezeigt, aber weder im Nenner noch als Lücke gezählt.',
    'Flächendeckend: in allen zuständigen Einheiten des Gebiets erfüllt; „in mindestens einer“: in wenigstens einer.',
    'Dashboard-Regel (zum Vergleich mit dem OZG-Dashboard): eine OZG-Leistung gilt in einer Einheit als online, ' +
      'wenn mindestens eine ihrer Leistungen dort online ist und Reifegrad 2 (Modell 1.1) erreicht oder keinen ' +
      'Reifegrad angibt.',
    'Angebote aus den Daten des OZG-Dashboards haben keinen Reifegrad (das Dashboard liefert keinen): Sie zählen ' +
      'für die Dashboard-Regel, für das Ziel nur, wenn eine andere Quelle (Handeingabe, FIM, Import mit ' +
      'Reifegradspalten) für dieselbe Leistung einen Reifegrad nennt. Wie viele Zuständigkeiten deshalb nur ohne ' +
      'Reifegrad online sind, steht im Bericht („ohne Reifegrad“).',
    'Was fehlt laut Daten: Basiskomponenten, die als nicht im Einsatz erfasst sind und den erreichbaren Reifegrad ' +
      'einer noch nicht erfüllten Leistung unter das Ziel begrenzen (Tabelle auf der Seite /ozg-definitionen). E-Payment ' +
      'braucht nur eine gebührenpflichtige Leistung, die eID-Funktion nur eine mit Vertrauensniveau substantiell ' +
      'oder hoch; beides steht in FIM-Daten (modulKosten, vertrauensniveau) oder in den Leistungsmerkmalen.',
    'Jede Einheit unter dem Ziel zählt genau einmal: „fehlt laut Angaben“, wenn eine als fehlend erfasste ' +
      'Komponente begrenzt; sonst „ohne Angaben“, wenn zu einer begrenzenden Komponente nichts erfasst ist; sonst ' +
      '„hängt ab von“ unbekannter Gebührenpflicht bzw. unbekanntem Vertrauensniveau; sonst „Komponenten reichen, ' +
      'das Angebot fehlt“. Unbekanntes wird nie als fehlend oder vorhanden angenommen.',
    'Kombinationen: Für jede noch nicht erfüllte Leistung, bei der alles Nötige bekannt ist, die kleinste Menge ' +
      'fehlender Komponenten, mit der sie das Ziel erreichen könnte (je begrenzendem Kriterium eine Komponente). ' +
      'De-Mail zählt nicht als Rückkanal: seit dem OZG 2.0 ist es das Postfach des Nutzerkontos.',
  ];
}

/** The note every report carries about the catalogue. */
export function catalogueNote(edition: string): string {
  return /2019/.test(edition)
    ? `Grundlage ist der OZG-Katalog „${edition}“ (Stand 2019); neuere Kataloge ersetzen ihn über den Katalogimport.`
    : `Grundlage ist der OZG-Katalog „${edition}“.`;
}
