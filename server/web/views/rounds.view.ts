import type { RoundMemberView, RoundView } from '../../../services/rounds.service';
import { errorSummary, inputField, type FieldErrors } from './forms';
import { formatDate, formatDateTime } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type ViewContext } from './layout';

/** The open-round form's values as text. */
export interface OpenRoundValues {
  area: string;
  title: string;
  deadline: string;
}

const FIELD_LABELS: Record<keyof OpenRoundValues, string> = {
  area: 'Gebiet (Schlüssel)',
  title: 'Titel der Runde',
  deadline: 'Frist',
};

/** What the rounds list shows. */
export interface RoundsPageData {
  rounds: Omit<RoundView, 'members'>[];
  mayOpen: boolean;
  values: OpenRoundValues;
  errors: FieldErrors;
  general: string[];
}

const STATUS_TEXT = { open: 'offen', closed: 'abgeschlossen' } as const;

/** `/runden`: the rounds the user coordinates, and a form to open one. */
export function roundsPage(ctx: ViewContext, data: RoundsPageData): SafeHtml {
  const failed = Object.keys(data.errors).length > 0 || data.general.length > 0;
  const table =
    data.rounds.length === 0
      ? html`<p>Noch keine Runden in Ihrem Bereich.</p>`
      : html`<div class="table-scroll" role="region" aria-labelledby="runden-tabelle" tabindex="0"><table class="components">
<caption id="runden-tabelle">Runden mit Gebiet, Frist, Stand und Rücklauf</caption>
<thead><tr><th scope="col">Runde</th><th scope="col">Gebiet</th><th scope="col">Frist</th><th scope="col">Stand</th>
<th scope="col">vollständig</th><th scope="col">überfällig</th></tr></thead>
<tbody>${data.rounds.map(
          (
            r,
          ) => html`<tr><th scope="row"><a href="/runden/${r.id}">${r.title}</a></th><td>${r.area.name} (${r.area.key})</td>
<td>${formatDate(r.deadline)}</td><td>${STATUS_TEXT[r.status]}</td><td>${r.counts.complete} von ${r.counts.members}</td><td>${r.counts.overdue}</td></tr>`,
        )}</tbody></table></div>`;
  const form = data.mayOpen
    ? html`<form method="post" action="/runden" class="form" novalidate>${csrfField(ctx)}
<h2>Neue Runde öffnen</h2>
<p>Alle Gemeinden, Gemeindeverbände und der Kreis selbst erhalten einen persönlichen Link, mit dem sie ohne Konto ihre
Basiskomponenten bestätigen oder aktualisieren und die Selbstauskunft beantworten.</p>
${inputField({ name: 'area', label: FIELD_LABELS.area, hint: 'Land (2 Ziffern), Regierungsbezirk (3) oder Kreis (5), z. B. 09184.', required: true, errors: data.errors, value: data.values.area, maxLength: 5 })}
${inputField({ name: 'title', label: FIELD_LABELS.title, required: true, errors: data.errors, value: data.values.title, maxLength: 200 })}
${inputField({ name: 'deadline', label: FIELD_LABELS.deadline, type: 'date', required: true, errors: data.errors, value: data.values.deadline })}
<div class="actions"><button type="submit">Runde öffnen</button></div></form>`
    : '';
  return layout(ctx, {
    title: `${failed ? 'Fehler: ' : ''}Runden`,
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'Runden' }],
    body: html`<h1>Runden</h1>${errorSummary(data.errors, FIELD_LABELS, data.general)}
<p class="lead">Eine Runde fragt alle Kommunen eines Gebiets auf einmal: Wer hat geantwortet, wer hat unverändert bestätigt,
wer ist überfällig?</p>${table}${form}`,
  });
}

function time(at: string | null): HtmlValue {
  return at ? html`<time datetime="${at}">${formatDateTime(at)}</time>` : '–';
}

const LINK_TEXT: Record<RoundMemberView['link'], string> = {
  none: 'noch nicht ausgegeben',
  active: 'gültig',
  revoked: 'zurückgezogen',
  expired: 'abgelaufen',
};
const PROGRESS_TEXT: Record<RoundMemberView['progress'], string> = {
  complete: 'vollständig',
  partial: 'teilweise',
  pending: 'keine Rückmeldung',
};

