/** Pieces shared by the OZG pages of an area and of a unit: the GET form, definitions, flags. */
import { formatTarget, LEVEL_LABELS, MATURITY_MODELS, MAX_LEVEL, type MaturityModel } from '../../../lib/maturity';
import type { MetSource } from '../../../reports/gaps/offering-scan';
import { RESPONSIBILITY_SOURCE_LABELS, type ResponsibilitySource } from '../../../lib/responsibility';
import { errorSummary, type FieldErrors } from './forms';
import { html, raw, when, type HtmlValue, type SafeHtml } from './html';
import type { CatalogueFacets, FacetOption } from '../../../reports/gaps/catalogue-facets';

/** Orders of the area table. */
export const OZG_SORTS = ['anteil', 'anteil-absteigend', 'zustaendig', 'ozg-id', 'name'] as const;
export type OzgSort = (typeof OZG_SORTS)[number];

export const OZG_SORT_LABELS: Record<OzgSort, string> = {
  anteil: 'Anteil erfüllt, kleinster zuerst (größte Lücken oben)',
  'anteil-absteigend': 'Anteil erfüllt, größter zuerst',
  zustaendig: 'Zahl der zuständigen Einheiten, größte zuerst',
  'ozg-id': 'OZG-ID',
  name: 'Name der OZG-Leistung',
};

/** The form's values as sent (for re-rendering it and for links that keep the selection). */
export interface OzgFormValues {
  ziel: string;
  themenfeld: string;
  lebenslage: string;
  ozg: string;
  sortierung: OzgSort;
  nurOffen: boolean;
  seite: number;
  /** Only Fokusleistungen (query `fokus=ja`). */
  fokus?: boolean;
}

/** German names of where a counted offering came from. */
export const OFFERING_SOURCE_LABELS: Record<MetSource, string> = {
  manual: 'von Hand erfasst',
  dashboard: 'Daten des OZG-Dashboards',
  fim: 'FIM-Import (XZuFi)',
  demo: 'Demodaten (erfunden)',
  connection: 'Anschluss an einen EfA-Dienst',
};

/** Short names of the responsibility sources, for dense cells; the long ones are in the definitions. */
export const SOURCE_SHORT: Record<ResponsibilitySource, string> = {
  zustaendigkeit: 'Zuständigkeitsdaten',
  regel: 'Regel',
  typisierung: 'Typisierung',
};

export { RESPONSIBILITY_SOURCE_LABELS };

/** "Stufe 3 – Online-Leistung (Reifegradmodell 1.1)". */
export function targetLabel(target: { model: string; level: number; label?: string }): string {
  const model = target.model === 'RGM-2.0' ? 'Reifegradmodell 2.0' : 'Reifegradmodell 1.1';
  return `Stufe ${target.level}${target.label ? ` – ${target.label}` : ''} (${model})`;
}

/** ja/nein with a symbol, never colour alone. */
export function yesNo(value: boolean, yes = 'ja', no = 'nein'): SafeHtml {
  return value
    ? html`<span class="flag flag-yes"><span aria-hidden="true">✓</span> ${yes}</span>`
    : html`<span class="flag flag-no"><span aria-hidden="true">✗</span> ${no}</span>`;
}

