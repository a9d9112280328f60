import type { OperatorType } from '../../lib/vocabulary';

/**
 * The shape of the synthetic landscape, from the 2019 KGSt/ÖFIT survey and DOMAIN.md §1.
 * Numbers that are not from the survey are plausible guesses, chosen to make the reports
 * interesting; they are labelled as such.
 */

/** Survey: 16 % of municipalities run none of the nine components, 32 % one or two, 52 % three or more. */
export const TARGET_SHARES = { none: 0.16, oneToTwo: 0.32, threePlus: 0.52 } as const;

/** Guess: share of municipalities left without any record, so "no data" shows up in the reports. */
export const NO_DATA_SHARE = 0.03;

/** Guess: share of municipalities whose records were last touched more than a year ago. */
export const STALE_SHARE = 0.1;

/**
 * How common each component is among those a municipality has in use (relative weights,
 * guessed from the survey's order: search, form server and ePayment are common; apps and
 * chatbots are newer and rarer; De-Mail is in decline).
 */
export const POPULARITY: Record<string, number> = {
  search: 1,
  'form-server': 0.9,
  epayment: 0.8,
  'service-account': 0.65,
  eid: 0.55,
  mailbox: 0.5,
  'de-mail': 0.3,
  'mobile-app': 0.3,
  chatbot: 0.15,
};
export const DEFAULT_POPULARITY = 0.3;

/**
 * Order of the weights in {@link OPERATOR_WEIGHTS}. The demo draws no `inter-municipal`
 * operators: it has no model of which municipality or Kreis would serve which.
 */
export const OPERATOR_TYPE_ORDER: readonly Exclude<OperatorType, 'inter-municipal'>[] = [
  'own-it',
  'municipal-provider',
  'private-provider',
  'state',
  'federal',
];

/**
 * Operator types per component (survey, DOMAIN.md §1): own IT and municipal providers run
 * search, De-Mail, ePayment and form server; private providers mostly apps and chatbots;
 * state solutions are rare; the federal BundID is plausible for the service account.
 */
export const OPERATOR_WEIGHTS: Record<string, readonly number[]> = {
  'form-server': [0.3, 0.5, 0.14, 0.06, 0],
  epayment: [0.3, 0.55, 0.12, 0.03, 0],
  search: [0.4, 0.45, 0.13, 0.02, 0],
  'de-mail': [0.35, 0.55, 0.1, 0, 0],
  'service-account': [0.05, 0.25, 0.05, 0.2, 0.45],
  eid: [0.15, 0.45, 0.1, 0.05, 0.25],
  mailbox: [0.2, 0.45, 0.1, 0.1, 0.15],
  'mobile-app': [0.12, 0.13, 0.75, 0, 0],
  chatbot: [0.08, 0.12, 0.8, 0, 0],
};
export const DEFAULT_OPERATOR_WEIGHTS = [0.3, 0.5, 0.2, 0, 0] as const;

/** Survey: better-positioned municipalities run components themselves or through municipal providers more often. */
export const WELL_POSITIONED_MUNICIPAL_BOOST = 1.3;

/** Probabilities of a record for a component that is not in use (guesses). */
export const NOT_IN_USE = {
  planned: 0.12,
  notUsed: 0.18,
  unknown: 0.02,
  /** De-Mail: the largest provider left in 2022, so many switched it off. */
  deMailRetired: 0.35,
} as const;

/** Guess: share of municipalities of a Kreis that use the Kreis's usual municipal provider. */
export const HOME_PROVIDER_SHARE = 0.85;
/** Guess: share that use the Kreis's usual product for a component. */
export const HOME_PRODUCT_SHARE = 0.7;

/** Guess: components a Landkreis runs for its own administration, with their probability. */
export const KREIS_COMPONENTS: Record<string, number> = {
  'form-server': 0.7,
  epayment: 0.6,
  'service-account': 0.5,
  eid: 0.5,
  mailbox: 0.5,
  search: 0.6,
};

/** Product names per component and operator type, taken from the public product suggestions. */
export function productsFor(code: string, type: OperatorType, landKey: string): readonly string[] {
  if (code === 'service-account') {
    if (type === 'federal') return ['BundID'];
    if (type === 'state') return [STATE_ACCOUNTS[landKey] ?? 'Servicekonto des Landes'];
  }
  return PRODUCTS[code] ?? [];
}

const STATE_ACCOUNTS: Record<string, string> = { '05': 'Servicekonto.NRW', '09': 'BayernID' };

const PRODUCTS: Record<string, readonly string[]> = {
  'form-server': ['Form-Solutions Antragsmanagement', 'cit intelliForm', 'KoFoS', 'Bürgerservice-Portal'],
  epayment: ['ePayBL', 'pmPayment', 'epay21', 'ePayKommunal', 'GiroSolution'],
  'service-account': ['BundID', 'Servicekonto des Landes'],
  eid: ['eID-Service des Servicekontos', 'Governikus Autent'],
  'de-mail': ['Governikus MultiMessenger (De-Mail-Gateway)'],
  mailbox: ['Governikus MultiMessenger', 'Virtuelle Poststelle', 'Postfach des Servicekontos'],
  search: ['Zuständigkeitsfinder', 'Leistungsfinder', 'Website-Suche'],
  'mobile-app': ['Bürger-App', 'Heimat-App', 'Stadt-App'],
  chatbot: ['Bürger-Chatbot', 'Service-Chatbot'],
};
