/**
 * Who carries a Leistung (DOMAIN.md §5a): the vocabulary shared by the rule tables, the derived
 * responsibility and the gap reports, and the one function that says whether an administrative
 * unit carries a Leistung of a given level and task group.
 */

/**
 * Administrative levels a Leistung can fall to. `gemeinde` and `kreis` are municipal (a Gemeinde
 * task may pass to the Verband that administers the Gemeinde, a Kreis task to a Große Kreisstadt);
 * `land` a Land authority (Finanzamt, court, Landesamt: carried only by the Stadtstaaten, which are
 * the Land); `bund` a federal authority; `andere` another body (social insurance, Bundesagentur,
 * chambers, universities); `keine` no administration at all; `unbekannt` where no rule says.
 */
export const RESPONSIBILITY_LEVELS = ['gemeinde', 'kreis', 'land', 'bund', 'andere', 'keine', 'unbekannt'] as const;
export type ResponsibilityLevel = (typeof RESPONSIBILITY_LEVELS)[number];

/** Levels that leave every municipal denominator (Stadtstaaten still carry `land`). */
export const NON_MUNICIPAL_LEVELS: readonly ResponsibilityLevel[] = ['land', 'bund', 'andere', 'keine'];

export const RESPONSIBILITY_LEVEL_LABELS: Record<ResponsibilityLevel | 'explicit', string> = {
  gemeinde: 'Gemeinde',
  kreis: 'Kreis bzw. kreisfreie Stadt',
  land: 'Land (nicht kommunal)',
  bund: 'Bund (nicht kommunal)',
  andere: 'andere Stelle (nicht kommunal)',
  keine: 'keine Verwaltung',
  unbekannt: 'unbekannt',
  explicit: 'laut Zuständigkeitsdaten',
};

/**
 * Task groups of a Gemeinde or Kreis task. Land law passes whole groups: an Amt runs the
 * Bürgerbüro of its members, a Große Kreisstadt is its own Bauaufsicht.
 */
export const GEMEINDE_TASK_GROUPS = [
  'buergeramt',
  'standesamt',
  'ordnung',
  'wahlen',
  'steuern',
  'selbstverwaltung',
] as const;
export const KREIS_TASK_GROUPS = [
  'bauaufsicht',
  'verkehr',
  'soziales',
  'jugend',
  'auslaender',
  'gesundheit',
  'veterinaer',
  'umwelt',
  'abfall',
  'kreis-sonstige',
] as const;
export const TASK_GROUPS = [...GEMEINDE_TASK_GROUPS, ...KREIS_TASK_GROUPS] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

export const TASK_GROUP_LABELS: Record<TaskGroup, string> = {
  buergeramt: 'Melde-, Pass- und Ausweiswesen',
  standesamt: 'Personenstandswesen (Standesamt)',
  ordnung: 'örtliche Ordnungsbehörde (Gewerbe, Fundsachen …)',
  wahlen: 'Wahlen und Abstimmungen',
  steuern: 'Gemeindesteuern und Abgaben',
  selbstverwaltung: 'eigene Angelegenheiten der Gemeinde',
  bauaufsicht: 'untere Bauaufsicht',
  verkehr: 'Zulassung, Fahrerlaubnis, Straßenverkehr',
  soziales: 'Sozialleistungen des Kreises',
  jugend: 'Jugendamt',
  auslaender: 'Ausländerbehörde und Einbürgerung',
  gesundheit: 'Gesundheitsamt',
  veterinaer: 'Veterinär- und Lebensmittelüberwachung',
  umwelt: 'untere Umweltbehörden',
  abfall: 'Abfallentsorgung',
  'kreis-sonstige': 'sonstige Kreisaufgaben',
};

/** The level a task group belongs to: Gemeinde groups for `gemeinde` rules, Kreis groups for `kreis`. */
export function taskGroupLevel(group: TaskGroup): 'gemeinde' | 'kreis' {
  return (GEMEINDE_TASK_GROUPS as readonly string[]).includes(group) ? 'gemeinde' : 'kreis';
}

/** Where a responsibility comes from, from strongest to weakest evidence. */
export const RESPONSIBILITY_SOURCES = ['zustaendigkeit', 'regel', 'typisierung'] as const;
export type ResponsibilitySource = (typeof RESPONSIBILITY_SOURCES)[number];

export const RESPONSIBILITY_SOURCE_LABELS: Record<ResponsibilitySource, string> = {
  zustaendigkeit: 'Zuständigkeitsdaten (FIM)',
  regel: 'Zuständigkeitsregel für diese Leistung bzw. OZG-Leistung',
  typisierung: 'Typisierung (Heuristik)',
};

