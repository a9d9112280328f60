import type { RegionView } from '../../../services/region.service';
import type { SuccessorConflict, SuccessorResult } from '../../../services/region-successor.service';
import type { SuccessorSuggestion } from '../../../services/region-successor-suggestions';
import { COMPONENT_STATUS_LABELS } from '../../../lib/vocabulary';
import { OFFERING_STATUS_LABELS } from '../../../lib/maturity';
import { formatDate, formatNumber } from './format';
import { errorSummary, inputField, type FieldErrors } from './forms';
import { html, raw, when, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type Crumb, type ViewContext } from './layout';
import { operatorText } from './vocabulary';

/** What the form holds: the chosen suggestion (or `anderer`), a typed key, the mode. */
export interface SuccessorFormValues {
  nachfolger: string;
  anderer: string;
  modus: 'move' | 'copy';
}

/** Everything the successor page shows. */
export interface SuccessorPageData {
  region: RegionView;
  trail: Crumb[];
  suggestions: SuccessorSuggestion[];
  values: SuccessorFormValues;
  errors: FieldErrors;
  /** Messages that belong to no single field (a conflict with the directory, open conflicts). */
  general: string[];
  /** After „Vorschau“: the dry run (or the refused run) whose conflicts the admin decides. */
  preview?: SuccessorResult;
}

const FIELD_LABELS: Record<string, string> = { nachfolger: 'Nachfolger', anderer: 'Anderes Gebiet' };

/** The radio name of a conflict's choice; the route reads it back the same way. */
export function conflictField(key: string): string {
  return `konflikt-${key}`;
}

/** Labels of the error summary: the form's fields and each conflict left open. */
function summaryLabels(errors: FieldErrors): Record<string, string> {
  const labels: Record<string, string> = { ...FIELD_LABELS };
  const prefix = conflictField('');
  for (const name of Object.keys(errors)) {
    if (name.startsWith(prefix)) labels[name] = `Konflikt ${name.slice(prefix.length)}`;
  }
  return labels;
}

function radio(
  name: string,
  id: string,
  value: string,
  checked: boolean,
  label: HtmlValue,
  hint?: HtmlValue,
): SafeHtml {
  return html`<div class="field checkbox">
  <input type="radio" id="${id}" name="${name}" value="${value}"${when(checked, raw(' checked'))}>
  <label for="${id}">${label}${hint ? html`<br><span class="hint">${hint}</span>` : ''}</label>
</div>`;
}

function suggestionChoices(data: SuccessorPageData): SafeHtml {
  const v = data.values;
  const errors = data.errors.nachfolger ?? [];
  // Nothing is preselected: the admin picks the successor, the directory only suggests.
  const preselected = v.nachfolger;
  return html`<fieldset id="f-nachfolger"${when(errors.length, raw(' class="field-error"'))}>
  <legend>Nachfolger</legend>
  ${errors.length ? html`<p class="error-message"><span class="visually-hidden">Fehler: </span>${errors.join(' ')}</p>` : ''}
  ${
    data.suggestions.length > 0
      ? html`<p class="hint">Vorschläge aus dem Gemeindeverzeichnis, die wahrscheinlichsten zuerst, mit den Gründen. Zugeordnet wird erst nach der Vorschau.</p>`
      : html`<p class="hint">Das Gemeindeverzeichnis legt keinen Nachfolger nahe (kein aktuelles Gebiet im selben Verband, Kreis oder mit ähnlichem Namen).</p>`
  }
  ${data.suggestions.map((s, i) =>
    radio(
      'nachfolger',
      `f-nachfolger-${i}`,
      s.key,
      preselected === s.key,
      html`${s.name} (${s.key}${s.population !== null ? `, ${formatNumber(s.population)} Einwohner` : ''})`,
      s.reasons.join('; '),
    ),
  )}
  ${radio('nachfolger', 'f-nachfolger-anderer', 'anderer', preselected === 'anderer', 'Anderes Gebiet (Schlüssel unten eingeben)')}
  ${inputField({
    name: 'anderer',
    label: FIELD_LABELS.anderer,
    hint: 'AGS (8 Ziffern), Gemeindeverband (9), Kreis (5) oder ARS (12), nur mit „Anderes Gebiet“.',
    errors: data.errors,
    value: v.anderer,
    maxLength: 12,
    autocomplete: 'off',
  })}
</fieldset>`;
}

