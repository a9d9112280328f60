import type { Geometry } from '../../../lib/geo/shipped';
import type { MapLevel, MapReport } from '../../../reports/map/report';
import { formatNumber } from './format';
import { html, raw, type SafeHtml } from './html';
import { mapSvg } from './map-svg';
import { demoTag } from './vocabulary';

/** German names of the levels a map colours. */
export const MAP_LEVEL_LABELS: Record<MapLevel, string> = { land: 'Länder', kreis: 'Kreise', gemeinde: 'Gemeinden' };
const PER_UNIT: Record<MapLevel, string> = { land: 'je Land', kreis: 'je Kreis', gemeinde: 'je Gemeinde' };

/** Units above which the table of the map's numbers starts folded (it stays in the page). */
const TABLE_OPEN_MAX = 60;

/** The query of a map (measure and level), for links and the download. */
export function mapQuery(report: Pick<MapReport, 'measure' | 'level' | 'query'>): string {
  return `?karte=${encodeURIComponent(report.measure)}&ebene=${report.level}${report.query ? `&${report.query}` : ''}`;
}

/** The OZG map's inputs: an OZG-Leistung by its number, or a Themenfeld, and the target. */
function ozgInputs(report: MapReport): SafeHtml {
  const ozg = report.ozg;
  return html`<fieldset class="map-ozg"><legend>Für „OZG-Umsetzung“ (sonst ohne Wirkung)</legend>
<label for="karte-ozg">OZG-Leistung (Nummer)</label>
<input id="karte-ozg" name="ozg" inputmode="numeric" pattern="[0-9]*" size="8" value="${ozg?.ozgId ?? ''}">
<label for="karte-themenfeld">oder Themenfeld</label>
<input id="karte-themenfeld" name="themenfeld" size="24" value="${ozg?.themenfeld ?? ''}">
<label for="karte-ziel">Ziel</label>
<input id="karte-ziel" name="ziel" size="10" value="${ozg?.target ?? 'RGM-1.1:3'}">
</fieldset>`;
}

function controls(report: MapReport, levels: MapLevel[]): SafeHtml {
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}"${current === value ? raw(' selected') : ''}>${label}</option>`;
  return html`<form class="map-controls" method="get" action="/gebiete/${report.areaKey}#karte">
<label for="karte-kennzahl">Kennzahl</label>
<select id="karte-kennzahl" name="karte">
${option('anzahl', 'Komponenten im Einsatz (wie viele)', report.measure)}
${option('erfasst', 'Erfasste Angaben', report.measure)}
${option('ozg', 'OZG-Umsetzung: Ziel erreicht (Anteil)', report.measure)}
${option('nachnutzung', 'Nachnutzung: Betreiber in der Nähe', report.measure)}
${report.components.map((c) => option(c.code, `${c.label}: im Einsatz`, report.measure))}
${report.components.map((c) => option(`betreiber-${c.code}`, `${c.label}: Betreiber`, report.measure))}
</select>
${
  levels.length > 1
    ? html`<label for="karte-ebene">Flächen</label>
<select id="karte-ebene" name="ebene">${levels.map((l) => option(l, MAP_LEVEL_LABELS[l], report.level))}</select>`
    : html`<input type="hidden" name="ebene" value="${report.level}">`
}
${ozgInputs(report)}
<button type="submit" class="button button-secondary">Karte zeigen</button>
</form>`;
}

/**
 * What the map cannot draw as such, never left out silently: the geometry's own notes for the
 * area (pieces of the geometry edition no Gemeinde took, Gemeinden without a shape) and Gemeinden
 * of a newer directory that the shipped geometry does not know.
 */
function notesOf(report: MapReport, geometry: Geometry): SafeHtml {
  const prefix = report.areaKey === 'DE' ? '' : report.areaKey;
  const fileNotes = geometry.file.notes.filter((n) => n.key.startsWith(prefix));
  const named = new Set(fileNotes.map((n) => n.key));
  const missing = report.units.flatMap((u) =>
    u.members
      .filter((m) => !geometry.shapes.has(m) && !named.has(m))
      .map(
        (m) =>
          `${m} ${report.level === 'gemeinde' ? u.name : `Gemeinde in ${u.name}`}: keine Fläche im Geometriestand; nicht gezeichnet`,
      ),
  );
  const all = [...fileNotes.map((n) => `${n.key} ${n.name}: ${n.reason}`), ...missing];
  if (all.length === 0) return html``;
  return html`<details class="map-notes"><summary>Hinweise zur Karte (${formatNumber(all.length)})</summary><ul>${all.map((n) => html`<li>${n}</li>`)}</ul></details>`;
}

