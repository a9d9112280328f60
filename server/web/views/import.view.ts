import {
  capReport,
  describeGroupRows,
  groupIdenticalProblems,
  problemsDownloadPath,
  STORED_PROBLEMS,
  type ImportReport,
  type ProblemListing,
} from '../../../importers/import-report';
import { importLimits } from '../../../importers/tabular/limits';
import type { ImportJob, ImportKindId } from './import-job';
import { fimFileReports } from './fim-import.view';
import { importChanges } from './import-changes.view';
import { errorSummary, type FieldErrors } from './forms';
import { formatNumber } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, type ViewContext } from './layout';

const COUNT_LABELS: Record<string, string> = {
  rows: 'Datenzeilen',
  created: 'neue Einträge',
  updated: 'geänderte Einträge',
  unchanged: 'unveränderte Einträge',
  deleted: 'gelöschte Einträge',
  operatorsCreated: 'neue Betreiber',
  municipalities: 'Kommunen in der Datei',
  municipalitiesChanged: 'Kommunen mit Änderungen',
  rowsWithErrors: 'Zeilen mit Fehlern',
  errors: 'Fehler',
  warnings: 'Hinweise',
};

/** Counts of a FIM run (objects of all files together). */
const FIM_COUNT_LABELS: Record<string, string> = {
  files: 'Dateien',
  created: 'neue Objekte',
  updated: 'geänderte Objekte',
  unchanged: 'unveränderte Objekte',
  deactivated: 'deaktivierte Objekte (loesche)',
  conflicting: 'Objekte im Konflikt',
  rejected: 'abgelehnte Objekte',
  skipped: 'übersprungene Objekte',
  filesRejected: 'abgelehnte Dateien',
  filesSkipped: 'übersprungene Dateien',
  filesConflicting: 'Dateien im Konflikt',
  errors: 'Fehler',
  warnings: 'Hinweise',
};

const TITLES: Record<ImportKindId, string> = {
  inventory: 'Bestand importieren',
  fim: 'FIM-XML importieren',
  rules: 'Zuständigkeitsregeln importieren',
};

const TRAIL = [
  { label: 'Start', href: '/' },
  { label: 'Import', href: '/import' },
];

/** A kind of import the user may run, with its upload limit. */
export interface ImportFormKind {
  id: ImportKindId;
  maxBytes: number;
}

/** What the import page shows: the forms the user may use and, after a refused upload, why. */
export interface ImportPageOptions {
  kinds: ImportFormKind[];
  /** The form whose upload was refused. */
  failed?: ImportKindId;
  errors?: FieldErrors;
  /** A refusal that concerns no single field (e.g. too many imports running), shown above the content. */
  problem?: string;
}

function problemNotice(problem: string | undefined): HtmlValue {
  return problem ? html`<div class="notice notice-error" role="alert"><p>${problem}</p></div>` : '';
}

function megabytes(bytes: number): string {
  return `${formatNumber(Math.round(bytes / (1024 * 1024)))} MB`;
}

function fileField(options: {
  name: string;
  label: string;
  hint: HtmlValue;
  accept: string;
  multiple: boolean;
  errors: string[];
}): SafeHtml {
  const { name, errors } = options;
  return html`<div class="field${errors.length ? ' field-error' : ''}">
    <label for="f-${name}">${options.label} <span class="required">(Pflichtfeld)</span></label>
    <p class="hint" id="f-${name}-hint">${options.hint}</p>
    ${errors.length ? html`<p class="error-message" id="f-${name}-error"><span class="visually-hidden">Fehler: </span>${errors.join(' ')}</p>` : ''}
    <input type="file" id="f-${name}" name="${name}" accept="${options.accept}"${options.multiple ? html` multiple` : ''}
      aria-describedby="f-${name}-hint${errors.length ? ` f-${name}-error` : ''}"${errors.length ? html` aria-invalid="true"` : ''} required>
  </div>`;
}

