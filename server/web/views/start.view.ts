import type { Overview, RecentImport } from '../../../reports/overview/report';
import { formatDateTime, formatNumber, formatPercent } from './format';
import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';

const IMPORT_KINDS: Record<string, string> = {
  inventory: 'Bestand',
  regions: 'Gemeindeverzeichnis',
  reference: 'Referenzdaten',
  fim: 'FIM',
  offerings: 'Online-Angebote',
  'ozg-catalogue': 'OZG-Katalog',
  'ozg-flags': 'Fokus-/EfA-Markierungen',
  'responsibility-rules': 'Zuständigkeitsregeln',
  'task-delegation': 'Delegationstabelle',
  'leistung-traits': 'Leistungsmerkmale',
  'self-assessments': 'Selbstauskünfte',
  'sync-dashboard': 'Abgleich OZG-Dashboard',
  'sync-pvog': 'Abgleich PVOG',
  'sync-fim-portal': 'Abgleich FIM-Portal',
};

function importsTable(imports: RecentImport[]): SafeHtml {
  if (imports.length === 0) return html`<p>Noch keine Importe.</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="importe-tabelle" tabindex="0"><table>
<caption class="visually-hidden" id="importe-tabelle">Tabelle der letzten Importe</caption>
<thead><tr><th scope="col">Zeitpunkt</th><th scope="col">Art</th><th scope="col">Datei</th><th scope="col">Ergebnis</th><th scope="col">Von</th></tr></thead>
<tbody>${imports.map(
    (run) => html`<tr>
  <td><time datetime="${run.finishedAt}">${formatDateTime(run.finishedAt)}</time></td>
  <td>${IMPORT_KINDS[run.kind] ?? run.kind}${run.dryRun ? ' (Probelauf)' : ''}</td>
  <td class="break">${run.source}</td>
  <td>${run.status === 'succeeded' ? 'erfolgreich' : 'abgelehnt'}</td>
  <td>${run.actor}</td>
</tr>`,
  )}</tbody></table></div>`;
}

/** The start page: what the atlas holds and where to go next. */
export function startPage(ctx: ViewContext, overview: Overview, imports: RecentImport[] | null): SafeHtml {
  const share = overview.municipalities ? (100 * overview.municipalitiesWithData) / overview.municipalities : null;
  return layout(ctx, {
    title: 'Start',
    body: html`<h1>E-Government-Atlas</h1>
<p class="lead">Welche der neun Basiskomponenten des E-Governments betreibt jede Kommune – und wer betreibt sie?
  Der Atlas sammelt die Angaben der Kommunen, zeigt Kreisen und Ländern ihre Landschaft und wo Kommunen
  Komponenten oder Betreiber gemeinsam nutzen könnten.</p>

<section aria-labelledby="bestand"><h2 id="bestand">Was der Atlas enthält</h2>
<ul class="stats">
  <li><span class="stat-value">${formatNumber(overview.municipalitiesWithData)}</span>
    <span class="stat-label">von ${formatNumber(overview.municipalities)} Gemeinden mit Angaben (${formatPercent(share === null ? null : Math.round(share * 10) / 10)})</span></li>
  <li><span class="stat-value">${formatNumber(overview.records)}</span>
    <span class="stat-label">erfasste Komponenten-Einträge, dazu ${formatNumber(overview.administrationsWithData)} Kreise und Verbände mit eigenen Angaben</span></li>
  <li><span class="stat-value">${formatNumber(overview.components)}</span> <span class="stat-label">Basiskomponenten im Katalog</span></li>
  <li><span class="stat-value">${formatNumber(overview.operatorsInUse)}</span>
    <span class="stat-label">Betreiber in Einträgen genannt (${formatNumber(overview.operators)} bekannt)</span></li>
</ul>
</section>

<section aria-labelledby="weiter"><h2 id="weiter">Wie weiter?</h2>
<ul class="next-steps">
  <li><a href="/suche">Eine Kommune suchen</a> – nach Name, Gemeindeschlüssel (AGS) oder Postleitzahl des Verwaltungssitzes.</li>
  ${
    ctx.user
      ? html`<li><a href="/gebiete/DE">Deutschland im Überblick</a> – Vergleich der Länder mit der Umfrage 2019, von dort zu Ländern und Kreisen.</li>
  ${ctx.user.role !== 'reader' ? html`<li><a href="/import">Bestand importieren</a> – eine CSV- oder XLSX-Datei prüfen und einlesen.</li>` : ''}`
      : html`<li><a href="/anmeldung">Anmelden</a>, um die erfassten Komponenten, Berichte und Importe zu sehen.</li>`
  }
  <li><a href="/api/docs">Die API</a> – alle Daten maschinenlesbar, mit API-Token.</li>
</ul>
</section>

${imports ? html`<section aria-labelledby="importe"><h2 id="importe">Letzte Importe</h2>${importsTable(imports)}</section>` : ''}`,
  });
}
