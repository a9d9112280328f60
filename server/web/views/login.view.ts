import { errorSummary, inputField } from './forms';
import { html, type SafeHtml } from './html';
import { csrfField, layout, ROLE_LABELS, type ViewContext } from './layout';

/** What the login page shows besides the form. */
export interface LoginState {
  userName?: string;
  returnTo: string;
  /** General problem: wrong credentials, too many attempts. */
  problem?: string;
  loggedOut?: boolean;
  /** No admin exists yet: point to the setup link in the start log. */
  setupPending?: boolean;
}

const setupHint = html`<div class="notice" role="note"><p><strong>Neu installiert?</strong> Es gibt noch kein
  Administrationskonto. Beim Start hat der Server einen einmaligen Einrichtungslink in sein Protokoll geschrieben
  (Zeile „Einrichtung: …/einrichtung?token=…“). Öffnen Sie diesen Link, um das erste Administrationskonto anzulegen;
  nach einem Neustart gilt ein neuer Link.</p></div>`;

/** `/anmeldung`: the login form, or who is signed in. */
export function loginPage(ctx: ViewContext, state: LoginState): SafeHtml {
  if (ctx.user) {
    return layout(ctx, {
      title: 'Anmeldung',
      body: html`<h1>Anmeldung</h1>
<p>Sie sind als <strong>${ctx.user.displayName}</strong> (${ctx.user.userName}) angemeldet, Rolle: ${ROLE_LABELS[ctx.user.role]}.</p>
<form method="post" action="/abmelden">${csrfField(ctx)}<button type="submit">Abmelden</button></form>`,
    });
  }
  return layout(ctx, {
    title: 'Anmeldung',
    body: html`<h1>Anmeldung</h1>
${state.loggedOut ? html`<div class="notice notice-success" role="status"><p>Sie wurden abgemeldet.</p></div>` : ''}
${errorSummary({}, {}, state.problem ? [state.problem] : [])}
${state.setupPending ? setupHint : ''}
<p>Melden Sie sich mit Ihrem Benutzernamen und Passwort an. Einen Zugang erhalten Sie von der Administration
  dieses Atlas: Sie schickt Ihnen einen Einladungslink, mit dem Sie Ihr Passwort selbst festlegen. Passwort vergessen?
  Die Administration kann Ihnen einen neuen Link schicken.</p>
<form method="post" action="/anmeldung" class="form narrow" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="weiter" value="${state.returnTo}">
  ${inputField({ name: 'benutzername', label: 'Benutzername', value: state.userName, autocomplete: 'username', required: true, maxLength: 80 })}
  ${inputField({ name: 'passwort', label: 'Passwort', type: 'password', autocomplete: 'current-password', required: true, maxLength: 200 })}
  <div class="actions"><button type="submit">Anmelden</button></div>
</form>
<p class="hint">Nach zehn Fehlversuchen für einen Benutzernamen ist die Anmeldung für 15 Minuten gesperrt.</p>`,
  });
}