function inventoryForm(ctx: ViewContext, kind: ImportFormKind, errors: FieldErrors): SafeHtml {
  return html`<section aria-labelledby="bestand"><h2 id="bestand">Bestand (CSV oder XLSX)</h2>
<p>Eine Zeile je Kommune und Komponente. Zuerst wird die Datei nur geprüft (Probelauf): Sie sehen jeden Fehler mit Zeile und
  Spalte und was sich ändern würde. Erst danach bestätigen Sie den Import.</p>
<form method="post" action="/import" enctype="multipart/form-data" class="form" novalidate>
  ${csrfField(ctx)}
  ${fileField({
    name: 'datei',
    label: 'Datei (CSV oder XLSX)',
    hint: `Spalten: ags, component, status, operator, operator_type, product, valid_from, valid_to, note (deutsche Spaltennamen gehen auch). CSV mit Semikolon oder Komma, UTF-8. Höchstens ${megabytes(kind.maxBytes)}.`,
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    errors: errors.datei ?? [],
  })}
  <div class="actions"><button type="submit">Datei prüfen (Probelauf)</button></div>
</form>
<h3>Vorlagen</h3>
<ul>
  <li><a href="/api/imports/inventory/template?format=csv" download>Vorlage als CSV</a></li>
  <li><a href="/api/imports/inventory/template?format=xlsx" download>Vorlage als XLSX (mit Auswahllisten)</a></li>
</ul></section>`;
}

function fimForm(ctx: ViewContext, kind: ImportFormKind, errors: FieldErrors): SafeHtml {
  return html`<section aria-labelledby="fim"><h2 id="fim">FIM-XML (XZuFi, XDatenfelder)</h2>
<p>Leistungsbeschreibungen, Onlinedienste und Zuständigkeiten als XZuFi-Transfernachricht (2.1.0, 2.2.0, 2.3.1) und Datenschemata,
  -gruppen und -felder als XDatenfelder-Nachricht (2.0, 3.0.0). Das Format wird am Namensraum erkannt. Der Probelauf nennt je Datei
  Format, Version und die Zahl der Objekte je Art, dazu jeden Fehler mit Zeile und Spalte oder Elementpfad.
  Alle Dateien eines Uploads werden zusammen importiert: ein Fehler in einer Datei, und es wird nichts geschrieben.</p>
<form method="post" action="/import/fim" enctype="multipart/form-data" class="form" novalidate>
  ${csrfField(ctx)}
  ${fileField({
    name: 'dateien',
    label: 'FIM-Dateien (XML)',
    hint: `Bis zu 10 Dateien, zusammen höchstens ${megabytes(kind.maxBytes)}. UTF-8, UTF-16 mit BOM oder ISO-8859-1 laut XML-Deklaration.`,
    accept: '.xml,application/xml,text/xml',
    multiple: true,
    errors: errors.dateien ?? [],
  })}
  <div class="actions"><button type="submit">Dateien prüfen (Probelauf)</button></div>
</form></section>`;
}

function rulesForm(ctx: ViewContext, kind: ImportFormKind, errors: FieldErrors): SafeHtml {
  return html`<section aria-labelledby="regeln"><h2 id="regeln">Zuständigkeitsregeln (CSV oder XLSX)</h2>
<p>Regeln, welche Verwaltung eine Leistung ausführt, oder – mit der Spalte unit_type – die Aufgabenübertragung an
  Gemeindeverbände und Städte. Am einfachsten die <a href="/zustaendigkeitsregeln">heutigen Regeln</a> herunterladen,
  ändern und hier einspielen. Der Probelauf zeigt, was angelegt und geändert würde; nicht genannte Regeln bleiben.</p>
<form method="post" action="/import/regeln" enctype="multipart/form-data" class="form" novalidate>
  ${csrfField(ctx)}
  ${fileField({
    name: 'regeln',
    label: 'Regeldatei (CSV oder XLSX)',
    hint: `Spalten: leistungsschluessel, ozg_id, typ, land, level, task_group, reason, source. Höchstens ${megabytes(kind.maxBytes)}.`,
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    errors: errors.regeln ?? [],
  })}
  <div class="actions"><button type="submit">Datei prüfen (Probelauf)</button></div>
</form></section>`;
}

