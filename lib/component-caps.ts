/**
 * Which base component each maturity criterion needs, and how far a service can get without it
 * (DOMAIN.md §6, §8). One table, read by the attainable-maturity computation and the gap
 * reasons; nothing else in the code knows these facts.
 *
 * Each row: for a criterion of a maturity model, the components that satisfy it (any one is
 * enough), the highest level reachable while none of them is in use (`cap`), and the condition
 * under which the criterion applies to a Leistung at all.
 *
 * Sources: the level definitions of Reifegradmodell 1.1 (level 3 = application with all evidence
 * online, after authentication with a Nutzerkonto at the required Vertrauensniveau and with the
 * Bescheid through the Postfach; level 4 = fully digital) and 2.0 (levels 0–3 front end, 4–6
 * process and data, 6 relying on DeutschlandID, Organisationskonto with Postfach and payment).
 * The caps are this project's reading of those definitions (an inference, documented in
 * docs/ozg-reports.md), not an official table.
 */
import type { MaturityModel } from './maturity';

/** When a criterion applies to a Leistung. */
export type CapCondition =
  /** every Leistung */
  | 'always'
  /** the Leistung costs a fee (unknown fee: the criterion's relevance is unknown, not assumed) */
  | 'fee-bearing'
  /** its Vertrauensniveau needs an eID (substantiell or hoch; unknown Vertrauensniveau: unknown) */
  | 'eid-required';

export interface ComponentCap {
  model: MaturityModel;
  criterion: string;
  /** German name of the criterion, for reasons. */
  label: string;
  /** Component codes; any one in use satisfies the criterion. */
  components: string[];
  /** The highest level reachable without any of them. */
  cap: number;
  when: CapCondition;
}

export const COMPONENT_CAPS: readonly ComponentCap[] = [
  // Reifegradmodell 1.1 (0–4): level 2 needs a form assistant, level 3 the online application
  // with Nutzerkonto, eID where required and online payment, level 4 the digital return channel.
  {
    model: 'RGM-1.1',
    criterion: 'antragsprozess',
    label: 'Online-Antrag',
    components: ['form-server'],
    cap: 1,
    when: 'always',
  },
  {
    model: 'RGM-1.1',
    criterion: 'nutzerkonto',
    label: 'Nutzerkonto',
    components: ['service-account'],
    cap: 2,
    when: 'always',
  },
  {
    model: 'RGM-1.1',
    criterion: 'authentifizierung',
    label: 'Authentifizierung (Vertrauensniveau)',
    components: ['eid'],
    cap: 2,
    when: 'eid-required',
  },
  {
    model: 'RGM-1.1',
    criterion: 'bezahlprozess',
    label: 'Bezahlung',
    components: ['epayment'],
    cap: 2,
    when: 'fee-bearing',
  },
  {
    model: 'RGM-1.1',
    criterion: 'rueckkanal',
    label: 'Rückkanal (Bescheid digital)',
    // The account's Postfach, not De-Mail: its largest provider left in 2022 and OZG 2.0 makes
    // the Postfach the return channel (DOMAIN.md §5a, §6). De-Mail stays recordable, not counted.
    components: ['mailbox'],
    cap: 3,
    when: 'always',
  },
  // Reifegradmodell 2.0 (0–7): the front end (levels 2–3) needs the same components; level 6
  // relies on DeutschlandID (service account) with Postfach and on payment integration.
  {
    model: 'RGM-2.0',
    criterion: 'antragsprozess',
    label: 'Online-Antrag',
    components: ['form-server'],
    cap: 1,
    when: 'always',
  },
  {
    model: 'RGM-2.0',
    criterion: 'nutzerkonto',
    label: 'Nutzerkonto (DeutschlandID)',
    components: ['service-account'],
    cap: 2,
    when: 'always',
  },
  {
    model: 'RGM-2.0',
    criterion: 'authentifizierung',
    label: 'Authentifizierung (Vertrauensniveau)',
    components: ['eid'],
    cap: 2,
    when: 'eid-required',
  },
  {
    model: 'RGM-2.0',
    criterion: 'bezahlprozess',
    label: 'Bezahlung',
    components: ['epayment'],
    cap: 2,
    when: 'fee-bearing',
  },
  {
    model: 'RGM-2.0',
    criterion: 'rueckkanal',
    label: 'Postfach (Rückkanal)',
    components: ['mailbox'],
    cap: 5,
    when: 'always',
  },
];

/**
 * Whether a Vertrauensniveau needs an eID: true for substantiell and hoch (XZuFi code list
 * `urn:de:xzufi:codeliste:vertrauensniveau`: 30, 40), false for any other stated level
 * (Basisregistrierung, niedrig, 10, 20), null when none is stated: then nobody knows, and
 * the report says so instead of assuming either way.
 */
export function needsEid(vertrauensniveau: string | null): boolean | null {
  if (!vertrauensniveau || !vertrauensniveau.trim()) return null;
  const v = vertrauensniveau.trim().toLowerCase();
  return (
    v === '30' || v === '40' || v.startsWith('substanziell') || v.startsWith('substantiell') || v.startsWith('hoch')
  );
}
