import type { ElementTree, ElementVersionView, TreeElement } from '../../../services/fim-schema.service';
import { formatDate, formatDateTime, formatNumber } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type Crumb, type ViewContext } from './layout';
import { externalLink } from './links';

/** Nesting shown on one page; deeper groups continue on their own page (and a cycle stops at once). */
export const TREE_MAX_DEPTH = 12;
/** Values of a select field listed in the tree. */
const VALUES_SHOWN = 12;

export const ELEMENT_KIND_LABELS: Record<string, string> = {
  stammdatenschema: 'Stammdatenschema',
  datenfeldgruppe: 'Gruppe',
  datenfeld: 'Feld',
  regel: 'Regel',
};

const TRAIL: Crumb[] = [
  { label: 'Start', href: '/' },
  { label: 'Suche', href: '/suche' },
];

/** The path of an element version's page; an XDatenfelder 2.0 element without version is `-`. */
export function elementHref(id: string, version: string | null): string {
  return `/fim/schemas/${encodeURIComponent(id)}/${version ? encodeURIComponent(version) : '-'}`;
}

/**
 * A text of the XML with the line breaks of its pretty-printing joined (a break followed by
 * indentation), paragraphs (blank lines) and deliberate single breaks kept.
 */
function text(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]*\n[ \t]{2,}(?=\S)/g, ' ')
    .trim();
}

/** "Pflicht, genau einmal", "optional, beliebig oft", from a use's cardinality. */
export function cardinality(use: { anzahl: string; min: number | null; max: number | null }): string {
  const required = (use.min ?? 0) >= 1 ? 'Pflicht' : 'optional';
  const times =
    use.max === null
      ? 'beliebig oft'
      : use.max === 1
        ? (use.min ?? 0) >= 1
          ? 'genau einmal'
          : 'höchstens einmal'
        : `bis zu ${use.max}-mal`;
  return `${use.anzahl} – ${required}, ${times}`;
}

function references(bezug: unknown): HtmlValue {
  if (!Array.isArray(bezug) || bezug.length === 0) return '';
  const items = bezug.filter(
    (b): b is { text: string; link?: string } => typeof (b as { text?: unknown })?.text === 'string',
  );
  if (items.length === 0) return '';
  return html`<ul class="plain">${items.map((b) => html`<li>${b.link ? externalLink(b.link, b.text) : b.text}</li>`)}</ul>`;
}

