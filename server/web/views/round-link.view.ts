import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES } from '../../../lib/vocabulary';
import type { LandscapeItemInput } from '../../../services/inventory.service';
import type { RoundLinkView } from '../../../services/rounds-member';
import type { Answers } from '../../../services/self-assessment-questionnaire';
import { errorSummary, type FieldErrors } from './forms';
import { formatDate, formatDateTime } from './format';
import { html, raw, when, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type ViewContext } from './layout';
import { questionnaireFields } from './round-questionnaire.view';
import { statusBadge } from './vocabulary';

/** What the page of a round link shows. */
export interface RoundLinkPageData {
  token: string;
  link: RoundLinkView;
  /** Component code → German label, for every catalogue component. */
  componentLabels: Map<string, string>;
  /** Answers as submitted (after an error) or as stored. */
  answers: Answers;
  errors: FieldErrors;
  general: string[];
}

function done(at: string | null, text: string): HtmlValue {
  return at ? html`${text} am <time datetime="${at}">${formatDateTime(at)}</time>` : html`<strong>noch offen</strong>`;
}

function componentsSection(data: RoundLinkPageData, ctx: ViewContext): SafeHtml {
  const { link, token } = data;
  const records = new Map(link.landscape.components.map((c) => [c.component, c]));
  const rows = [...data.componentLabels].map(([code, label]) => {
    const record = records.get(code);
    const id = `c-${code}`;
    return html`<tr><th scope="row"><label for="${id}">${label}</label></th>
  <td>${record ? statusBadge(record.status) : html`<span class="muted">nicht erfasst</span>`}${record?.operator ? html`<br><span class="hint">Betrieb: ${record.operator.name}</span>` : ''}</td>
  <td><select id="${id}" name="${code}"><option value=""${when(!record, raw(' selected'))}>nicht erfasst</option>${COMPONENT_STATUSES.map(
    (s) =>
      html`<option value="${s}"${when(record?.status === s, raw(' selected'))}>${COMPONENT_STATUS_LABELS[s]}</option>`,
  )}</select></td></tr>`;
  });
  return html`<section aria-labelledby="komponenten"><h2 id="komponenten">Basiskomponenten</h2>
<p>Stand: ${done(link.confirmedAt, 'unverändert bestätigt')}${link.componentsUpdatedAt ? html`; aktualisiert am ${formatDateTime(link.componentsUpdatedAt)}` : ''}.</p>
<form method="post" action="/runde/${token}/bestaetigen" class="form">${csrfField(ctx)}
  <p>Stimmt die Tabelle? Dann genügt eine Bestätigung.</p>
  <div class="actions"><button type="submit">Alles unverändert bestätigen</button></div>
</form>
<form method="post" action="/runde/${token}/komponenten" class="form">${csrfField(ctx)}
  <input type="hidden" name="componentsEtag" value="${link.landscapeEtag}">
  <div class="table-scroll" role="region" aria-labelledby="komponenten-tabelle" tabindex="0"><table class="components">
  <caption id="komponenten-tabelle">Erfasste Basiskomponenten und neuer Stand</caption>
  <thead><tr><th scope="col">Komponente</th><th scope="col">Bisher</th><th scope="col">Neuer Stand</th></tr></thead>
  <tbody>${rows}</tbody></table></div>
  <p class="hint">Betreiber, Produkt und Notizen bleiben erhalten; „nicht erfasst“ löscht einen Eintrag (die Historie behält ihn).</p>
  <div class="actions"><button type="submit">Komponenten speichern</button></div>
</form></section>`;
}

/** `/runde/{token}`: a municipality confirms or updates its components and answers the self-assessment. */
export function roundLinkPage(ctx: ViewContext, data: RoundLinkPageData): SafeHtml {
  const { link, token } = data;
  const failed = Object.keys(data.errors).length > 0 || data.general.length > 0;
  const labels = Object.fromEntries(link.questionnaire.questions.map((q) => [q.code, q.text]));
  return layout(ctx, {
    title: `${failed ? 'Fehler: ' : ''}${link.round.title} – ${link.municipality.name}`,
    body: html`<h1>${link.municipality.name} <span class="subtitle">${link.round.title}</span></h1>
${errorSummary(data.errors, labels, data.general)}
<p class="lead">${link.round.area.name} bittet um Ihre Rückmeldung bis zum ${formatDate(link.round.deadline)}: Stimmen die erfassten
Basiskomponenten, und wie ist Ihre Kommune bei der Digitalisierung aufgestellt? Sie brauchen kein Konto; dieser Link gilt nur für
${link.municipality.name} und bis zum ${formatDate(link.linkExpiresAt.slice(0, 10))}. Bitte geben Sie ihn nicht weiter.</p>
${componentsSection(data, ctx)}
<section aria-labelledby="selbstauskunft"><h2 id="selbstauskunft">Selbstauskunft</h2>
<p>Stand: ${done(link.answeredAt, 'beantwortet')}. Die Fragen folgen der Umfrage von KGSt und ÖFIT (2019); Ihre Antworten
erscheinen neben deren Ergebnissen. Sie können einzelne Fragen offen lassen.</p>
<form method="post" action="/runde/${token}/selbstauskunft" class="form" novalidate>${csrfField(ctx)}
  <input type="hidden" name="etag" value="${link.selfAssessmentEtag}">
  ${questionnaireFields(link.questionnaire, data.answers, data.errors)}
  <div class="actions"><button type="submit">Selbstauskunft speichern</button></div>
</form></section>`,
  });
}

/** The landscape a submitted component form asks for: the existing records with their new status. */
export function landscapeOfForm(
  link: RoundLinkView,
  body: Record<string, unknown>,
  codes: string[],
): LandscapeItemInput[] {
  const records = new Map(link.landscape.components.map((c) => [c.component, c]));
  const items: LandscapeItemInput[] = [];
  for (const code of codes) {
    const status = body[code];
    if (typeof status !== 'string' || !(COMPONENT_STATUSES as readonly string[]).includes(status)) continue;
    const r = records.get(code);
    items.push({
      component: code,
      status: status as LandscapeItemInput['status'],
      ...(r
        ? {
            operator: r.operator ? { name: r.operator.name, type: r.operator.type as never } : null,
            product: r.product,
            validFrom: r.validFrom,
            validTo: r.validTo,
            note: r.note,
            servesMembers: r.servesMembers,
          }
        : {}),
    });
  }
  return items;
}
