import type { ImportReport } from '../../importers/import-report';
import type { ImportJob } from '../ui/import-jobs';
import { errorSummary, type FieldErrors } from './forms';
import { formatNumber } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type ViewContext } from './layout';

const COUNT_LABELS: Record<string, string> = {
  rows: 'Datenzeilen',
  created: 'neue Einträge',
  updated: 'geänderte Einträge',
  unchanged: 'unveränderte Einträge',
  operatorsCreated: 'neue Betreiber',
  municipalities: 'Kommunen in der Datei',
  municipalitiesChanged: 'Kommunen mit Änderungen',
  rowsWithErrors: 'Zeilen mit Fehlern',
  errors: 'Fehler',
  warnings: 'Hinweise',
};

const TRAIL = [
  { label: 'Start', href: '/' },
  { label: 'Import', href: '/import' },
];

/** A refusal that concerns no single field (e.g. too many imports running), shown above the content. */
function problemNotice(problem: string | undefined): HtmlValue {
  return problem ? html`<div class="notice notice-error" role="alert"><p>${problem}</p></div>` : '';
}

/** `/import`: the upload form, with field errors or a general `problem` after a refused upload. */
export function importPage(ctx: ViewContext, errors: FieldErrors = {}, problem?: string): SafeHtml {
  const fileErrors = errors.datei ?? [];
  return layout(ctx, {
    title: fileErrors.length || problem ? 'Fehler: Bestand importieren' : 'Bestand importieren',
    breadcrumbs: TRAIL,
    body: html`<h1>Bestand importieren</h1>
${problemNotice(problem)}
${errorSummary(errors, { datei: 'Datei' })}
<p class="lead">Laden Sie eine CSV- oder XLSX-Datei mit einer Zeile je Kommune und Komponente hoch. Zuerst wird sie nur geprüft
  (Probelauf): Sie sehen jeden Fehler mit Zeile und Spalte und was sich ändern würde. Erst danach bestätigen Sie den Import.</p>
<form method="post" action="/import" enctype="multipart/form-data" class="form" novalidate>
  ${csrfField(ctx)}
  <div class="field${fileErrors.length ? ' field-error' : ''}">
    <label for="f-datei">Datei (CSV oder XLSX) <span class="required">(Pflichtfeld)</span></label>
    <p class="hint" id="f-datei-hint">Spalten: ags, component, status, operator, operator_type, product, valid_from, valid_to, note
      (deutsche Spaltennamen gehen auch). CSV mit Semikolon oder Komma, UTF-8.</p>
    ${fileErrors.length ? html`<p class="error-message" id="f-datei-error"><span class="visually-hidden">Fehler: </span>${fileErrors.join(' ')}</p>` : ''}
    <input type="file" id="f-datei" name="datei" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      aria-describedby="f-datei-hint${fileErrors.length ? ' f-datei-error' : ''}"${fileErrors.length ? html` aria-invalid="true"` : ''} required>
  </div>
  <div class="actions"><button type="submit">Datei prüfen (Probelauf)</button></div>
</form>
<h2>Vorlagen</h2>
<ul>
  <li><a href="/api/imports/inventory/template?format=csv" download>Vorlage als CSV</a></li>
  <li><a href="/api/imports/inventory/template?format=xlsx" download>Vorlage als XLSX (mit Auswahllisten)</a></li>
</ul>
<p class="hint">Importe von FIM-XML (XZuFi, XDatenfelder) und OZG-Dateien folgen hier, sobald der Atlas sie einlesen kann;
  bis dahin über die Kommandozeile.</p>`,
  });
}

function countsTable(report: ImportReport): SafeHtml {
  return html`<table class="compact"><caption>Zahlen</caption><tbody>${Object.entries(report.counts).map(
    ([name, value]) =>
      html`<tr><th scope="row">${COUNT_LABELS[name] ?? name}</th><td class="num">${formatNumber(value)}</td></tr>`,
  )}</tbody></table>`;
}

