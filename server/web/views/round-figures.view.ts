import type { FigureTally, SurveyFiguresReport } from '../../../reports/survey-figures/report';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';
import { surveyFiguresChart } from './round-figures-chart';

function share(t: FigureTally | undefined): HtmlValue {
  if (!t || t.answered === 0) return html`<span class="muted">keine Antworten</span>`;
  return html`${String(t.percent).replace('.', ',')} % <span class="meta">(${t.matched} von ${t.answered})</span>`;
}

/**
 * `/umfragewerte/{key}`: each figure of the KGSt/ÖFIT survey beside the area's, in total and by
 * KGSt size class (only classes with answers get a column), with how many answered.
 */
export function surveyFiguresPage(ctx: ViewContext, report: SurveyFiguresReport): SafeHtml {
  const groups = report.groups.filter((g) => g.respondents > 0);
  const dimensions = [...new Set(report.figures.map((f) => f.question))];
  return layout(ctx, {
    title: `Umfragewerte – ${report.area.name}`,
    breadcrumbs: [
      { label: 'Start', href: '/' },
      { label: 'Runden', href: '/runden' },
      { label: `Umfragewerte ${report.area.name}` },
    ],
    body: html`<h1>Umfragewerte <span class="subtitle">${report.area.name}</span></h1>
<p class="lead">Selbstauskunft von ${report.respondents} der ${report.municipalities} Kommunen (Gemeinden, Gemeindeverbände, Kreise)
neben den Werten der KGSt/ÖFIT-Umfrage 2019. Jeder Anteil bezieht sich auf die Kommunen, die die Frage beantwortet haben.</p>
${surveyFiguresChart(report)}
<div class="table-scroll" role="region" aria-labelledby="umfrage-tabelle" tabindex="0"><table class="components">
<caption id="umfrage-tabelle">Kennzahlen: Umfragewert, Anteil im Gebiet und je Größenklasse</caption>
<thead><tr><th scope="col">Kennzahl</th><th scope="col">Umfrage 2019</th><th scope="col">Gebiet gesamt</th>
${groups.map((g) => html`<th scope="col">${g.label} <span class="meta">(${g.respondents} von ${g.municipalities})</span></th>`)}</tr></thead>
<tbody>${dimensions.map((question) =>
      report.figures
        .filter((f) => f.question === question)
        .map(
          (f) => html`<tr><th scope="row">${f.label}<br><span class="hint">${f.note}</span></th>
<td>${f.survey ? `${f.survey.value} %${f.survey.derived ? ' (abgeleitet)' : ''}` : html`<span class="muted">kein Wert</span>`}</td>
<td>${share(f.total)}</td>${groups.map((g) => html`<td>${share(f.byGroup[g.key])}</td>`)}</tr>`,
        ),
    )}</tbody></table></div>
<h2>Quellen</h2>
<ul>${Object.values(report.sources).map(
      (s) => html`<li>${s.url ? html`<a href="${s.url}">${s.title}</a>` : s.title}. ${s.note}</li>`,
    )}</ul>
<p class="hint">Die Umfrage ist keine Zufallsstichprobe aller Gemeinden (KGSt-Mitglieder, größere Kommunen überrepräsentiert) und
nennt ihre Werte nicht je Größenklasse; verglichen wird daher je Größenklasse nur das Gebiet selbst.
Als Daten: <a href="/api/reports/survey-figures?area=${report.area.key}">/api/reports/survey-figures?area=${report.area.key}</a>.</p>`,
  });
}