/** `/import`: the upload forms the user may use, with field errors or a general `problem` after a refused upload. */
export function importPage(ctx: ViewContext, options: ImportPageOptions): SafeHtml {
  const errors = options.errors ?? {};
  const failed = options.failed && (Object.keys(errors).length > 0 || options.problem) ? options.failed : undefined;
  const inventory = options.kinds.find((k) => k.id === 'inventory');
  const fim = options.kinds.find((k) => k.id === 'fim');
  const rules = options.kinds.find((k) => k.id === 'rules');
  return layout(ctx, {
    title: failed ? `Fehler: ${TITLES[failed]}` : 'Daten importieren',
    breadcrumbs: TRAIL,
    body: html`<h1>Daten importieren</h1>
${problemNotice(options.problem)}
${errorSummary(errors, { datei: 'Datei (CSV oder XLSX)', dateien: 'FIM-Dateien (XML)', regeln: 'Regeldatei (CSV oder XLSX)' })}
${options.kinds.length > 1 ? html`<nav class="toc" aria-label="Arten von Importen"><ul><li><a href="#bestand">Bestand</a></li><li><a href="#fim">FIM-XML</a></li>${rules ? html`<li><a href="#regeln">Zuständigkeitsregeln</a></li>` : ''}<li><a href="#weitere">Weitere Importe</a></li></ul></nav>` : ''}
${inventory ? inventoryForm(ctx, inventory, errors) : ''}
${fim ? fimForm(ctx, fim, errors) : ''}
${rules ? rulesForm(ctx, rules, errors) : ''}
<section aria-labelledby="weitere"><h2 id="weitere">Weitere Importe</h2>
${fim ? '' : html`<p>FIM-XML (XZuFi, XDatenfelder) importieren Administratorinnen und Administratoren.</p>`}
<p>Der OZG-Katalog und Online-Angebote (Daten des OZG-Dashboards) folgen auf dieser Seite, sobald ihre Importe fertig sind;
  bis dahin über die Kommandozeile.</p></section>`,
  });
}

function countsTable(report: ImportReport): SafeHtml {
  const labels = report.kind === 'fim' ? FIM_COUNT_LABELS : COUNT_LABELS;
  return html`<table class="compact"><caption>Zahlen</caption><tbody>${Object.entries(report.counts).map(
    ([name, value]) =>
      html`<tr><th scope="row">${labels[name] ?? name}</th><td class="num">${formatNumber(value)}</td></tr>`,
  )}</tbody></table>`;
}

/** Kinds shown above a shortened problem list. */
const KINDS_SHOWN = 10;

/** What a shortened list leaves out: the total, the most frequent kinds, where the full list is. */
function problemsOmitted(report: ImportReport, listing: ProblemListing): HtmlValue {
  if (listing.listed >= listing.total) return '';
  const stored = Math.min(listing.total, STORED_PROBLEMS);
  return html`<p>Die Datei hat ${formatNumber(listing.total)} Fehler und Hinweise (${formatNumber(listing.errors)} Fehler,
  ${formatNumber(listing.warnings)} Hinweise); die Tabelle zeigt die ersten ${formatNumber(listing.listed)}
  (Grenze IMPORT_MAX_LISTED_PROBLEMS).${
    report.importRunId === null
      ? ''
      : html` ${stored < listing.total ? `Die ersten ${formatNumber(stored)}` : 'Alle'} sind mit dem Importlauf
  Nr. ${report.importRunId} gespeichert und über die API als CSV abrufbar: <code>GET ${problemsDownloadPath(report.importRunId)}</code>.`
  }</p>
<table class="compact"><caption>Häufigste Arten</caption>
<thead><tr><th scope="col">Anzahl</th><th scope="col">Spalte</th><th scope="col">Art</th><th scope="col">Beispiel</th></tr></thead>
<tbody>${listing.kinds
    .slice(0, KINDS_SHOWN)
    .map(
      (k) =>
        html`<tr><td class="num">${formatNumber(k.count)}</td><td>${k.column ?? '–'}</td><td>${k.severity === 'error' ? 'Fehler' : 'Hinweis'}</td><td>${k.detail}</td></tr>`,
    )}</tbody></table>`;
}

