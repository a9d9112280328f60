import type { ComponentRecordView } from '../../../services/inventory.service';
import type { OperatorSuggestion } from '../../../services/operator-match';
import type { RegionView } from '../../../services/region.service';
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  OPERATOR_TYPE_LABELS,
  OPERATOR_TYPES,
} from '../../../lib/vocabulary';
import { errorSummary, inputField, selectField, textareaField, type FieldErrors } from './forms';
import { formatDate, formatDateTime } from './format';
import { html, raw, when, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type Crumb, type ViewContext } from './layout';
import { operatorText, statusBadge } from './vocabulary';

/** The form's fields as text, exactly as submitted or as loaded from the record. */
export interface RecordFormValues {
  status: string;
  operatorName: string;
  operatorType: string;
  product: string;
  validFrom: string;
  validTo: string;
  note: string;
  /** `ja` when a Landkreis runs the component for its Gemeinden too. */
  servesMembers: string;
  /** The answer to "Meinten Sie …?": a stored operator's name or `__neu__` (create the typed one). */
  operatorChoice?: string;
}

/** Field labels, also used by the error summary. */
export const RECORD_FIELD_LABELS: Record<keyof RecordFormValues, string> = {
  status: 'Status',
  operatorName: 'Betreiber',
  operatorType: 'Art des Betreibers',
  product: 'Produkt',
  validFrom: 'Gültig ab',
  validTo: 'Gültig bis',
  note: 'Notiz',
  servesMembers: 'Auch für die Gemeinden des Kreises betrieben',
  operatorChoice: 'Gemeinter Betreiber',
};

/** What the edit page shows. */
export interface RecordFormData {
  region: RegionView;
  trail: Crumb[];
  component: { code: string; label: string; description: string | null };
  values: RecordFormValues;
  /** ETag of the record the form is based on; empty for a new record. */
  etag: string;
  errors: FieldErrors;
  /** Set when the record was changed by someone else since the form was loaded. */
  conflict?: { current: ComponentRecordView | null; changedBy: string | null; changedAt: string | null };
  operatorSuggestions: string[];
  productSuggestions: string[];
  /** Stored operators the typed name resembles: offered as "Meinten Sie …?" choices. */
  operatorCandidates?: OperatorSuggestion[];
  /** "nicht genutzt" with an operator or product still filled in: asked before they are dropped. */
  confirmClear?: { operator: string; product: string };
}

/** Asks before "nicht genutzt" drops the operator and product the form still names. */
function clearQuestion(data: RecordFormData): HtmlValue {
  if (!data.confirmClear) return '';
  const { operator, product } = data.confirmClear;
  const named = [operator && `Betreiber „${operator}“`, product && `Produkt „${product}“`]
    .filter(Boolean)
    .join(' und ');
  return html`<div class="notice" role="alert" id="entfernen-frage" tabindex="-1">
  <p><strong>Bei „nicht genutzt“ werden ${named} nicht gespeichert.</strong> Soll die Angabe so gespeichert werden?</p>
  <div class="checkbox"><input type="checkbox" id="f-clearConfirmed" name="clearConfirmed" value="ja" form="eintrag-formular">
  <label for="f-clearConfirmed">Ja, ${named} entfernen und „nicht genutzt“ speichern</label></div>
</div>`;
}

