import { CONNECTION_STATUS_LABELS, CONNECTION_STATUSES, type ConnectionStatus } from '../../../lib/connections';
import type { ConnectionLine, ConnectionView } from '../../../services/connectable-services';
import type { RegionView } from '../../../services/region.service';
import { errorSummary, selectField, textareaField, type FieldErrors } from './forms';
import { formatDateTime } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type Crumb, type ViewContext } from './layout';

/** The connections section of the Kommune page. */
export interface ConnectionsSectionData {
  region: RegionView;
  /** The services of the Land and any other one the municipality has a connection to. */
  lines: ConnectionLine[];
  /** Component code → German label, to say what a service provides. */
  componentLabels: Map<string, string>;
  mayWrite: boolean;
}

function provides(line: ConnectionLine, labels: Map<string, string>): string {
  const s = line.service;
  const parts = [
    ...s.components.map((c) => labels.get(c) ?? c),
    ...(s.ozgIds.length > 0 ? [`OZG-Leistung ${s.ozgIds.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : '–';
}

function statusText(connection: ConnectionView | null): HtmlValue {
  if (!connection) return html`<span class="muted">kein Anschluss erfasst</span>`;
  return html`${connection.statusLabel}${connection.note ? html`<br><span class="hint">${connection.note}</span>` : ''}`;
}

function row(data: ConnectionsSectionData, line: ConnectionLine): SafeHtml {
  const s = line.service;
  const name = s.url ? html`<a href="${s.url}">${s.name}</a>` : s.name;
  const edit = html`<a href="/kommunen/${data.region.key}/anschluesse/${s.code}">${line.connection ? 'Ändern' : 'Erfassen'}<span class="visually-hidden">: ${s.name}</span></a>`;
  const writable = data.mayWrite && (s.active || line.connection !== null);
  return html`<tr id="anschluss-${s.code}"><th scope="row">${name}${s.active ? '' : html`<br><span class="hint">nicht mehr angeboten</span>`}</th>
  <td>${s.kindLabel}</td>
  <td>${provides(line, data.componentLabels)}</td>
  <td>${statusText(line.connection)}</td>
  <td>${line.connection ? html`<time datetime="${line.connection.updatedAt}">${formatDateTime(line.connection.updatedAt)}</time>` : '–'}</td>
  ${data.mayWrite ? html`<td>${writable ? edit : ''}</td>` : ''}</tr>`;
}

/**
 * `/kommunen/{ags}`, below the base components: the federal, Land and EfA services the
 * municipality can connect to instead of building (DOMAIN.md §5a), each with its recorded
 * connection; editors get a link to set or clear it.
 */
export function connectionsSection(data: ConnectionsSectionData): SafeHtml {
  const intro = html`<p>Für diese Dienste baut eine Kommune nichts selbst: Sie schließt sich an. Die Tabelle zeigt die Dienste, die
  Kommunen in diesem Land angeboten werden, und wie weit ${data.region.name} damit ist.</p>`;
  if (data.lines.length === 0) {
    return html`<section aria-labelledby="anschluesse"><h2 id="anschluesse">Anschlüsse an Bundes-, Landes- und EfA-Dienste</h2>
${intro}<p>Für dieses Land sind keine anschließbaren Dienste hinterlegt.</p></section>`;
  }
  return html`<section aria-labelledby="anschluesse"><h2 id="anschluesse">Anschlüsse an Bundes-, Landes- und EfA-Dienste</h2>
${intro}
<div class="table-scroll" role="region" aria-labelledby="anschluesse-tabelle" tabindex="0"><table class="components">
<caption class="visually-hidden" id="anschluesse-tabelle">Anschließbare Dienste mit Art, gestellten Komponenten und Stand des Anschlusses</caption>
<thead><tr><th scope="col">Dienst</th><th scope="col">Art</th><th scope="col">stellt</th><th scope="col">Anschluss</th>
  <th scope="col">Zuletzt geändert</th>${data.mayWrite ? html`<th scope="col">Aktion</th>` : ''}</tr></thead>
<tbody>${data.lines.map((line) => row(data, line))}</tbody></table></div>
<p class="hint">Quellen und Länder je Dienst: <a href="/api/connectable-services?land=${data.region.landKey}">/api/connectable-services?land=${data.region.landKey}</a>.</p>
</section>`;
}

/** The form's fields as text, as submitted or as loaded. */
export interface ConnectionFormValues {
  status: string;
  note: string;
}

export const CONNECTION_FIELD_LABELS: Record<keyof ConnectionFormValues, string> = {
  status: 'Stand des Anschlusses',
  note: 'Notiz',
};

/** What the connection form page shows. */
export interface ConnectionFormData {
  region: RegionView;
  trail: Crumb[];
  line: ConnectionLine;
  values: ConnectionFormValues;
  /** ETag of the connection the form is based on; empty when there is none yet. */
  etag: string;
  errors: FieldErrors;
  /** General problems (the service is not offered, the connection changed meanwhile). */
  general: string[];
}

/** The form values of a stored connection (empty for none). */
export function valuesOfConnection(connection: ConnectionView | null): ConnectionFormValues {
  return { status: connection?.status ?? '', note: connection?.note ?? '' };
}

/** Parses the submitted form: the status must be one of the four, the note at most 2000 characters. */
export function connectionInputOfForm(values: ConnectionFormValues): {
  input: { status: ConnectionStatus; note: string | null } | null;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  if (!(CONNECTION_STATUSES as readonly string[]).includes(values.status)) {
    errors.status = ['Bitte einen Stand wählen.'];
  }
  if (values.note.length > 2000) errors.note = ['Höchstens 2000 Zeichen.'];
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { status: values.status as ConnectionStatus, note: values.note.trim() || null }, errors };
}

function removeForm(ctx: ViewContext, data: ConnectionFormData): HtmlValue {
  if (!data.line.connection) return '';
  return html`<form method="post" action="/kommunen/${data.region.key}/anschluesse/${data.line.service.code}/entfernen" class="form">
  ${csrfField(ctx)}
  <input type="hidden" name="etag" value="${data.etag}">
  <h2>Anschluss entfernen</h2>
  <p>Entfernt die Angabe „${data.line.connection.statusLabel}“. Die Historie behält den bisherigen Stand.</p>
  <div class="actions"><button type="submit" class="button-secondary">Anschluss entfernen</button></div>
</form>`;
}

/** `/kommunen/{ags}/anschluesse/{service}`: set or clear one connection. */
export function connectionFormPage(ctx: ViewContext, data: ConnectionFormData): SafeHtml {
  const s = data.line.service;
  const failed = Object.keys(data.errors).length > 0 || data.general.length > 0;
  const active = s.active;
  return layout(ctx, {
    title: `${failed ? 'Fehler: ' : ''}Anschluss an ${s.name} – ${data.region.name}`,
    breadcrumbs: [...data.trail, { label: `Anschluss an ${s.name}` }],
    body: html`<h1>Anschluss an ${s.name} <span class="subtitle">${data.region.name}</span></h1>
${errorSummary(data.errors, CONNECTION_FIELD_LABELS, data.general)}
<p class="lead">${s.kindLabel}. Betrieb: ${s.operator}.</p>
${s.note ? html`<p>${s.note}</p>` : ''}
${
  active
    ? html`<form method="post" action="/kommunen/${data.region.key}/anschluesse/${s.code}" class="form" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="etag" value="${data.etag}">
  ${selectField({
    name: 'status',
    label: CONNECTION_FIELD_LABELS.status,
    required: true,
    errors: data.errors,
    value: data.values.status,
    options: [
      { value: '', label: 'Bitte wählen' },
      ...CONNECTION_STATUSES.map((status) => ({ value: status, label: CONNECTION_STATUS_LABELS[status] })),
    ],
  })}
  ${textareaField({
    name: 'note',
    label: CONNECTION_FIELD_LABELS.note,
    hint: 'Zum Beispiel Vertragsdatum, Ansprechpartner oder geplanter Start.',
    errors: data.errors,
    value: data.values.note,
    rows: 3,
    maxLength: 2000,
  })}
  <div class="actions">
    <button type="submit">Speichern</button>
    <a href="/kommunen/${data.region.key}#anschluss-${s.code}">Abbrechen</a>
  </div>
</form>`
    : html`<p class="notice">${s.name} wird nicht mehr angeboten; der erfasste Anschluss lässt sich nur noch entfernen.
  <a href="/kommunen/${data.region.key}#anschluss-${s.code}">Zurück</a></p>`
}
${removeForm(ctx, data)}
<p class="hint">Quelle: ${s.source}</p>`,
  });
}

/** How the history names a connection change. */
export const CONNECTION_ACTION_LABELS: Record<string, string> = {
  'service-connection.created': 'Anschluss erfasst',
  'service-connection.updated': 'Anschluss geändert',
  'service-connection.deleted': 'Anschluss entfernt',
};

type ConnectionSnapshot = { serviceName?: string; status?: ConnectionStatus; note?: string | null } | null;

function stateText(s: ConnectionSnapshot): string {
  if (!s?.status) return '–';
  return `${CONNECTION_STATUS_LABELS[s.status] ?? s.status}${s.note ? ` (${s.note})` : ''}`;
}

/** "BundID: Vertrag geschlossen → in Betrieb" for a connection event in the history; [] for other events. */
export function connectionEventLines(event: { action: string; before: unknown; after: unknown }): string[] {
  if (!event.action.startsWith('service-connection.')) return [];
  const before = event.before as ConnectionSnapshot;
  const after = event.after as ConnectionSnapshot;
  const name = after?.serviceName ?? before?.serviceName ?? '';
  if (!before) return [`${name}: ${stateText(after)}`];
  if (!after) return [`${name}: entfernt (war: ${stateText(before)})`];
  return [`${name}: ${stateText(before)} → ${stateText(after)}`];
}
