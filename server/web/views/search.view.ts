import type { RegionView } from '../../../services/region.service';
import type { LeistungHit } from '../../../services/leistung-search.service';
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

/**
 * Said whenever a search looks like a postcode: the Gemeindeverzeichnis (GV100AD) gives one
 * postcode per Gemeinde, that of its administrative seat, and the atlas has no postcode
 * directory, so "8033" does not find München (seat 80313) although 80331 is in München.
 */
const SEAT_POSTCODE_NOTE =
  'Postleitzahlen: Der Atlas kennt je Gemeinde nur die Postleitzahl ihres Verwaltungssitzes aus dem ' +
  'Gemeindeverzeichnis, nicht alle Postleitzahlen des Gemeindegebiets. Orte mit mehreren Postleitzahlen – etwa ' +
  'größere Städte – finden Sie am sichersten über den Namen.';

function looksLikePostcode(query: string): boolean {
  return /^\d{1,5}$/.test(query);
}

/**
 * A result's name, with what it is when another result has the same name: the GV100AD lists a
 * kreisfreie Stadt twice, as Kreis (16053 "Jena, Stadt") and as its one Gemeinde (16053000
 * "Jena, Stadt"), and two identical links left people guessing which one to open.
 */
export function distinctName(region: RegionView, sameName: boolean): string {
  if (!sameName) return region.name;
  if (region.level === 'kreis' && /kreisfreie stadt/i.test(region.type ?? '')) {
    return `${region.name} (kreisfreie Stadt, Kreisebene)`;
  }
  if (region.level === 'kreis' && region.type) return `${region.name} (${region.type}, Kreisebene)`;
  return `${region.name} (${LEVEL_LABELS[region.level] ?? region.level})`;
}

function regionList(results: SearchResults): SafeHtml {
  const postcodeNote = looksLikePostcode(results.query) ? html`<p class="hint">${SEAT_POSTCODE_NOTE}</p>` : '';
  if (results.regions.length === 0) return html`<p>Keine Gebiete gefunden.</p>${postcodeNote}`;
  const names = new Map<string, number>();
  for (const r of results.regions) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  return html`<ul class="results">${results.regions.map(
    (r) => html`<li><a href="${regionHref(r)}">${distinctName(r, (names.get(r.name) ?? 0) > 1)}</a>
      <span class="meta">${LEVEL_LABELS[r.level] ?? r.level}${r.type ? ` (${r.type})` : ''}, Schlüssel ${r.key}${r.postcode ? `, PLZ des Sitzes ${r.postcode}` : ''}${r.population !== null ? `, ${formatNumber(r.population)} Einw.` : ''}</span>
      ${r.level === 'kreis' ? html` · <a href="/kommunen/${r.key}">eigene Angaben des Kreises</a>` : ''}</li>`,
  )}</ul>
  ${results.moreRegions ? html`<p>Weitere Treffer – bitte die Suche genauer fassen.</p>` : ''}${postcodeNote}`;
}

function leistungList(results: SearchResults): SafeHtml {
  if (results.catalogueSize === 0) {
    return html`<p>Der Leistungskatalog (LeiKa/OZG) ist in dieser Instanz noch nicht importiert.</p>`;
  }
  if (results.leistungen.length === 0) return html`<p>Keine Leistungen gefunden.</p>`;
  return html`<ul class="results">${results.leistungen.map(
    (l) => html`<li><a href="/leistungen/${l.schluessel}"><span class="key">${l.schluessel}</span> ${l.name}</a>
      <span class="meta">${l.typisierung ? `Typ ${l.typisierung}` : 'Typ unbekannt'}${l.ozgId !== null ? `, OZG-Leistung ${l.ozgId}` : ''}</span></li>`,
  )}</ul>`;
}

/** `/suche`: one field for municipalities (name, AGS, seat postcode prefix) and Leistungen (name, key). */
export function searchPage(ctx: ViewContext, results: SearchResults | null): SafeHtml {
  return layout(ctx, {
    title: results ? `Suche: ${results.query}` : 'Suche',
    body: html`<h1>Suche</h1>
<form method="get" action="/suche" role="search" class="search-form">
  <label for="f-q">Kommune oder Leistung</label>
  <p class="hint" id="f-q-hint">Name (z. B. „Münster“), Gemeindeschlüssel (AGS, z. B. 09162000), Anfang der Postleitzahl
    des Verwaltungssitzes (nur diese eine Postleitzahl je Gemeinde ist bekannt) oder Leistungsschlüssel (14 Ziffern, Anfang genügt).</p>
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
