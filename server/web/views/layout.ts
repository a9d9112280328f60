import type { Role } from '../../../lib/principal';
import { html, raw, when, type HtmlValue, type SafeHtml } from './html';
import { scopeHomes } from './users-home';

/** Who is looking and what every page needs around its content. */
export interface ViewContext {
  /** The signed-in user, if any. */
  user?: { userName: string; displayName: string; role: Role; scopes: string[] };
  /** The session's CSRF token, present whenever the page may contain a form that posts. */
  csrfToken?: string;
  /** Path of the current page, for `aria-current` in the navigation. */
  path: string;
  /** A one-time message from the previous request ("Gespeichert."). */
  flash?: string;
  /** Who runs this installation (`CONTACT`: e-mail address or URL); null when not configured. */
  contact?: string | null;
}

/** A link in the breadcrumb trail. */
export interface Crumb {
  label: string;
  href?: string;
}

/** What a page hands to the layout. */
export interface PageSpec {
  title: string;
  body: HtmlValue;
  breadcrumbs?: Crumb[];
  /** Extra script files from `/static`, loaded deferred. */
  scripts?: string[];
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administration',
  editor: 'Bearbeitung',
  reader: 'Lesezugriff',
};

const NAV: { href: string; label: string; needsLogin?: boolean }[] = [
  { href: '/', label: 'Start' },
  { href: '/suche', label: 'Suche' },
  { href: '/gebiete/DE', label: 'Deutschland', needsLogin: true },
  { href: '/betreiber', label: 'Betreiber', needsLogin: true },
  { href: '/import', label: 'Import', needsLogin: true },
  { href: '/runden', label: 'Runden', needsLogin: true },
  { href: '/api/docs', label: 'API' },
];

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/**
 * The installation's contact as a link: an e-mail address (with or without `mailto:`) or an
 * http(s) address, as `CONTACT` allows (validated in `config.ts`).
 */
export function contactLink(contact: string): SafeHtml {
  if (/^https?:\/\//i.test(contact)) return html`<a href="${contact}">${contact}</a>`;
  const address = contact.replace(/^mailto:/i, '');
  return html`<a href="mailto:${address}">${address}</a>`;
}

/** The hidden CSRF field every posting form carries. */
export function csrfField(ctx: ViewContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
}

function account(ctx: ViewContext): SafeHtml {
  if (!ctx.user) {
    return html`<a class="account-link" href="/anmeldung">Anmelden</a>`;
  }
  const links = [
    ...scopeHomes(ctx.user.scopes),
    ...(ctx.user.role === 'reader' ? [] : [{ href: '/benutzer', label: 'Benutzer' }]),
  ];
  return html`${links.map((l) => html`<a class="account-link" href="${l.href}"${when(isCurrent(ctx.path, l.href), raw(' aria-current="page"'))}>${l.label}</a>`)}
    <p class="account-who">Angemeldet als <strong>${ctx.user.displayName}</strong>
      <span class="account-role">(${ROLE_LABELS[ctx.user.role]}${ctx.user.scopes.length ? `: ${ctx.user.scopes.join(', ')}` : ''})</span></p>
    <form method="post" action="/abmelden" class="inline-form">${csrfField(ctx)}<button type="submit" class="button-link">Abmelden</button></form>`;
}

function breadcrumbs(crumbs: Crumb[] | undefined): HtmlValue {
  if (!crumbs || crumbs.length === 0) return '';
  return html`<nav class="breadcrumbs" aria-label="Brotkrumen"><ol>${crumbs.map((c, i) =>
    i === crumbs.length - 1 || !c.href
      ? html`<li><span aria-current="${i === crumbs.length - 1 ? 'page' : 'false'}">${c.label}</span></li>`
      : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`;
}

/** The one layout of every page: skip link, header with navigation, main, footer. */
export function layout(ctx: ViewContext, page: PageSpec): SafeHtml {
  const nav = NAV.filter((item) => !item.needsLogin || ctx.user);
  return html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} – E-Government-Atlas</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
${(page.scripts ?? []).map((s) => html`<script src="/static/${s}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">◆</span> E-Government-Atlas</a>
    <nav class="main-nav" aria-label="Hauptnavigation"><ul>
      ${nav.map((item) => html`<li><a href="${item.href}"${when(isCurrent(ctx.path, item.href), raw(' aria-current="page"'))}>${item.label}</a></li>`)}
    </ul></nav>
    <div class="account">${account(ctx)}</div>
  </div>
</header>
<main id="inhalt" class="wrap" tabindex="-1">
${breadcrumbs(page.breadcrumbs)}
${ctx.flash ? html`<div class="notice notice-success" role="status"><p>${ctx.flash}</p></div>` : ''}
${page.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <ul class="footer-links">
      <li><a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></li>
      <li><a href="/api/docs">API-Dokumentation</a></li>
      <li><a href="/suche">Kommune oder Leistung suchen</a></li>
      ${ctx.contact ? html`<li>Kontakt zum Betrieb: ${contactLink(ctx.contact)}</li>` : ''}
    </ul>
    <p class="attribution">Gemeindeverzeichnis: © Statistisches Bundesamt (Destatis), GV-ISys, Gebietsstand 31.08.2025,
      <a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland – Namensnennung – Version 2.0</a>.
      OZG-Leistungskatalog: Bundesministerium des Innern, OZG-Umsetzungskatalog (Stand 2019).
      Bestandsangaben stammen von den Kommunen selbst.</p>
  </div>
</footer>
</body>
</html>
`;
}
