import type { Page } from '../../../lib/cursor';
import type { OperatorCustomer } from '../../../services/operator-customers';
import type { OperatorView } from '../../../services/operator.service';
import { formatNumber } from './format';
import { errorSummary, selectField, type FieldErrors } from './forms';
import { html, raw, when, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type ViewContext } from './layout';
import { regionHref } from './search.view';
import { statusBadge } from './vocabulary';
import type { MergeCandidate } from '../../../services/operator-merge-candidates';

const TRAIL = [{ label: 'Start', href: '/' }];

/** What the operator list shows. */
export interface OperatorListData {
  query: string;
  page: Page<OperatorView>;
  /** Component labels by code, for the counts. */
  componentLabels: Map<string, string>;
}

function componentSummary(view: OperatorView, labels: Map<string, string>): string {
  const parts = Object.entries(view.componentCounts).map(
    ([code, n]) => `${labels.get(code) ?? code} ${formatNumber(n)}`,
  );
  return parts.length ? parts.join(', ') : 'noch keine Einträge';
}

/** `/betreiber?q=…`: operators by name or short name, with whom they serve. */
export function operatorListPage(ctx: ViewContext, data: OperatorListData): SafeHtml {
  const { items, nextCursor } = data.page;
  const more = nextCursor
    ? html`<p><a href="/betreiber?${new URLSearchParams({ ...(data.query ? { q: data.query } : {}), cursor: nextCursor }).toString()}">Weitere Betreiber</a></p>`
    : '';
  return layout(ctx, {
    title: data.query ? `Betreiber: ${data.query}` : 'Betreiber',
    breadcrumbs: [...TRAIL, { label: 'Betreiber' }],
    body: html`<h1>Betreiber</h1>
<p>Organisationen, die Basiskomponenten für Kommunen betreiben: kommunale IT-Dienstleister, Länder, Firmen und eigene IT-Abteilungen.</p>
<form method="get" action="/betreiber" role="search" class="search-form">
  <label for="f-q">Name oder Kurzname</label>
  <div class="search-row">
    <input type="search" id="f-q" name="q" value="${data.query}" maxlength="100">
    <button type="submit">Suchen</button>
  </div>
</form>
${
  items.length === 0
    ? html`<p>Keine Betreiber gefunden.</p>`
    : html`<ul class="results">${items.map(
        (
          o,
        ) => html`<li><a href="/betreiber/${o.id}">${o.name}</a>${o.shortName && o.shortName !== o.name ? ` (${o.shortName})` : ''}
      <span class="meta">${o.typeLabel}, ${formatNumber(o.municipalityCount)} ${o.municipalityCount === 1 ? 'Kommune' : 'Kommunen'}: ${componentSummary(o, data.componentLabels)}</span></li>`,
      )}</ul>${more}`
}`,
  });
}

/** What an operator's page shows. */
export interface OperatorPageData {
  operator: OperatorView;
  lands: string[];
  customers: OperatorCustomer[];
  totalCustomers: number;
  componentLabels: Map<string, string>;
  /** The merge form, for admins only. */
  merge?: MergeFormData;
}

/** The merge form: the targets, and what was sent when it is shown again with errors. */
export interface MergeFormData {
  candidates: MergeCandidate[];
  values?: { ziel: string; bestaetigt: boolean };
  errors?: FieldErrors;
}

const MERGE_LABELS = { ziel: 'Betreiber, der bleibt', bestaetigt: 'Bestätigung' };

function candidateLabel(c: MergeCandidate): string {
  const short = c.shortName && c.shortName !== c.name ? ` (${c.shortName})` : '';
  return `${c.name}${short}, Nr. ${c.id}${c.similar ? ' – ähnlicher Name' : ''}`;
}

/**
 * "Mit einem anderen Betreiber zusammenführen": the target (probable duplicates first) and a
 * confirmation box, because the merge deletes this operator and cannot be undone in the browser.
 */
