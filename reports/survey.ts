/**
 * The reference distribution of the 2019 KGSt/ÖFIT survey "Wie sind die Kommunen digital
 * aufgestellt?" (412 member municipalities of the KGSt): share of municipalities running none,
 * one or two, and three or more of the nine base components, in percent. Three or more counts
 * as "gut aufgestellt" (comparatively well positioned).
 */
export const SURVEY_2019 = {
  source: 'KGSt/ÖFIT-Umfrage „Wie sind die Kommunen digital aufgestellt?“ (2019, 412 Kommunen)',
  none: 16,
  oneToTwo: 32,
  threePlus: 52,
} as const;

/** The three survey classes. */
export type SurveyClass = 'none' | 'oneToTwo' | 'threePlus';

/** The survey class of a municipality by the number of components it has in use. */
export function surveyClass(inUse: number): SurveyClass {
  if (inUse === 0) return 'none';
  return inUse <= 2 ? 'oneToTwo' : 'threePlus';
}
