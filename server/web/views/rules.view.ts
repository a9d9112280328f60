import {
  CITY_STATUSES,
  RESPONSIBILITY_LEVEL_LABELS,
  RESPONSIBILITY_LEVELS,
  TASK_GROUP_LABELS,
  TASK_GROUPS,
  type TaskGroup,
} from '../../../lib/responsibility';
import { TEXT_CODE_LABELS } from '../../../importers/gv100ad/gv100ad-layout';
import type { DelegationView, RuleView, TraitView } from '../../../services/responsibility-rule.service';
import { ruleScope } from '../../../services/responsibility-rule.service';
import { formatNumber } from './format';
import { errorSummary, inputField, selectField, textareaField, type FieldErrors } from './forms';
import { html, type SafeHtml } from './html';
import { csrfField, layout, type ViewContext } from './layout';

/** Rules per page of `/zustaendigkeitsregeln`. */
export const RULES_PER_PAGE = 100;

/** The filter of the rules page, as the form sends it. */
export interface RulesFilter {
  /** OZG-ID, Leistungsschlüssel or Typ (`typ:2/3`); empty for all. */
  scope: string;
  land: string;
  level: string;
  page: number;
}

/** What the rules page shows. */
export interface RulesPageData {
  filter: RulesFilter;
  /** The rules matching the filter (all pages). */
  rules: RuleView[];
  delegation: DelegationView[];
  traits: TraitView[];
  completeLaender: { landKey: string; markedBy: string; markedAt: string }[];
  laender: { key: string; name: string }[];
  /** Admins see the edit forms. */
  mayEdit: boolean;
  /** A refused change: the values sent and what was wrong. */
  form?: { values: Record<string, string>; errors: FieldErrors };
}

/** Verband types by their GV100AD Textkennzeichen, and the city statuses. */
const VERBAND_TYPE_LABELS: Record<string, string> = {
  ...TEXT_CODE_LABELS.gemeindeverband,
  'grosse-kreisstadt': 'Große Kreisstadt',
  'grosse-kreisangehoerige-stadt': 'große kreisangehörige Stadt',
  'mittlere-kreisangehoerige-stadt': 'mittlere kreisangehörige Stadt',
  'grosse-selbstaendige-stadt': 'große selbständige Stadt',
  'selbstaendige-gemeinde': 'selbständige Gemeinde',
};

const CARRIER_LABELS: Record<string, string> = {
  verband: 'Gemeindeverband',
  mitglied: 'Mitgliedsgemeinde',
  stadt: 'Stadt',
  kreis: 'Landkreis',
};

function scopeLabel(rule: RuleView): SafeHtml {
  if (rule.leistungsschluessel) {
    return html`Leistung <a href="/leistungen/${rule.leistungsschluessel}" class="key">${rule.leistungsschluessel}</a>${rule.ozgId ? html`<br><span class="meta">in OZG ${rule.ozgId}</span>` : ''}`;
  }
  if (rule.typ) return html`Typ ${rule.typ} <span class="meta">(Rückfallregel)</span>`;
  return html`OZG-Leistung ${rule.ozgId}`;
}

function ruleRow(rule: RuleView, data: RulesPageData, ctx: ViewContext): SafeHtml {
  const land = rule.landKey ? (data.laender.find((l) => l.key === rule.landKey)?.name ?? rule.landKey) : 'alle Länder';
  const group = rule.taskGroup ? (TASK_GROUP_LABELS[rule.taskGroup as TaskGroup] ?? rule.taskGroup) : '–';
  const remove = data.mayEdit
    ? html`<form method="post" action="/zustaendigkeitsregeln/loeschen" class="inline-form">${csrfField(ctx)}<input type="hidden" name="geltungsbereich" value="${ruleScope(rule)}"><button type="submit" class="button-link">Löschen<span class="visually-hidden">: Regel ${ruleScope(rule)}</span></button></form>`
    : '';
  return html`<tr><th scope="row">${scopeLabel(rule)}</th><td>${land}</td><td>${RESPONSIBILITY_LEVEL_LABELS[rule.level]}</td><td>${group}</td>
<td>${rule.reason}${rule.source ? html`<br><span class="meta">Quelle: ${rule.source}</span>` : ''}</td>
<td>${rule.origin === 'default' ? 'mitgeliefert' : 'geändert'}${remove ? html`<br>${remove}` : ''}</td></tr>`;
}