function modeChoices(v: SuccessorFormValues): SafeHtml {
  return html`<fieldset><legend>Übernahme</legend>
  ${radio('modus', 'f-modus-move', 'move', v.modus === 'move', 'Verschieben (Vorgabe)', 'Die Einträge gehören danach dem Nachfolger.')}
  ${radio('modus', 'f-modus-copy', 'copy', v.modus === 'copy', 'Kopieren', 'Die Einträge bleiben auch beim alten Gebiet lesbar.')}
</fieldset>`;
}

function sideCells(c: SuccessorConflict, which: 'predecessor' | 'successor'): SafeHtml {
  if (c.kind === 'component') {
    const s = c[which];
    return html`<td>${COMPONENT_STATUS_LABELS[s.status]}</td><td>${s.product ?? '–'}</td><td>${operatorText(s.operator)}</td>`;
  }
  const s = c[which];
  return html`<td>${OFFERING_STATUS_LABELS[s.status]}</td><td>${s.url ?? '–'}</td><td>${s.maturity ? `${s.maturity.model} Stufe ${s.maturity.level ?? '–'}` : '–'}</td>`;
}

/** One conflict key: both values per source, and the choice which stays. */
function conflictGroup(preview: SuccessorResult, conflicts: SuccessorConflict[], errors: FieldErrors): SafeHtml {
  const first = conflicts[0];
  const name = conflictField(first.key);
  const id = `f-${name}`;
  const component = first.kind === 'component';
  const headers = component ? ['Status', 'Produkt', 'Betreiber'] : ['Status', 'URL', 'Reifegrad'];
  const missing = errors[name] ?? [];
  const caption = component ? first.label : `${first.label} (${first.key})`;
  return html`<fieldset id="${id}"${when(missing.length, raw(' class="field-error"'))}>
  <legend>${component ? 'Komponente' : 'Leistung'}: ${caption}</legend>
  ${missing.length ? html`<p class="error-message"><span class="visually-hidden">Fehler: </span>${missing.join(' ')}</p>` : ''}
  <div class="table-scroll"><table>
    <caption class="visually-hidden">Beide Einträge zu ${caption}</caption>
    <thead><tr><th scope="col">Eintrag</th>${component ? '' : html`<th scope="col">Quelle</th>`}${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${conflicts.map(
      (
        c,
      ) => html`<tr><th scope="row">${preview.from.name} (Vorgänger)</th>${c.kind === 'offering' ? html`<td>${c.source}</td>` : ''}${sideCells(c, 'predecessor')}</tr>
      <tr><th scope="row">${preview.to.name} (Nachfolger)${c.successorFrom ? html`<br><span class="hint">kam von ${c.successorFrom}</span>` : ''}</th>${c.kind === 'offering' ? html`<td>${c.source}</td>` : ''}${sideCells(c, 'successor')}</tr>`,
    )}</tbody>
  </table></div>
  ${radio(name, `${id}-predecessor`, 'predecessor', first.resolution === 'predecessor', `Eintrag von ${preview.from.name} übernehmen (ersetzt den des Nachfolgers)`)}
  ${radio(name, `${id}-successor`, 'successor', first.resolution === 'successor', `Eintrag von ${preview.to.name} behalten`)}
</fieldset>`;
}

function groupedConflicts(conflicts: SuccessorConflict[]): SuccessorConflict[][] {
  const groups = new Map<string, SuccessorConflict[]>();
  for (const c of conflicts) groups.set(`${c.kind}:${c.key}`, [...(groups.get(`${c.kind}:${c.key}`) ?? []), c]);
  return [...groups.values()];
}