function fieldDetails(e: TreeElement): HtmlValue {
  const c = e.content;
  const parts: string[] = [];
  const input = text(c.bezeichnungEingabe);
  if (input && input !== e.name) parts.push(`Eingabe: „${input}“`);
  const kind = [
    text(c.feldart) && `Feldart ${text(c.feldart)}`,
    text(c.datentyp) && `Datentyp ${text(c.datentyp)}`,
  ].filter(Boolean);
  if (kind.length) parts.push(kind.join(', '));
  const list = c.codelisteReferenz as { id?: string; kennung?: string; version?: string } | undefined;
  if (list && (list.id || list.kennung))
    parts.push(`Codeliste ${[list.id, list.kennung, list.version].filter(Boolean).join(' · ')}`);
  const precision = c.praezisierung as Record<string, string> | undefined;
  if (precision && Object.keys(precision).length) {
    parts.push(
      `Präzisierung: ${Object.entries(precision)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  const values = Array.isArray(c.werte) ? (c.werte as { code?: string; name?: string }[]) : [];
  const shown = values.slice(0, VALUES_SHOWN).map((v) => [v.code, v.name].filter(Boolean).join(' '));
  if (values.length) {
    parts.push(
      `Werte: ${shown.join('; ')}${values.length > VALUES_SHOWN ? ` und ${values.length - VALUES_SHOWN} weitere` : ''}`,
    );
  }
  return parts.length ? html`<br><span class="meta">${parts.join(' · ')}</span>` : '';
}

interface Use {
  key: string;
  anzahl: string;
  min: number | null;
  max: number | null;
}

/**
 * One element of the tree and, recursively, what it contains. Groups are stored once and referenced
 * by key, so the same group may appear several times; `path` stops a group that (against the
 * standard) contains itself, `depth` stops at {@link TREE_MAX_DEPTH}.
 */
function treeNode(use: Use, byKey: Map<string, TreeElement>, path: Set<string>, depth: number): SafeHtml {
  const e = byKey.get(use.key);
  if (!e) return html`<li>Element ${use.key} <span class="meta">(${cardinality(use)}; nicht importiert)</span></li>`;
  const head = html`<span class="tree-kind">${ELEMENT_KIND_LABELS[e.kind] ?? e.kind}</span>
<a href="${elementHref(e.id, e.version)}">${e.name ?? e.id}</a>
<span class="meta"><span class="key">${e.id}</span>${e.version ? ` · Version ${e.version}` : ''} · ${cardinality(use)}</span>${fieldDetails(e)}`;
  if (e.children.length === 0) return html`<li>${head}</li>`;
  if (path.has(e.key)) {
    return html`<li>${head}<br><span class="meta">enthält sich selbst (Verweis auf eine übergeordnete Gruppe); nicht erneut dargestellt</span></li>`;
  }
  if (depth >= TREE_MAX_DEPTH) {
    return html`<li>${head}<br><span class="meta">${formatNumber(e.children.length)} weitere Elemente tiefer verschachtelt:
  <a href="${elementHref(e.id, e.version)}">auf der Seite der Gruppe ansehen</a></span></li>`;
  }
  const inner = new Set(path).add(e.key);
  return html`<li>${head}<ul class="tree">${e.children.map((child) => treeNode(child, byKey, inner, depth + 1))}</ul></li>`;
}

function facts(root: TreeElement): SafeHtml {
  const c = root.content;
  const row = (label: string, value: HtmlValue) => (value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : '');
  return html`<dl class="facts">
${row('FIM-ID', root.id)}${row('Version', root.version ?? 'ohne Version')}${row('Art', ELEMENT_KIND_LABELS[root.kind] ?? root.kind)}
${row('XDatenfelder', root.xdfVersion)}${row('Status', root.status?.label ?? root.status?.code ?? null)}
${row('Veröffentlicht', text(c.veroeffentlichungsdatum) ? formatDate(String(c.veroeffentlichungsdatum).slice(0, 10)) : null)}
${row('Zuletzt geändert', text(c.letzteAenderung) ? formatDate(String(c.letzteAenderung).slice(0, 10)) : null)}
${row('Importiert', formatDateTime(root.importedAt))}
</dl>`;
}

function texts(root: TreeElement): HtmlValue {
  const c = root.content;
  const entries: [string, string | null][] = [
    ['Bezeichnung', text(c.bezeichnung) ?? text(c.bezeichnungEingabe)],
    ['Beschreibung', text(c.beschreibung)],
    ['Definition', text(c.definition)],
    ['Versionshinweis', text(c.versionshinweis)],
  ];
  const shown = entries.filter(([, v]) => v !== null);
  const bezug = references(c.bezug);
  return html`${shown.length ? html`<dl class="texts">${shown.map(([label, value]) => html`<dt>${label}</dt><dd class="prose">${value}</dd>`)}</dl>` : ''}
${bezug ? html`<h2 id="bezug">Rechtsgrundlagen und Bezüge</h2>${bezug}` : ''}`;
}

function rules(root: TreeElement, elements: TreeElement[]): HtmlValue {
  const keys = new Set<string>();
  for (const e of [root, ...elements]) {
    if (Array.isArray(e.content.regeln)) for (const r of e.content.regeln) if (typeof r === 'string') keys.add(r);
  }
  if (keys.size === 0) return '';
  return html`<h2 id="regeln">Regeln</h2>
<p>${formatNumber(keys.size)} ${keys.size === 1 ? 'Regel' : 'Regeln'}, auf die das Schema oder seine Elemente verweisen:</p>
<ul class="columns">${[...keys].sort().map((key) => {
    const [id, version] = key.split('@');
    return html`<li><a href="${elementHref(id, version ?? null)}">${key}</a></li>`;
  })}</ul>`;
}

/** `/fim/schemas/{id}/{version}`: one element version with its field tree. */
export function elementPage(ctx: ViewContext, tree: ElementTree): SafeHtml {
  const root = tree.root;
  const byKey = new Map(tree.elements.map((e) => [e.key, e]));
  byKey.set(root.key, root);
  const kind = ELEMENT_KIND_LABELS[root.kind] ?? root.kind;
  const title = `${root.name ?? root.id} (${root.id}${root.version ? ` ${root.version}` : ''})`;
  return layout(ctx, {
    title,
    breadcrumbs: [
      ...TRAIL,
      { label: `${kind} ${root.id}`, href: `/fim/schemas/${encodeURIComponent(root.id)}` },
      { label: root.version ?? 'ohne Version' },
    ],
    body: html`<h1>${root.name ?? root.id}<span class="subtitle">${kind} ${root.id}${root.version ? `, Version ${root.version}` : ''}</span></h1>
${facts(root)}
${texts(root)}
${
  tree.leistungsschluessel.length > 0
    ? html`<h2 id="leistungen">Leistungen</h2>
<p>Leistungsschlüssel, die die Texte des Schemas nennen (im Text gefunden, keine förmliche Zuordnung):</p>
<ul>${tree.leistungsschluessel.map((l) => html`<li><a href="/leistungen/${l.schluessel}" class="key">${l.schluessel}</a> <span class="meta">(im Feld ${l.field})</span></li>`)}</ul>`
    : ''
}
<h2 id="felder">Aufbau</h2>
${
  root.children.length === 0
    ? html`<p>Dieses Element enthält keine weiteren Gruppen oder Felder.</p>`
    : html`<p>${formatNumber(tree.counts.gruppen)} ${tree.counts.gruppen === 1 ? 'Gruppe' : 'Gruppen'} und ${formatNumber(tree.counts.felder)}
  ${tree.counts.felder === 1 ? 'Feld' : 'Felder'}, verschachtelt wie im Formular. Jede Gruppe und jedes Feld führt zu seiner eigenen Seite.</p>
<ul class="tree tree-root">${root.children.map((child) => treeNode(child, byKey, new Set([root.key]), 1))}</ul>`
}
${rules(root, tree.elements)}`,
  });
}

/** `/fim/schemas/{id}`: the stored versions of an element. */
export function elementVersionsPage(ctx: ViewContext, id: string, versions: ElementVersionView[]): SafeHtml {
  const latest = versions[versions.length - 1];
  const kind = ELEMENT_KIND_LABELS[latest.kind] ?? latest.kind;
  return layout(ctx, {
    title: `${latest.name ?? id} (${id})`,
    breadcrumbs: [...TRAIL, { label: `${kind} ${id}` }],
    body: html`<h1>${latest.name ?? id}<span class="subtitle">${kind} ${id}</span></h1>
<div class="table-scroll" role="region" aria-labelledby="versionen" tabindex="0"><table class="compact">
<caption id="versionen">${formatNumber(versions.length)} importierte ${versions.length === 1 ? 'Version' : 'Versionen'}, älteste zuerst</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">XDatenfelder</th><th scope="col">Importiert</th></tr></thead>
<tbody>${versions.map(
      (
        v,
      ) => html`<tr><th scope="row"><a href="${elementHref(v.id, v.version)}">${v.version ?? 'ohne Version'}</a></th><td>${v.name ?? '–'}</td>
  <td>${v.status?.label ?? v.status?.code ?? '–'}</td><td>${v.xdfVersion}</td><td>${formatDateTime(v.importedAt)}</td></tr>`,
    )}</tbody></table></div>`,
  });
}
