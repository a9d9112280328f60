import { errorSummary, inputField, type FieldErrors } from './forms';
import { html, type SafeHtml } from './html';
import { csrfField, layout, ROLE_LABELS, type ViewContext } from './layout';
import type { Role } from '../../../lib/principal';

const PASSWORD_HINT =
  'Mindestens 12 Zeichen, nicht der Benutzername. Ein Satz aus mehreren Wörtern ist ein gutes Passwort.';

const SETUP_LABELS: Record<string, string> = {
  anzeigename: 'Name',
  benutzername: 'Benutzername oder E-Mail-Adresse',
  passwort: 'Passwort',
  passwort2: 'Passwort wiederholen',
};

/** What the setup form shows again after a problem (never the password). */
export interface SetupForm {
  token: string;
  values: { anzeigename?: string; benutzername?: string };
  errors: FieldErrors;
}

function passwordFields(errors: FieldErrors): SafeHtml {
  return html`${inputField({ name: 'passwort', label: SETUP_LABELS.passwort, type: 'password', autocomplete: 'new-password', required: true, maxLength: 200, hint: PASSWORD_HINT, errors })}
  ${inputField({ name: 'passwort2', label: SETUP_LABELS.passwort2, type: 'password', autocomplete: 'new-password', required: true, maxLength: 200, errors })}`;
}

/** `/einrichtung`: the first admin, created with the setup link from the start log. */
export function setupPage(ctx: ViewContext, form: SetupForm): SafeHtml {
  return layout(ctx, {
    title: 'Einrichtung',
    body: html`<h1>Atlas einrichten</h1>
<p>Legen Sie das erste Administrationskonto an. Damit melden Sie sich anschließend an, laden weitere Personen ein
  und importieren Daten. Der Einrichtungslink gilt nur für dieses eine Konto.</p>
${errorSummary(form.errors, SETUP_LABELS)}
<form method="post" action="/einrichtung" class="form narrow" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="token" value="${form.token}">
  ${inputField({ name: 'anzeigename', label: SETUP_LABELS.anzeigename, value: form.values.anzeigename, autocomplete: 'name', maxLength: 120, hint: 'Wie Sie im Atlas angezeigt werden, z. B. „Erika Mustermann (Landratsamt)“.', errors: form.errors })}
  ${inputField({ name: 'benutzername', label: SETUP_LABELS.benutzername, value: form.values.benutzername, autocomplete: 'username', required: true, maxLength: 80, hint: 'Damit melden Sie sich an: Kleinbuchstaben, Ziffern und . _ @ -', errors: form.errors })}
  ${passwordFields(form.errors)}
  <div class="actions"><button type="submit">Administrationskonto anlegen</button></div>
</form>`,
  });
}

/** The invited account, as the invitation page names it. */
export interface InvitationForm {
  token: string;
  userName: string;
  displayName: string;
  role: Role;
  scopes: string[];
  errors: FieldErrors;
}

/** `/einladung`: an invited (or reset) user chooses their password. */
export function invitationPage(ctx: ViewContext, form: InvitationForm): SafeHtml {
  return layout(ctx, {
    title: 'Einladung annehmen',
    body: html`<h1>Einladung annehmen</h1>
<p>Willkommen, <strong>${form.displayName}</strong>. Ihr Benutzername ist <strong>${form.userName}</strong>,
  Ihre Rolle ${ROLE_LABELS[form.role]}${form.scopes.length ? `, Bereich ${form.scopes.join(', ')}` : ''}.
  Legen Sie jetzt Ihr Passwort fest; danach sind Sie angemeldet. Der Link gilt nur einmal.</p>
${errorSummary(form.errors, SETUP_LABELS)}
<form method="post" action="/einladung" class="form narrow" novalidate>
  ${csrfField(ctx)}
  <input type="hidden" name="token" value="${form.token}">
  <div class="field">
    <label for="f-benutzername">Ihr Benutzername (zum Anmelden)</label>
    <input id="f-benutzername" type="text" name="benutzername" value="${form.userName}" autocomplete="username" readonly>
  </div>
  ${passwordFields(form.errors)}
  <div class="actions"><button type="submit">Passwort festlegen und anmelden</button></div>
</form>`,
  });
}

/** A setup or invitation link that does not work (any more), with what to do instead. */
export function linkRefusedPage(ctx: ViewContext, title: string, reason: string, next: SafeHtml): SafeHtml {
  return layout(ctx, {
    title,
    body: html`<h1>${title}</h1>
<div class="notice notice-warning" role="status"><p>${reason}</p></div>
${next}`,
  });
}