function previewSection(ctx: ViewContext, data: SuccessorPageData, preview: SuccessorResult): SafeHtml {
  const verb = preview.mode === 'move' ? 'verschoben' : 'kopiert';
  const components = preview.transferred.components;
  const offerings = preview.transferred.offerings.length;
  const identical = preview.identical.components.length + preview.identical.offerings.length;
  return html`<section aria-labelledby="vorschau"><h2 id="vorschau">Vorschau: ${preview.from.name} → ${preview.to.name} (${preview.to.key})</h2>
<ul>
  <li>Basiskomponenten, die ${verb} werden: ${components.length > 0 ? components.join(', ') : 'keine'}</li>
  <li>Online-Angebote, die ${verb} werden: ${formatNumber(offerings)}</li>
  ${identical > 0 ? html`<li>Beim Nachfolger schon gleich erfasst (nichts zu entscheiden): ${formatNumber(identical)}</li>` : ''}
  <li>Konflikte: ${preview.conflicts.length === 0 ? 'keine' : formatNumber(groupedConflicts(preview.conflicts).length)}</li>
</ul>
<form method="post" action="/kommunen/${data.region.key}/nachfolger" class="form" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="nachfolger" value="${preview.to.key}">
  <input type="hidden" name="modus" value="${preview.mode}">
  ${
    preview.conflicts.length > 0
      ? html`<p>Beide Gebiete haben hierzu Einträge mit unterschiedlichem Inhalt. Bitte für jeden wählen, welcher gilt; der andere
  bleibt im Änderungsprotokoll festgehalten.</p>${groupedConflicts(preview.conflicts).map((g) => conflictGroup(preview, g, data.errors))}`
      : ''
  }
  <div class="actions">
    <button type="submit" name="schritt" value="zuordnen">Zuordnung ausführen</button>
    <a href="/kommunen/${data.region.key}/nachfolger">Anderen Nachfolger wählen</a>
  </div>
</form>
</section>`;
}

function choiceForm(ctx: ViewContext, data: SuccessorPageData): SafeHtml {
  return html`<form method="post" action="/kommunen/${data.region.key}/nachfolger" class="form" novalidate>
  ${csrfField(ctx)}
  ${suggestionChoices(data)}
  ${modeChoices(data.values)}
  <div class="actions">
    <button type="submit" name="schritt" value="vorschau">Vorschau anzeigen</button>
    <a href="/kommunen/${data.region.key}">Abbrechen</a>
  </div>
</form>`;
}

/**
 * `/kommunen/{ags}/nachfolger` (admins): choose the successor of a retired region from the
 * directory's suggestions or by key, see what moves and decide each conflict, then confirm.
 */
export function successorPage(ctx: ViewContext, data: SuccessorPageData): SafeHtml {
  const r = data.region;
  const failed = Object.keys(data.errors).length > 0 || data.general.length > 0;
  return layout(ctx, {
    title: `${failed ? 'Fehler: ' : ''}Nachfolger zuordnen – ${r.name}`,
    breadcrumbs: [...data.trail, { label: 'Nachfolger zuordnen' }],
    body: html`<h1>Nachfolger zuordnen <span class="subtitle">${r.name} (${r.key})</span></h1>
${errorSummary(data.errors, summaryLabels(data.errors), data.general)}
<p class="lead">${r.name} steht seit dem Gebietsstand ${formatDate(r.retiredGebietsstand)} nicht mehr im Gemeindeverzeichnis.
  Mit der Zuordnung gehen seine Basiskomponenten und Online-Angebote auf den Nachfolger über; beide Gebiete erhalten einen
  Eintrag in der Änderungshistorie.</p>
${r.successorKey ? html`<p class="notice">Bisher zugeordnet: <a href="/kommunen/${r.successorKey}">${r.successorKey}</a>. Eine neue Zuordnung ersetzt sie.</p>` : ''}
${data.preview ? previewSection(ctx, data, data.preview) : choiceForm(ctx, data)}`,
  });
}