function problemsTable(full: ImportReport): HtmlValue {
  if (full.problems.length === 0) return html`<p>Keine Fehler und keine Hinweise.</p>`;
  // Identical messages of many rows are told once with their rows; a file with 50,000 different
  // bad rows would still make a page of 50,000 table rows, so only the first groups are listed.
  const groups = groupIdenticalProblems(full.problems);
  const max = importLimits().maxListedProblems;
  const shown = groups.slice(0, max);
  const { listing } = capReport(full, shown.length < groups.length ? 0 : full.problems.length);
  const grouped =
    groups.length < full.problems.length
      ? `, zusammengefasst zu ${groups.length === 1 ? 'einer Meldung' : `${formatNumber(groups.length)} Meldungen`}`
      : '';
  return html`${shown.length < groups.length ? problemsOmitted(full, { ...listing, listed: shown.length }) : ''}<div class="table-scroll" role="region" aria-labelledby="probleme" tabindex="0"><table class="problems">
<caption id="probleme">${formatNumber(full.problems.length)} Fehler und Hinweise${grouped}${shown.length < groups.length ? ` – hier die ersten ${formatNumber(shown.length)}` : ''}</caption>
<thead><tr><th scope="col">Zeile</th><th scope="col">Spalte</th><th scope="col">Art</th><th scope="col">Meldung</th></tr></thead>
<tbody>${shown.map(
    (
      g,
    ) => html`<tr class="${g.severity === 'error' ? 'problem-error' : 'problem-warning'}"><td class="num">${describeGroupRows(g)}</td><td>${g.column ?? '–'}</td>
  <td>${g.severity === 'error' ? 'Fehler' : 'Hinweis'}</td><td>${g.detail}</td></tr>`,
  )}</tbody></table></div>`;
}

function verdict(report: ImportReport, files: number): string {
  const subject = files > 1 ? 'Die Dateien enthalten' : 'Die Datei enthält';
  if (report.status === 'rejected') return `${subject} Fehler. Es wurde nichts geschrieben.`;
  if (report.dryRun)
    return `${files > 1 ? 'Die Dateien sind' : 'Die Datei ist'} fehlerfrei. Es wurde noch nichts geschrieben.`;
  return report.unchanged
    ? 'Importiert: es gab nichts zu ändern, die Daten waren schon aktuell.'
    : `Importiert: ${report.kind === 'fim' ? 'alle Objekte' : 'alle Zeilen'} wurden geschrieben.`;
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
  const files = job.files?.length ?? 1;
  const confirm =
    report.dryRun && report.status === 'succeeded' && !job.followUpId
      ? html`<form method="post" action="/import/auftraege/${job.id}/ausfuehren" class="form">${csrfField(ctx)}
  <p>Wenn die Zahlen stimmen, schreiben Sie ${files > 1 ? 'die Dateien' : 'die Datei'} jetzt in den Atlas (alles oder nichts).</p>
  <div class="actions"><button type="submit">Jetzt importieren</button> <a href="/import">Andere Datei wählen</a></div></form>`
      : html`<p><a href="/import">${report.status === 'rejected' ? 'Korrigierte Datei hochladen' : 'Weitere Datei importieren'}</a></p>`;
  const details =
    report.kind === 'fim'
      ? fimFileReports(report)
      : html`${importChanges(report)}<h2>Fehler und Hinweise</h2>
${problemsTable(report)}`;
  return html`<div class="notice ${report.status === 'rejected' ? 'notice-error' : 'notice-success'}" role="status"><p>${verdict(report, files)}</p></div>
${countsTable(report)}
${details}
${confirm}`;
}

/**
 * `/import/auftraege/{id}`: progress while running, then the report (dry run or real run);
 * `problem` explains why a confirmation was refused.
 */
export function importJobPage(ctx: ViewContext, job: ImportJob, problem?: string): SafeHtml {
  const kind = `${job.dryRun ? 'Probelauf' : 'Import'}${job.kind === 'fim' ? ' FIM-XML' : job.kind === 'rules' ? ' Zuständigkeitsregeln' : ''}`;
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
