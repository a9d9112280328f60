import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';

/** The parts of an OpenAPI 3.1 document this page reads. */
interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string | string[]; enum?: unknown[]; format?: string };
}
interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { description?: string; content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

/** One operation of the API, flat. */
export interface ApiOperation extends OpenApiOperation {
  method: string;
  path: string;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const PLACES: Record<string, string> = { path: 'Pfad', query: 'Abfrage', header: 'Kopfzeile' };

/** The operations of an OpenAPI document grouped by their first tag, in document order. */
export function operationsByTag(document: Record<string, unknown>): Map<string, ApiOperation[]> {
  const groups = new Map<string, ApiOperation[]>();
  const paths = (document.paths ?? {}) as Record<string, Record<string, OpenApiOperation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Weitere';
      groups.set(tag, [...(groups.get(tag) ?? []), { ...op, method, path }]);
    }
  }
  return groups;
}

function typeText(p: OpenApiParameter): string {
  const s = p.schema ?? {};
  if (s.enum) return s.enum.map(String).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? '–');
  return s.format ? `${type} (${s.format})` : type;
}

function anchor(op: ApiOperation): string {
  return `op-${(op.operationId ?? `${op.method}-${op.path}`).replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function operation(op: ApiOperation): SafeHtml {
  const id = anchor(op);
  const params = op.parameters ?? [];
  const responses = Object.entries(op.responses ?? {});
  const body = op.requestBody?.content ? Object.keys(op.requestBody.content).join(', ') : null;
  return html`<section class="api-op" aria-labelledby="${id}">
<h3 id="${id}"><span class="api-method api-${op.method}">${op.method.toUpperCase()}</span> <code>${op.path}</code>${op.summary ? html` – ${op.summary}` : ''}</h3>
${(op.description ?? '')
  .split('\n\n')
  .filter(Boolean)
  .map((p) => html`<p>${p}</p>`)}
${
  params.length > 0
    ? html`<div class="table-scroll" role="region" aria-labelledby="${id}-p" tabindex="0"><table class="compact">
<caption id="${id}-p">Parameter von ${op.method.toUpperCase()} ${op.path}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Ort</th><th scope="col">Pflicht</th><th scope="col">Typ</th><th scope="col">Beschreibung</th></tr></thead>
<tbody>${params.map(
        (p) =>
          html`<tr><th scope="row"><code>${p.name}</code></th><td>${PLACES[p.in] ?? p.in}</td><td>${p.required ? 'ja' : 'nein'}</td><td>${typeText(p)}</td><td>${p.description ?? ''}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}
${body ? html`<p><strong>Anfragekörper:</strong> ${body}${op.requestBody?.description ? html` – ${op.requestBody.description}` : ''}</p>` : ''}
<p><strong>Antworten:</strong></p>
<ul class="api-responses">${responses.map(
    ([status, r]) =>
      html`<li><code>${status}</code> ${r.description ?? ''}${r.content ? html` <span class="meta">(${Object.keys(r.content).join(', ')})</span>` : ''}</li>`,
  )}</ul>
</section>`;
}

/**
 * `/api/docs`: the API reference as a server-rendered page, generated from the OpenAPI
 * document — every operation with method, path, summary, access, parameters and responses.
 * It replaces Swagger UI as the entry point: Swagger UI (third-party) had a critical and 77
 * serious axe violations that custom CSS cannot all fix (focus order and ARIA of its widgets);
 * it stays reachable at `/api/docs/swagger` for trying requests out.
 */
export function apiReferencePage(ctx: ViewContext, document: Record<string, unknown>): SafeHtml {
  const info = (document.info ?? {}) as { title?: string; version?: string; description?: string };
  const groups = [...operationsByTag(document)];
  const count = groups.reduce((n, [, ops]) => n + ops.length, 0);
  return layout(ctx, {
    title: 'API-Referenz',
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'API-Referenz' }],
    body: html`<h1>API-Referenz</h1>
<p class="lead">${info.title ?? 'API'}, Version ${info.version ?? '–'}: ${count} Operationen. ${info.description ?? ''}</p>
<ul>
  <li>Maschinenlesbar: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1), zum Beispiel für Code-Generatoren.</li>
  <li>Lesende und schreibende Anfragen außer den öffentlichen brauchen ein API-Token im Kopf <code>Authorization: Bearer …</code>;
    angemeldete Nutzerinnen und Nutzer können lesende Downloads auch mit ihrer Sitzung abrufen.</li>
  <li>Fehler kommen als <code>application/problem+json</code> (RFC 9457) mit deutschem Titel und Detail.</li>
  <li><a href="/api/docs/swagger">Interaktive Ansicht (Swagger UI)</a> zum Ausprobieren – Fremdsoftware, nicht barrierefrei;
    diese Seite enthält dieselben Angaben.</li>
</ul>
<nav class="toc" aria-label="Bereiche der API"><ul>${groups.map(
      ([tag, ops]) => html`<li><a href="#tag-${tag.replace(/[^A-Za-z0-9_-]/g, '-')}">${tag}</a> (${ops.length})</li>`,
    )}</ul></nav>
${groups.map(
  ([tag, ops]) => html`<section aria-labelledby="tag-${tag.replace(/[^A-Za-z0-9_-]/g, '-')}">
<h2 id="tag-${tag.replace(/[^A-Za-z0-9_-]/g, '-')}">${tag}</h2>
${ops.map(operation)}
</section>`,
)}`,
  });
}
