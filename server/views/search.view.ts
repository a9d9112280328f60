import type { RegionView } from '../../services/region.service';
import type { LeistungHit } from '../../services/leistung-search.service';
import { formatNumber } from './format';
import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';

const LEVEL_LABELS: Record<string, string> = {
  land: 'Land',
  regierungsbezirk: 'Regierungsbezirk',
  region: 'Region',
  kreis: 'Kreis',
  gemeindeverband: 'Gemeindeverband',
  gemeinde: 'Gemeinde',
};

/** Where a region's page is: municipal levels have a Kommune page, higher levels an area page. */
export function regionHref(region: Pick<RegionView, 'key' | 'level'>): string {
  return ['gemeinde', 'gemeindeverband'].includes(region.level) ? `/kommunen/${region.key}` : `/gebiete/${region.key}`;
}

/** Search results. */
export interface SearchResults {
  query: string;
  regions: RegionView[];
  moreRegions: boolean;
  leistungen: LeistungHit[];
  catalogueSize: number;
}

function regionList(results: SearchResults): SafeHtml {
  if (results.regions.length === 0) return html`<p>Keine Gebiete gefunden.</p>`;
  return html`<ul class="results">${results.regions.map(
    (r) => html`<li><a href="${regionHref(r)}">${r.name}</a>
      <span class="meta">${LEVEL_LABELS[r.level] ?? r.level}${r.type ? ` (${r.type})` : ''}, Schlüssel ${r.key}${r.postcode ? `, PLZ ${r.postcode}` : ''}${r.population !== null ? `, ${formatNumber(r.population)} Einw.` : ''}</span>
      ${r.level === 'kreis' ? html` · <a href="/kommunen/${r.key}">eigene Angaben des Kreises</a>` : ''}</li>`,
  )}</ul>
  ${results.moreRegions ? html`<p>Weitere Treffer – bitte die Suche genauer fassen.</p>` : ''}`;
}

function leistungList(results: SearchResults): SafeHtml {
  if (results.catalogueSize === 0) {
    return html`<p>Der Leistungskatalog (LeiKa/OZG) ist in dieser Instanz noch nicht importiert.</p>`;
  }
  if (results.leistungen.length === 0) return html`<p>Keine Leistungen gefunden.</p>`;
  return html`<ul class="results">${results.leistungen.map(
    (l) => html`<li><span class="key">${l.schluessel}</span> ${l.name}
      <span class="meta">${l.typisierung ? `Typ ${l.typisierung}` : 'Typ unbekannt'}${l.ozgId !== null ? `, OZG-Leistung ${l.ozgId}` : ''}</span></li>`,
  )}</ul>`;
}

/** `/suche`: one field for municipalities (name, AGS, postcode prefix) and Leistungen (name, key). */
export function searchPage(ctx: ViewContext, results: SearchResults | null): SafeHtml {
  return layout(ctx, {
    title: results ? `Suche: ${results.query}` : 'Suche',
    body: html`<h1>Suche</h1>
<form method="get" action="/suche" role="search" class="search-form">
  <label for="f-q">Kommune oder Leistung</label>
  <p class="hint" id="f-q-hint">Name (z. B. „Münster“), Gemeindeschlüssel (AGS, z. B. 09162000), Anfang einer Postleitzahl
    oder Leistungsschlüssel (14 Ziffern, Anfang genügt).</p>
  <div class="search-row">
    <input type="search" id="f-q" name="q" value="${results?.query ?? ''}" aria-describedby="f-q-hint" maxlength="100">
    <button type="submit">Suchen</button>
  </div>
</form>
${
  results
    ? html`<section aria-labelledby="treffer-gebiete"><h2 id="treffer-gebiete">Gebiete und Kommunen</h2>${regionList(results)}</section>
<section aria-labelledby="treffer-leistungen"><h2 id="treffer-leistungen">Leistungen</h2>${leistungList(results)}</section>`
    : ''
}`,
  });
}