function filterForm(data: RulesPageData): SafeHtml {
  const f = data.filter;
  return html`<form method="get" action="/zustaendigkeitsregeln" class="filter-form"><fieldset><legend>Regeln suchen</legend>
<div class="filter-grid">
${inputField({ name: 'suche', label: 'OZG-ID, Leistungsschlüssel oder Typ', hint: 'z. B. 10119, 99050012104000 oder 2/3; leer: alle', value: f.scope, maxLength: 14 })}
${selectField({ name: 'land', label: 'Land', value: f.land, options: [{ value: '', label: 'alle (auch Regeln nur für ein Land)' }, ...data.laender.map((l) => ({ value: l.key, label: l.name }))] })}
${selectField({ name: 'ebene', label: 'Ebene', value: f.level, options: [{ value: '', label: 'alle Ebenen' }, ...RESPONSIBILITY_LEVELS.map((l) => ({ value: l, label: RESPONSIBILITY_LEVEL_LABELS[l] }))] })}
</div><div class="actions"><button type="submit">Anzeigen</button> <a href="/zustaendigkeitsregeln">Auswahl zurücksetzen</a></div></fieldset></form>`;
}

function pager(data: RulesPageData, pages: number): SafeHtml {
  if (pages <= 1) return html``;
  const { page } = data.filter;
  const href = (n: number) => {
    const query = new URLSearchParams({
      ...(data.filter.scope ? { suche: data.filter.scope } : {}),
      ...(data.filter.land ? { land: data.filter.land } : {}),
      ...(data.filter.level ? { ebene: data.filter.level } : {}),
      ...(n > 1 ? { seite: String(n) } : {}),
    }).toString();
    return `/zustaendigkeitsregeln${query ? `?${query}` : ''}`;
  };
  return html`<nav class="pagination" aria-label="Seiten der Regeln"><ul>
${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">Vorige Seite</a></li>` : ''}
<li><span aria-current="page">Seite ${page} von ${pages}</span></li>
${page < pages ? html`<li><a href="${href(page + 1)}" rel="next">Nächste Seite</a></li>` : ''}</ul></nav>`;
}

function editForm(ctx: ViewContext, data: RulesPageData): SafeHtml {
  const values = data.form?.values ?? {};
  const errors = data.form?.errors ?? {};
  return html`<section aria-labelledby="aendern"><h2 id="aendern">Regel setzen</h2>
<p>Legt die Regel ihres Geltungsbereichs an oder ersetzt sie; der nächste Bericht rechnet mit ihr, gespeicherte Monatsstände
  bleiben. Viele Regeln auf einmal: <a href="/import#regeln">als CSV oder XLSX importieren</a>.</p>
${errorSummary(errors, { leistungsschluessel: 'Leistungsschlüssel', ozgId: 'OZG-ID', typ: 'Typisierung', land: 'Land', level: 'Ebene', taskGroup: 'Aufgabengruppe', reason: 'Begründung' })}
<form method="post" action="/zustaendigkeitsregeln" class="form" novalidate>${csrfField(ctx)}
${inputField({ name: 'leistungsschluessel', label: 'Leistungsschlüssel', hint: '14 Ziffern; leer für eine Regel je OZG-Leistung', value: values.leistungsschluessel, errors, maxLength: 14 })}
${inputField({ name: 'ozgId', label: 'OZG-ID', hint: 'für eine Regel je OZG-Leistung', value: values.ozgId, errors, maxLength: 9 })}
${inputField({ name: 'typ', label: 'Typisierung', hint: 'nur für eine Rückfallregel ohne Leistung und OZG-ID, z. B. 2/3', value: values.typ, errors, maxLength: 5 })}
${selectField({ name: 'land', label: 'Land', value: values.land, errors, options: [{ value: '', label: 'alle Länder' }, ...data.laender.map((l) => ({ value: l.key, label: l.name }))] })}
${selectField({ name: 'level', label: 'Ebene', value: values.level, errors, required: true, options: RESPONSIBILITY_LEVELS.map((l) => ({ value: l, label: RESPONSIBILITY_LEVEL_LABELS[l] })) })}
${selectField({ name: 'taskGroup', label: 'Aufgabengruppe', hint: 'Pflicht für Gemeinde- und Kreisaufgaben', value: values.taskGroup, errors, options: [{ value: '', label: 'keine' }, ...TASK_GROUPS.map((g) => ({ value: g, label: TASK_GROUP_LABELS[g] }))] })}
${textareaField({ name: 'reason', label: 'Begründung', hint: 'steht neben jeder Zahl, die auf der Regel beruht', value: values.reason, errors, required: true })}
${inputField({ name: 'source', label: 'Quelle', hint: 'Rechtsgrundlage oder Seite', value: values.source, errors })}
<div class="actions"><button type="submit">Regel speichern</button></div></form></section>`;
}

function delegationSection(data: RulesPageData): SafeHtml {
  const land = (key: string) => data.laender.find((l) => l.key === key)?.name ?? key;
  return html`<section aria-labelledby="uebertragung"><h2 id="uebertragung">Aufgabenübertragung (Landesrecht)</h2>
