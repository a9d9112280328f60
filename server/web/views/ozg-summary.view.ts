import type { GapReport } from '../../../reports/gaps/report';
import type { SnapshotView } from '../../../reports/gaps/snapshots';
import { shortLabel } from '../../../reports/common/wording';
import { formatDateTime, formatNumber, formatPercent } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';
import { targetLabel } from './ozg-common.view';

/** Blockers on the one page: enough to act on, few enough to fit. */
export const SUMMARY_BLOCKERS = 5;
/** Months of the trend on the one page (the full report lists all). */
export const SUMMARY_MONTHS = 6;

/** Everything the one-page OZG summary of an area shows. */
export interface OzgSummaryPageData {
  area: { key: string; label: string };
  trail: Crumb[];
  /** The full report's address with the same selection (query string included). */
  reportHref: string;
  /** The target and filters in words (`selectionText`). */
  selection: string;
  report: GapReport;
  /** When the report was computed; the summary's "Stand". */
  computedAt: Date;
  /** Monthly states for the chosen target, oldest first. */
  snapshots: SnapshotView[];
}

const share = (part: number, whole: number): string => formatPercent(whole === 0 ? null : (100 * part) / whole);

function figures(report: GapReport): SafeHtml {
  const t = report.totals;
  return html`<section aria-labelledby="zahlen"><h2 id="zahlen">Die Zahlen</h2>
<p>${formatNumber(t.relevant)} von ${formatNumber(t.ozgLeistungen)} OZG-Leistungen der Auswahl haben im Gebiet zuständige
  Einheiten (${formatNumber(t.units)} Gemeinden, Gemeindeverbände und Landkreise).</p>
<table class="compact totals">
<caption>OZG-Leistungen mit zuständigen Einheiten (${formatNumber(t.relevant)}), nach Regel</caption>
<thead><tr><th scope="col">Regel</th><th scope="col">flächendeckend erfüllt</th><th scope="col">Anteil</th><th scope="col">in mindestens einer Einheit</th></tr></thead>
<tbody>
<tr><th scope="row">Ziel ${report.target.text}</th><td class="num">${formatNumber(t.flaechendeckend)}</td>
  <td class="num">${share(t.flaechendeckend, t.relevant)}</td><td class="num">${formatNumber(t.inAtLeastOne)}</td></tr>
<tr><th scope="row">Dashboard-Regel (online ab Stufe 2)</th><td class="num">${formatNumber(t.dashboardFlaechendeckend)}</td>
  <td class="num">${share(t.dashboardFlaechendeckend, t.relevant)}</td><td class="num">${formatNumber(t.dashboardInAtLeastOne)}</td></tr>
</tbody></table>
<p class="headline">Zuständigkeiten (Einheit × Leistung) mit erreichtem Ziel: <strong>${formatNumber(t.metPairs)} von
  ${formatNumber(t.responsiblePairs)} (${share(t.metPairs, t.responsiblePairs)})</strong>.
  Angaben zu Basiskomponenten: ${formatNumber(t.unitsWithComponentData)} von ${formatNumber(t.units)} Einheiten
  (${formatPercent(t.componentDataShare === null ? null : t.componentDataShare * 100)}).</p>
${report.sources.metOfferings.demo > 0 ? html`<p class="notice notice-warning"><strong>Demodaten:</strong> Ein Teil der erreichten Ziele beruht auf erfundenen Online-Angeboten.</p>` : ''}
</section>`;
}

function blockers(report: GapReport): SafeHtml {
  const sets = report.combinations.filter((c) => c.components.length > 0).slice(0, SUMMARY_BLOCKERS);
  return html`<section aria-labelledby="hemmnisse"><h2 id="hemmnisse">Was am meisten freischalten würde</h2>
${
  sets.length === 0
    ? html`<p>Laut Daten hält keine fehlende Basiskomponente eine zuständige Leistung auf.</p>`
    : html`<ol>${sets.map(
        (c) =>
          html`<li><strong>${c.labels.map((l) => shortLabel(l)).join(' + ')}</strong>: ${formatNumber(c.pairs)} ${c.pairs === 1 ? 'Zuständigkeit' : 'Zuständigkeiten'} in ${formatNumber(c.units)} ${c.units === 1 ? 'Einheit' : 'Einheiten'}</li>`,
      )}</ol>
<p class="hint">Fehlende Basiskomponenten, nach den Zuständigkeiten unter dem Ziel, die sie erreichbar machten (nur wo alle Angaben vorliegen; das Online-Angebot muss dann noch folgen).</p>`
}</section>`;
}

function month(text: string): string {
  const [year, m] = text.split('-').map(Number);
  return new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}

function trend(data: OzgSummaryPageData): SafeHtml {
  const months = data.snapshots.slice(-SUMMARY_MONTHS);
  const target = data.report.target.text;
  const value = (s: SnapshotView, key: string) => formatNumber(s.totals[key] ?? null);
  const body: HtmlValue =
    months.length < 2
      ? html`<p>Monatsstände zum Ziel ${target}: ${months.length === 0 ? 'noch keiner' : 'bisher einer'} gespeichert; die Entwicklung zeigt sich ab dem zweiten Monat.</p>`
      : html`<table class="compact">
<caption>Monatsstände, Ziel ${target} (ganzer Katalog, ohne Filter)</caption>
<thead><tr><th scope="col">Monat</th><th scope="col">flächendeckend</th><th scope="col">Dashboard-Regel flächendeckend</th>
  <th scope="col">mit Zuständigen</th><th scope="col">Zuständigkeiten mit erreichtem Ziel</th></tr></thead>
<tbody>${months.map(
          (s) => html`<tr><th scope="row">${month(s.month)}</th><td class="num">${value(s, 'flaechendeckend')}</td>
  <td class="num">${value(s, 'dashboardFlaechendeckend')}</td><td class="num">${value(s, 'relevant')}</td>
  <td class="num">${value(s, 'metPairs')} von ${value(s, 'responsiblePairs')}</td></tr>`,
        )}</tbody></table>`;
  return html`<section aria-labelledby="trend"><h2 id="trend">Entwicklung</h2>${body}</section>`;
}

/** `/gebiete/{key}/ozg/zusammenfassung`: the OZG report of an area on one printable page. */
export function ozgSummaryPage(ctx: ViewContext, data: OzgSummaryPageData): SafeHtml {
  const { report } = data;
  return layout(ctx, {
    title: `OZG-Zusammenfassung ${data.area.label}`,
    breadcrumbs: [...data.trail, { label: 'OZG-Umsetzung', href: data.reportHref }, { label: 'Zusammenfassung' }],
    body: html`<article class="ozg-summary">
<h1>OZG-Umsetzung auf einer Seite: ${data.area.label}</h1>
<p class="summary-meta">Stand: <time datetime="${data.computedAt.toISOString()}">${formatDateTime(data.computedAt)}</time> ·
  Ziel: ${targetLabel(report.target)}</p>
<p class="selection-line"><strong>Filter:</strong> ${data.selection}.</p>
${figures(report)}
${blockers(report)}
${trend(data)}
<p class="summary-foot">${report.catalogue.note} Definitionen aller Zahlen: <a href="/ozg-definitionen">/ozg-definitionen</a> ·
  ausführlicher Bericht mit jeder OZG-Leistung: <a href="${data.reportHref}">${data.reportHref.replace(/\?.*$/, '')}</a></p>
<p class="hint no-print">Zum Versenden: Seite drucken oder als PDF speichern – sie passt auf eine A4-Seite.</p>
</article>`,
  });
}
