import type { BenchmarkReport } from '../../../reports/benchmark/report';
import type { SurveyFigure } from '../../../reports/common/survey';
import { formatPercent } from './format';
import { html, raw, type SafeHtml } from './html';

const CLASSES = [
  { key: 'none', label: 'keine Komponente' },
  { key: 'oneToTwo', label: '1–2 Komponenten' },
  { key: 'threePlus', label: '3 und mehr' },
] as const;

const WIDTH = 640;
const LEFT = 150;
const RIGHT = 130;
const BAR = 22;
const GROUP = 2 * BAR + 22;
const TOP = 28;

/** The 0–100 % grid lines with their labels of a horizontal bar chart (`x` maps a share to its x). */
export function percentGrid(x: (share: number) => number, top: number, height: number): string {
  return [0, 25, 50, 75, 100]
    .map(
      (p) =>
        `<line x1="${x(p)}" y1="${top - 6}" x2="${x(p)}" y2="${height - 10}" class="chart-grid"/>` +
        `<text x="${x(p)}" y="${top - 12}" class="chart-axis" text-anchor="middle">${p} %</text>`,
    )
    .join('');
}

/** "52,0 % (abgeleitet)": a survey figure with its derivation said, never only a number. */
export function surveyText(figure: SurveyFigure): string {
  return `${formatPercent(figure.value)}${figure.derived ? ' (abgeleitet)' : ''}`;
}

function x(share: number): number {
  return LEFT + ((WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(100, share))) / 100;
}

/**
 * The survey benchmark as an SVG bar chart rendered on the server: per class (none, 1–2,
 * 3+), the area's share beside the 2019 survey's. Bars carry their value as text, the two
 * series differ in colour AND label, and the figure is followed by a table with the same
 * numbers as its text alternative.
 */
export function benchmarkChart(report: BenchmarkReport, idPrefix = 'vergleich'): SafeHtml {
  const shares = report.total.shares;
  if (!shares) {
    return html`<p>Für ${report.area.label} liegen noch keine Angaben vor – ein Vergleich mit der Umfrage ist nicht möglich.</p>`;
  }
  const height = TOP + CLASSES.length * GROUP + 10;
  const grid = percentGrid(x, TOP, height);
  const bars = CLASSES.map((c, i) => {
    const y = TOP + i * GROUP;
    const area = shares[c.key];
    const figure = report.survey.figures[c.key];
    const survey = figure.value;
    return html`<text x="${LEFT - 10}" y="${y + BAR + 4}" class="chart-label" text-anchor="end">${c.label}</text>
<rect x="${LEFT}" y="${y}" width="${x(area) - LEFT}" height="${BAR}" class="chart-bar-area"/>
<text x="${x(area) + 6}" y="${y + BAR - 6}" class="chart-value">Gebiet ${formatPercent(area)}</text>
<rect x="${LEFT}" y="${y + BAR + 2}" width="${x(survey) - LEFT}" height="${BAR}" class="chart-bar-survey"/>
<text x="${x(survey) + 6}" y="${y + 2 * BAR - 4}" class="chart-value">Umfrage ${surveyText(figure)}</text>`;
  });
  return html`<figure class="chart">
<div class="chart-scroll" role="region" aria-labelledby="${idPrefix}-titel" tabindex="0">
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${idPrefix}-titel ${idPrefix}-beschreibung" focusable="false">
<title id="${idPrefix}-titel">Anteil der Gemeinden nach Zahl der Basiskomponenten im Einsatz: ${report.area.label} und Umfrage 2019</title>
<desc id="${idPrefix}-beschreibung">${CLASSES.map(
    (c) => `${c.label}: Gebiet ${formatPercent(shares[c.key])}, Umfrage ${surveyText(report.survey.figures[c.key])}.`,
  ).join('\n')}</desc>
${raw(grid)}
${bars}
</svg></div>
<figcaption>Dunkelblau: ${report.area.label} (${report.total.withData} Gemeinden mit Angaben); grau: KGSt/ÖFIT-Umfrage 2019
(412 Kommunen; der Wert für drei und mehr ist abgeleitet, siehe unten). Die Tabelle darunter enthält dieselben Werte.</figcaption>
</figure>
<table class="compact">
<caption>Anteile der Gemeinden mit Angaben (Tabelle zur Grafik)</caption>
<thead><tr><th scope="col">Komponenten im Einsatz</th><th scope="col">${report.area.label}</th><th scope="col">Umfrage 2019</th></tr></thead>
<tbody>${CLASSES.map(
    (c) =>
      html`<tr><th scope="row">${c.label}</th><td>${formatPercent(shares[c.key])}</td><td>${surveyText(report.survey.figures[c.key])}</td></tr>`,
  )}</tbody></table>`;
}