<p>Welche Aufgabengruppen ein Gemeindeverband für seine Mitgliedsgemeinden ausführt und welche Kreisaufgaben eine Große
  Kreisstadt oder vergleichbare Stadt übernimmt. Ohne Eintrag behält die Mitgliedsgemeinde ihre Aufgabe und der Kreis die seine.
  Städte mit Sonderstatus außerhalb der Großen Kreisstädte: ${CITY_STATUSES.map((s) => VERBAND_TYPE_LABELS[s]).join(', ')}.</p>
<details><summary>${formatNumber(data.delegation.length)} Einträge</summary>
<div class="table-scroll" role="region" aria-labelledby="uebertragung-titel" tabindex="0"><table class="compact">
<caption id="uebertragung-titel">Aufgabenübertragung je Land und Art der Verwaltung</caption>
<thead><tr><th scope="col">Land</th><th scope="col">Verwaltung</th><th scope="col">Aufgabengruppe</th><th scope="col">führt aus</th><th scope="col">Begründung und Quelle</th></tr></thead>
<tbody>${data.delegation.map(
    (d) =>
      html`<tr><td>${land(d.landKey)}</td><th scope="row">${VERBAND_TYPE_LABELS[d.unitType] ?? d.unitType}</th><td>${TASK_GROUP_LABELS[d.taskGroup as TaskGroup] ?? d.taskGroup}</td><td>${CARRIER_LABELS[d.carrier] ?? d.carrier}</td><td>${d.reason}${d.source ? html`<br><span class="meta">Quelle: ${d.source}</span>` : ''}</td></tr>`,
  )}</tbody></table></div></details>
<p><a href="/api/responsibility-rules/export?table=delegation&amp;format=csv" download>Als CSV</a> ·
  <a href="/api/responsibility-rules/export?table=delegation&amp;format=xlsx" download>als XLSX</a></p></section>`;
}

function flagText(value: boolean | null, yes: string, no: string): string {
  return value === null ? '–' : value ? yes : no;
}

function traitsSection(data: RulesPageData): SafeHtml {
  const scope = (t: TraitView) =>
    t.leistungsschluessel
      ? html`<a href="/leistungen/${t.leistungsschluessel}"><span class="key">${t.leistungsschluessel}</span></a>`
      : html`Verrichtung <span class="key">${t.verrichtung}</span>`;
  return html`<section aria-labelledby="merkmale"><h2 id="merkmale">Leistungsmerkmale</h2>
<p>Ob eine Leistung einen eigenen Online-Dienst braucht (nicht bei Aushändigung, Trauung, Erfassung vor Ort), ob sie Gebühren
  kostet (dann braucht sie E-Payment) und welches Vertrauensniveau sie verlangt (substantiell oder hoch: eID). Ein Merkmal für
  einen Leistungsschlüssel gilt vor den importierten Leistungsdaten (FIM, Katalog), eines für eine Verrichtung
  (Stellen 9–11 des Schlüssels) nur für die Online-Relevanz. Ohne Angabe bleibt Gebühr bzw. Vertrauensniveau unbekannt, und
  die Berichte sagen das, statt etwas anzunehmen.</p>
