import { html, type SafeHtml } from './html';
import { contactLink, layout, type ViewContext } from './layout';

/**
 * The feedback mechanism § 12b Abs. 2 Nr. 2 BGG requires: the installation's contact
 * (`CONTACT`), or — when the operator has not configured one — a plain statement that it is
 * missing and must be added, instead of pointing to a contact that does not exist.
 */
function feedback(contact: string | null): SafeHtml {
  if (contact) {
    return html`<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie Inhalte in einer anderen
  Form? Dann wenden Sie sich bitte an die Stelle, die diese Installation des E-Government-Atlas betreibt:
  ${contactLink(contact)}.</p>`;
  }
  return html`<div class="notice notice-warning"><p>Für diese Installation des E-Government-Atlas hat die betreibende Stelle
  noch keine Kontaktmöglichkeit für Rückmeldungen hinterlegt. Das muss sie nachholen: Nach § 12b Absatz 2 Nummer 2 des
  Behindertengleichstellungsgesetzes (BGG) und der BITV 2.0 muss die Erklärung zur Barrierefreiheit eine unmittelbar
  zugängliche, elektronische Möglichkeit nennen, Barrieren zu melden und Informationen zu erfragen (Feedback-Mechanismus).</p>
<p>Für den Betrieb: Tragen Sie eine E-Mail-Adresse oder Internetadresse in der Einstellung <code>CONTACT</code> ein; sie
  erscheint dann hier und in der Fußzeile jeder Seite.</p></div>
<p>Bis dahin melden Sie Mängel bitte der Stelle, über die Sie diese Installation nutzen, oder wenden sich an die unten
  genannte Schlichtungsstelle.</p>`;
}

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
  <li>Die <a href="/api/docs">API-Referenz</a> ist eine Seite dieses Dienstes; nur die zusätzliche interaktive Ansicht
    <a href="/api/docs/swagger">/api/docs/swagger</a> verwendet die Fremdsoftware Swagger UI und wurde nicht auf
    Barrierefreiheit geprüft. Dieselben Angaben stehen maschinenlesbar im OpenAPI-Dokument.</li>
  <li>Die Matrix aller Gemeinden eines Gebiets mit mehr als 500 Gemeinden (Länder, Deutschland) gibt es nur als Download
    (CSV, XLSX); die Seite zeigt stattdessen eine Übersicht mit einer Zeile je Kreis und führt zu den Kreisen mit ihrer Matrix.</li>
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
${feedback(ctx.contact ?? null)}

<h2>Schlichtungsverfahren</h2>
<p>Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, können Sie
  sich an die Schlichtungsstelle nach § 16 BGG wenden. Die Schlichtungsstelle BGG hat die Aufgabe, bei Konflikten zum
  Thema Barrierefreiheit zwischen Menschen mit Behinderungen und öffentlichen Stellen des Bundes eine außergerichtliche
  Streitbeilegung zu unterstützen. Das Schlichtungsverfahren ist kostenlos; es muss kein Rechtsbeistand eingeschaltet werden.
  Für Stellen der Länder und Kommunen gelten die entsprechenden Schlichtungs- oder Durchsetzungsstellen des jeweiligen Landes.</p>
<p>Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange
  von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin.<br>
  Internet: <a href="https://www.schlichtungsstelle-bgg.de">https://www.schlichtungsstelle-bgg.de</a></p>`,
  });
}