function mergeForm(ctx: ViewContext, o: OperatorView, form: MergeFormData): SafeHtml {
  const errors = form.errors ?? {};
  const confirmErrors = errors.bestaetigt ?? [];
  const ordered = [...form.candidates.filter((c) => c.similar), ...form.candidates.filter((c) => !c.similar)];
  return html`<section aria-labelledby="zusammenfuehren"><h2 id="zusammenfuehren">Mit einem anderen Betreiber zusammenführen</h2>
<p>Ist „${o.name}“ eine Dublette eines anderen Betreibers, übernimmt der gewählte Betreiber alle Einträge dieses
  Betreibers (${formatNumber(o.municipalityCount)} ${o.municipalityCount === 1 ? 'Kommune' : 'Kommunen'}).
  „${o.name}“ wird danach gelöscht; Name und Angaben des gewählten Betreibers bleiben. Jede Änderung steht in der
  Änderungshistorie der Kommunen.</p>
${errorSummary(errors, MERGE_LABELS)}
<form method="post" action="/betreiber/${o.id}/zusammenfuehren" class="form" novalidate>${csrfField(ctx)}
${selectField({
  name: 'ziel',
  label: MERGE_LABELS.ziel,
  required: true,
  errors,
  value: form.values?.ziel ?? '',
  options: [
    { value: '', label: 'Bitte wählen' },
    ...ordered.map((c) => ({ value: String(c.id), label: candidateLabel(c) })),
  ],
})}
<div class="field${confirmErrors.length ? ' field-error' : ''}">
  ${confirmErrors.length ? html`<p class="error-message" id="f-bestaetigt-error"><span class="visually-hidden">Fehler: </span>${confirmErrors.join(' ')}</p>` : ''}
  <input type="checkbox" id="f-bestaetigt" name="bestaetigt" value="ja"${when(form.values?.bestaetigt, raw(' checked'))}${when(
    confirmErrors.length,
    raw(' aria-invalid="true" aria-describedby="f-bestaetigt-error"'),
  )}>
  <label for="f-bestaetigt">Ja, „${o.name}“ in den gewählten Betreiber überführen und löschen</label>
</div>
<button type="submit">Zusammenführen</button>
</form></section>`;
}

function customerTable(data: OperatorPageData): HtmlValue {
  if (data.customers.length === 0)
    return html`<p>Noch keine Kommune hat diesen Betreiber für eine Komponente angegeben.</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="kunden-tabelle" tabindex="0"><table>
<caption id="kunden-tabelle">${data.customers.length < data.totalCustomers ? `Die ersten ${formatNumber(data.customers.length)} von ` : ''}${formatNumber(data.totalCustomers)} ${data.totalCustomers === 1 ? 'Kommune' : 'Kommunen'} mit ihren Komponenten</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Komponenten (Status, Produkt)</th></tr></thead>
<tbody>${data.customers.map(
    (
      c,
    ) => html`<tr><th scope="row"><a href="${regionHref({ key: c.key, level: c.level as 'gemeinde' })}">${c.name}</a> <span class="meta">${c.key}</span></th>
  <td><ul class="plain">${c.components.map((k) => html`<li>${k.label}: ${statusBadge(k.status)}${k.product ? `, ${k.product}` : ''}</li>`)}</ul></td></tr>`,
  )}</tbody></table></div>`;
}

/** `/betreiber/{id}`: an operator, where it works, whom it serves with which components. */
export function operatorPage(ctx: ViewContext, data: OperatorPageData): SafeHtml {
  const o = data.operator;
  return layout(ctx, {
    title: `Betreiber: ${o.name}`,
    breadcrumbs: [...TRAIL, { label: 'Betreiber', href: '/betreiber' }, { label: o.shortName ?? o.name }],
    body: html`<h1>${o.name}${o.shortName && o.shortName !== o.name ? html` <span class="subtitle">${o.shortName}</span>` : ''}</h1>
<dl class="facts">
  <div><dt>Art</dt><dd>${o.typeLabel}</dd></div>
  <div><dt>Länder</dt><dd>${data.lands.length ? data.lands.join(', ') : 'nicht angegeben'}</dd></div>
  <div><dt>Website</dt><dd>${o.website ? html`<a href="${o.website}" rel="noopener">${o.website}</a>` : '–'}</dd></div>
  <div><dt>Komponenten</dt><dd>${componentSummary(o, data.componentLabels)}</dd></div>
  <div><dt>Herkunft</dt><dd>${o.origin === 'reference' ? 'Vorschlag aus der mitgelieferten Liste kommunaler IT-Dienstleister (bitte prüfen)' : 'von Nutzerinnen und Nutzern erfasst'}</dd></div>
  ${o.note ? html`<div><dt>Hinweis</dt><dd>${o.note}</dd></div>` : ''}
</dl>
<section aria-labelledby="kunden"><h2 id="kunden">Kommunen</h2>${customerTable(data)}</section>
${data.merge ? mergeForm(ctx, o, data.merge) : ''}`,
  });
}
