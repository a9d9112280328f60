import type { OzgGap } from '../../../reports/gaps/report';
import { formatNumber, formatPercent } from './format';
import { html, raw, type SafeHtml } from './html';

/** One bar: OZG-Leistungen of a Themenfeld (or Lebenslage) summed over the area's units. */
export interface ShareGroup {
  label: string;
  /** OZG-Leistungen of the group with at least one responsible unit. */
  relevant: number;
  flaechendeckend: number;
  /** Σ responsible units over the group's OZG-Leistungen (pairs unit × OZG-Leistung). */
  responsible: number;
  /** Σ units meeting the target. */
  met: number;
}

/** Sums the report's rows per Themenfeld or Lebenslage; rows without responsible units are left out. */
export function shareGroups(rows: OzgGap[], by: 'themenfeld' | 'lebenslage'): ShareGroup[] {
  const groups = new Map<string, ShareGroup>();
  for (const row of rows) {
    if (row.responsibleUnits === 0) continue;
    const label = row[by] ?? 'ohne Angabe';
    const group = groups.get(label) ?? { label, relevant: 0, flaechendeckend: 0, responsible: 0, met: 0 };
    group.relevant++;
    if (row.flaechendeckend) group.flaechendeckend++;
    group.responsible += row.responsibleUnits;
    group.met += row.metUnits;
    groups.set(label, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'de'));
}

/** Share in per cent of a group (pairs met / pairs responsible). */
export function groupShare(g: ShareGroup): number {
  return g.responsible === 0 ? 0 : (100 * g.met) / g.responsible;
}

const WIDTH = 760;
const LEFT = 320;
const RIGHT = 70;
const BAR = 20;
const STEP = 30;
const TOP = 30;
const LABEL_CHARS = 38;

/** Axis ends tried in turn: the first at or above the largest value wins. */
const AXIS_ENDS = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * Where the axis ends: at 100 % once any value passes half of it, else at the next round value
 * above the largest, so 0–2.6 % fill a readable part of the width instead of a sliver.
 */
export function axisEnd(maxShare: number): number {
  if (maxShare > 50) return 100;
  return AXIS_ENDS.find((end) => end >= maxShare) ?? 100;
}

/** Length of a bar, in tenths of a pixel: enough for the eye, and no 192.39999999999998 in the markup. */
function length(share: number, end: number): number {
  return Math.round((10 * (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(end, share))) / end) / 10;
}

function x(share: number, end: number): number {
  return LEFT + length(share, end);
}

/** "2,5 %" for ticks below 10 %, "25 %" above: the axis says as much as it needs. */
function tickLabel(p: number): string {
  return `${Number.isInteger(p) ? p : p.toLocaleString('de-DE')} %`;
}

function shortened(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…` : label;
}

/**
 * A horizontal bar per group: the share of responsible unit × OZG-Leistung pairs that meet the
 * target, rendered on the server as SVG. Each bar carries its value as text; the figure has a
 * title and a description with every value, and the table after it holds the same numbers
 * (plus counts) as its text alternative.
 */
export function shareChart(
  groups: ShareGroup[],
  options: { id: string; noun: 'Themenfeld' | 'Lebenslage'; areaLabel: string; targetText: string },
): SafeHtml {
  const height = TOP + groups.length * STEP + 8;
  const end = axisEnd(Math.max(0, ...groups.map(groupShare)));
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => f * end)
    .map(
      (p) =>
        `<line x1="${x(p, end)}" y1="${TOP - 6}" x2="${x(p, end)}" y2="${height - 6}" class="chart-grid"/>` +
        `<text x="${x(p, end)}" y="${TOP - 12}" class="chart-axis" text-anchor="middle">${tickLabel(p)}</text>`,
    )
    .join('');
  const bars = groups.map((g, i) => {
    const y = TOP + i * STEP;
    const share = groupShare(g);
    return html`<text x="${LEFT - 10}" y="${y + BAR - 5}" class="chart-label" text-anchor="end">${shortened(g.label)}</text>
<rect x="${LEFT}" y="${y}" width="${length(end, end)}" height="${BAR}" class="chart-track"/>
<rect x="${LEFT}" y="${y}" width="${length(share, end)}" height="${BAR}" class="chart-bar-area"/>
<text x="${x(share, end) + 6}" y="${y + BAR - 5}" class="chart-value">${formatPercent(share)}</text>`;
  });
  const title = `Anteil erfüllt je ${options.noun}: ${options.areaLabel}, Ziel ${options.targetText}`;
  const plural = options.noun === 'Themenfeld' ? 'Themenfelder' : 'Lebenslagen';
  return html`<figure class="chart chart-wide">
<div class="chart-scroll" role="region" aria-label="Grafik: ${title}" tabindex="0">
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${options.id}-titel ${options.id}-beschreibung" focusable="false">
<title id="${options.id}-titel">${title}</title>
<desc id="${options.id}-beschreibung">${groups.map((g) => `${g.label}: ${formatPercent(groupShare(g))}. `).join('')}</desc>
${raw(grid)}
${bars}
</svg></div>
<figcaption>Je ${options.noun}: Anteil der Paare aus zuständiger Einheit und OZG-Leistung, in denen die OZG-Leistung das Ziel
  erfüllt. ${end === 100 ? 'Heller Hintergrund = 100 %.' : `Die Achse reicht nur bis ${end} %, damit kleine Werte sichtbar sind; heller Hintergrund = ${end} %.`} Die Tabelle darunter enthält dieselben Werte und die Zahlen dahinter.</figcaption>
</figure>
<div class="table-scroll" role="region" aria-labelledby="${options.id}-tabelle" tabindex="0"><table class="compact">
<caption id="${options.id}-tabelle">Erfüllung je ${options.noun} (Tabelle zur Grafik)</caption>
<thead><tr><th scope="col">${options.noun}</th><th scope="col">OZG-Leistungen mit Zuständigen</th><th scope="col">davon flächendeckend</th>
  <th scope="col">Paare zuständig</th><th scope="col">Paare erfüllt</th><th scope="col">Anteil erfüllt</th></tr></thead>
<tbody>${groups.map(
    (
      g,
    ) => html`<tr><th scope="row">${g.label}</th><td class="num">${formatNumber(g.relevant)}</td><td class="num">${formatNumber(g.flaechendeckend)}</td>
  <td class="num">${formatNumber(g.responsible)}</td><td class="num">${formatNumber(g.met)}</td><td class="num">${formatPercent(groupShare(g))}</td></tr>`,
  )}</tbody></table></div>
<p class="hint">${formatNumber(groups.length)} ${groups.length === 1 ? options.noun : plural} mit zuständigen Einheiten.</p>`;
}
