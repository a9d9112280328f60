import type { DelegationView, RuleView, TraitView } from '../../services/responsibility-rule.service';
import { buildTable, type ExportDocument } from '../export';

/** Which rule table a file holds. */
export type RuleTable = 'rules' | 'delegation' | 'traits';

const flag = (v: boolean | null) => (v === null ? '' : v ? 'ja' : 'nein');

/**
 * The responsibility rules, the delegation rules or the Leistungsmerkmale as a file that imports again unchanged: the
 * columns carry the canonical headers of the shipped tables (`data/reference/…`), plus `origin`
 * (shipped or changed by an administrator), which the import ignores.
 */
export function rulesDocument(
  table: RuleTable,
  rules: RuleView[],
  delegation: DelegationView[],
  traits: TraitView[] = [],
): ExportDocument {
  const notes = [
    'Zuständigkeitsregeln des E-Government-Atlas. Geänderte Datei mit „npm run cli -- rules import DATEI“ oder über die API einspielen.',
    'origin: default = mitgeliefert, user = von einer Administratorin / einem Administrator gesetzt.',
  ];
  if (table === 'traits') {
    return {
      title: 'Leistungsmerkmale: Online-Relevanz, Gebühr, Vertrauensniveau',
      fileStem: 'leistungsmerkmale',
      notes,
      tables: [
        buildTable(
          'Leistungsmerkmale',
          [
            { header: 'leistungsschluessel', value: (r: TraitView) => r.leistungsschluessel },
            { header: 'verrichtung', value: (r) => r.verrichtung },
            { header: 'online_relevant', value: (r) => flag(r.onlineRelevant) },
            { header: 'fee_bearing', value: (r) => flag(r.feeBearing) },
            { header: 'vertrauensniveau', value: (r) => r.vertrauensniveau ?? '' },
            { header: 'reason', value: (r) => r.reason, width: 60 },
            { header: 'source', value: (r) => r.source, width: 40 },
            { header: 'origin', value: (r) => r.origin },
          ],
          traits,
        ),
      ],
    };
  }
  if (table === 'delegation') {
    return {
      title: 'Aufgabenübertragung an Gemeindeverbände und Städte',
      fileStem: 'aufgabenuebertragung',
      notes,
      tables: [
        buildTable(
          'Aufgabenübertragung',
          [
            { header: 'land', value: (r: DelegationView) => r.landKey },
            { header: 'unit_type', value: (r) => r.unitType },
            { header: 'task_group', value: (r) => r.taskGroup },
            { header: 'carrier', value: (r) => r.carrier },
            { header: 'reason', value: (r) => r.reason, width: 60 },
            { header: 'source', value: (r) => r.source, width: 40 },
            { header: 'origin', value: (r) => r.origin },
          ],
          delegation,
        ),
      ],
    };
  }
  return {
    title: 'Zuständigkeitsregeln',
    fileStem: 'zustaendigkeitsregeln',
    notes,
    tables: [
      buildTable(
        'Regeln',
        [
          { header: 'leistungsschluessel', value: (r: RuleView) => r.leistungsschluessel },
          { header: 'ozg_id', value: (r) => r.ozgId },
          { header: 'typ', value: (r) => r.typ },
          { header: 'land', value: (r) => r.landKey },
          { header: 'level', value: (r) => r.level },
          { header: 'task_group', value: (r) => r.taskGroup },
          { header: 'reason', value: (r) => r.reason, width: 60 },
          { header: 'source', value: (r) => r.source, width: 40 },
          { header: 'origin', value: (r) => r.origin },
        ],
        rules,
      ),
    ],
  };
}
