import {
  FIM_OUTCOMES,
  type FimFileReport,
  type FimObjectKind,
  type FimOutcome,
} from '../../../importers/fim/fim-report';
import type { ImportProblem, ImportReport } from '../../../importers/import-report';
import { formatNumber } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';

/** One file of a FIM run as the report's `details.files` lists it. */
type FileSummary = Omit<FimFileReport, 'problems'> & { problemCount: number };

const OBJECT_LABELS: Record<FimObjectKind, string> = {
  leistungen: 'Leistungen',
  onlinedienste: 'Onlinedienste',
  zustaendigkeiten: 'Zuständigkeiten',
  schemas: 'Datenschemata',
  gruppen: 'Datenfeldgruppen',
  felder: 'Datenfelder',
  regeln: 'Regeln',
};

const OUTCOME_LABELS: Record<FimOutcome, string> = {
  created: 'neu',
  updated: 'geändert',
  unchanged: 'unverändert',
  deactivated: 'deaktiviert',
  conflicting: 'Konflikt',
  rejected: 'abgelehnt',
  skipped: 'übersprungen',
};

const STATUS_LABELS: Record<FileSummary['status'], string> = {
  read: 'gelesen',
  rejected: 'abgelehnt: die Datei enthält Fehler',
  skipped: 'übersprungen: kein FIM-Dokument',
  conflicting:
    'Konflikt: eine XDatenfelder-Version ist schon mit anderem Inhalt gespeichert; die Datei wird nicht übernommen',
};

function formatName(file: FileSummary): string {
  if (!file.format) return 'nicht erkannt';
  return `${file.format === 'xzufi' ? 'XZuFi' : 'XDatenfelder'}${file.version ? ` ${file.version}` : ''}`;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.ceil(bytes / 1024))} KB`
    : `${formatNumber(Math.round(bytes / 1024 / 1024))} MB`;
}

function objectsTable(file: FileSummary, id: string): HtmlValue {
  const kinds = Object.entries(file.objects) as [FimObjectKind, Record<FimOutcome, number>][];
  if (kinds.length === 0) return html`<p>Keine Objekte gelesen.</p>`;
  const used = FIM_OUTCOMES.filter((o) => kinds.some(([, counts]) => counts[o] > 0));
  const columns = used.length > 0 ? used : (['created'] as FimOutcome[]);
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}-objekte" tabindex="0"><table class="compact">
<caption id="${id}-objekte">Objekte je Art: ${file.file}</caption>
<thead><tr><th scope="col">Art</th>${columns.map((o) => html`<th scope="col">${OUTCOME_LABELS[o]}</th>`)}</tr></thead>
<tbody>${kinds.map(
    ([kind, counts]) =>
      html`<tr><th scope="row">${OBJECT_LABELS[kind] ?? kind}</th>${columns.map((o) => html`<td class="num">${formatNumber(counts[o])}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

/** Where a problem is: line and column, else the element path. */
function location(p: ImportProblem): { line: string; column: string; path: string } {
  return {
    line: p.line !== undefined ? String(p.line) : '–',
    column: p.col !== undefined ? String(p.col) : '–',
    path: p.path ?? '–',
  };
}

function problemsTable(problems: ImportProblem[], id: string, caption: string): HtmlValue {
  if (problems.length === 0) return html`<p>Keine Fehler und keine Hinweise.</p>`;
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}-probleme" tabindex="0"><table class="problems fim-problems">
<caption id="${id}-probleme">${caption}: ${formatNumber(problems.length)} Fehler und Hinweise</caption>
<thead><tr><th scope="col">Zeile</th><th scope="col">Spalte</th><th scope="col">Art</th><th scope="col">Meldung</th><th scope="col">Elementpfad</th></tr></thead>
<tbody>${problems.map((p) => {
    const at = location(p);
    return html`<tr class="${p.severity === 'error' ? 'problem-error' : 'problem-warning'}"><td class="num">${at.line}</td><td class="num">${at.column}</td>
  <td>${p.severity === 'error' ? 'Fehler' : 'Hinweis'}</td><td>${p.detail}</td><td><code class="break">${at.path}</code></td></tr>`;
  })}</tbody></table></div>`;
}

function fileSection(file: FileSummary, index: number, problems: ImportProblem[]): SafeHtml {
  const id = `datei-${index + 1}`;
  return html`<section aria-labelledby="${id}" class="panel">
<h3 id="${id}">${file.file}</h3>
<dl class="facts">
  <div><dt>Format</dt><dd>${formatName(file)}</dd></div>
  <div><dt>Nachricht</dt><dd>${file.messageType ?? '–'}</dd></div>
  <div><dt>Größe</dt><dd>${size(file.bytes)}</dd></div>
  <div><dt>Ergebnis</dt><dd>${STATUS_LABELS[file.status]}</dd></div>
</dl>
${objectsTable(file, id)}
${problemsTable(problems, id, file.file)}
</section>`;
}

/** The report of a FIM run per file: format, version, objects per kind and every problem with its place. */
export function fimFileReports(report: ImportReport): SafeHtml {
  const files = ((report.details?.files as FileSummary[] | undefined) ?? []).filter(Boolean);
  const named = new Set(files.map((f) => f.file));
  const general = report.problems.filter((p) => !p.file || !named.has(p.file));
  return html`<h2>Je Datei</h2>
${files.map((f, i) =>
  fileSection(
    f,
    i,
    report.problems.filter((p) => p.file === f.file),
  ),
)}
${general.length > 0 ? html`<h2>Weitere Fehler und Hinweise</h2>${problemsTable(general, 'allgemein', 'Ohne Datei')}` : ''}`;
}
