import type { FimDescriptionView, LeistungDetail } from '../../../services/leistung.service';
import { elementHref } from './fim-schema.view';
import { formatDate, formatDateTime } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';
import { externalLink } from './links';

/**
 * What a Typ says (DOMAIN.md §5): who regulates and who executes. A Leistung may carry several
 * (`1, 2/3`); sub-types like `2a` are read as their number.
 */
const TYP_MEANINGS: Record<string, string> = {
  '1': 'Bund regelt und vollzieht',
  '2': 'Bund regelt, Land vollzieht',
  '3': 'Bund regelt, Kommune vollzieht',
  '2/3': 'Bund regelt, Land oder Kommune vollzieht',
  '4': 'Land regelt, Land oder Kommune vollzieht',
  '5': 'Kommune regelt und vollzieht',
};

/**
 * Names of the LeiKa text modules DOMAIN.md documents; others are shown with their code.
 * Modules 02, 03 and 05 are the names and the short text, shown above.
 */
const TEXTMODULE_LABELS: Record<string, string> = {
  '02': 'Leistungsbezeichnung',
  '03': 'Leistungsbezeichnung II',
  '05': 'Kurztext',
  '06': 'Volltext',
  '07': 'Rechtsgrundlagen',
  '08': 'Erforderliche Unterlagen',
  '09': 'Voraussetzungen',
};
const SHOWN_AS_NAMES = new Set(['02', '03', '05']);

const TYPISIERUNG_SOURCES: Record<string, string> = {
  fim: 'laut FIM-Beschreibung (XZuFi)',
  catalogue: 'LeiKa-Typ laut OZG-Katalog',
};

/** "5 (Kommune regelt und vollzieht)"; several Typen joined. */
export function typText(typisierung: string | null): string {
  if (!typisierung) return 'unbekannt';
  return typisierung
    .split(/,\s*/)
    .map((t) => {
      const meaning = TYP_MEANINGS[t] ?? TYP_MEANINGS[t.replace(/[a-z]$/, '')];
      return meaning ? `${t} (${meaning})` : t;
    })
    .join(', ');
}

/** The text in German if there is one (language codes `de`, `de-DE` …), else the first, with its language. */
function localised(texts: Record<string, string>): { text: string; lang: string | null } | null {
  const entries = Object.entries(texts).filter(([, v]) => v && v.trim());
  if (entries.length === 0) return null;
  const german = entries.find(([lang]) => /^de\b/i.test(lang));
  const [lang, text] = german ?? entries[0];
  return { text: text.trim(), lang: german ? null : lang };
}

function prose(texts: Record<string, string>): HtmlValue {
  const t = localised(texts);
  if (!t) return '';
  return t.lang
    ? html`<span lang="${t.lang}" class="prose">${t.text}</span>`
    : html`<span class="prose">${t.text}</span>`;
}

