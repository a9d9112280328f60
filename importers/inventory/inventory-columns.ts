import { searchKey } from '../../lib/text';
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  OPERATOR_TYPE_LABELS,
  OPERATOR_TYPES,
  type ComponentStatus,
  type OperatorType,
} from '../../lib/vocabulary';
import type { ColumnSpec } from '../tabular';
import { statusSynonyms } from './inventory-synonyms';

/** A column of the inventory file, with what the documentation and the template say about it. */
export interface InventoryColumn extends ColumnSpec {
  /** Property of the normalised row. */
  property:
    | 'ags'
    | 'component'
    | 'status'
    | 'operator'
    | 'operatorType'
    | 'product'
    | 'validFrom'
    | 'validTo'
    | 'note'
    | 'servesMembers'
    | 'newOperator';
  /** German explanation, shown in the XLSX template. */
  description: string;
}

/** The columns of an inventory file in template order (see docs/import-inventory.md). */
export const INVENTORY_COLUMNS: InventoryColumn[] = [
  {
    name: 'ags',
    property: 'ags',
    aliases: ['AGS', 'Gemeindeschlüssel', 'Amtlicher Gemeindeschlüssel', 'Gebietsschlüssel', 'Schlüssel'],
    required: true,
    description: 'Amtlicher Gemeindeschlüssel, 8 Ziffern mit führender Null (Kreis 5, Gemeindeverband 9 Ziffern)',
  },
  {
    name: 'component',
    property: 'component',
    aliases: ['Komponente', 'Basiskomponente'],
    required: true,
    description: 'Code der Basiskomponente (z. B. epayment) oder ihre deutsche Bezeichnung',
  },
  {
    name: 'status',
    property: 'status',
    aliases: ['Status', 'Einsatzstatus'],
    required: true,
    description:
      'in-use, planned, not-used, retired, unknown (oder: im Einsatz, geplant, nicht genutzt, abgeschaltet, unbekannt)',
  },
  {
    name: 'operator',
    property: 'operator',
    aliases: ['Betreiber', 'Betreibername'],
    required: false,
    description: 'Name oder Kurzname des Betreibers; leer mit Typ own-it = eigene IT-Abteilung der Kommune',
  },
  {
    name: 'operator_type',
    property: 'operatorType',
    aliases: ['Betreibertyp', 'Betreiber-Typ', 'Betreiberart', 'Art des Betreibers'],
    required: false,
    description: `${OPERATOR_TYPES.join(', ')} (oder die deutschen Bezeichnungen); Pflicht für neue Betreiber`,
  },
  {
    name: 'product',
    property: 'product',
    aliases: ['Produkt', 'Software', 'Lösung'],
    required: false,
    description: 'Produkt oder Hersteller, z. B. ePayBL',
  },
  {
    name: 'valid_from',
    property: 'validFrom',
    aliases: ['gültig ab', 'gueltig_ab', 'gültig von', 'seit'],
    required: false,
    description: 'Datum JJJJ-MM-TT oder TT.MM.JJJJ',
  },
  {
    name: 'valid_to',
    property: 'validTo',
    aliases: ['gültig bis', 'gueltig_bis', 'bis'],
    required: false,
    description: 'Datum JJJJ-MM-TT oder TT.MM.JJJJ, nicht vor valid_from',
  },
  {
    name: 'note',
    property: 'note',
    aliases: ['Bemerkung', 'Bemerkungen', 'Notiz', 'Anmerkung', 'Kommentar'],
    required: false,
    description: 'Freitext, höchstens 2000 Zeichen',
  },
  {
    name: 'serves_members',
    property: 'servesMembers',
    aliases: ['für Gemeinden', 'für die Gemeinden betrieben', 'betreibt für Gemeinden'],
    required: false,
    description:
      'nur bei einem Landkreis: ja, wenn er die Komponente auch für seine Gemeinden betreibt; sonst nein oder leer',
  },
  {
    name: 'new_operator',
    property: 'newOperator',
    aliases: ['neuer Betreiber', 'Betreiber neu anlegen', 'Neuanlage'],
    required: false,
    description:
      'ja, wenn der Betreiber neu angelegt werden soll, obwohl ein erfasster ähnlich heißt (sonst fragt der Import „Meinten Sie …?“)',
  },
];

/** Yes/no cells (`ja`, `nein`, `true`, `x` …) by folded text. */
export const YES_NO_ALIASES: Map<string, 'true' | 'false'> = new Map(
  [
    ...['ja', 'j', 'yes', 'y', 'true', 'wahr', 'x', '1'].map((t) => [t, 'true'] as const),
    ...['nein', 'n', 'no', 'false', 'falsch', '0', '-'].map((t) => [t, 'false'] as const),
  ].map(([alias, value]) => [searchKey(alias), value]),
);

function aliasMap<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  extra: Record<string, T>,
): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(searchKey(code), code);
    map.set(searchKey(labels[code]), code);
  }
  for (const [alias, code] of Object.entries(extra)) map.set(searchKey(alias), code);
  return map;
}

/** Status codes by folded code or German label (`im Einsatz` → `in-use`). */
export const STATUS_ALIASES: Map<string, ComponentStatus> = aliasMap(COMPONENT_STATUSES, COMPONENT_STATUS_LABELS, {
  'in Betrieb': 'in-use',
  'außer Betrieb': 'retired',
  ...statusSynonyms(),
});

/** Operator type codes by folded code or German label (`Landeslösung` → `state`). */
export const OPERATOR_TYPE_ALIASES: Map<string, OperatorType> = aliasMap(OPERATOR_TYPES, OPERATOR_TYPE_LABELS, {
  'eigene IT': 'own-it',
  'kommunaler Dienstleister': 'municipal-provider',
  interkommunal: 'inter-municipal',
  'andere Kommune': 'inter-municipal',
  'andere Kommune / Kreis': 'inter-municipal',
  'privater Dienstleister': 'private-provider',
  Land: 'state',
  Bund: 'federal',
});

/** "im Einsatz (in-use), geplant (planned), …" for error messages: German first, the code for files. */
export function describeCodes<T extends string>(codes: readonly T[], labels: Record<T, string>): string {
  return codes.map((code) => `${labels[code]} (${code})`).join(', ');
}