/** "Meinten Sie …?": each stored operator the typed name resembles, or the typed name as a new one. */
function operatorChoices(data: RecordFormData): HtmlValue {
  const candidates = data.operatorCandidates ?? [];
  if (candidates.length === 0) return '';
  const typed = data.values.operatorName.trim();
  const option = (value: string, label: HtmlValue, index: number) =>
    html`<div class="radio"><input type="radio" id="f-operatorChoice${index ? `-${index}` : ''}" name="operatorChoice" value="${value}"${when(index === 0, raw(' checked'))}>
    <label for="f-operatorChoice${index ? `-${index}` : ''}">${label}</label></div>`;
  return html`<fieldset class="choices" aria-describedby="f-operatorChoice-hint">
  <legend>Meinten Sie …?</legend>
  <p class="hint" id="f-operatorChoice-hint">„${typed}“ ist noch nicht erfasst, ähnelt aber diesen Betreibern. Bitte wählen und erneut speichern.</p>
  ${candidates.map((c, i) =>
    option(
      c.name,
      html`${c.name}${c.shortName && c.shortName !== c.name ? ` (${c.shortName})` : ''} <span class="meta">– ${c.reason}</span>`,
      i,
    ),
  )}
  ${option('__neu__', html`Nein, „${typed}“ als neuen Betreiber anlegen (dafür die Art des Betreibers wählen)`, candidates.length)}
</fieldset>`;
}

/** Only on a Landkreis's form: the Kreis runs the component for its Gemeinden too. */
function servesMembersField(v: RecordFormValues, e: FieldErrors): SafeHtml {
  const errors = e.servesMembers ?? [];
  return html`<div class="field checkbox${errors.length ? ' field-error' : ''}">
  ${errors.length ? html`<p class="error-message" id="f-servesMembers-error"><span class="visually-hidden">Fehler: </span>${errors.join(' ')}</p>` : ''}
  <input type="checkbox" id="f-servesMembers" name="servesMembers" value="ja" aria-describedby="f-servesMembers-hint"${when(v.servesMembers === 'ja', raw(' checked'))}>
  <label for="f-servesMembers">${RECORD_FIELD_LABELS.servesMembers}</label>
  <p class="hint" id="f-servesMembers-hint">Ankreuzen, wenn der Kreis die Komponente für seine Gemeinden mitbetreibt (z. B. einen gemeinsamen
    Formularserver): Sie zählt dann in den OZG-Auswertungen auch für jede Gemeinde, die selbst keinen Eintrag dazu hat.</p>
</div>`;
}

function currentState(current: ComponentRecordView | null): SafeHtml {
  if (!current) return html`<p>Der Eintrag wurde inzwischen gelöscht.</p>`;
  return html`<dl class="facts">
  <div><dt>Status</dt><dd>${statusBadge(current.status)}</dd></div>
  <div><dt>Betreiber</dt><dd>${operatorText(current.operator)}</dd></div>
  <div><dt>Produkt</dt><dd>${current.product ?? '–'}</dd></div>
  <div><dt>Gültig ab / bis</dt><dd>${formatDate(current.validFrom)} / ${formatDate(current.validTo)}</dd></div>
  <div><dt>Notiz</dt><dd>${current.note ?? '–'}</dd></div>
  ${current.servesMembers ? html`<div><dt>Für die Gemeinden</dt><dd>betreibt der Kreis auch für seine Gemeinden</dd></div>` : ''}
</dl>`;
}

function conflictNotice(data: RecordFormData): HtmlValue {
  if (!data.conflict) return '';
  const { changedBy, changedAt, current } = data.conflict;
  const who = changedBy ? ` von ${changedBy}` : '';
  const when = changedAt ? ` am ${formatDateTime(changedAt)}` : '';
  return html`<div class="error-summary conflict" role="alert" aria-labelledby="konflikt-titel" tabindex="-1" id="fehler">
  <h2 id="konflikt-titel">Nicht gespeichert: der Eintrag wurde zwischenzeitlich geändert</h2>
  <p>Während Sie das Formular bearbeitet haben, wurde „${data.component.label}“${who}${when} geändert. Damit keine Änderung
    verloren geht, wurde Ihre Eingabe <strong>nicht</strong> gespeichert.</p>
  <h3>Aktueller Stand</h3>
  ${currentState(current)}
  <p>Ihre Eingaben stehen unverändert im Formular. Prüfen Sie sie gegen den aktuellen Stand und speichern Sie erneut,
    wenn sie ihn ersetzen sollen.</p>
</div>`;
}