function description(d: FimDescriptionView, schluessel: string, index: number): SafeHtml {
  const modules = d.textmodule.filter((m) => !SHOWN_AS_NAMES.has(m.code) && localised(m.texte));
  const others = d.leistungsschluessel.filter((k) => k !== schluessel);
  const id = `beschreibung-${index + 1}`;
  const validity = d.gueltigkeit
    .map((g) =>
      [
        g.beginn ? `ab ${formatDate(g.beginn.slice(0, 10))}` : '',
        g.ende ? `bis ${formatDate(g.ende.slice(0, 10))}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean);
  return html`<section aria-labelledby="${id}" class="panel">
<h3 id="${id}">Redaktion ${d.redaktion}, FIM-ID ${d.fimId}${d.active ? '' : ' (deaktiviert)'}</h3>
${d.active ? '' : html`<p class="notice notice-warning">Diese Beschreibung wurde${d.deactivatedAt ? html` am <time datetime="${d.deactivatedAt}">${formatDateTime(d.deactivatedAt)}</time>` : ''} gelöscht (XZuFi „loesche“) und wird nur noch zur Nachvollziehbarkeit gezeigt.</p>`}
<dl class="facts">
  <div><dt>Bezeichnung</dt><dd>${prose(d.bezeichnung) || '–'}</dd></div>
  ${localised(d.bezeichnung2) ? html`<div><dt>Bezeichnung II</dt><dd>${prose(d.bezeichnung2)}</dd></div>` : ''}
  <div><dt>Leistungsschlüssel</dt><dd>${d.primary ? 'dieser als erster (primär)' : 'dieser als weiterer'}${others.length ? html`; außerdem ${others.map((k, i) => html`${i > 0 ? ', ' : ''}<a href="/leistungen/${k}" class="key">${k}</a>`)}` : ''}</dd></div>
  <div><dt>Typisierung</dt><dd>${d.typisierung.length ? typText(d.typisierung.join(', ')) : '–'}</dd></div>
  <div><dt>Leistungsadressat (Code)</dt><dd>${d.leistungsadressat.join(', ') || '–'}</dd></div>
  <div><dt>Vertrauensniveau</dt><dd>${d.vertrauensniveau ?? '–'}</dd></div>
  ${validity.length ? html`<div><dt>Gültigkeit</dt><dd>${validity.join('; ')}</dd></div>` : ''}
  <div><dt>XZuFi-Version</dt><dd>${d.xzufiVersion}</dd></div>
  <div><dt>Stand im Atlas</dt><dd><time datetime="${d.updatedAt}">${formatDateTime(d.updatedAt)}</time></dd></div>
</dl>
${localised(d.kurztext) ? html`<h4>Kurztext</h4><p>${prose(d.kurztext)}</p>` : ''}
${modules.map((m) => html`<h4>${TEXTMODULE_LABELS[m.code] ?? `Textmodul ${m.code}`}</h4><p>${prose(m.texte)}</p>`)}
${
  d.versionsinformation && Object.keys(d.versionsinformation).length
    ? html`<p class="meta">Versionsinformation: ${Object.entries(d.versionsinformation)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}</p>`
    : ''
}
</section>`;
}

function ozgSection(l: LeistungDetail, signedIn: boolean): SafeHtml {
  if (!l.ozg) {
    return html`<section aria-labelledby="ozg"><h2 id="ozg">OZG-Leistung</h2>
<p>${l.ozgId !== null ? `Der Katalog nennt die OZG-ID ${l.ozgId}, kennt sie aber nicht.` : 'Diese Leistung gehört im OZG-Katalog zu keiner OZG-Leistung.'}</p></section>`;
  }
  const o = l.ozg;
  return html`<section aria-labelledby="ozg"><h2 id="ozg">OZG-Leistung</h2>
<dl class="facts">
  <div><dt>OZG-ID</dt><dd>${o.ozgId}</dd></div>
  <div><dt>Name</dt><dd>${o.name}</dd></div>
  <div><dt>Themenfeld</dt><dd>${o.themenfeld ?? '–'}</dd></div>
  <div><dt>Lebenslage</dt><dd>${o.lebenslage ?? '–'}</dd></div>
  <div><dt>Katalog</dt><dd>${o.edition}${o.active ? '' : ' (im aktuellen Katalog nicht mehr enthalten)'}</dd></div>
</dl>
<p><a href="/gebiete/DE/ozg?ozg=${o.ozgId}">Umsetzung dieser OZG-Leistung in Deutschland</a>${signedIn ? '' : ' (nach Anmeldung)'}</p>
</section>`;
}

function onlinedienste(l: LeistungDetail): SafeHtml {
  return html`<section aria-labelledby="onlinedienste"><h2 id="onlinedienste">Onlinedienste</h2>
${
  l.onlinedienste.length === 0
    ? html`<p>Kein importierter Onlinedienst nennt diese Leistung.</p>`
    : html`<ul class="results">${l.onlinedienste.map(
        (o) => html`<li><strong>${o.name ?? `Onlinedienst ${o.fimId}`}</strong>${o.active ? '' : ' (deaktiviert)'}
  <span class="meta">Redaktion ${o.redaktion}, FIM-ID ${o.fimId}</span>
  ${o.urls.length ? html`<ul class="plain">${o.urls.map((u) => html`<li>${externalLink(u)}</li>`)}</ul>` : html`<br><span class="meta">ohne Adresse</span>`}</li>`,
      )}</ul>`
}
</section>`;
}

function schemas(l: LeistungDetail): SafeHtml {
  return html`<section aria-labelledby="schemas"><h2 id="schemas">Datenschemata (XDatenfelder)</h2>
${
  l.schemas.length === 0
    ? html`<p>Kein importiertes Datenschema nennt diesen Leistungsschlüssel.</p>`
    : html`<p>Schemata, deren Texte diesen Leistungsschlüssel nennen (im Text gefunden, keine förmliche Zuordnung):</p>
<div class="table-scroll" role="region" aria-labelledby="schemas-tabelle" tabindex="0"><table class="compact">
<caption id="schemas-tabelle">Datenschemata zu ${l.schluessel}</caption>
<thead><tr><th scope="col">Schema</th><th scope="col">Version</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">gefunden im Feld</th></tr></thead>
<tbody>${l.schemas.map(
        (
          s,
        ) => html`<tr><th scope="row"><a href="${elementHref(s.id, s.version)}">${s.id}</a></th><td>${s.version ?? 'ohne Version'}</td>
  <td>${s.name ?? '–'}</td><td>${s.status ?? '–'}</td><td>${s.foundIn}</td></tr>`,
      )}</tbody></table></div>`
}
</section>`;
}

/** `/leistungen/{schluessel}`: names, Typisierung, OZG-Leistung, FIM descriptions, Onlinedienste, schemas. */
export function leistungPage(ctx: ViewContext, l: LeistungDetail): SafeHtml {
  const origin = [l.inCatalogue ? 'OZG-Katalog' : null, l.fromFim ? 'FIM-Import (XZuFi)' : null]
    .filter(Boolean)
    .join(' und ');
  return layout(ctx, {
    title: `${l.name} (${l.schluessel})`,
    breadcrumbs: [
      { label: 'Start', href: '/' },
      { label: 'Suche', href: '/suche' },
      { label: `Leistung ${l.schluessel}` },
    ],
    body: html`<h1>${l.name}<span class="subtitle">Leistungsschlüssel <span class="key">${l.schluessel}</span></span></h1>
${l.active ? '' : html`<p class="notice notice-warning">Diese Leistung ist im aktuellen Katalog nicht mehr enthalten.</p>`}
${l.shortText ? html`<p class="lead">${l.shortText}</p>` : ''}
<dl class="facts">
  ${l.name2 ? html`<div><dt>Bezeichnung II</dt><dd>${l.name2}</dd></div>` : ''}
  <div><dt>Typisierung</dt><dd>${typText(l.typisierung)}${l.typisierungSource ? html`<br><span class="meta">${TYPISIERUNG_SOURCES[l.typisierungSource]}</span>` : ''}</dd></div>
  <div><dt>Vertrauensniveau</dt><dd>${l.vertrauensniveau ?? '–'}</dd></div>
  <div><dt>SDG-relevant</dt><dd>${l.sdgRelevant === null ? 'unbekannt' : l.sdgRelevant ? 'ja' : 'nein'}</dd></div>
  <div><dt>Bekannt aus</dt><dd>${origin || '–'}</dd></div>
</dl>
${l.legalBasis ? html`<dl class="texts"><dt>Rechtsgrundlage</dt><dd class="prose break">${l.legalBasis}</dd></dl>` : ''}
${ozgSection(l, Boolean(ctx.user))}
<section aria-labelledby="beschreibungen"><h2 id="beschreibungen">FIM-Beschreibungen</h2>
${
  l.fimDescriptions.length === 0
    ? html`<p>Zu dieser Leistung ist keine FIM-Beschreibung (XZuFi) importiert.</p>`
    : html`<p>Je Redaktion, die die Leistung beschreibt; Texte ohne HTML.</p>${l.fimDescriptions.map((d, i) => description(d, l.schluessel, i))}`
}
</section>
${onlinedienste(l)}
${schemas(l)}`,
  });
}