function classLabel(report: MapReport, classIndex: number): string {
  if (classIndex === -2) return report.notApplicableLabel ?? 'keine Angaben';
  return classIndex < 0 ? 'keine Angaben' : report.classes[classIndex].label;
}

function table(report: MapReport): SafeHtml {
  const rows = [...report.units].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const body = html`<div class="table-scroll" role="region" aria-labelledby="karte-tabelle" tabindex="0"><table class="compact">
<caption id="karte-tabelle">${report.measureLabel} ${PER_UNIT[report.level]}</caption>
<thead><tr><th scope="col">${MAP_LEVEL_LABELS[report.level]}</th><th scope="col">Wert</th><th scope="col">Klasse</th></tr></thead>
<tbody>${rows.map(
    (u) =>
      html`<tr><th scope="row"><a href="${u.href}">${u.name}</a>${u.demo ? html` ${demoTag()}` : ''}</th><td>${u.valueText}</td><td>${classLabel(report, u.classIndex)}</td></tr>`,
  )}</tbody></table></div>`;
  return rows.length > TABLE_OPEN_MAX
    ? html`<details><summary>Tabelle der Karte (${formatNumber(rows.length)} ${MAP_LEVEL_LABELS[report.level]})</summary>${body}</details>`
    : body;
}

/** The map section of an area page: choice of measure and level, the SVG, notes, download and table. */
export function mapSection(report: MapReport, geometry: Geometry, levels: MapLevel[]): SafeHtml {
  const meta = geometry.file.meta;
  return html`<section aria-labelledby="karte" class="map-section"><h2 id="karte">Karte</h2>
<p>${report.measureLabel} ${PER_UNIT[report.level]}${report.outlineLabel ? `; dick umrandet: ${report.outlineLabel}` : ''}.
  Jede Fläche führt zu ihrer Seite; die Tabelle unter der Karte nennt dieselben Zahlen.</p>
${controls(report, levels)}
<p><a class="skip-map" href="#karte-nach">Karte überspringen</a></p>
<figure class="map-figure">${raw(mapSvg(report, geometry))}
<figcaption>Grenzen: <a href="${meta.attributionUrl}">${meta.attribution}</a>, ${meta.edition} (Stand ${meta.geometryDate.split('-').reverse().join('.')}),
  <a href="${meta.licenceUrl}">${meta.licence}</a>; zugeordnet zum Gemeindeverzeichnis vom ${meta.directoryDate.split('-').reverse().join('.')}.</figcaption></figure>
<p id="karte-nach" class="map-downloads"><a class="button button-secondary" href="/gebiete/${report.areaKey}/karte.svg${mapQuery(report)}" download>Karte als SVG herunterladen</a>
<button type="button" class="button button-secondary map-png" hidden data-map-png="karte-${report.areaKey}-${report.measure}-${report.level}.png">Als PNG herunterladen</button></p>
<script src="/static/map-png.js" defer></script>
${notesOf(report, geometry)}
${table(report)}
</section>`;
}

/**
 * A link from an OZG page to the attainment map of the same area, OZG-Leistung or Themenfeld
 * and target (`/gebiete/{key}?karte=ozg&…#karte`).
 */
export function ozgMapLink(areaKey: string, filter: { ozgId?: number; themenfeld?: string }, target: string): SafeHtml {
  const choice =
    filter.ozgId !== undefined
      ? `&ozg=${filter.ozgId}`
      : filter.themenfeld
        ? `&themenfeld=${encodeURIComponent(filter.themenfeld)}`
        : '';
  const href = `/gebiete/${areaKey}?karte=ozg${choice}&ziel=${encodeURIComponent(target)}#karte`;
  return html`<p class="no-print"><a href="${href}">Auf der Karte zeigen</a> – der Anteil der Zuständigkeiten, die das Ziel erreichen, je Gemeinde, Kreis oder Land.</p>`;
}