function datalist(id: string, values: string[]): HtmlValue {
  if (values.length === 0) return '';
  return html`<datalist id="${id}">${values.map((v) => html`<option value="${v}"></option>`)}</datalist>`;
}

/** `/kommunen/{ags}/komponenten/{code}`: edit one component record. */
export function recordFormPage(ctx: ViewContext, data: RecordFormData): SafeHtml {
  const v = data.values;
  const e = data.errors;
  const title = `${data.component.label} – ${data.region.name}`;
  return layout(ctx, {
    title: `${Object.keys(e).length || data.conflict ? 'Fehler: ' : ''}${title}`,
    breadcrumbs: [...data.trail, { label: data.component.label }],
    body: html`<h1>${data.component.label} <span class="subtitle">${data.region.name}</span></h1>
${conflictNotice(data)}
${clearQuestion(data)}
${errorSummary(e, RECORD_FIELD_LABELS)}
${data.component.description ? html`<p class="lead">${data.component.description}</p>` : ''}
<form method="post" action="/kommunen/${data.region.key}/komponenten/${data.component.code}" class="form" id="eintrag-formular" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="etag" value="${data.etag}">
  ${selectField({
    name: 'status',
    label: RECORD_FIELD_LABELS.status,
    required: true,
    errors: e,
    value: v.status,
    options: [
      { value: '', label: 'Bitte wählen' },
      ...COMPONENT_STATUSES.map((s) => ({ value: s, label: COMPONENT_STATUS_LABELS[s] })),
    ],
  })}
  <fieldset>
    <legend>Betrieb</legend>
    ${inputField({
      name: 'operatorName',
      label: RECORD_FIELD_LABELS.operatorName,
      hint: 'Name der Organisation, die die Komponente betreibt. Vorschläge erscheinen beim Tippen. Leer lassen, wenn unbekannt.',
      errors: e,
      value: v.operatorName,
      list: data.operatorSuggestions.length ? 'betreiber-vorschlaege' : undefined,
      maxLength: 200,
      autocomplete: 'off',
    })}
    ${datalist('betreiber-vorschlaege', data.operatorSuggestions)}
    ${operatorChoices(data)}
    ${selectField({
      name: 'operatorType',
      label: RECORD_FIELD_LABELS.operatorType,
      hint: 'Nur für einen neuen Betreiber nötig. „Eigene IT-Abteilung“ geht auch ohne Namen. Bei „nicht genutzt“ werden Betreiber und Produkt nicht gespeichert.',
      errors: e,
      value: v.operatorType,
      options: [
        { value: '', label: 'wie erfasst / keine Angabe' },
        ...OPERATOR_TYPES.map((t) => ({ value: t, label: OPERATOR_TYPE_LABELS[t] })),
      ],
    })}
  </fieldset>
  ${inputField({
    name: 'product',
    label: RECORD_FIELD_LABELS.product,
    hint: 'Produkt oder Hersteller, z. B. „ePayBL“.',
    errors: e,
    value: v.product,
    list: data.productSuggestions.length ? 'produkt-vorschlaege' : undefined,
    maxLength: 200,
    autocomplete: 'off',
  })}
  ${datalist('produkt-vorschlaege', data.productSuggestions)}
  <div class="field-row">
    ${inputField({ name: 'validFrom', label: RECORD_FIELD_LABELS.validFrom, type: 'date', errors: e, value: v.validFrom })}
    ${inputField({ name: 'validTo', label: RECORD_FIELD_LABELS.validTo, type: 'date', errors: e, value: v.validTo })}
  </div>
  ${textareaField({ name: 'note', label: RECORD_FIELD_LABELS.note, errors: e, value: v.note, rows: 3, maxLength: 2000 })}
  ${data.region.level === 'kreis' ? servesMembersField(v, e) : ''}
  <div class="actions">
    <button type="submit">Speichern</button>
    <a href="/kommunen/${data.region.key}#k-${data.component.code}">Abbrechen</a>
  </div>
</form>`,
  });
}
