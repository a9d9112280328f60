import { OFFERING_STATUS_LABELS } from '../../lib/maturity';
import { RESPONSIBILITY_SOURCE_LABELS } from '../../lib/responsibility';
import { yesNo } from '../common/wording';
import { buildTable, fileStem, type ExportDocument, type TableColumn } from '../export';
import type { UnitLeistung, UnitReport } from './types';

function leistungColumns(): TableColumn<UnitLeistung>[] {
  return [
    { header: 'Leistungsschlüssel', value: (r) => r.schluessel },
    { header: 'Leistung', value: (r) => r.name, width: 40 },
    { header: 'OZG-ID', value: (r) => r.ozgId },
    { header: 'Typisierung', value: (r) => r.typisierung },
    { header: 'zuständig', value: (r) => yesNo(r.responsible) },
    { header: 'ausgeführt vom Gemeindeverband', value: (r) => r.carriedBy?.name ?? null },
    { header: 'Ebene', value: (r) => r.responsibility.levelLabel },
    { header: 'Aufgabengruppe', value: (r) => r.responsibility.taskGroup || null },
    { header: 'Zuständigkeit laut', value: (r) => RESPONSIBILITY_SOURCE_LABELS[r.responsibility.source] },
    { header: 'Begründung der Regel', value: (r) => r.responsibility.reason, width: 50 },
    { header: 'Rechtsgrundlage', value: (r) => r.responsibility.legalSource, width: 40 },
    { header: 'Status', value: (r) => (r.offering ? OFFERING_STATUS_LABELS[r.offering.status] : 'nicht erfasst') },
    { header: 'Reifegrad', value: (r) => r.offering?.level ?? null },
    { header: 'Angebot von', value: (r) => r.offering?.inheritedFrom?.name ?? (r.offering ? 'eigenes' : null) },
    { header: 'URL', value: (r) => r.offering?.url ?? null, width: 40 },
    { header: 'Ziel erreicht', value: (r) => yesNo(r.meetsTarget) },
    { header: 'online-relevant', value: (r) => yesNo(r.onlineRelevant) },
    {
      header: 'gebührenpflichtig',
      value: (r) => (r.requirements.feeBearing === null ? 'unbekannt' : yesNo(r.requirements.feeBearing)),
    },
    { header: 'Vertrauensniveau', value: (r) => r.requirements.vertrauensniveau ?? 'unbekannt' },
    { header: 'erreichbarer Reifegrad', value: (r) => r.attainable.level },
    { header: 'erreichbarer Reifegrad, wenn Unbekanntes dagegen spricht', value: (r) => r.attainable.worstCase },
    { header: 'Gründe', value: (r) => r.reasons.join(' '), width: 60 },
    {
      header: 'Schon online bei',
      value: (r) =>
        r.reuse.map((h) => `${h.name}${h.product ? ` (${h.product})` : ''}${h.url ? ` (${h.url})` : ''}`).join('; '),
      width: 50,
    },
  ];
}

/** The report of one unit as an export document: one row per Leistung, the unlock ranking as notes. */
export function unitDocument(report: UnitReport): ExportDocument {
  return {
    title: `Erreichbarer Reifegrad ${report.unit.name} (Ziel ${report.target.text})`,
    fileStem: fileStem('Reifegrad', report.unit.name, report.unit.key, report.target.text),
    notes: [
      `${report.totals.responsible} zuständige Leistungen, davon ${report.totals.meetsTarget} mit Ziel erreicht; mit den ` +
        `vorhandenen Basiskomponenten erreichbar: ${report.totals.attainable}.`,
      `Basiskomponenten im Einsatz: ${
        report.componentSources
          .map((c) =>
            c.inheritedFrom
              ? `${c.component} (${{ verband: 'vom Gemeindeverband', kreis: 'vom Landkreis', anschluss: 'über den Anschluss an' }[c.inheritedFrom.via]} ${c.inheritedFrom.name})`
              : c.component,
          )
          .join(', ') || 'keine erfasst'
      }.`,
      ...report.unlocks.map((u) => u.sentence),
      ...report.combinations.filter((c) => c.components.length > 1).map((c) => c.sentence),
      report.catalogue.note,
      ...report.definitions,
    ],
    tables: [buildTable('Leistungen', leistungColumns(), report.leistungen)],
  };
}