function memberRow(ctx: ViewContext, round: RoundView, m: RoundMemberView): SafeHtml {
  const revoke =
    round.status === 'open' && m.link === 'active'
      ? html`<form method="post" action="/runden/${round.id}/kommunen/${m.key}/zurueckziehen" class="inline-form">${csrfField(ctx)}<button type="submit" class="button-link">Link zurückziehen<span class="visually-hidden">: ${m.name}</span></button></form>`
      : '';
  return html`<tr><th scope="row"><a href="/kommunen/${m.key}">${m.name}</a> <span class="meta">${m.key}</span></th>
<td>${LINK_TEXT[m.link]}${m.linkPrefix ? html` <span class="meta">${m.linkPrefix}…</span>` : ''} ${revoke}</td>
<td>${time(m.answeredAt)}</td><td>${time(m.confirmedAt)}</td><td>${time(m.componentsUpdatedAt)}</td>
<td>${PROGRESS_TEXT[m.progress]}${m.overdue ? html` – <strong>überfällig</strong>` : ''}</td>
<td>${m.email ?? '–'}${m.reminders ? html`<br><span class="hint">${m.reminders} Erinnerung(en)</span>` : ''}</td></tr>`;
}

/** `/runden/{id}`: who has answered, confirmed unchanged, or is overdue; links, reminders, closing. */
export function roundPage(ctx: ViewContext, round: RoundView, options: { mailConfigured: boolean }): SafeHtml {
  const c = round.counts;
  const open = round.status === 'open';
  const actions = open
    ? html`<h2>Aktionen</h2>
<form method="post" action="/runden/${round.id}/links" class="form">${csrfField(ctx)}
  <p>Gibt allen Kommunen ohne gültigen Link einen und lädt sie als Serienbrief-Datei (CSV) herunter. Die Links werden nur
  als Hash gespeichert und sind nur in dieser Datei zu sehen.</p>
  <div class="actions"><button type="submit">Links ausgeben (CSV)</button></div></form>
${
  options.mailConfigured
    ? html`<form method="post" action="/runden/${round.id}/erinnerungen" class="form">${csrfField(ctx)}
  <p>Schickt allen, die noch nicht vollständig geantwortet haben und eine E-Mail-Adresse haben, eine Erinnerung mit neuem Link.</p>
  <div class="actions"><button type="submit">Erinnerungen senden</button></div></form>`
    : html`<p class="hint">Erinnerungen per E-Mail gibt es, sobald ein Mailserver eingerichtet ist (SMTP_URL, MAIL_FROM).</p>`
}
<form method="post" action="/runden/${round.id}/abschliessen" class="form">${csrfField(ctx)}
  <p>Abschließen beendet alle Links und friert den Stand ein.</p>
  <div class="actions"><button type="submit" class="button-secondary">Runde abschließen</button></div></form>`
    : html`<p>Abgeschlossen am ${time(round.closedAt)} von ${round.closedBy ?? '–'}; der Stand ist eingefroren
(<a href="/api/rounds/${round.id}/snapshot">Stand beim Abschluss als JSON</a>).</p>`;
  return layout(ctx, {
    title: `Runde: ${round.title}`,
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'Runden', href: '/runden' }, { label: round.title }],
    body: html`<h1>${round.title} <span class="subtitle">${round.area.name}</span></h1>
<dl class="facts">
  <div><dt>Frist</dt><dd>${formatDate(round.deadline)}</dd></div>
  <div><dt>Links gültig bis</dt><dd>${formatDate(round.linksValidUntil)}</dd></div>
  <div><dt>Stand</dt><dd>${STATUS_TEXT[round.status]}</dd></div>
  <div><dt>Rücklauf</dt><dd>${c.complete} von ${c.members} vollständig; Selbstauskunft ${c.answered}, unverändert bestätigt
  ${c.confirmedUnchanged}, Komponenten aktualisiert ${c.componentsUpdated}; überfällig ${c.overdue}</dd></div>
</dl>
<p><a href="/umfragewerte/${round.area.key}">Umfragewerte für ${round.area.name}</a></p>
<div class="table-scroll" role="region" aria-labelledby="mitglieder-tabelle" tabindex="0"><table class="components">
<caption id="mitglieder-tabelle">Kommunen der Runde mit Link, Rückmeldungen und Stand</caption>
<thead><tr><th scope="col">Kommune</th><th scope="col">Link</th><th scope="col">Selbstauskunft</th>
<th scope="col">unverändert bestätigt</th><th scope="col">Komponenten aktualisiert</th><th scope="col">Stand</th><th scope="col">E-Mail</th></tr></thead>
<tbody>${round.members.map((m) => memberRow(ctx, round, m))}</tbody></table></div>
${actions}`,
  });
}
