import type { AuditEventView } from '../../services/audit.service';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../../lib/vocabulary';
import { formatDate, formatDateTime } from './format';
import { html, type SafeHtml } from './html';
import { operatorText } from './vocabulary';

type Snapshot = {
  component?: string;
  status?: ComponentStatus;
  operator?: { name: string; type: string } | null;
  product?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
};

const FIELDS: { key: keyof Snapshot; label: string; show: (s: Snapshot) => string }[] = [
  { key: 'status', label: 'Status', show: (s) => (s.status ? COMPONENT_STATUS_LABELS[s.status] : '–') },
  { key: 'operator', label: 'Betreiber', show: (s) => operatorText(s.operator ?? null) },
  { key: 'product', label: 'Produkt', show: (s) => s.product ?? '–' },
  { key: 'validFrom', label: 'gültig ab', show: (s) => formatDate(s.validFrom) },
  { key: 'validTo', label: 'gültig bis', show: (s) => formatDate(s.validTo) },
  { key: 'note', label: 'Notiz', show: (s) => s.note ?? '–' },
];

/** "Status: geplant → im Einsatz; Betreiber: – → AKDB (…)" for one component's before/after. */
export function describeRecordChange(before: Snapshot | null, after: Snapshot | null): string {
  if (!before && after)
    return `angelegt: ${FIELDS.filter((f) => after[f.key])
      .map((f) => `${f.label} ${f.show(after)}`)
      .join('; ')}`;
  if (before && !after) return `gelöscht (war: ${FIELDS[0].show(before)}, ${FIELDS[1].show(before)})`;
  if (!before || !after) return '';
  const changes = FIELDS.filter(
    (f) => JSON.stringify(before[f.key] ?? null) !== JSON.stringify(after[f.key] ?? null),
  ).map((f) => `${f.label}: ${f.show(before)} → ${f.show(after)}`);
  return changes.join('; ') || 'keine inhaltliche Änderung';
}

const ACTIONS: Record<string, string> = {
  'component-record.created': 'Eintrag angelegt',
  'component-record.updated': 'Eintrag geändert',
  'component-record.deleted': 'Eintrag gelöscht',
  'inventory.imported': 'Import',
  'inventory.confirmed': 'Daten als vollständig bestätigt',
  'region.successor-mapped': 'Nachfolger zugeordnet',
};

function changeLines(event: AuditEventView, labels: Map<string, string>): string[] {
  const label = (code: string | undefined) => (code ? (labels.get(code) ?? code) : '');
  if (event.action.startsWith('component-record.')) {
    const before = event.before as Snapshot | null;
    const after = event.after as Snapshot | null;
    return [`${label(after?.component ?? before?.component)}: ${describeRecordChange(before, after)}`];
  }
  if (event.action === 'inventory.imported') {
    const before = (event.before ?? {}) as Record<string, Snapshot | null>;
    const after = (event.after ?? {}) as Record<string, Snapshot | null>;
    return Object.keys(after).map(
      (code) => `${label(code)}: ${describeRecordChange(before[code] ?? null, after[code] ?? null)}`,
    );
  }
  return [];
}

/** The change history of a municipality, newest first. */
export function historyTable(events: AuditEventView[], labels: Map<string, string>): SafeHtml {
  if (events.length === 0) return html`<p>Noch keine Änderungen erfasst.</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="historie-tabelle" tabindex="0"><table class="history">
<caption class="visually-hidden" id="historie-tabelle">Änderungen, neueste zuerst</caption>
<thead><tr><th scope="col">Zeitpunkt</th><th scope="col">Wer</th><th scope="col">Was</th><th scope="col">Änderung</th></tr></thead>
<tbody>${events.map((e) => {
    const lines = changeLines(e, labels);
    return html`<tr>
  <td><time datetime="${e.occurredAt}">${formatDateTime(e.occurredAt)}</time></td>
  <td>${e.actor}</td>
  <td>${ACTIONS[e.action] ?? e.action}${e.importRunId !== null ? ` (Importlauf ${e.importRunId})` : ''}</td>
  <td>${lines.length > 1 ? html`<ul class="plain">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : (lines[0] ?? '')}</td>
</tr>`;
  })}</tbody></table></div>`;
}
