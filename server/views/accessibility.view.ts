import { html, type SafeHtml } from './html';
import { layout, type ViewContext } from './layout';

/**
 * `/barrierefreiheit`: the Erklärung zur Barrierefreiheit that § 12b BGG and the BITV 2.0
 * require of public-sector websites, with the structure of the EU model statement.
 */
export function accessibilityPage(ctx: ViewContext): SafeHtml {
  return layout(ctx, {
    title: 'Erklärung zur Barrierefreiheit',
    body: html`<h1>Erklärung zur Barrierefreiheit</h1>
<p class="lead">Öffentliche Stellen sind nach dem Behindertengleichstellungsgesetz (BGG) und der
  Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) verpflichtet, ihre Websites barrierefrei zu gestalten.
  Diese Erklärung gilt für die Weboberfläche des E-Government-Atlas.</p>

<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Die Weboberfläche ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) <strong>weitgehend vereinbar</strong>.
  Die unten genannten Inhalte sind nicht oder nur eingeschränkt barrierefrei.</p>

<h2>Nicht barrierefreie Inhalte</h2>
<ul>
  <li>Die <a href="/api/docs">API-Dokumentation</a> verwendet die Fremdsoftware Swagger UI; sie wurde nicht auf
    Barrierefreiheit geprüft. Dieselben Angaben stehen maschinenlesbar im OpenAPI-Dokument.</li>
  <li>Die Komponentenmatrix großer Gebiete ist eine umfangreiche Tabelle; sie wird für Gebiete mit mehr als 500 Gemeinden
    nur als Download (CSV, XLSX) angeboten und auf der Seite durch Summen ersetzt.</li>
  <li>Heruntergeladene Dateien (CSV, XLSX) sind Datentabellen ohne weitere Auszeichnung.</li>
</ul>

<h2>Wie wir die Barrierefreiheit prüfen</h2>
<ul>
  <li>Jede Seite wird bei jeder Änderung automatisiert in einem echten Browser mit axe-core geprüft; ein Verstoß lässt die
    Tests fehlschlagen.</li>
  <li>Die Bedienung nur mit der Tastatur (Reihenfolge, sichtbarer Fokus, Absenden mit der Eingabetaste) wird in Browsertests geprüft.</li>
  <li>Farben werden nie allein zur Unterscheidung verwendet: die Matrix nennt Status und Betreibertyp zusätzlich als Zeichen und Text,
    das Diagramm hat eine Tabelle als Textalternative.</li>
  <li>Eine Prüfung durch eine externe Prüfstelle (BITV-Test) hat noch nicht stattgefunden.</li>
</ul>
<p>Diese Erklärung wurde am 23. November 2026 auf Grundlage einer Selbstbewertung erstellt.</p>

<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Bitte wenden Sie sich an die Stelle, die diese Instanz des
  E-Government-Atlas betreibt (sie ist auf der Startseite bzw. im Intranet Ihrer Organisation genannt). Wir beantworten
  Ihre Rückmeldung in der Regel innerhalb von zwei Wochen.</p>

<h2>Schlichtungsverfahren</h2>
<p>Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, können Sie
  sich an die Schlichtungsstelle nach § 16 BGG wenden. Die Schlichtungsstelle BGG hat die Aufgabe, bei Konflikten zum
  Thema Barrierefreiheit zwischen Menschen mit Behinderungen und öffentlichen Stellen des Bundes eine außergerichtliche
  Streitbeilegung zu unterstützen. Das Schlichtungsverfahren ist kostenlos; es muss kein Rechtsbeistand eingeschaltet werden.
  Für Stellen der Länder und Kommunen gelten die entsprechenden Schlichtungs- oder Durchsetzungsstellen des jeweiligen Landes.</p>
<p>Kontakt zur Schlichtungsstelle BGG: <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a>.</p>`,
  });
}
