/** One figure of the survey, in percent of the responding municipalities. */
export interface SurveyFigure {
  value: number;
  /** True when the publication does not state the figure and it was computed from figures it does state. */
  derived: boolean;
  /** German: where the figure comes from, or how it was computed. */
  note: string;
}

/** The survey classes by components in use: none, one or two, three or more. */
export type SurveyClass = 'none' | 'oneToTwo' | 'threePlus';

/** The reference survey: what it is, whom it asked, and the figures the benchmark compares with. */
export interface SurveyReference {
  title: string;
  publishers: string;
  year: number;
  /** The publisher's page on the study (KGSt), which links to the eight-page results paper. */
  url: string;
  /** German one-line citation for notes and exports. */
  source: string;
  sample: {
    respondents: number;
    /** German: who was asked, how and when. */
    description: string;
    /** German: why the sample is not a picture of all Gemeinden. */
    caveat: string;
  };
  figures: Record<SurveyClass, SurveyFigure>;
  /**
   * The distribution per population size class as the survey published it: it did not (it says
   * only that larger municipalities are more often well positioned), hence null.
   */
  figuresBySizeClass: null;
}

/**
 * The 2019 KGSt/ÖFIT survey "Wie sind die Kommunen digital aufgestellt?" (DOMAIN.md §1, §9).
 * The publication states 16 % running none of the nine base components and 32 % one or two
 * ("about half run at most two"); three or more ("gut aufgestellt") is the remainder, so 52 %
 * is our arithmetic, not a survey figure, and says so wherever it is shown.
 */
export const SURVEY_2019: SurveyReference = {
  title: 'Wie sind die Kommunen digital aufgestellt?',
  publishers: 'KGSt und Kompetenzzentrum Öffentliche IT (ÖFIT) am Fraunhofer FOKUS',
  year: 2019,
  url: 'https://www.kgst.de/studie-wie-digital-sind-kommunen-in-deutschland-aufgestellt',
  source: 'KGSt/ÖFIT-Umfrage „Wie sind die Kommunen digital aufgestellt?“ (2019, 412 Kommunen)',
  sample: {
    respondents: 412,
    description:
      'Online-Befragung von 412 Mitgliedskommunen der KGSt einschließlich Kreisen, Dezember 2018 bis Februar 2019.',
    caveat:
      'Keine Zufallsstichprobe aller Gemeinden: Es antworteten KGSt-Mitglieder, auch Kreise, und größere Kommunen sind ' +
      'überrepräsentiert. Größere Kommunen sind nach der Umfrage häufiger gut aufgestellt; ein Gebiet mit vielen kleinen ' +
      'Gemeinden ist daher nicht ohne Weiteres mit den Umfragewerten vergleichbar.',
  },
  figures: {
    none: {
      value: 16,
      derived: false,
      note: 'Umfragewert: 16 % der befragten Kommunen betreiben keine der neun Basiskomponenten.',
    },
    oneToTwo: {
      value: 32,
      derived: false,
      note: 'Umfragewert: 32 % der befragten Kommunen betreiben eine oder zwei Basiskomponenten.',
    },
    threePlus: {
      value: 52,
      derived: true,
      note:
        'Abgeleitet, kein Umfragewert: 100 − 16 − 32 = 52 %. Die Veröffentlichung nennt 16 % und 32 % ' +
        '(zusammen etwa die Hälfte mit höchstens zwei), aber keinen eigenen Wert für drei oder mehr.',
    },
  },
  figuresBySizeClass: null,
};

/** The survey class of a municipality by the number of components it has in use. */
export function surveyClass(inUse: number): SurveyClass {
  if (inUse === 0) return 'none';
  return inUse <= 2 ? 'oneToTwo' : 'threePlus';
}

/** "52 % (abgeleitet)" or "16 %": a survey figure as shown beside the area's shares. */
export function surveyFigureText(figure: SurveyFigure): string {
  return `${figure.value} %${figure.derived ? ' (abgeleitet)' : ''}`;
}