function problemsTable(report: ImportReport): HtmlValue {
  if (report.problems.length === 0) return html`<p>Keine Fehler und keine Hinweise.</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="probleme" tabindex="0"><table class="problems">
<caption id="probleme">${formatNumber(report.problems.length)} Fehler und Hinweise</caption>
<thead><tr><th scope="col">Zeile</th><th scope="col">Spalte</th><th scope="col">Art</th><th scope="col">Meldung</th></tr></thead>
<tbody>${report.problems.map(
    (
      p,
    ) => html`<tr class="${p.severity === 'error' ? 'problem-error' : 'problem-warning'}"><td class="num">${p.row ?? '–'}</td><td>${p.column ?? '–'}</td>
  <td>${p.severity === 'error' ? 'Fehler' : 'Hinweis'}</td><td>${p.detail}</td></tr>`,
  )}</tbody></table></div>`;
}

function verdict(report: ImportReport): string {
  if (report.status === 'rejected') return 'Die Datei enthält Fehler. Es wurde nichts geschrieben.';
  if (report.dryRun) return 'Die Datei ist fehlerfrei. Es wurde noch nichts geschrieben.';
  return report.unchanged
    ? 'Importiert: es gab nichts zu ändern, die Daten waren schon aktuell.'
    : 'Importiert: alle Zeilen wurden geschrieben.';
}

function running(job: ImportJob): SafeHtml {
  const s = job.status;
  const text = `${s.phase}${s.total ? `: ${formatNumber(s.done)} von ${formatNumber(s.total)}` : ' …'}`;
  return html`<div class="import-progress" data-status-url="/import/auftraege/${job.id}/status">
  <label for="fortschritt">Fortschritt</label>
  <progress id="fortschritt" max="100"${s.percent !== null ? html` value="${s.percent}"` : ''}>${s.percent ?? 0} %</progress>
  <p id="fortschritt-text" role="status" aria-live="polite">${text}</p>
  <p class="no-js-only"><a href="/import/auftraege/${job.id}">Stand aktualisieren</a></p>
</div>`;
}

function outcome(ctx: ViewContext, job: ImportJob, report: ImportReport): SafeHtml {
  const confirm =
    report.dryRun && report.status === 'succeeded' && !job.followUpId
      ? html`<form method="post" action="/import/auftraege/${job.id}/ausfuehren" class="form">${csrfField(ctx)}
  <p>Wenn die Zahlen stimmen, schreiben Sie die Datei jetzt in den Atlas (alles oder nichts).</p>
  <div class="actions"><button type="submit">Jetzt importieren</button> <a href="/import">Andere Datei wählen</a></div></form>`
      : html`<p><a href="/import">${report.status === 'rejected' ? 'Korrigierte Datei hochladen' : 'Weitere Datei importieren'}</a></p>`;
  return html`<div class="notice ${report.status === 'rejected' ? 'notice-error' : 'notice-success'}" role="status"><p>${verdict(report)}</p></div>
${countsTable(report)}
<h2>Fehler und Hinweise</h2>
${problemsTable(report)}
${confirm}`;
}

/**
 * `/import/auftraege/{id}`: progress while running, then the report (dry run or real run);
 * `problem` explains why a confirmation was refused.
 */
export function importJobPage(ctx: ViewContext, job: ImportJob, problem?: string): SafeHtml {
  const kind = job.dryRun ? 'Probelauf' : 'Import';
  let body: SafeHtml;
  if (job.status.state === 'running') body = running(job);
  else if (job.status.state === 'failed' || !job.report) {
    body = html`<div class="notice notice-error" role="alert"><p>${job.error ?? 'Der Import ist fehlgeschlagen.'}</p></div><p><a href="/import">Zurück zum Import</a></p>`;
  } else body = outcome(ctx, job, job.report);
  return layout(ctx, {
    title: `${problem ? 'Fehler: ' : ''}${kind}: ${job.fileName}`,
    breadcrumbs: [...TRAIL, { label: `${kind}: ${job.fileName}` }],
    scripts: job.status.state === 'running' ? ['import-progress.js'] : [],
    body: html`<h1>${kind}: ${job.fileName}</h1>${problemNotice(problem)}${body}`,
  });
}