/** The query string of a selection (only what differs from the defaults), for links. */
export function selectionQuery(values: OzgFormValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (values.ziel && values.ziel !== 'RGM-1.1:3') params.set('ziel', values.ziel);
  if (values.themenfeld) params.set('themenfeld', values.themenfeld);
  if (values.lebenslage) params.set('lebenslage', values.lebenslage);
  if (values.ozg) params.set('ozg', values.ozg);
  if (values.fokus) params.set('fokus', 'ja');
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function targetSelect(values: OzgFormValues, errors: FieldErrors): SafeHtml {
  const invalid = (errors.ziel ?? []).length > 0;
  const groups = MATURITY_MODELS.map((model) => ({
    label: model === 'RGM-2.0' ? 'Reifegradmodell 2.0 (Stufen 1–7)' : 'Reifegradmodell 1.1 (Stufen 1–4)',
    options: Array.from({ length: MAX_LEVEL[model] }, (_, i) => i + 1).map((level) => ({
      value: formatTarget({ model, level }),
      label: `Stufe ${level} – ${LEVEL_LABELS[model][level]}${model === 'RGM-1.1' && level === 3 ? ' (Standard)' : ''}`,
    })),
  }));
  return html`<div class="field${invalid ? ' field-error' : ''}">
  <label for="f-ziel">Ziel-Reifegrad</label>
  <p class="hint" id="f-ziel-hint">Ab welcher Stufe eine Leistung als umgesetzt zählt. Die OZG-Pflicht gilt ab Stufe 3 des Modells 1.1.</p>
  ${invalid ? html`<p class="error-message" id="f-ziel-error"><span class="visually-hidden">Fehler: </span>${(errors.ziel ?? []).join(' ')}</p>` : ''}
  <select id="f-ziel" name="ziel" aria-describedby="f-ziel-hint${invalid ? ' f-ziel-error' : ''}"${when(invalid, raw(' aria-invalid="true"'))}>
  ${groups.map(
    (g) =>
      html`<optgroup label="${g.label}">${g.options.map(
        (o) => html`<option value="${o.value}"${when(o.value === values.ziel, raw(' selected'))}>${o.label}</option>`,
      )}</optgroup>`,
  )}
  </select>
</div>`;
}

function facetSelect(
  name: 'themenfeld' | 'lebenslage',
  label: string,
  all: string,
  options: FacetOption[],
  value: string,
  errors: FieldErrors,
): SafeHtml {
  const messages = errors[name] ?? [];
  return html`<div class="field${messages.length ? ' field-error' : ''}">
  <label for="f-${name}">${label}</label>
  ${messages.length ? html`<p class="error-message" id="f-${name}-error"><span class="visually-hidden">Fehler: </span>${messages.join(' ')}</p>` : ''}
  <select id="f-${name}" name="${name}"${when(messages.length, html` aria-describedby="f-${name}-error" aria-invalid="true"`)}>
  <option value="">${all}</option>
  ${options.map((o) => html`<option value="${o.value}"${when(o.value === value, raw(' selected'))}>${o.label}</option>`)}
  </select>
</div>`;
}

function ozgField(values: OzgFormValues, errors: FieldErrors): SafeHtml {
  const messages = errors.ozg ?? [];
  return html`<div class="field${messages.length ? ' field-error' : ''}">
  <label for="f-ozg">OZG-ID</label>
  <p class="hint" id="f-ozg-hint">Nur diese eine OZG-Leistung, z. B. 10119. Leer: alle.</p>
  ${messages.length ? html`<p class="error-message" id="f-ozg-error"><span class="visually-hidden">Fehler: </span>${messages.join(' ')}</p>` : ''}
  <input type="text" inputmode="numeric" id="f-ozg" name="ozg" value="${values.ozg}" maxlength="9" class="short"
    aria-describedby="f-ozg-hint${messages.length ? ' f-ozg-error' : ''}"${when(messages.length, raw(' aria-invalid="true"'))}>
</div>`;
}

const FIELD_LABELS = {
  ziel: 'Ziel-Reifegrad',
  themenfeld: 'Themenfeld',
  lebenslage: 'Lebenslage',
  ozg: 'OZG-ID',
  fokus: 'Fokusleistungen',
};

/**
 * The GET form of both OZG pages: target, Themenfeld, Lebenslage, OZG-ID, and either the sort
 * order (area) or "only open" (unit). Without JavaScript, everything works by submitting it.
 */
export function ozgForm(options: {
  action: string;
  values: OzgFormValues;
  errors: FieldErrors;
  facets: CatalogueFacets;
  mode: 'area' | 'unit';
}): SafeHtml {
  const { values, errors, facets } = options;
  const extra =
    options.mode === 'area'
      ? html`<div class="field">
  <label for="f-sortierung">Sortierung der Tabelle</label>
  <select id="f-sortierung" name="sortierung">${Object.entries(OZG_SORT_LABELS).map(
    ([value, label]) =>
      html`<option value="${value}"${when(value === values.sortierung, raw(' selected'))}>${label}</option>`,
  )}</select>
</div>`
      : html`<div class="field checkbox">
  <input type="checkbox" id="f-nur" name="nur" value="offen"${when(values.nurOffen, raw(' checked'))}>
  <label for="f-nur">Nur OZG-Leistungen zeigen, die das Ziel noch nicht erfüllen</label>
</div>`;
  return html`${errorSummary(errors, FIELD_LABELS)}
<form method="get" action="${options.action}" class="filter-form">
<fieldset><legend>Ziel und Filter</legend>
<div class="filter-grid">
${targetSelect(values, errors)}
${facetSelect('themenfeld', 'Themenfeld', 'alle Themenfelder', facets.themenfelder, values.themenfeld, errors)}
${facetSelect('lebenslage', 'Lebenslage', 'alle Lebenslagen', facets.lebenslagen, values.lebenslage, errors)}
${ozgField(values, errors)}
${fokusField(values, facets)}
${extra}
</div>
<div class="actions"><button type="submit">Anzeigen</button> <a href="${options.action}">Auswahl zurücksetzen</a></div>
</fieldset>
</form>`;
}

/** "Only Fokusleistungen", offered once a catalogue import has marked any. */
function fokusField(values: OzgFormValues, facets: CatalogueFacets): SafeHtml | '' {
  if (!facets.fokusCount && !values.fokus) return '';
  return html`<div class="field checkbox">
  <input type="checkbox" id="f-fokus" name="fokus" value="ja"${when(values.fokus === true, raw(' checked'))}>
  <label for="f-fokus">Nur Fokusleistungen (${facets.fokusCount ?? 0} laut Katalog)</label>
</div>`;
}

/** The catalogue note, shown on every OZG page. */
export function catalogueNotice(note: string): SafeHtml {
  return html`<p class="notice">${note}</p>`;
}

/** Pages of the service that definitions name by path; they become links. */
const DEFINITION_LINKS = /(\/zustaendigkeitsregeln|\/ozg-definitionen)\b/;

/** A definition with the paths of this service's pages it names as links. */
function linkedDefinition(text: string): SafeHtml {
  const pieces = text.split(DEFINITION_LINKS);
  return html`${pieces.map((piece, i) => (i % 2 === 1 ? html`<a href="${piece}">${piece}</a>` : piece))}`;
}

/** The definitions as a list, the service's pages they name linked. */
export function definitionsList(definitions: string[]): SafeHtml {
  return html`<ul>${definitions.map((d) => html`<li>${linkedDefinition(d)}</li>`)}</ul>`;
}

/**
 * The definitions behind every number, collapsed on screen. Printed expanded: a closed
 * `<details>` prints only its summary in Chromium whatever the CSS says, so a print-only copy
 * follows it (`display: none` on screen, so screen readers skip it too).
 */
export function definitionsDetails(definitions: string[]): SafeHtml {
  const list = definitionsList(definitions);
  return html`<details class="definitions no-print" id="definitionen">
<summary>Definitionen: so zählt diese Seite</summary>
${list}
<p><a href="/ozg-definitionen">Alle Definitionen und die Tabelle der Basiskomponenten je Reifegrad auf einer eigenen Seite</a></p>
</details>
<section class="print-only definitions-print"><h2>Definitionen: so zählt diese Seite</h2>${list}</section>`;
}

/** The chosen target and filters in words, for the printed page and the screen alike. */
export function selectionText(values: OzgFormValues, facets: CatalogueFacets, mode: 'area' | 'unit'): string {
  const name = (options: FacetOption[], value: string) => options.find((o) => o.value === value)?.label ?? value;
  const [model, level] = (values.ziel || 'RGM-1.1:3').split(':');
  const parts = [
    `Ziel ${targetLabel({ model, level: Number(level), label: LEVEL_LABELS[model as MaturityModel]?.[Number(level)] })}`,
    values.themenfeld ? `Themenfeld ${name(facets.themenfelder, values.themenfeld)}` : 'alle Themenfelder',
    values.lebenslage ? `Lebenslage ${name(facets.lebenslagen, values.lebenslage)}` : 'alle Lebenslagen',
    ...(values.ozg ? [`OZG-ID ${values.ozg}`] : []),
    ...(values.fokus ? ['nur Fokusleistungen'] : []),
    mode === 'area'
      ? `Sortierung: ${OZG_SORT_LABELS[values.sortierung]}`
      : values.nurOffen
        ? 'nur OZG-Leistungen unter dem Ziel'
        : 'alle OZG-Leistungen',
  ];
  return parts.join('; ');
}

/** "Filter: …": the selection as a line, so a printout or PDF says what it shows. */
export function selectionLine(values: OzgFormValues, facets: CatalogueFacets, mode: 'area' | 'unit'): SafeHtml {
  return html`<p class="selection-line"><strong>Filter:</strong> ${selectionText(values, facets, mode)}.</p>`;
}

/** Download links for the report under the session, keeping the selection. */
export function downloadButtons(base: string, values: OzgFormValues, label: string): SafeHtml {
  const link = (format: 'csv' | 'xlsx') =>
    html`<a class="button button-secondary" href="${base}${selectionQuery(values, { format })}" download>${format.toUpperCase()}<span class="visually-hidden">: ${label}</span></a>`;
  return html`<section aria-labelledby="downloads"><h2 id="downloads">Downloads</h2>
<ul class="download-list"><li>${label}: ${link('csv')} ${link('xlsx')}</li></ul>
<p class="hint">Mit der gewählten Auswahl (Ziel und Filter). Die CSV-Datei enthält die Tabelle (Semikolon, UTF-8); die XLSX-Datei
  zusätzlich Summen, Hinweise und Definitionen.</p></section>`;
}

/** A number of things with its noun in singular or plural. */
export function counted(n: number, one: string, many: string, format: (n: number) => string): string {
  return `${format(n)} ${n === 1 ? one : many}`;
}

/** A list of short sentences, or nothing. */
export function sentenceList(items: HtmlValue[], className = 'plain'): HtmlValue {
  return items.length ? html`<ul class="${className}">${items.map((i) => html`<li>${i}</li>`)}</ul>` : '';
}
