import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';

/**
 * The page of a 503 when too many heavy pages are being computed: what happened, when to try
 * again, where to go meanwhile. The limit's name is in `detail` for operators.
 */
export function busyPage(ctx: ViewContext, retryAfterSeconds: number, detail: string): SafeHtml {
  return layout(ctx, {
    title: 'Gerade ausgelastet',
    body: html`<h1>Gerade ausgelastet</h1>
<p class="lead">Im Moment werden zu viele aufwendige Auswertungen gleichzeitig berechnet. Ihre Anfrage wurde nicht bearbeitet.</p>
<p>Bitte laden Sie die Seite in etwa ${retryAfterSeconds} Sekunden erneut.</p>
<p><small>${detail}</small></p>
<h2>Wie weiter?</h2>
<ul>
  <li><a href="/">Zur Startseite</a></li>
  <li><a href="/suche">Kommune oder Leistung suchen</a></li>
</ul>
<p class="status-code">Fehlercode 503</p>`,
  });
}
