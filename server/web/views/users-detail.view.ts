import type { ManagedUser } from '../../../services/user-admin.service';
import { formatDateTime } from './format';
import { errorSummary, type FieldErrors } from './forms';
import { html, type HtmlValue, type SafeHtml } from './html';
import { csrfField, layout, ROLE_LABELS, type ViewContext } from './layout';
import { roleFields, USER_FIELD_LABELS, userState } from './users.view';

/** A link just issued, shown once to the person who issued it. */
export interface IssuedLinkView {
  url: string;
  expiresAt: string;
}

/** What `/benutzer/{name}` shows. */
export interface UserDetailData {
  user: ManagedUser;
  link?: IssuedLinkView;
  form?: { values: Record<string, string>; errors: FieldErrors };
}

function linkBox(link: IssuedLinkView): SafeHtml {
  return html`<div class="notice notice-success" role="status">
<p><strong>Einladungslink – nur jetzt sichtbar.</strong> Schicken Sie ihn der Person, z. B. per E-Mail. Er gilt
  einmal, bis ${formatDateTime(link.expiresAt)}; danach legen Sie hier einen neuen an.</p>
<label for="f-link">Einladungslink</label>
<input id="f-link" type="text" value="${link.url}" readonly>
</div>`;
}

function actions(ctx: ViewContext, data: UserDetailData): HtmlValue {
  const { user } = data;
  const base = `/benutzer/${encodeURIComponent(user.userName)}`;
  if (!user.manageable) {
    return html`<p>${user.self ? 'Das ist Ihr eigenes Konto; Rolle und Bereich ändert eine andere Person mit Administrationsrechten.' : 'Dieses Konto können Sie nur ansehen.'}</p>`;
  }
  const errors = data.form?.errors ?? {};
  const values = data.form?.values ?? { rolle: user.role, bereich: user.scopes.join(' ') };
  return html`<h2>Rolle und Bereich ändern</h2>
${errorSummary(errors, USER_FIELD_LABELS)}
<form method="post" action="${base}/rolle" class="form narrow" novalidate>
  ${csrfField(ctx)}
  ${roleFields(ctx.user?.role ?? 'reader', values, errors)}
  <div class="actions"><button type="submit">Rolle speichern</button></div>
</form>
<h2>Zugang neu vergeben</h2>
<p>Erzeugt einen neuen Einladungslink. Das bisherige Passwort gilt sofort nicht mehr, offene Sitzungen enden;
  ein gesperrtes Konto wird mit dem neuen Passwort wieder aktiv.</p>
<form method="post" action="${base}/zuruecksetzen" class="inline-form">${csrfField(ctx)}<button type="submit" class="button-secondary">Neuen Einladungslink erzeugen</button></form>
${
  user.disabledAt
    ? ''
    : html`<h2>Sperren</h2>
<p>Die Person kann sich nicht mehr anmelden; offene Sitzungen enden sofort. Die Änderungen der Person bleiben erhalten.</p>
<form method="post" action="${base}/sperren" class="inline-form">${csrfField(ctx)}<button type="submit" class="button-secondary">Konto sperren</button></form>`
}`;
}

/** `/benutzer/{name}`: one account, with role change, reset and deactivation for those who may. */
export function userDetailPage(ctx: ViewContext, data: UserDetailData): SafeHtml {
  const { user } = data;
  return layout(ctx, {
    title: `Benutzer ${user.userName}`,
    breadcrumbs: [{ label: 'Start', href: '/' }, { label: 'Benutzer', href: '/benutzer' }, { label: user.userName }],
    body: html`<h1>${user.displayName}</h1>
${data.link ? linkBox(data.link) : ''}
<dl class="facts">
  <div><dt>Benutzername</dt><dd>${user.userName}</dd></div>
  <div><dt>Rolle</dt><dd>${ROLE_LABELS[user.role]}</dd></div>
  <div><dt>Bereich</dt><dd>${user.scopes.join(', ') || '–'}</dd></div>
  <div><dt>Status</dt><dd>${userState(user)}</dd></div>
  <div><dt>Angelegt</dt><dd>${formatDateTime(user.createdAt)}</dd></div>
</dl>
${actions(ctx, data)}`,
  });
}
