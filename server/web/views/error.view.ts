import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';

const TITLES: Record<number, { title: string; text: string }> = {
  400: { title: 'Anfrage nicht verständlich', text: 'Die Anfrage enthielt Angaben, die wir nicht verarbeiten können.' },
  403: { title: 'Keine Berechtigung', text: 'Für diese Seite oder Aktion fehlen Ihnen die nötigen Rechte.' },
  404: { title: 'Seite nicht gefunden', text: 'Die aufgerufene Seite gibt es nicht (mehr).' },
  409: { title: 'Nicht möglich', text: 'Die Aktion widerspricht dem aktuellen Stand der Daten.' },
  413: { title: 'Datei zu groß', text: 'Die gesendeten Daten überschreiten die erlaubte Größe.' },
  415: { title: 'Format nicht unterstützt', text: 'Dieses Dateiformat können wir nicht lesen.' },
  429: { title: 'Zu viele Versuche', text: 'Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.' },
  503: {
    title: 'Vorübergehend nicht verfügbar',
    text: 'Die Datenbank kann die Anfrage gerade nicht bearbeiten. Ihre Daten wurden nicht verändert, falls es um eine Änderung ging.',
  },
  500: {
    title: 'Interner Fehler',
    text: 'Bei der Bearbeitung ist ein unerwarteter Fehler aufgetreten. Ihre Daten wurden nicht verändert, falls es um eine Änderung ging.',
  },
};

/** The error page of every HTML error: a heading, what happened, where to go. Never a stack trace. */
export function errorPage(ctx: ViewContext, status: number, message?: string, requestId?: string): SafeHtml {
  const known = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
  // A 503 names the outage (German text from entities/db-errors.ts); other 5xx stay silent.
  const detail = status >= 500 && status !== 503 ? undefined : message;
  return layout(ctx, {
    title: known.title,
    body: html`<h1>${known.title}</h1>
<p class="lead">${known.text}</p>
${detail ? html`<p>${detail}</p>` : ''}
${status >= 500 && requestId ? html`<p>Bitte nennen Sie dem Betrieb diese Anfrage-ID: <code>${requestId}</code></p>` : ''}
${status === 403 && !ctx.user ? html`<p><a href="/anmeldung">Anmelden</a></p>` : ''}
<h2>Wie weiter?</h2>
<ul>
  <li><a href="/">Zur Startseite</a></li>
  <li><a href="/suche">Kommune oder Leistung suchen</a></li>
</ul>
<p class="status-code">Fehlercode ${status}</p>`,
  });
}