<details><summary>${formatNumber(data.traits.length)} Merkmale</summary>
<div class="table-scroll" role="region" aria-labelledby="merkmale-titel" tabindex="0"><table class="compact">
<caption id="merkmale-titel">Leistungsmerkmale mit Begründung und Quelle</caption>
<thead><tr><th scope="col">Geltungsbereich</th><th scope="col">online-relevant</th><th scope="col">Gebühr</th><th scope="col">Vertrauensniveau</th><th scope="col">Begründung und Quelle</th><th scope="col">Herkunft</th></tr></thead>
<tbody>${data.traits.map(
    (t) =>
      html`<tr><th scope="row">${scope(t)}</th><td>${flagText(t.onlineRelevant, 'ja', 'nein, nur vor Ort')}</td><td>${flagText(t.feeBearing, 'gebührenpflichtig', 'gebührenfrei')}</td><td>${t.vertrauensniveau ?? '–'}</td><td>${t.reason}${t.source ? html`<br><span class="meta">Quelle: ${t.source}</span>` : ''}</td><td>${t.origin === 'user' ? 'geändert' : 'mitgeliefert'}</td></tr>`,
  )}</tbody></table></div></details>
<p><a href="/api/responsibility-rules/export?table=traits&amp;format=csv" download>Als CSV</a> ·
  <a href="/api/responsibility-rules/export?table=traits&amp;format=xlsx" download>als XLSX</a>.
  Ändern: die Datei bearbeiten und unter <a href="/import/regeln">Regeln importieren</a> einspielen.</p></section>`;
}

/** `/zustaendigkeitsregeln`: the responsibility rules with their sources; admins change them here. */
export function rulesPage(ctx: ViewContext, data: RulesPageData): SafeHtml {
  const pages = Math.max(1, Math.ceil(data.rules.length / RULES_PER_PAGE));
  const page = Math.min(data.filter.page, pages);
  const shown = data.rules.slice((page - 1) * RULES_PER_PAGE, page * RULES_PER_PAGE);
  const complete = data.completeLaender.map((c) => data.laender.find((l) => l.key === c.landKey)?.name ?? c.landKey);
  return layout(ctx, {
    title: `${data.form ? 'Fehler: ' : ''}Zuständigkeitsregeln`,
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'Zuständigkeitsregeln' }],
    body: html`<h1>Zuständigkeitsregeln</h1>
<p class="lead">Welche Verwaltung eine Leistung ausführt – die Grundlage jedes Nenners der OZG-Berichte. Jede Regel nennt
  Begründung und Quelle.</p>
<p>Es gilt die genaueste Regel: für den Leistungsschlüssel in einem Land, für die OZG-Leistung in einem Land, für den
  Leistungsschlüssel, für die OZG-Leistung, zuletzt für die Typisierung. Zuständigkeitsdaten aus FIM-Importen ergänzen die
  Regeln um die Einheiten, die sie nennen${complete.length ? `; in ${complete.join(', ')} sind sie als vollständig markiert und entscheiden dort allein` : ''}.</p>
${filterForm(data)}
<div class="table-scroll" role="region" aria-labelledby="regeln-titel" tabindex="0"><table class="compact">
<caption id="regeln-titel">${formatNumber(data.rules.length)} Regeln${pages > 1 ? ` (Seite ${page} von ${pages})` : ''}</caption>
<thead><tr><th scope="col">Geltungsbereich</th><th scope="col">Land</th><th scope="col">Ebene</th><th scope="col">Aufgabengruppe</th><th scope="col">Begründung und Quelle</th><th scope="col">Herkunft</th></tr></thead>
<tbody>${shown.map((rule) => ruleRow(rule, data, ctx))}</tbody></table></div>
${pager({ ...data, filter: { ...data.filter, page } }, pages)}
<p><a href="/api/responsibility-rules/export?format=csv" download>Alle Regeln als CSV</a> ·
  <a href="/api/responsibility-rules/export?format=xlsx" download>als XLSX</a></p>
${data.mayEdit ? editForm(ctx, data) : html`<p>Regeln ändern Administratorinnen und Administratoren.</p>`}
${delegationSection(data)}
${traitsSection(data)}`,
  });
}
