import { UPPER_LEVEL_NOTE, type Area } from '../area';
import type { BenchmarkRow } from './report';
import { SIZE_CLASS_SOURCE } from '../common/size-classes';
import { SURVEY_2019, type SurveyClass, type SurveyFigure } from '../common/survey';
import { formatCount, gemeinden, withDemoNote } from '../common/wording';

function share(value: number | undefined): string {
  return `${String(value ?? 0).replace('.', ',')} %`;
}

/** "16 %", "52 %, abgeleitet": inside the summary's brackets. */
function survey(key: SurveyClass): string {
  const figure = SURVEY_2019.figures[key];
  return `${figure.value} %${figure.derived ? ', abgeleitet' : ''}`;
}

/** The benchmark's summary sentence: data coverage, then the area's shares beside the survey's. */
export function benchmarkSummary(area: Area, total: BenchmarkRow, staleMonths: number): string {
  const demo =
    total.demoMunicipalities > 0
      ? ` Die Angaben von ${gemeinden(total.demoMunicipalities)} davon sind Demodaten (synthetisch erzeugt, keine echten Angaben).`
      : '';
  const data =
    `Von ${gemeinden(total.municipalities)} ${area.inPhrase} haben ${formatCount(total.withData)} Angaben ` +
    `(${formatCount(total.noData)} ohne Angaben, ${formatCount(total.stale)} seit mehr als ${staleMonths} Monaten weder aktualisiert noch bestätigt).${demo}`;
  if (!total.shares)
    return `${data} Ohne Angaben lässt sich keine Verteilung berechnen – fehlende Angaben sind keine fehlenden Komponenten.`;
  return (
    `${data} Unter den Gemeinden mit Angaben betreiben ${share(total.shares.none)} keine Basiskomponente ` +
    `(Umfrage 2019: ${survey('none')}), ${share(total.shares.oneToTwo)} eine oder zwei (${survey('oneToTwo')}) und ` +
    `${share(total.shares.threePlus)} drei oder mehr (${survey('threePlus')}); ${gemeinden(total.wellPositioned)} ` +
    `${total.wellPositioned === 1 ? 'ist' : 'sind'} damit gut aufgestellt.`
  );
}

const CLASS_PHRASES: Record<SurveyClass, string> = {
  none: 'keine Komponente',
  oneToTwo: 'eine oder zwei',
  threePlus: 'drei oder mehr',
};

/** What the comparison rests on: the survey, its sample, the derived figure and the size classes. */
export const SURVEY_NOTES: readonly string[] = [
  `Vergleich: ${SURVEY_2019.source}, ${SURVEY_2019.url}; drei oder mehr Basiskomponenten gelten dort als „gut aufgestellt“.`,
  `Stichprobe der Umfrage: ${SURVEY_2019.sample.description} ${SURVEY_2019.sample.caveat}`,
  ...(Object.entries(SURVEY_2019.figures) as [SurveyClass, SurveyFigure][])
    .filter(([, f]) => f.derived)
    .map(([key, f]) => `Umfrage, ${CLASS_PHRASES[key]}: ${f.note}`),
  'Größenklassen: Die Umfrage veröffentlicht ihre Verteilung nicht je Größenklasse. Der Vergleich je Größenklasse ' +
    'stellt deshalb die Verteilung der Gemeinden des Gebiets in jeder Klasse neben die Gesamtwerte der Umfrage. ' +
    `${SIZE_CLASS_SOURCE.note} Quelle: ${SIZE_CLASS_SOURCE.url}`,
];

/** The benchmark's notes, the demo note first when demo data are among the records. */
export function benchmarkNotes(input: { demoData: boolean; staleBefore: Date; staleMonths: number }): string[] {
  return withDemoNote(input.demoData, [
    UPPER_LEVEL_NOTE,
    'Anteile beziehen sich nur auf Gemeinden mit mindestens einer Angabe; Gemeinden ohne Angaben werden gesondert gezählt.',
    `Veraltet: seit dem ${input.staleBefore.toISOString().slice(0, 10)} (${input.staleMonths} Monate) wurde keine Angabe der Gemeinde ` +
      'angelegt oder geändert, und niemand hat ihre Angaben als vollständig und aktuell bestätigt.',
    ...SURVEY_NOTES,
  ]);
}
