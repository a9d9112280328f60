import type { SurveyFiguresReport } from '../../../reports/survey-figures/report';
import { formatPercent } from './format';
import { html, raw, type SafeHtml } from './html';
import { percentGrid } from './benchmark-chart';

const WIDTH = 760;
const LEFT = 330;
const RIGHT = 150;
const BAR = 16;
const GROUP = 2 * BAR + 16;
const TOP = 28;

function x(share: number): number {
  return LEFT + ((WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(100, share))) / 100;
}

/**
 * The survey figures as an SVG bar chart rendered on the server: per figure with a survey value
 * and answers in the area, the area's share beside the survey's, each bar with its value as text.
 * The table of the page holds the same numbers (and the figures the chart leaves out).
 */
export function surveyFiguresChart(report: SurveyFiguresReport): SafeHtml {
  const lines = report.figures.filter((f) => f.survey && f.total.percent !== null);
  if (lines.length === 0) {
    return html`<p>Noch keine Antworten, die sich mit einem Umfragewert vergleichen lassen.</p>`;
  }
  const height = TOP + lines.length * GROUP + 10;
  const grid = percentGrid(x, TOP, height);
  const bars = lines.map((f, i) => {
    const y = TOP + i * GROUP;
    const area = f.total.percent as number;
    const survey = f.survey!.value;
    return html`<text x="${LEFT - 10}" y="${y + BAR + 4}" class="chart-label" text-anchor="end">${f.label}</text>
<rect x="${LEFT}" y="${y}" width="${x(area) - LEFT}" height="${BAR}" class="chart-bar-area"/>
<text x="${x(area) + 6}" y="${y + BAR - 3}" class="chart-value">Gebiet ${formatPercent(area)}</text>
<rect x="${LEFT}" y="${y + BAR + 2}" width="${x(survey) - LEFT}" height="${BAR}" class="chart-bar-survey"/>
<text x="${x(survey) + 6}" y="${y + 2 * BAR - 1}" class="chart-value">Umfrage ${formatPercent(survey)}${f.survey!.derived ? ' (abgeleitet)' : ''}</text>`;
  });
  return html`<figure class="chart">
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="umfrage-grafik-titel umfrage-grafik-beschreibung" focusable="false">
<title id="umfrage-grafik-titel">Kennzahlen der Selbstauskunft: ${report.area.name} und KGSt/ÖFIT-Umfrage 2019</title>
<desc id="umfrage-grafik-beschreibung">${lines
    .map((f) => `${f.label}: Gebiet ${formatPercent(f.total.percent)}, Umfrage ${formatPercent(f.survey!.value)}.`)
    .join('\n')}</desc>
${raw(grid)}
${bars}
</svg>
<figcaption>Dunkelblau: ${report.area.name} (Anteil derer, die die Frage beantwortet haben); grau: KGSt/ÖFIT-Umfrage 2019.
Nur Kennzahlen mit Umfragewert und Antworten im Gebiet; die Tabelle darunter enthält alle Werte.</figcaption>
</figure>`;
}
