import { RESPONSIBILITY_SOURCE_LABELS } from '../../lib/responsibility';
import { yesNo } from '../common/wording';
import { buildTable, fileStem, type ExportDocument, type TableColumn } from '../export';
import type { GapReport, OzgGap } from './report';

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function ozgColumns(): TableColumn<OzgGap>[] {
  return [
    { header: 'OZG-ID', value: (r) => r.ozgId },
    { header: 'OZG-Leistung', value: (r) => r.name, width: 40 },
    { header: 'Themenfeld', value: (r) => r.themenfeld },
    { header: 'Lebenslage', value: (r) => r.lebenslage },
    { header: 'Leistungen im Katalog', value: (r) => r.leistungen },
    { header: 'zuständige Einheiten', value: (r) => r.responsibleUnits },
    { header: 'Ziel erreicht (Einheiten)', value: (r) => r.metUnits },
    { header: 'Ziel erreicht (%)', value: (r) => percent(r.metShare) },
    { header: 'flächendeckend', value: (r) => yesNo(r.flaechendeckend) },
    { header: 'in mindestens einer', value: (r) => yesNo(r.inAtLeastOne) },
    { header: 'Dashboard-Regel: online (Einheiten)', value: (r) => r.dashboard.units },
    { header: 'Dashboard-Regel: flächendeckend', value: (r) => yesNo(r.dashboard.flaechendeckend) },
    { header: 'Zuständigkeit aus FIM-Daten', value: (r) => r.responsibilitySources.zustaendigkeit },
    { header: 'Zuständigkeit aus Regel', value: (r) => r.responsibilitySources.regel },
    { header: 'Zuständigkeit aus Typisierung', value: (r) => r.responsibilitySources.typisierung },
    { header: 'Leistungen nur vor Ort', value: (r) => r.inPersonLeistungen },
    { header: 'unter Ziel: Komponente fehlt laut Angaben', value: (r) => r.unmetUnits.blocked },
    { header: 'unter Ziel: ohne Angaben zu Komponenten', value: (r) => r.unmetUnits.noData },
    { header: 'unter Ziel: hängt von Gebühr/Vertrauensniveau ab', value: (r) => r.unmetUnits.unknownRequirement },
    { header: 'unter Ziel: Angebot fehlt', value: (r) => r.unmetUnits.offeringMissing },
    {
      header: 'fehlende Komponenten (Einheiten)',
      value: (r) =>
        r.blockers
          .filter((b) => b.units > 0)
          .map((b) => `${b.label}: ${b.units}`)
          .join('; '),
      width: 50,
    },
    {
      header: 'ohne Angaben (Einheiten je Kriterium)',
      value: (r) =>
        r.blockers
          .filter((b) => b.noDataUnits > 0)
          .map((b) => `${b.label}: ${b.noDataUnits}`)
          .join('; '),
      width: 50,
    },
  ];
}

/** The gap report of an area as an export document: one row per OZG-Leistung. */
export function gapsDocument(report: GapReport): ExportDocument {
  const t = report.totals;
  return {
    title: `OZG-Umsetzungslücken ${report.area.label} (Ziel ${report.target.text})`,
    fileStem: fileStem('OZG-Luecken', report.area.label, report.target.text),
    notes: [
      `${t.relevant} von ${t.ozgLeistungen} OZG-Leistungen haben zuständige Einheiten im Gebiet; flächendeckend erfüllt: ` +
        `${t.flaechendeckend}, in mindestens einer Einheit: ${t.inAtLeastOne} (Dashboard-Regel: ${t.dashboardFlaechendeckend} bzw. ` +
        `${t.dashboardInAtLeastOne}).`,
      `Einheiten mit Angaben zu Basiskomponenten: ${t.unitsWithComponentData} von ${t.units}. Unter dem Ziel ` +
        `(Einheit × Leistung): Komponente fehlt laut Angaben ${t.unmetPairs.blocked}, ohne Angaben ${t.unmetPairs.noData}, ` +
        `hängt von Gebühr/Vertrauensniveau ab ${t.unmetPairs.unknownRequirement}, Angebot fehlt ${t.unmetPairs.offeringMissing}.`,
      ...report.combinations
        .filter((c) => c.components.length > 0)
        .slice(0, 6)
        .map((c) => `Kombination ${c.labels.join(' + ')}: ${c.pairs} Leistungen in ${c.units} Einheiten.`),
      `Zuständigkeiten (Einheit × Leistung): ${Object.entries(report.sources.responsibility)
        .map(
          ([source, n]) => `${RESPONSIBILITY_SOURCE_LABELS[source as keyof typeof RESPONSIBILITY_SOURCE_LABELS]} ${n}`,
        )
        .join(', ')}.`,
      report.catalogue.note,
      ...report.definitions,
    ],
    tables: [buildTable('OZG-Leistungen', ozgColumns(), report.ozgLeistungen)],
  };
}
