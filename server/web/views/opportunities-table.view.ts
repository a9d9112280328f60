import type { Opportunity } from '../../../reports/opportunities/report';
import { shortLabel } from '../../../reports/common/wording';
import { formatNumber } from './format';
import { html, type SafeHtml } from './html';
import { demoTag } from './vocabulary';

/** The suggestions of one component, in the order given. */
function byComponent(suggestions: Opportunity[]): { label: string; rows: Opportunity[] }[] {
  const groups = new Map<string, { label: string; rows: Opportunity[] }>();
  for (const o of suggestions) {
    const group = groups.get(o.component) ?? { label: shortLabel(o.componentLabel), rows: [] };
    group.rows.push(o);
    groups.set(o.component, group);
  }
  return [...groups.values()];
}

/** "12 von 29 im Kreis" or, for an operator from elsewhere in the Land, "4 im Land". */
function neighbours(o: Opportunity): string {
  return o.scope === 'kreis'
    ? `${formatNumber(o.servedInKreis)} von ${formatNumber(o.kreisMunicipalities)} im Kreis`
    : `${formatNumber(o.servedInLand)} im Land`;
}

/**
 * The neighbours' operators to share as one compact table, grouped by component (a row group per
 * component, in the order of the suggestions): per Gemeinde only what differs — its size and
 * status, the operator, how many neighbours it serves and how many people they have. Replaces a
 * list of sentences that differed only in the Gemeinde's name; the full sentence (`reason`) stays
 * in the API and the downloads.
 */
export function opportunitiesTable(suggestions: Opportunity[], id = 'mitnutzen-tabelle'): SafeHtml {
  const groups = byComponent(suggestions);
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table class="compact opportunities-table">
<caption id="${id}">Stärkste Vorschläge, nach Komponente: ${formatNumber(suggestions.length)} in ${formatNumber(groups.length)} ${groups.length === 1 ? 'Komponente' : 'Komponenten'}</caption>
<thead><tr><th scope="col">Gemeinde</th><th scope="col">Einwohner</th><th scope="col">Stand dort</th><th scope="col">Betreiber zum Mitnutzen</th>
  <th scope="col">versorgt schon (Gemeinden)</th><th scope="col">deren Einwohner</th></tr></thead>
${groups.map(
  (g) => html`<tbody><tr class="group"><th scope="rowgroup" colspan="6">${g.label}</th></tr>
${g.rows.map(
  (
    o,
  ) => html`<tr><th scope="row"><a href="/kommunen/${o.municipality.key}">${o.municipality.name}</a>${o.demo ? html` ${demoTag()}` : ''}</th>
<td class="num">${formatNumber(o.municipality.population)}</td><td>${o.statusLabel}</td><td>${o.operator?.name ?? '–'}${o.operator ? html` <span class="meta">(${o.operator.typeLabel})</span>` : ''}</td>
<td>${neighbours(o)}</td><td class="num">${formatNumber(o.scope === 'kreis' ? o.populationServedInKreis : o.populationServedInLand)}</td></tr>`,
)}</tbody>`,
)}
</table></div>`;
}
