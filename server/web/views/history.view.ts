import type { AuditEventView } from '../../../services/audit.service';
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '../../../lib/vocabulary';
import { formatDate, formatDateTime } from './format';
import { formatNumber } from './format';
import { html, raw, type SafeHtml } from './html';
import { CONNECTION_ACTION_LABELS, connectionEventLines } from './connections.view';
import { layout, type Crumb, type ViewContext } from './layout';
import { regionEventLines, REGION_ACTION_LABELS } from './region-history';
import { operatorText } from './vocabulary';

type Snapshot = {
  component?: string;
  status?: ComponentStatus;
  operator?: { name: string; type: string } | null;
  product?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
  servesMembers?: boolean;
};

const FIELDS: { key: keyof Snapshot; label: string; show: (s: Snapshot) => string }[] = [
  { key: 'status', label: 'Status', show: (s) => (s.status ? COMPONENT_STATUS_LABELS[s.status] : '–') },
  { key: 'operator', label: 'Betreiber', show: (s) => operatorText(s.operator ?? null) },
  { key: 'product', label: 'Produkt', show: (s) => s.product ?? '–' },
  { key: 'validFrom', label: 'gültig ab', show: (s) => formatDate(s.validFrom) },
  { key: 'validTo', label: 'gültig bis', show: (s) => formatDate(s.validTo) },
  { key: 'note', label: 'Notiz', show: (s) => s.note ?? '–' },
  { key: 'servesMembers', label: 'für die Gemeinden', show: (s) => (s.servesMembers ? 'ja' : 'nein') },
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
    // Older events have no `servesMembers`: missing means no.
    (f) =>
      JSON.stringify(before[f.key] ?? (f.key === 'servesMembers' ? false : null)) !==
      JSON.stringify(after[f.key] ?? (f.key === 'servesMembers' ? false : null)),
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
  ...CONNECTION_ACTION_LABELS,
  ...REGION_ACTION_LABELS,
};

function changeLines(event: AuditEventView, labels: Map<string, string>): string[] {
  const label = (code: string | undefined) => (code ? (labels.get(code) ?? code) : '');
  if (event.action.startsWith('component-record.')) {
    const before = event.before as Snapshot | null;
    const after = event.after as Snapshot | null;
    return [`${label(after?.component ?? before?.component)}: ${describeRecordChange(before, after)}`];
  }
  if (event.action.startsWith('service-connection.')) return connectionEventLines(event);
  if (event.action === 'inventory.imported') {
    const before = (event.before ?? {}) as Record<string, Snapshot | null>;
    const after = (event.after ?? {}) as Record<string, Snapshot | null>;
    return Object.keys(after).map(
      (code) => `${label(code)}: ${describeRecordChange(before[code] ?? null, after[code] ?? null)}`,
    );
  }
  return regionEventLines(event, label);
}

/** The change history of a municipality, newest first; `caption` is shown, else read out only. */
export function historyTable(events: AuditEventView[], labels: Map<string, string>, caption?: string): SafeHtml {
  if (events.length === 0) return html`<p>Noch keine Änderungen erfasst.</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="historie-tabelle" tabindex="0"><table class="history">
<caption${caption ? '' : raw(' class="visually-hidden"')} id="historie-tabelle">${caption ?? 'Änderungen, neueste zuerst'}</caption>
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

/** Events per page of the full history. */
export const HISTORY_PAGE_SIZE = 50;

/** One page of a municipality's full history. */
export interface HistoryPageData {
  region: { key: string; name: string };
  trail: Crumb[];
  labels: Map<string, string>;
  events: AuditEventView[];
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
}

function pageHref(key: string, page: number): string {
  return page === 1 ? `/kommunen/${key}/historie` : `/kommunen/${key}/historie?seite=${page}`;
}

/** Newer / page x of y / older, as a navigation landmark with `rel` links. */
function pagination(data: HistoryPageData): SafeHtml {
  const { page, pages, region } = data;
  if (pages === 1) return html``;
  return html`<nav class="pagination" aria-label="Seiten der Historie"><ul>
  ${page > 1 ? html`<li><a href="${pageHref(region.key, 1)}">Neueste Einträge</a></li>` : ''}
  ${page > 1 ? html`<li><a href="${pageHref(region.key, page - 1)}" rel="prev">Neuere Einträge</a></li>` : ''}
  <li><span aria-current="page">Seite ${page} von ${pages}</span></li>
  ${page < pages ? html`<li><a href="${pageHref(region.key, page + 1)}" rel="next">Ältere Einträge</a></li>` : ''}
  ${page < pages ? html`<li><a href="${pageHref(region.key, pages)}">Älteste Einträge</a></li>` : ''}
</ul></nav>`;
}

/** `/kommunen/{ags}/historie`: every change of a municipality, newest first, in numbered pages. */
export function historyPage(ctx: ViewContext, data: HistoryPageData): SafeHtml {
  const first = (data.page - 1) * HISTORY_PAGE_SIZE + 1;
  const last = first + data.events.length - 1;
  const caption =
    data.total === 0
      ? undefined
      : `Änderungen ${formatNumber(first)}–${formatNumber(last)} von ${formatNumber(data.total)}, neueste zuerst`;
  return layout(ctx, {
    title: `Änderungshistorie ${data.region.name}${data.pages > 1 ? ` (Seite ${data.page} von ${data.pages})` : ''}`,
    breadcrumbs: [...data.trail, { label: 'Änderungshistorie' }],
    body: html`<h1>Änderungshistorie: ${data.region.name}</h1>
<p class="lead">Jede Änderung an den Angaben von ${data.region.name}: wer, wann, was vorher und nachher galt – aus dem
  Änderungsprotokoll, das auch die API unter <a href="/api/municipalities/${data.region.key}/history">/api/municipalities/${data.region.key}/history</a>
  (JSON) ausgibt.</p>
${pagination(data)}
${historyTable(data.events, data.labels, caption)}
${pagination(data)}
<p><a href="/kommunen/${data.region.key}">Zurück zu ${data.region.name}</a></p>`,
  });
}