/**
 * Kinds of administrative unit a report counts. `gemeinde`: a kreisangehörige Gemeinde, on its own
 * or as a member of a Verband (then `verbandType` says which); `verband`: a Gemeindeverband that
 * administers its members (Amt, Samtgemeinde, Verbandsgemeinde, Verwaltungsgemeinschaft,
 * Verwaltungsverband, erfüllende Gemeinde); `kreisfreie-stadt`: also carries Kreis tasks;
 * `stadtstaat`: Berlin and Hamburg, whose one Gemeinde is also the Land; `kreis`: a Landkreis.
 */
export const UNIT_KINDS = ['gemeinde', 'verband', 'kreisfreie-stadt', 'stadtstaat', 'kreis'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  gemeinde: 'kreisangehörige Gemeinde',
  verband: 'Gemeindeverband (verwaltet seine Mitglieder)',
  'kreisfreie-stadt': 'kreisfreie Stadt (Gemeinde- und Kreisaufgaben)',
  stadtstaat: 'Stadtstaat (Gemeinde-, Kreis- und Landesaufgaben)',
  kreis: 'Landkreis',
};

/** Who carries a task group for a type of unit in a Land (see `task_delegation_rules`). */
export const DELEGATION_CARRIERS = ['verband', 'mitglied', 'stadt', 'kreis'] as const;
export type DelegationCarrier = (typeof DELEGATION_CARRIERS)[number];

/**
 * The unit types a delegation rule names: a Gemeindeverband's GV100AD Textkennzeichen (51 Amt,
 * 52 Samtgemeinde, 53 Verbandsgemeinde, 54 Verwaltungsgemeinschaft, 55 Kirchspielslandgemeinde,
 * 56 Verwaltungsverband, 57 Verwaltungsgemeinschaft Trägermodell, 58 erfüllende Gemeinde) or the
 * status of a city that takes over Kreis tasks.
 */
export const VERBAND_TYPES = ['51', '52', '53', '54', '55', '56', '57', '58'] as const;
export const CITY_STATUSES = [
  'grosse-kreisstadt',
  'grosse-kreisangehoerige-stadt',
  'mittlere-kreisangehoerige-stadt',
  'grosse-selbstaendige-stadt',
  'selbstaendige-gemeinde',
] as const;
export type CityStatus = (typeof CITY_STATUSES)[number];
export const DELEGATION_UNIT_TYPES = [...VERBAND_TYPES, ...CITY_STATUSES] as const;

/** A unit as the responsibility decision needs it. */
export interface UnitProfile {
  kind: UnitKind;
  landKey: string;
  /** For a member Gemeinde the Textkennzeichen of its Verband, for a Verband its own; else null. */
  verbandType: string | null;
  /** For a kreisangehörige city that takes over Kreis tasks; else null. */
  cityStatus: string | null;
}

/** Looks up who carries a task group for a unit type in a Land; undefined where no rule says. */
export type DelegationLookup = (landKey: string, unitType: string, group: string) => DelegationCarrier | undefined;

/**
 * True when the unit carries a Leistung that the rules give to `level` with task group `group`.
 * A Gemeinde task is carried by a verbandsfreie Gemeinde, by a member unless its Verband type
 * carries the group in that Land (then by the Verband), and by kreisfreie Städte and Stadtstaaten.
 * A Kreis task by the Landkreis (for its whole area: a Große Kreisstadt taking it over adds a
 * unit, it does not remove the Kreis), by a city whose status carries the group, and by
 * kreisfreie Städte and Stadtstaaten. A Land task only by a Stadtstaat. Without a delegation rule
 * the member keeps the task and the Kreis keeps its own.
 */
export function unitCarries(
  unit: UnitProfile,
  level: ResponsibilityLevel | 'explicit',
  group: string,
  delegation: DelegationLookup,
): boolean {
  switch (level) {
    case 'gemeinde':
      if (unit.kind === 'kreisfreie-stadt' || unit.kind === 'stadtstaat') return true;
      if (unit.kind === 'gemeinde') {
        return unit.verbandType === null || delegation(unit.landKey, unit.verbandType, group) !== 'verband';
      }
      if (unit.kind === 'verband') {
        return unit.verbandType !== null && delegation(unit.landKey, unit.verbandType, group) === 'verband';
      }
      return false;
    case 'kreis':
      if (unit.kind === 'kreis' || unit.kind === 'kreisfreie-stadt' || unit.kind === 'stadtstaat') return true;
      return (
        unit.kind === 'gemeinde' &&
        unit.cityStatus !== null &&
        delegation(unit.landKey, unit.cityStatus, group) === 'stadt'
      );
    case 'land':
      return unit.kind === 'stadtstaat';
    default:
      return false;
  }
}
