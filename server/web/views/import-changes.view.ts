import type { ChangePreview, RecordChangePreview } from '../../../importers/inventory/inventory-preview';
import type { ImportReport } from '../../../importers/import-report';
import {
  COMPONENT_STATUS_LABELS,
  OPERATOR_TYPE_LABELS,
  type ComponentStatus,
  type OperatorType,
} from '../../../lib/vocabulary';
import { formatDate, formatNumber } from './format';
import { html, type HtmlValue } from './html';
import { operatorText } from './vocabulary';

const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  operator: 'Betreiber',
  product: 'Produkt',
  validFrom: 'Gültig ab',
  validTo: 'Gültig bis',
  note: 'Notiz',
  servesMembers: 'Für die Gemeinden',
};

function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (field === 'status') return COMPONENT_STATUS_LABELS[value as ComponentStatus] ?? String(value);
  if (field === 'operator') return operatorText(value as { name: string; type: string });
  if (field === 'validFrom' || field === 'validTo') return formatDate(String(value));
  if (field === 'servesMembers') return value ? 'ja' : 'nein';
  return String(value);
}

function changeText(change: RecordChangePreview): HtmlValue {
  const fields = Object.keys(change.after).filter((f) => FIELD_LABELS[f]);
  if (fields.length === 0) return 'Inhalt gleich; wird von Demodaten zu importierten Angaben';
  return html`<ul class="plain">${fields.map(
    (f) =>
      html`<li>${FIELD_LABELS[f]}: ${change.before ? html`${valueText(f, change.before[f as keyof typeof change.before])} → ` : ''}${valueText(
        f,
        change.after[f as keyof typeof change.after],
      )}</li>`,
  )}</ul>`;
}

function preview(report: ImportReport): ChangePreview | null {
  const d = report.details as Partial<ChangePreview> | undefined;
  return d && Array.isArray(d.changes) && Array.isArray(d.newOperators) ? (d as ChangePreview) : null;
}

/**
 * The changes a clean inventory run makes or would make: new operators, then per record what
 * changes from what to what (the first ones; the counts above give the total).
 */
export function importChanges(report: ImportReport): HtmlValue {
  const p = report.status === 'succeeded' ? preview(report) : null;
  if (!p) return '';
  const verb = report.dryRun ? 'würde' : 'wurde';
  const operators = p.newOperators.length
    ? html`<h2 id="neue-betreiber">Neue Betreiber</h2>
<p>Diese Betreiber ${verb}${p.newOperators.length === 1 ? '' : 'n'} neu angelegt. Prüfen Sie, ob einer davon schon unter anderem Namen erfasst ist.</p>
<ul>${p.newOperators.map(
        (o) =>
          html`<li>${o.name} (${OPERATOR_TYPE_LABELS[o.type as OperatorType] ?? o.type}), zuerst in Zeile ${o.row}</li>`,
      )}</ul>`
    : '';
  if (p.changesTotal === 0)
    return html`${operators}<p>Keine Einträge ${report.dryRun ? 'würden' : 'wurden'} geändert.</p>`;
  return html`${operators}<h2 id="aenderungen">Änderungen</h2>
<div class="table-scroll" role="region" aria-labelledby="aenderungen-tabelle" tabindex="0"><table class="changes">
<caption id="aenderungen-tabelle">${p.changes.length < p.changesTotal ? `Die ersten ${formatNumber(p.changes.length)} von ` : ''}${formatNumber(p.changesTotal)} Einträgen, die sich ${report.dryRun ? 'ändern würden' : 'geändert haben'}</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Komponente</th><th scope="col">Art</th><th scope="col">Änderung (vorher → nachher)</th></tr></thead>
<tbody>${p.changes.map(
    (c) =>
      html`<tr><td><a href="/kommunen/${c.ags}">${c.municipality}</a> (${c.ags})</td><td>${c.componentLabel}</td><td>${c.action === 'created' ? 'neu' : 'geändert'}</td><td>${changeText(c)}</td></tr>`,
  )}</tbody></table></div>`;
}
